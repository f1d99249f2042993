"""The comparison set-ups driven by their keys; panels checked against the core."""

from __future__ import annotations

import numpy as np
from PyQt6 import QtCore

from foghike.core import log_rates, restart_tally, sweep, too_high_rate
from tests.conftest import frame

Key = QtCore.Qt.Key
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window, key, mod=QtCore.Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(window, key, mod)


def test_one_key_compares_learning_rates(qtbot, classroom):
    window, c = classroom
    start = c.scene.hikes[0].start.copy()
    press(qtbot, window, Key.Key_1)
    specs = c.scene.specs
    assert [s.lr for s in specs] == [0.001, 0.01, 0.1, too_high_rate(c.scene.landscape, start)]
    assert all(np.array_equal(h.start, start) for h in c.scene.hikes)
    assert window.hikers_dock.isVisible() and window.sweep_dock.isVisible()
    panel = window.sweep_panel
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20000)
    assert len(panel.result.lrs) == 200 and len(panel.marks) == 4
    assert panel.region_of(0.001) == "too low"
    # the panel's sweep is the core's: same best rate as a direct run
    direct = sweep(c.scene.landscape, "sgd", log_rates(1e-4, 10.0, 200), 100, start=start)
    assert panel.result.best_lr() == direct.best_lr()
    press(qtbot, window, Key.Key_Right, SHIFT, times=6)
    statuses = window.hikers_panel.statuses()
    assert statuses == [h.status for h in c.scene.hikes]
    assert statuses[3] in ("bouncing", "diverged") or np.any(np.diff(c.scene.hikes[3].losses()) > 0)


def test_sweep_recomputes_off_the_gui_thread_when_k_changes(qtbot, classroom):
    window, _c = classroom
    press(qtbot, window, Key.Key_1)
    panel = window.sweep_panel
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20000)
    panel.steps.setValue(300)
    qtbot.waitUntil(lambda: panel.result.steps == 300, timeout=20000)
    assert panel._worker is not None and panel._worker is not QtCore.QThread.currentThread()


def test_two_compares_descent_types(qtbot, classroom):
    window, c = classroom
    press(qtbot, window, Key.Key_2)
    assert [(s.mode, s.batch_size) for s in c.scene.specs] == [("batch", None), ("sgd", None), ("minibatch", 32)]
    assert len({s.lr for s in c.scene.specs}) == 1 and len({s.start for s in c.scene.specs}) == 1
    assert window.descent_dock.isVisible()
    press(qtbot, window, Key.Key_Right, SHIFT, times=13)  # 130 updates: SGD passes one epoch
    rows = window.descent_panel.rows()
    assert [r[1] for r in rows] == ["1", "128", "4"]  # updates per epoch, N = 128
    assert [r[2] for r in rows] == ["128", "1", "32"]  # samples per update
    noise = [float(r[3]) for r in rows]
    assert noise[0] == 0.0 and noise[1] > noise[2] > 0.0
    table = window.descent_panel.table
    assert table.item(1, 1).text() == "128"
    # every descent type's row is in view at once (no scrolling to find the third)
    for i in range(3):
        rect = table.visualItemRect(table.item(i, 0))
        assert table.viewport().rect().contains(rect), (i, rect, table.viewport().rect())
    batch, sgd_ = c.scene.hikes[0], c.scene.hikes[1]
    assert not np.allclose(batch.positions()[:20], sgd_.positions()[:20])


def test_three_compares_optimizers_on_the_ravine(qtbot, classroom):
    window, c = classroom
    press(qtbot, window, Key.Key_3)
    assert c.scene.landscape.name == "ravine"
    assert [h.optimizer.name for h in c.scene.hikes] == ["sgd", "sgd", "sgd", "rmsprop", "adam"]
    assert c.scene.hikes[2].optimizer.settings["nesterov"]
    press(qtbot, window, Key.Key_Right, SHIFT, times=2)
    press(qtbot, window, Key.Key_H)  # lift the fog
    window.view.setCameraPosition(elevation=89)  # straight down: nothing hides the arrows
    before = frame(window.view)
    press(qtbot, window, Key.Key_V)  # split each step into its slope part and its momentum part
    layer = window.view.layer
    assert layer.mom_arrow.visible() and layer.grad_arrow.visible()
    assert not np.array_equal(frame(window.view), before)


def test_four_drops_random_restarts_and_tallies_them(qtbot, classroom):
    window, c = classroom
    press(qtbot, window, Key.Key_4)
    assert len(c.scene.hikes) == 12 and c.scene.colour_by == "basin"
    press(qtbot, window, Key.Key_Right, SHIFT, times=25)
    ends = np.array([h.position for h in c.scene.hikes])
    losses = np.array([h.loss for h in c.scene.hikes])
    tally = restart_tally(c.scene.landscape, ends, losses)
    assert window.hikers_panel.tally.text().startswith(tally["text"])
    assert tally["text"] in window.statusBar().currentMessage()
    layer = window.view.layer
    assert layer.best == int(np.argmin(losses))
    # colours follow the valleys: hikers share a colour exactly when they share a valley
    for i in range(12):
        for j in range(12):
            same = tally["basins"][i] == tally["basins"][j]
            assert (layer.colours[i] == layer.colours[j]) == same


def test_hikers_panel_edits_the_scene_and_follows_it(qtbot, classroom):
    window, c = classroom
    panel = window.hikers_panel
    press(qtbot, window, Key.Key_Right, times=2)
    panel.table.selectRow(0)
    panel.hyper_fields["lr"].setText("0.05")
    qtbot.mouseClick(panel.apply_button, QtCore.Qt.MouseButton.LeftButton)
    assert c.scene.current_hyper(0)["lr"] == 0.05 and c.scene.hikes[0].lr == 0.05 and c.scene.hikes[0].t == 2
    panel.hyper_fields["lr"].setText("abc")
    qtbot.mouseClick(panel.apply_button, QtCore.Qt.MouseButton.LeftButton)
    assert "lr" in panel.error.text() and c.scene.hikes[0].lr == 0.05  # unchanged
    panel.hyper_fields["lr"].setText("0.2")
    panel.optimizer.setCurrentText("adam")
    panel.hyper_fields["lr"].setText("0.2")
    panel.name.setText("Ada")
    qtbot.mouseClick(panel.add_button, QtCore.Qt.MouseButton.LeftButton)
    assert len(c.scene.hikes) == 2 and c.scene.hikes[1].optimizer.name == "adam" and c.scene.specs[1].name == "Ada"
    assert len(window.view.layer.colours) == 2 and len(window.loss_plot.curves) == 2
    c.scene.edit_hiker(1, name="Adam the hiker")  # model → widget
    assert panel.table.item(1, 0).text() == "Adam the hiker"
    panel.table.selectRow(1)
    qtbot.mouseClick(panel.remove_button, QtCore.Qt.MouseButton.LeftButton)
    assert len(c.scene.hikes) == 1
    press(qtbot, window, Key.Key_0)
    assert len(c.scene.hikes) == 1 and c.scene.specs[0].name == "hiker"
