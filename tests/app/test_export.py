"""Pictures and animations for slides, rendered for real (Xvfb + Mesa): sizes at each scale,
transparency, caption, window and clipboard, GIF / APNG frame counts, cancel, and the CLI."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image
from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.app.export import PictureOptions, caption_text, record_frames
from tests.app.test_render import foghike
from tests.app.test_window import is_hiker_colour, marker_pixel

Key = QtCore.Qt.Key


def rgba(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    a = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine())[:, : img.width() * 4]
    return a.reshape(img.height(), img.width(), 4).copy()


@pytest.mark.parametrize("k", [1, 2, 4])
def test_png_of_the_view_at_each_scale(qtbot, classroom, tmp_path, k):
    window, c = classroom
    c.actions["lift_fog"].setChecked(True)
    out = tmp_path / f"view{k}.png"
    assert c.teaching.save_view(out, PictureOptions(scale=k, caption=False))
    img = QtGui.QImage(str(out))
    v = window.view
    assert (img.width(), img.height()) == (v.width() * k, v.height() * k)
    # supersampled, not upscaled: the hiker's disc is where the camera puts it, in the hiker's colour,
    # and the picture has k× the detail (many more distinct colours than the 1× grab)
    x, y = marker_pixel(v)
    a = rgba(img)
    assert is_hiker_colour(a[round(y * k), round(x * k), :3])
    assert len(np.unique(a[..., :3].reshape(-1, 3), axis=0)) > 1000


def test_transparent_background_and_caption(qtbot, classroom, tmp_path):
    window, c = classroom
    c.actions["lift_fog"].setChecked(True)
    for _ in range(3):
        qtbot.keyClick(window, Key.Key_Right)
    plain = rgba(c.teaching.view_image(PictureOptions(2, transparent=False, caption=False)))
    see_through = rgba(c.teaching.view_image(PictureOptions(2, transparent=True, caption=False)))
    assert plain[..., 3].min() == 255
    assert see_through[2, 2, 3] == 0 and see_through[-3, -3, 3] == 0  # the sky is gone
    x, y = marker_pixel(window.view)
    assert see_through[round(2 * y), round(2 * x), 3] == 255  # the hiker is solid
    captioned = rgba(c.teaching.view_image(PictureOptions(2, caption=True)))
    h = captioned.shape[0]
    strip = (slice(h - 120, h), slice(0, 600))
    assert not np.array_equal(captioned[strip], plain[strip])  # the caption is drawn bottom left
    assert "iteration 3" in caption_text(c.scene)


def test_ctrl_shift_s_window_and_ctrl_c_clipboard(qtbot, classroom, tmp_path, monkeypatch):
    window, _c = classroom
    out = tmp_path / "window.png"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.keyClick(
        window, Key.Key_S, QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier
    )
    img = QtGui.QImage(str(out))
    dpr = window.devicePixelRatioF()
    assert (img.width(), img.height()) == (round(window.width() * dpr), round(window.height() * dpr))
    # the 3D view's own pixels are in it (a plain widget grab shows GL widgets blank)
    x, y = marker_pixel(window.view)
    top_left = window.view.mapTo(window, QtCore.QPoint(0, 0))
    px = QtGui.QColor(img.pixel(round(top_left.x() + x), round(top_left.y() + y)))
    assert is_hiker_colour(np.array([px.red(), px.green(), px.blue()]))
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(window, Key.Key_C, QtCore.Qt.KeyboardModifier.ControlModifier)
    clip = QtWidgets.QApplication.clipboard().image()
    assert (clip.width(), clip.height()) == (window.view.width(), window.view.height())


@pytest.mark.parametrize("suffix", [".gif", ".png"])
def test_animation_of_the_next_steps(qtbot, classroom, tmp_path, suffix):
    _window, c = classroom
    out = tmp_path / f"walk{suffix}"
    assert c.teaching.export_animation(out, 6, (320, 200), 4.0, PictureOptions(caption=True))
    assert c.scene.t == 6
    with Image.open(out) as im:
        assert im.format == ("GIF" if suffix == ".gif" else "PNG") and im.size == (320, 200)
        assert im.n_frames == 7 and getattr(im, "is_animated", False)
        assert im.info.get("duration") == 250
        frames = []
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(np.asarray(im.convert("RGB")))
    assert not np.array_equal(frames[0], frames[-1])  # the hiker walked


def test_whole_history_and_cancel_leave_the_scene_exactly_as_it_was(qtbot, classroom):
    window, c = classroom
    c.scene.step(5)
    c.scene.set_lr(0.03)
    c.scene.step(3)
    P = c.scene.hikes[0].positions().copy()
    frames = record_frames(window.view, c.scene, PictureOptions(caption=False), None, (200, 120))
    assert len(frames) == 9 and (frames[0].width(), frames[0].height()) == (200, 120)
    assert np.array_equal(c.scene.hikes[0].positions(), P) and c.scene.hikes[0].lr == 0.03
    calls = []
    assert (
        record_frames(window.view, c.scene, PictureOptions(), 10, (200, 120), lambda d, n: calls.append(d) or d < 3)
        is None
    )
    assert calls == [0, 1, 2, 3]
    assert np.array_equal(c.scene.hikes[0].positions(), P)


@pytest.mark.parametrize(
    ("view", "size", "scale"), [("3d", "400x250", 2), ("window", "1280x720", 1), ("contour", "300x300", 3)]
)
def test_render_a_lesson_headless(tmp_path, view, size, scale):
    out = tmp_path / "slide.png"
    p = foghike(
        "render",
        "--lesson",
        "learning-rate-too-high",
        "--steps",
        "4",
        "--view",
        view,
        "--size",
        size,
        "--scale",
        scale,
        "-o",
        out,
    )
    assert p.returncode == 0, p.stderr
    w, h = map(int, size.split("x"))
    with Image.open(out) as im:
        assert im.size == (w * scale, h * scale)


@pytest.mark.parametrize("suffix", [".gif", ".png"])
def test_animate_cli_frame_counts(tmp_path, suffix):
    out = tmp_path / f"walk{suffix}"
    p = foghike(
        "animate", "--lesson", "hiker-in-the-fog", "--steps", "5", "--fps", "10", "--size", "240x160", "-o", out
    )
    assert p.returncode == 0, p.stderr
    with Image.open(out) as im:
        assert im.n_frames == 6 and im.size == (240, 160) and im.info.get("duration") == 100


def test_cli_errors_are_one_line_exit_2(tmp_path):
    no_display = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    cases = [
        (("animate", "--lesson", "hiker-in-the-fog", "--steps", "3", "-o", tmp_path / "a.gif"), no_display, "display"),
        (("render", "--lesson", "no-such", "-o", tmp_path / "a.png"), None, "unknown lesson 'no-such'"),
        (("animate", "--lesson", "hiker-in-the-fog", "--steps", "3", "-o", tmp_path / "a.mp4"), None, ".gif"),
        (("--lesson", "no-such"), None, "unknown lesson"),
    ]
    for args, env, fragment in cases:
        p = foghike(*args, env=env)
        assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and fragment in p.stderr, p.stderr
    p = foghike(
        "render",
        "--lesson",
        "hiker-in-the-fog",
        "--view",
        "contour",
        "--size",
        "200x150",
        "-o",
        tmp_path / "c.png",
        env=no_display,
    )
    assert p.returncode == 0 and QtGui.QImage(str(tmp_path / "c.png")).size() == QtCore.QSize(200, 150)
    p = foghike("list", "lessons")
    assert p.returncode == 0 and p.stdout.splitlines()[0].split()[0] == "hiker-in-the-fog"
    assert len(p.stdout.splitlines()) == 8


def test_ctrl_s_and_ctrl_e_go_through_their_dialogs(qtbot, classroom, tmp_path, monkeypatch):
    from foghike.app import export_dialog

    window, c = classroom
    png, gif = tmp_path / "view.png", tmp_path / "walk.gif"

    def accept_picture(dlg):  # the teacher picks 2× on a transparent background, then OK
        dlg.scale.setCurrentIndex(1)
        dlg.transparent.setChecked(True)
        return QtWidgets.QDialog.DialogCode.Accepted

    def accept_animation(dlg):  # 4 steps at 200×120, APNG off: GIF
        dlg.steps.setValue(4)
        dlg.width_.setValue(200)
        dlg.height_.setValue(120)
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.PictureDialog, "exec", accept_picture)
    monkeypatch.setattr(export_dialog.AnimationDialog, "exec", accept_animation)
    targets = iter([str(png), str(gif)])
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (next(targets), ""))
    qtbot.keyClick(window, Key.Key_S, QtCore.Qt.KeyboardModifier.ControlModifier)
    img = QtGui.QImage(str(png))
    assert (img.width(), img.height()) == (2 * window.view.width(), 2 * window.view.height())
    assert img.hasAlphaChannel() and img.pixelColor(1, 1).alpha() == 0
    qtbot.keyClick(window, Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    with Image.open(gif) as im:
        assert im.n_frames == 5 and im.size == (200, 120)
    assert c.scene.t == 4
