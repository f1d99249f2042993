"""Shared fixtures: QSettings in tmp_path, and the classroom window on a real (Xvfb) display."""

from __future__ import annotations

import numpy as np
import pytest
from PyQt6 import QtCore, QtWidgets

# Before pytest-qt makes the QApplication: GL views must share one context, or a second
# window draws with programs compiled in another context (pyqtgraph caches them per class).
QtWidgets.QApplication.setAttribute(QtCore.Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory):
    """Costly results (the classifier's training and surface) go to a tmp folder, not ~/.cache."""
    import os

    os.environ["FOGHIKE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def settings(tmp_path):
    return QtCore.QSettings(str(tmp_path / "foghike.ini"), QtCore.QSettings.Format.IniFormat)


@pytest.fixture
def classroom(qtbot, settings):
    """The window as a teacher gets it, glide animation off, shown and active."""
    from foghike.app.main import build

    window, controller = build(settings, glide=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    assert window.view is not None, f"no 3D view: {window.gl_problem}"
    yield window, controller
    close_window(qtbot, window)


def close_window(qtbot, window) -> None:
    """Close and delete now, while its GL context still exists (not at a random GC later)."""
    import gc

    window.close()
    window.deleteLater()
    qtbot.wait(10)
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)
    gc.collect()


def frame(view) -> np.ndarray:
    """What the 3D view shows, rendered for real: (h, w, 3) uint8 RGB."""
    img = view.grabFramebuffer().convertToFormat(view.grabFramebuffer().Format.Format_RGB888)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    a = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine())[:, : img.width() * 3]
    return a.reshape(img.height(), img.width(), 3).copy()
