"""Start-up, in one place: the QApplication, the scene, the window and the controller."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PyQt6 import QtCore, QtWidgets

from foghike.core import Scene
from foghike.core.catalogue import set_cache_dir

from .view_options import ViewOptions

ORG, APP = "foghike", "foghike"


def application(argv: Sequence[str] | None = None) -> QtWidgets.QApplication:
    """The QApplication, made once; GL views share one context (else extra views draw nothing)."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        QtWidgets.QApplication.setAttribute(QtCore.Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QtWidgets.QApplication(list(argv if argv is not None else sys.argv[:1]))
        app.setOrganizationName(ORG)
        app.setApplicationName(APP)
    return app


def load_options(settings: QtCore.QSettings) -> ViewOptions:
    settings.beginGroup("view")
    stored = {k: settings.value(k) for k in settings.childKeys()}
    settings.endGroup()
    return ViewOptions.from_dict(stored)


def build(
    settings: QtCore.QSettings | None = None,
    glide: bool = True,
    scene: Scene | None = None,
    scene_file: str | None = None,
    lesson: str | None = None,
):
    """Window and controller, ready to show (tests call this with their own QSettings)."""
    from .controller import Classroom
    from .glcheck import gl_problem
    from .window import MainWindow

    application()
    settings = settings or QtCore.QSettings(ORG, APP)
    if not os.environ.get("FOGHIKE_CACHE_DIR"):  # the classifier's training and surface, kept for next time
        loc = QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.StandardLocation.CacheLocation)
        if loc:
            set_cache_dir(loc)
    options = load_options(settings)
    options.glide = glide
    options.fog_lifted = False  # every start begins in the fog
    scene = scene or Scene("mountains")
    window = MainWindow(scene, options, gl_problem())
    controller = Classroom(window, scene, options, settings)
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(1500, 900)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    window.closing.connect(controller.save_settings)
    restore = settings.value("scene/restore_last", True)
    restore = restore if isinstance(restore, bool) else str(restore).lower() == "true"
    controller.actions["restore_last"].setChecked(restore)
    theme = str(settings.value("view/theme", "light"))
    if theme == "dark":
        controller.teaching.set_theme("dark")
    if lesson is not None:  # a lesson's name, or a teacher's own lesson file
        if lesson.endswith(".json"):
            controller.teaching.open_lesson_file(lesson)
        else:
            controller.teaching.open_named(lesson)
    elif scene_file is not None:
        controller.open_scene(scene_file)
    elif restore and controller.last_scene_path().exists():
        if not controller.open_scene(controller.last_scene_path()):
            controller.hint("the last scene could not be reopened: starting fresh")
    return window, controller


def run(argv: Sequence[str] | None = None, scene_file: str | None = None, lesson: str | None = None) -> int:
    """Open the classroom window (optionally on a scene file or a lesson) and run until it closes."""
    app = application(argv)
    window, _controller = build(scene_file=scene_file, lesson=lesson)
    window.show()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
