"""Pictures of what is on screen: the whole window with the 3D view's own framebuffer in it.

``QWidget.grab`` cannot see what an OpenGL widget paints (its text labels are drawn
with QPainter onto the GL surface), so the view's framebuffer is painted in place.
"""

from __future__ import annotations

from PyQt6 import QtCore, QtGui, QtWidgets


def grab_window(window: QtWidgets.QWidget, view: QtWidgets.QWidget | None) -> QtGui.QImage:
    img = window.grab().toImage()
    if view is not None:
        frame = view.grabFramebuffer()
        top_left = view.mapTo(window, QtCore.QPoint(0, 0))
        dpr = img.devicePixelRatio()
        painter = QtGui.QPainter(img)
        painter.drawImage(QtCore.QRectF(top_left.x(), top_left.y(), view.width(), view.height()), frame)
        painter.end()
        img.setDevicePixelRatio(dpr)
    return img
