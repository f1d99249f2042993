"""foghike render: exact pixel sizes, exit codes, and the no-display path."""

import os
import subprocess
import sys

import pytest
from PyQt6 import QtGui

from foghike.core import Scene, save_scene


@pytest.fixture
def scene_file(tmp_path):
    s = Scene("mountains")
    s.step(5)
    path = tmp_path / "lesson.foghike.json"
    save_scene(path, s)
    return path


def foghike(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "foghike.app", *map(str, args)],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        timeout=180,
    )


@pytest.mark.parametrize(
    ("view", "size", "scale"),
    [("3d", "640x400", 1), ("3d", "320x200", 2), ("contour", "500x300", 1), ("window", "1200x700", 1)],
)
def test_render_writes_exactly_the_requested_pixels(tmp_path, scene_file, view, size, scale):
    out = tmp_path / f"{view}.png"
    p = foghike(
        "render", "--scene", scene_file, "--view", view, "--size", size, "--scale", scale, "--fog", "off", "-o", out
    )
    assert p.returncode == 0, p.stderr
    img = QtGui.QImage(str(out))
    w, h = (int(v) for v in size.split("x"))
    assert (img.width(), img.height()) == (w * scale, h * scale)
    # a real picture, not a blank frame: many distinct colours
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colours) > 50


def test_without_a_display_3d_fails_in_one_line_and_contour_still_works(tmp_path, scene_file):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    p = foghike("render", "--scene", scene_file, "-o", tmp_path / "x.png", env=env)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "display" in p.stderr
    p = foghike(
        "render", "--scene", scene_file, "--view", "contour", "--size", "300x200", "-o", tmp_path / "c.png", env=env
    )
    assert p.returncode == 0, p.stderr
    assert QtGui.QImage(str(tmp_path / "c.png")).size().width() == 300


def test_render_errors_are_one_line(tmp_path, scene_file):
    for args, fragment in [
        (["--scene", tmp_path / "missing.foghike.json", "-o", tmp_path / "a.png"], "no such file"),
        (["--scene", scene_file, "--size", "10x10", "-o", tmp_path / "a.png"], "--size"),
        (["--scene", scene_file, "--size", "big", "-o", tmp_path / "a.png"], "WxH"),
        (["--scene", scene_file, "-o", tmp_path / "a.jpg"], ".png"),
    ]:
        p = foghike("render", *args)
        assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and fragment in p.stderr, p.stderr
