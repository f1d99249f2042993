"""Axis labels thin out instead of piling up: a label that would overlap one already drawn is
skipped, the axes' names (last in the list) first."""

from __future__ import annotations

import numpy as np
from PyQt6 import QtCore, QtGui

from foghike.app.gl_items import draw_uncluttered


def paint(labels):
    img = QtGui.QImage(400, 200, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(img)
    painter.setPen(QtGui.QColor("black"))
    n = draw_uncluttered(painter, labels)
    painter.end()
    return n, img


def ink_columns(img, y0, y1):
    """x positions with dark pixels between rows y0 and y1."""
    a = np.array([[QtGui.QColor(img.pixel(x, y)).lightness() for x in range(img.width())] for y in range(y0, y1)])
    return np.flatnonzero((a < 128).any(axis=0))


def test_overlapping_labels_keep_the_last_and_far_ones_all_show(qtbot):
    font = QtGui.QFont("DejaVu Sans", 14)
    bold = QtGui.QFont("DejaVu Sans", 17, QtGui.QFont.Weight.Bold)
    at = QtCore.QPointF(100, 100)
    n, img = paint([(at, "2", font), (QtCore.QPointF(104, 102), "loss", bold)])
    assert n == 1  # the tick under the axis name is dropped, the name stays
    cols = ink_columns(img, 80, 120)
    width = QtGui.QFontMetricsF(bold).horizontalAdvance("loss")
    assert cols.min() > 104 - width / 2 - 3 and cols.max() < 104 + width / 2 + 3  # only "loss" was inked
    n, _ = paint([(QtCore.QPointF(50, 100), "2", font), (QtCore.QPointF(300, 100), "loss", bold)])
    assert n == 2
