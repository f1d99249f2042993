"""Lessons in the window, driven by keys: each one loads and renders for real, PageDown / PageUp
walk the lecture, the learning loop's N key, and a bad lesson file that changes nothing."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PyQt6 import QtCore

from foghike.core.lesson import builtin_lessons
from tests.conftest import frame
from tests.core.test_lesson import good

Key = QtCore.Qt.Key
LESSONS = [le.id for le in builtin_lessons()]


def wait_open(qtbot, c, name):
    qtbot.waitUntil(
        lambda: not c.loader.busy and c.teaching.lesson is not None and c.teaching.lesson.id == name, timeout=90000
    )


@pytest.mark.parametrize("name", LESSONS)
def test_every_lesson_loads_and_renders(qtbot, classroom, name):
    window, c = classroom
    i = LESSONS.index(name)
    window.menus["Lessons"].actions()[-len(LESSONS) + i].trigger()  # Lessons menu → that lesson
    wait_open(qtbot, c, name)
    le = c.teaching.lesson
    assert window.lesson_dock.isVisible()
    assert le.title in window.lesson_pane.text.toPlainText()
    for panel, dock in window.panel_docks().items():
        assert dock.isVisible() == (panel in le.panels), panel
    assert c.options.hikers_fog == le.view.get("hikers_fog", True)
    before = frame(window.view)
    qtbot.keyClick(window, Key.Key_Right)
    assert all(h.t == le.steps + 1 or h.diverged for h in c.scene.hikes)
    after = frame(window.view)
    assert len(np.unique(after.reshape(-1, 3)[::13], axis=0)) > 50  # a real picture, not a blank frame
    assert not np.array_equal(before, after)  # the step is drawn


def test_page_down_and_up_walk_the_lecture(qtbot, classroom):
    window, c = classroom
    qtbot.keyClick(window, Key.Key_PageDown)
    assert c.teaching.lesson.id == LESSONS[0]
    qtbot.keyClick(window, Key.Key_PageDown)
    assert c.teaching.lesson.id == LESSONS[1] and c.scene.landscape.name == "bowl"
    assert [h.lr for h in c.scene.hikes] == [0.9, 1.0, 1.1]
    qtbot.keyClick(window, Key.Key_PageUp)
    assert c.teaching.lesson.id == LESSONS[0] and len(c.scene.hikes) == 1
    assert "lesson 1 of 8" in window.lesson_pane.text.toPlainText()


def test_n_walks_the_learning_loop_stage_by_stage(qtbot, classroom):
    window, c = classroom
    c.teaching.open_named("learning-loop")
    panel = window.loop_panel
    assert window.loop_dock.isVisible()
    h = c.scene.hikes[0]
    w = h.position.copy()
    g = h.gradient.copy()
    highlighted = []
    for _ in range(4):
        highlighted.append(next(s for s, lab in panel.boxes.items() if "e69f00" in lab.styleSheet()))
        qtbot.keyClick(window, Key.Key_N)
    assert highlighted == ["forward", "loss", "backward", "update"]
    assert h.t == 1 and np.allclose(h.position, w - 0.1 * g)
    assert "e69f00" in panel.boxes["forward"].styleSheet()
    upd = panel.texts()["update"]
    nxt = h.next_position()
    assert f"= {nxt[0]:.3f}" in upd and f"0.1 × {h.gradient[0]:.3f}" in upd


def test_a_bad_lesson_file_explains_itself_and_changes_nothing(qtbot, classroom, tmp_path):
    window, c = classroom
    c.teaching.open_named("learning-rate-too-high")
    c.scene.step(3)
    P = [h.positions().copy() for h in c.scene.hikes]
    pane = window.lesson_pane.text.toPlainText()
    bad = {**good(), "keys": ["warp_drive"]}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert not c.teaching.open_lesson_file(path)
    assert "unknown action 'warp_drive'" in c.last_error and "mine.json" in c.last_error
    assert c.teaching.lesson.id == "learning-rate-too-high"
    assert window.lesson_pane.text.toPlainText() == pane
    assert all(np.array_equal(h.positions(), p) for h, p in zip(c.scene.hikes, P))
    c._error_box.close()
    path.write_text('{"schema": "foghike-lesson", "versi', encoding="utf-8")  # truncated
    assert not c.teaching.open_lesson_file(path)
    assert "not complete JSON" in c.last_error
    assert all(np.array_equal(h.positions(), p) for h, p in zip(c.scene.hikes, P))


def test_a_teachers_own_lesson_opens(qtbot, classroom, tmp_path):
    window, c = classroom
    doc = {
        **good(),
        "title": "Our own ravine",
        "landscape": {"formula": "w1^2 + 10*w2^2", "bounds": [-3, 3, -1, 1]},
        "hikers": [{"optimizer": "sgd", "hyper": {"lr": 0.05}, "start": [-2.5, 0.8]}],
        "panels": ["hikers"],
        "narrative": ["A ravine of our own."],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert c.teaching.open_lesson_file(path)
    assert c.scene.landscape.bounds == (-3, 3, -1, 1)
    assert np.array_equal(c.scene.hikes[0].position, [-2.5, 0.8])
    assert "Our own ravine" in window.lesson_pane.text.toPlainText() and window.hikers_dock.isVisible()


def test_a_lesson_file_on_the_command_line_opens_the_window_on_it(qtbot, settings, tmp_path):
    from foghike.app.main import build
    from tests.conftest import close_window

    doc = {
        **good(),
        "title": "From the command line",
        "landscape": {"name": "booth"},
        "hikers": [{"optimizer": "adam", "hyper": {"lr": 0.2}}],
        "narrative": ["Booth's function."],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    window, c = build(settings, glide=False, lesson=str(path))
    assert c.teaching.lesson.title == "From the command line"
    assert c.scene.landscape.name == "booth" and c.scene.hikes[0].optimizer.name == "adam"
    close_window(qtbot, window)


def test_too_high_lesson_reads_falling_flat_rising_from_the_first_step(qtbot, classroom):
    # w ← (1 − 2·lr)·w on the bowl: factors −0.8, −1 and −1.2, so the losses shrink by 0.64,
    # stay put and grow by 1.44 each step: "descending", then "bouncing" twice, after one key press
    window, c = classroom
    c.teaching.open_named("learning-rate-too-high")
    wait_open(qtbot, c, "learning-rate-too-high")
    qtbot.keyClick(window, Key.Key_Right)
    assert window.hikers_panel.statuses() == ["descending", "bouncing", "bouncing"]
    for _ in range(2):
        qtbot.keyClick(window, Key.Key_Right, QtCore.Qt.KeyboardModifier.ShiftModifier)
    losses = [h.loss for h in c.scene.hikes]
    assert losses == pytest.approx([2.25 * 0.64**21, 2.25, 2.25 * 1.44**21])
    assert window.hikers_panel.statuses() == ["descending", "bouncing", "bouncing"]
    # step 22 takes |w₁| from 1.2·1.2²¹ ≈ 55 to 1.2·1.2²² ≈ 66, past the map's ±10 diagonals
    # (10·4√2 ≈ 56.6): diverged, standing at its last finite point
    qtbot.keyClick(window, Key.Key_Right)
    assert window.hikers_panel.statuses() == ["descending", "bouncing", "diverged"]
    assert c.scene.hikes[2].t == 21 and np.all(np.isfinite(c.scene.hikes[2].positions()))
