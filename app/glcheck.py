"""Can this machine draw the 3D view? Old school PCs, remote desktops and headless
platforms often cannot; the app then opens without it and says why."""

from __future__ import annotations

import os

from PyQt6 import QtGui, QtWidgets


def gl_problem() -> str | None:
    """None if an OpenGL ≥ 2.1 context can be made here, else the reason in plain words."""
    if os.environ.get("FOGHIKE_NO_GL"):
        return "the 3D view was switched off (FOGHIKE_NO_GL is set)"
    try:
        import OpenGL.GL  # noqa: F401  (PyOpenGL must load its library)
    except Exception as exc:  # pragma: no cover - depends on the machine's libraries
        return f"PyOpenGL could not load an OpenGL library ({exc.__class__.__name__})"
    platform = QtWidgets.QApplication.platformName()
    shared = QtGui.QOpenGLContext.globalShareContext()
    if shared is not None and shared.isValid():
        # Qt already made the context all views share (AA_ShareOpenGLContexts): just read it
        version = shared.format().version()
        if not shared.isOpenGLES() and version < (2, 1):
            return f"OpenGL {version[0]}.{version[1]} is too old (the 3D view needs 2.1; Qt platform '{platform}')"
        return None
    ctx = QtGui.QOpenGLContext()
    if not ctx.create():
        return f"no OpenGL context can be created on this display (Qt platform '{platform}')"
    surface = QtGui.QOffscreenSurface()
    surface.create()
    try:
        if not ctx.makeCurrent(surface):
            return f"the OpenGL context cannot be used on this display (Qt platform '{platform}')"
        version = ctx.format().version()
        if not ctx.isOpenGLES() and version < (2, 1):
            return f"OpenGL {version[0]}.{version[1]} is too old (the 3D view needs 2.1; Qt platform '{platform}')"
    finally:
        ctx.doneCurrent()
        surface.destroy()
    return None
