"""The formula box: a valid formula replaces the landscape and the hikers restart on it;
an invalid one is explained inline and the old landscape stays."""

import numpy as np
from PyQt6 import QtCore

from tests.app.test_cli import run
from tests.conftest import frame

Key = QtCore.Qt.Key


def test_a_valid_formula_replaces_the_landscape(qtbot, classroom):
    window, c = classroom
    qtbot.keyClick(window, Key.Key_Right)
    qtbot.keyClick(window, Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
    box = window.formula_box
    assert window.formula_dock.isVisible()
    before = frame(window.view)
    box.text.setText("(w1 - 1)^2 + 3*(w2 + 0.5)^2")
    box.bounds.setText("-2, 3, -2, 2")
    qtbot.keyClick(box.text, Key.Key_Return)
    L = c.scene.landscape
    assert L.name == "formula" and L.bounds == (-2.0, 3.0, -2.0, 2.0)
    assert c.scene.hikes[0].t == 0 and np.allclose(c.scene.hikes[0].start, L.start)
    assert box.gradient.text() == "∂L/∂w1 = 2*(w1 - 1)\n∂L/∂w2 = 6*(w2 + 0.5)"
    assert not np.array_equal(frame(window.view), before)  # the new surface is drawn
    qtbot.keyClick(window, Key.Key_Right)
    w = c.scene.hikes[0].positions()
    assert np.allclose(w[1], w[0] - 0.1 * np.array([2 * (w[0, 0] - 1), 6 * (w[0, 1] + 0.5)]))


def test_an_invalid_formula_is_explained_and_changes_nothing(qtbot, classroom):
    window, c = classroom
    box = window.formula_box
    old = c.scene.landscape
    for text, part in [("__import__('os').system('id')", "__import__"), ("w1 + x", "x"), ("sin(w1", "position")]:
        box.text.setText(text)
        assert not box.apply()
        assert part in box.error.text()
        assert c.scene.landscape is old
    box.text.setText("w1^2")
    box.bounds.setText("1, 0, 0, 1")
    assert not box.apply() and "bounds" in box.error.text() and c.scene.landscape is old


def test_formula_overflow_shows_gaps_not_a_crash(qtbot, classroom):
    window, _c = classroom
    box = window.formula_box
    box.text.setText("exp(w1^4) + w2^2")
    box.bounds.setText("-6, 6, -2, 2")
    assert box.apply()
    terrain = window.view.terrain
    assert len(terrain.faces) < 2 * (terrain.n - 1) ** 2  # faces over overflowing loss are left out
    assert np.all(np.isfinite(terrain.vertices))
    assert frame(window.view).std() > 5


def test_trace_with_a_formula_matches_the_closed_form():
    code, out, err = run(
        [
            "trace",
            "--formula",
            "(w1 - 1)^2 + w2^2",
            "--bounds",
            "-3,3,-3,3",
            "--lr",
            "0.25",
            "--steps",
            "1",
            "--start",
            "-1,2",
        ]
    )
    assert code == 0 and err == ""
    rows = out.strip().splitlines()
    assert rows[1] == "0,-1.0,2.0,8.0,-4.0,4.0,0"
    assert rows[2] == "1,0.0,1.0,2.0,-2.0,2.0,128"


def test_bad_formula_on_the_command_line_is_one_line():
    code, out, err = run(["trace", "--formula", "w1 + __import__('os')", "--steps", "1"])
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "__import__" in err


def test_small_losses_read_as_plain_numbers_and_a_long_error_keeps_the_dock_narrow(qtbot, classroom):
    window, _c = classroom
    qtbot.keyClick(window, Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)  # the formula box
    box = window.formula_box
    box.text.setText("0.001*(w1^2 + w2^2)")  # losses of about 0.001…0.018 on the map
    assert box.apply()
    qtbot.keyClick(window, Key.Key_Right, QtCore.Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(50)
    axis = window.loss_plot.getPlotItem().getAxis("left")
    assert axis.autoSIPrefixScale == 1.0 and "x0.001" not in axis.labelString()  # not "loss (x0.001)"
    qtbot.keyClick(window, Key.Key_F5)  # presentation mode restyles the axes with data on them
    qtbot.wait(50)
    assert axis.autoSIPrefixScale == 1.0  # ticks at 0.01, not 10 (pyqtgraph 0.14 scaled them silently)
    qtbot.keyClick(window, Key.Key_F5)
    qtbot.wait(50)
    width = window.formula_dock.width()
    box.text.setText("__import__('os').system('echo ' + 'a very long command line that goes on and on and on')")
    assert not box.apply()
    qtbot.wait(50)
    assert window.formula_dock.width() <= width + 2  # the message wraps or clips; the mountain keeps its room
