"""Scenes in the window: save, open, a bad file changes nothing, the last scene comes back."""

import numpy as np
from PyQt6 import QtCore

from foghike.app.main import build
from tests.app.test_cli import run
from tests.conftest import close_window

Key = QtCore.Qt.Key


def test_save_then_open_restores_the_scene_exactly(qtbot, classroom, tmp_path):
    window, c = classroom
    qtbot.keyClick(window, Key.Key_1)  # four hikers
    qtbot.keyClick(window, Key.Key_Right, QtCore.Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Key.Key_K)  # contour lines off
    path = tmp_path / "lesson.foghike.json"
    assert c.save_scene(path)
    saved = [h.positions() for h in c.scene.hikes]
    qtbot.keyClick(window, Key.Key_0)  # back to one hiker, somewhere else
    qtbot.keyClick(window, Key.Key_K)
    assert c.open_scene(path)
    assert len(c.scene.hikes) == 4 and len(window.view.layer.colours) == 4
    assert all(np.array_equal(a, h.positions()) for a, h in zip(saved, c.scene.hikes))
    assert not c.options.contours and not c.actions["contours"].isChecked()
    assert window.readout.values()["iteration"] == "10"


def test_a_bad_scene_file_explains_itself_and_changes_nothing(qtbot, classroom, tmp_path):
    window, c = classroom
    qtbot.keyClick(window, Key.Key_Right)
    before = c.scene.hikes[0].positions()
    bad = tmp_path / "bad.foghike.json"
    bad.write_text('{"schema": "foghike-scene", "version": 1, "landscape": {"name": "everest"}, "hikers": []}')
    assert not c.open_scene(bad)
    assert "unknown landscape 'everest'" in c.last_error
    assert c._error_box.isVisible() and "everest" in c._error_box.text()
    assert np.array_equal(c.scene.hikes[0].positions(), before) and c.scene.landscape.name == "mountains"
    assert not c.open_scene(tmp_path / "vanished.foghike.json")
    assert "no such file" in c.last_error


def test_the_last_scene_comes_back_on_start_unless_turned_off(qtbot, settings):
    # this test opens and closes its windows itself (a teacher quitting and starting again)
    w1, c1 = build(settings, glide=False)
    c1.set_landscape("ravine")
    c1.scene.step(4)
    positions = c1.scene.hikes[0].positions()
    w1.close()  # saves the scene beside the settings file
    assert c1.last_scene_path().exists()
    w2, c2 = build(settings, glide=False)
    assert c2.scene.landscape.name == "ravine" and np.array_equal(c2.scene.hikes[0].positions(), positions)
    c2.actions["restore_last"].setChecked(False)
    close_window(qtbot, w2)
    w3, c3 = build(settings, glide=False)
    assert c3.scene.landscape.name == "mountains" and c3.scene.hikes[0].t == 0
    close_window(qtbot, w1)
    close_window(qtbot, w3)


def test_command_line_rejects_a_bad_scene_in_one_line(tmp_path):
    bad = tmp_path / "x.foghike.json"
    bad.write_text("{ truncated")
    code, _out, err = run([str(bad)])
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not complete JSON" in err
    code, _out, err = run([str(tmp_path / "missing.foghike.json")])
    assert code == 2 and "no such file" in err
