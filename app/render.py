"""Headless pictures for slides: ``foghike render --scene FILE ... -o FILE.png``.

The window is built but never shown on screen (Qt's WA_DontShowOnScreen); the picture is
the 3D view, the contour map or the whole window at exactly W·K × H·K pixels.
"""

from __future__ import annotations

import os
from pathlib import Path

from PyQt6 import QtCore

from .cli import UsageError


def have_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def render(
    scene_file: str,
    out: str,
    size: tuple[int, int] = (1280, 800),
    scale: int = 1,
    view: str = "3d",
    fog: str | None = None,
    steps: int = 0,
) -> Path:
    """Render a scene to a PNG; UsageError (one line for the CLI) when it cannot be done here."""
    from foghike.core import SceneFileError, load_scene

    try:
        load_scene(scene_file)  # check before any window exists
    except SceneFileError as exc:
        raise UsageError(str(exc)) from None
    w, h = size
    if not (16 <= w <= 8192 and 16 <= h <= 8192 and 1 <= scale <= 8 and w * scale <= 16384 and h * scale <= 16384):
        raise UsageError("--size must be between 16x16 and 8192x8192 and --scale between 1 and 8")
    if not out.lower().endswith(".png"):
        raise UsageError("the output must be a .png file")
    if not have_display():
        if view != "contour":
            raise UsageError("no display here: the 3D view needs one with OpenGL (try --view contour, or xvfb-run)")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the contour map needs no OpenGL
    import tempfile

    from .glcheck import gl_problem
    from .main import application, build

    app = application()
    if view != "contour" and gl_problem() is not None:
        raise UsageError(f"the 3D view cannot be drawn here: {gl_problem()} (try --view contour)")
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "render.ini"), QtCore.QSettings.Format.IniFormat)
    settings.setValue("scene/restore_last", False)
    window, controller = build(settings, glide=False, scene_file=scene_file)
    if steps:
        controller.scene.step(steps)
    if fog is not None:
        controller.actions["lift_fog"].setChecked(fog == "off")
    window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)
    target = {"3d": window.view, "contour": window.map, "window": window}[view]
    if target is None:
        raise UsageError("the 3D view cannot be drawn here (try --view contour)")
    if view == "window":
        window.resize(w * scale, h * scale)
    else:
        target.setParent(None)  # drawn on its own, at exactly the requested size
        target.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)
        target.resize(w * scale, h * scale)
    if view == "3d" and scale > 1:
        target.set_marker_size(target.marker_size * scale)
        target.axes.font_size *= scale
        target.axes.rebuild(target.terrain)
    (window if view == "window" else target).show()
    for _ in range(10):
        app.processEvents()
    if view == "3d":
        img = target.grabFramebuffer()
    elif view == "window":
        from .export import grab_window

        img = grab_window(window, window.view)
    else:
        img = target.grab().toImage()
    img = img.scaled(w * scale, h * scale) if (img.width(), img.height()) != (w * scale, h * scale) else img
    if not img.save(out):
        raise UsageError(f"cannot write {out}")
    window.close()
    return Path(out)
