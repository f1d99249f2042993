"""The classroom window driven as a teacher drives it: keys in, core state and pixels checked."""

from __future__ import annotations

import html

import numpy as np
import pytest
from PyQt6 import QtCore, QtGui

from foghike.app.actions import ACTIONS, key_text
from foghike.app.hiker_glyph import PIN
from tests.conftest import close_window, frame

Key = QtCore.Qt.Key
VERMILLION = np.array([213, 94, 0])


def press(qtbot, window, key, mod=QtCore.Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(window, key, mod)


def grad_fd(L, w, h=1e-6):
    """∇L by central differences: independent of the landscape's own gradient code."""
    e = np.eye(2) * h
    return np.array([(L.value(w + e[i]) - L.value(w - e[i])) / (2 * h) for i in range(2)])


def marker_pixel(view, i=0):
    top = view.hiker_point(i) + np.array([0, 0, PIN])
    x, y = view.to_pixels(top)[0]
    dpr = view.devicePixelRatioF()
    return round(x * dpr), round(y * dpr)


def is_hiker_colour(rgb):
    return np.abs(rgb.astype(int) - VERMILLION).max() < 40


def test_right_arrow_takes_the_lecture_step(qtbot, classroom):
    window, c = classroom
    hike = c.scene.hikes[0]
    w0 = hike.position
    g = grad_fd(c.scene.landscape, w0)
    press(qtbot, window, Key.Key_Right)
    assert hike.t == 1
    assert np.allclose(hike.position, w0 - hike.lr * g, atol=1e-8)  # new = old − lr·gradient
    vals = window.readout.values()
    assert vals["iteration"] == "1"
    assert vals["w₁"] == f"{hike.position[0]:.3f}"


def test_steps_move_the_hiker_on_screen(qtbot, classroom):
    window, c = classroom
    view = window.view
    before = frame(view)
    x0, y0 = marker_pixel(view)
    assert is_hiker_colour(before[y0, x0])
    press(qtbot, window, Key.Key_Right, QtCore.Qt.KeyboardModifier.ShiftModifier)  # ten steps
    assert c.scene.hikes[0].t == 10
    qtbot.wait(50)
    after = frame(view)
    x1, y1 = marker_pixel(view)
    assert np.hypot(x1 - x0, y1 - y0) > 40  # the hiker walked visibly far
    assert is_hiker_colour(after[y1, x1])
    assert not is_hiker_colour(after[y0, x0])  # and is no longer where it stood


def test_left_arrow_restores_the_exact_previous_state_and_picture(qtbot, classroom):
    window, c = classroom
    hike = c.scene.hikes[0]
    press(qtbot, window, Key.Key_Right, times=3)
    pos3, opt3, pic3 = hike.position, hike.optimizer.snapshot(), frame(window.view)
    press(qtbot, window, Key.Key_Right)
    assert not np.array_equal(hike.position, pos3)
    press(qtbot, window, Key.Key_Left)
    assert hike.t == 3
    assert np.array_equal(hike.position, pos3)
    assert all(np.array_equal(v, opt3[k]) for k, v in hike.optimizer.snapshot().items())
    assert np.array_equal(frame(window.view), pic3)


def test_lifting_the_fog_reveals_terrain_but_not_at_the_hiker(qtbot, classroom):
    window, c = classroom
    view = window.view
    press(qtbot, window, Key.Key_Right, times=4)
    fogged = frame(view).astype(int)
    press(qtbot, window, Key.Key_H)
    assert c.options.fog_lifted and c.actions["lift_fog"].isChecked()
    lifted = frame(view).astype(int)
    # the global valley, far from this hiker's path, was hidden and now shows its colours
    valley = c.scene.landscape.minima[0]
    vx, vy = view.to_pixels(view.terrain.lift(valley))[0].round().astype(int)
    patch = np.s_[vy - 6 : vy + 6, vx - 6 : vx + 6]
    assert np.abs(lifted[patch] - fogged[patch]).mean() > 25
    # the fogged terrain looked like the sky there; lifted it is the colormap's dark valley
    assert lifted[patch].mean() < fogged[patch].mean() - 25
    # at the hiker nothing changes
    x, y = marker_pixel(view)
    assert np.array_equal(lifted[y - 4 : y + 5, x - 4 : x + 5], fogged[y - 4 : y + 5, x - 4 : x + 5])
    press(qtbot, window, Key.Key_H)
    assert np.array_equal(frame(view).astype(int), fogged)  # lowered again: the same picture


def test_diverging_learning_rate_is_shown_and_rendering_goes_on(qtbot, classroom):
    window, c = classroom
    c.landscape_actions["bowl"].trigger()  # Landscape menu → bowl: plain descent diverges for lr > 1
    press(qtbot, window, Key.Key_BracketRight, times=8)
    assert c.scene.hikes[0].lr == 3.0
    press(qtbot, window, Key.Key_Right, QtCore.Qt.KeyboardModifier.ShiftModifier, times=3)
    hike = c.scene.hikes[0]
    assert hike.status == "diverged"
    assert window.readout.values()["status"].startswith("diverged")
    assert "diverged" in window.readout.text()
    assert "diverged at step" in window.statusBar().currentMessage()
    layer = window.view.layer
    assert np.all(np.isfinite(layer.trail.pos)) and np.all(np.isfinite(layer.markers.pos))
    pic = frame(window.view)
    assert pic.std() > 10  # still a real picture, not a blank or black frame
    press(qtbot, window, Key.Key_Right)  # more steps are harmless
    assert hike.status == "diverged"


def test_learning_rate_keys_walk_the_ladder(qtbot, classroom):
    window, c = classroom
    assert c.scene.hikes[0].lr == 0.1
    press(qtbot, window, Key.Key_BracketRight)
    assert c.scene.hikes[0].lr == 0.3 and window.readout.values()["learning rate"] == "0.3"
    press(qtbot, window, Key.Key_BracketLeft, times=2)
    assert c.scene.hikes[0].lr == 0.03


def test_holding_right_keeps_stepping(qtbot, classroom):
    window, c = classroom
    for i in range(15):  # a held key: one press, then auto-repeated presses
        ev = QtGui.QKeyEvent(
            QtCore.QEvent.Type.KeyPress, Key.Key_Right, QtCore.Qt.KeyboardModifier.NoModifier, "", i > 0
        )
        QtGui.QGuiApplication.sendEvent(window, ev)
        qtbot.wait(5)
    assert c.scene.hikes[0].t == 15


def test_space_plays_and_pauses(qtbot, classroom):
    window, c = classroom
    press(qtbot, window, Key.Key_Equal, times=3)  # faster
    press(qtbot, window, Key.Key_Space)
    qtbot.waitUntil(lambda: c.scene.hikes[0].t >= 3, timeout=5000)
    press(qtbot, window, Key.Key_Space)
    t = c.scene.hikes[0].t
    qtbot.wait(300)
    assert c.scene.hikes[0].t == t


def test_reset_and_click_on_the_map_choose_the_start(qtbot, classroom):
    window, c = classroom
    press(qtbot, window, Key.Key_Right, times=3)
    press(qtbot, window, Key.Key_R)
    assert c.scene.hikes[0].t == 0
    m = window.map
    target = QtCore.QPointF(1.0, -2.0)
    scene_pt = m.plotItem.getViewBox().mapViewToScene(target)
    px = m.mapFromScene(scene_pt)
    qtbot.mouseClick(m.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=px)
    assert np.allclose(c.scene.hikes[0].position, [1.0, -2.0], atol=0.05)


@pytest.mark.parametrize("target", [(-0.1, 0.15), (-2.0, -2.5), (2.5, 2.5)])
def test_double_click_on_the_surface_starts_there(qtbot, classroom, target):
    window, c = classroom
    view = window.view
    target = np.array(target)  # visible points: the summit, the near left slope, the far corner
    x, y = view.to_pixels(view.terrain.lift(target))[0]
    qtbot.mouseDClick(view, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(round(x), round(y)))
    assert np.allclose(c.scene.hikes[0].position, target, atol=0.06)
    assert view.pick(2, 2) is None  # the sky above the mountain is not a start


def test_every_action_has_its_key_and_is_in_the_cheat_sheet(qtbot, classroom):
    window, c = classroom
    for spec in ACTIONS:
        act = c.actions[spec.name]
        assert act.shortcut().toString() == QtGui.QKeySequence(spec.shortcut).toString()
    press(qtbot, window, Key.Key_Question)
    assert window.cheatsheet.isVisible()
    text = window.cheatsheet.text()
    for spec in ACTIONS:
        if spec.shortcut:
            assert html.escape(key_text(spec.shortcut)) in text and html.escape(spec.text) in text


def test_options_persist_in_qsettings(qtbot, classroom, settings):
    window, c = classroom
    press(qtbot, window, Key.Key_K)  # contour lines off
    press(qtbot, window, Key.Key_L)  # log height on
    assert not c.options.contours and c.options.log_height
    window.close()  # the teacher quits …
    from foghike.app.main import build

    w2, c2 = build(settings, glide=False)  # … and starts foghike again
    w2.show()
    qtbot.waitExposed(w2)
    assert not c2.options.contours and c2.options.log_height
    assert not c2.actions["contours"].isChecked() and c2.actions["log_height"].isChecked()
    close_window(qtbot, w2)


@pytest.mark.parametrize("key", [Key.Key_F, Key.Key_K, Key.Key_L, Key.Key_M, Key.Key_P, Key.Key_D])
def test_view_keys_change_the_picture(qtbot, classroom, key):
    window, _c = classroom
    press(qtbot, window, Key.Key_Right, times=3)
    press(qtbot, window, Key.Key_H)  # lift the fog so the terrain's look is visible
    before = frame(window.view)
    press(qtbot, window, key)
    assert not np.array_equal(frame(window.view), before)
