"""Headless pictures and animations for slides: ``foghike render`` and ``foghike animate``.

The window is built but never shown on screen (Qt's WA_DontShowOnScreen). ``render`` writes the
3D view (supersampled with renderToArray), the contour map or the whole window at exactly
W·K × H·K pixels; ``animate`` writes the next N steps as a GIF or APNG of W × H frames.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PyQt6 import QtCore

from .cli import UsageError


def have_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def _check_source(scene_file: str | None, lesson: str | None):
    """The lesson (or None for a scene), checked before any window exists: UsageError if unusable."""
    from foghike.core import SceneFileError, load_scene
    from foghike.core.lesson import LessonFileError, load_lesson
    from foghike.core.lesson import lesson as builtin

    try:
        if lesson is None:
            load_scene(scene_file)
            return None
        if lesson.endswith(".json") or os.sep in lesson:
            from .teaching import ACTION_NAMES

            return load_lesson(lesson, ACTION_NAMES)
        return builtin(lesson)
    except (SceneFileError, LessonFileError) as exc:
        raise UsageError(str(exc)) from None


def _check_size(size: tuple[int, int], scale: int = 1) -> None:
    w, h = size
    if not (16 <= w <= 8192 and 16 <= h <= 8192 and 1 <= scale <= 8 and w * scale <= 16384 and h * scale <= 16384):
        raise UsageError("--size must be between 16x16 and 8192x8192 and --scale between 1 and 8")


def _open(scene_file: str | None, lesson, needs_gl: bool):
    """The window and controller, built off screen on the scene or lesson; UsageError if it cannot be."""
    if not have_display():
        if needs_gl:
            raise UsageError("no display here: the 3D view needs one with OpenGL (try --view contour, or xvfb-run)")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the contour map needs no OpenGL
    from .glcheck import gl_problem
    from .main import application, build

    app = application()
    if needs_gl and gl_problem() is not None:
        raise UsageError(f"the 3D view cannot be drawn here: {gl_problem()} (try --view contour)")
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "render.ini"), QtCore.QSettings.Format.IniFormat)
    settings.setValue("scene/restore_last", False)
    window, controller = build(settings, glide=False, scene_file=scene_file)
    if lesson is not None:
        opened = controller.teaching.open_lesson(lesson)
        if not opened:  # the classifier: built on the loader's thread first
            import time

            while controller.loader.busy:
                app.processEvents()
                time.sleep(0.02)
            _settle(app)
            if controller.teaching.lesson is not lesson:
                raise UsageError(controller.last_error or "the lesson could not be opened")
    window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)
    return app, window, controller


def _dispose(*widgets) -> None:
    """Close and delete the off-screen widgets now, while their GL context is alive (deleting a
    GL widget at an arbitrary later moment, or at exit, can crash inside the driver)."""
    import gc

    for w in widgets:
        w.close()
        w.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)
    gc.collect()


def _settle(app, n: int = 10) -> None:
    for _ in range(n):
        app.processEvents()


def render(
    scene_file: str | None,
    out: str,
    size: tuple[int, int] = (1280, 800),
    scale: int = 1,
    view: str = "3d",
    fog: str | None = None,
    steps: int = 0,
    lesson: str | None = None,
) -> Path:
    """Render a scene or lesson to a PNG; UsageError (one line for the CLI) when it cannot be done here."""
    the_lesson = _check_source(scene_file, lesson)
    _check_size(size, scale)
    if not out.lower().endswith(".png"):
        raise UsageError("the output must be a .png file")
    app, window, controller = _open(scene_file, the_lesson, needs_gl=view != "contour")
    w, h = size
    if steps:
        controller.scene.step(steps)
    if fog is not None:
        controller.actions["lift_fog"].setChecked(fog == "off")
    target = {"3d": window.view, "contour": window.map, "window": window}[view]
    if target is None:
        raise UsageError("the 3D view cannot be drawn here (try --view contour)")
    if view == "window":
        window.resize(w * scale, h * scale)
        window.show()
        _settle(app)
        from .export import grab_window

        img = grab_window(window, window.view)
    else:
        target.setParent(None)  # drawn on its own, at exactly the requested size
        target.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)
        target.resize(w, h) if view == "3d" else target.resize(w * scale, h * scale)
        target.show()
        _settle(app)
        if view == "3d":
            from .export import PictureOptions, render_view

            img = render_view(target, controller.scene, PictureOptions(scale, caption=False, legend=False))
        else:
            img = target.grab().toImage()
    img = img.scaled(w * scale, h * scale) if (img.width(), img.height()) != (w * scale, h * scale) else img
    saved = img.save(out)
    _dispose(window, *([target] if view != "window" else []))
    if not saved:
        raise UsageError(f"cannot write {out}")
    return Path(out)


def animate(
    scene_file: str | None,
    lesson: str | None,
    out: str,
    steps: int,
    fps: float = 5.0,
    size: tuple[int, int] = (1280, 800),
    fog: str | None = None,
) -> tuple[Path, int]:
    """The next ``steps`` steps of a lesson or scene as a GIF or APNG; returns (file, frames)."""
    the_lesson = _check_source(scene_file, lesson)
    _check_size(size)
    if not out.lower().endswith((".gif", ".png", ".apng")):
        raise UsageError("the animation must be a .gif or a .png (APNG) file")
    app, window, controller = _open(scene_file, the_lesson, needs_gl=True)
    if fog is not None:
        controller.actions["lift_fog"].setChecked(fog == "off")
    view = window.view
    view.setParent(None)
    view.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(*size)
    view.show()
    _settle(app)
    from .export import PictureOptions, record_frames, write_animation

    frames = record_frames(view, controller.scene, PictureOptions(1), steps)
    _dispose(window, view)
    try:
        path = write_animation(frames, out, fps)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    return path, len(frames)
