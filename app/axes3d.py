"""Labelled axes for the mountain: w₁ and w₂ along the base, loss up the back corner, with ticks."""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from PyQt6 import QtGui

from .gl_items import LabelsItem
from .terrain import DISPLAY_HEIGHT, Terrain


def nice_ticks(lo: float, hi: float, n: int = 5) -> np.ndarray:
    """About n round-numbered ticks between lo and hi."""
    if not np.isfinite(lo) or not np.isfinite(hi) or hi <= lo:
        return np.array([lo])
    raw = (hi - lo) / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    return np.arange(np.ceil(lo / step) * step, hi + 1e-9 * step, step)


def fmt(v: float) -> str:
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e4 or a < 1e-2:
        return f"{v:.0e}".replace("e+0", "e").replace("e-0", "e-")
    return f"{v:.3g}"


class Axes3D:
    """Frame lines, tick marks and text labels; rebuilt when the terrain or scale changes."""

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.view = view
        self.lines = gl.GLLinePlotItem(width=1.5, color=(0.2, 0.22, 0.25, 1.0), antialias=True, mode="lines")
        view.addItem(self.lines)
        self.label_item = LabelsItem()
        view.addItem(self.label_item)
        self.labels: list[tuple] = []
        self.colour = QtGui.QColor(30, 32, 36)
        self.font_size = 15

    def set_style(self, colour: QtGui.QColor, font_size: int) -> None:
        self.colour = colour
        self.font_size = font_size

    def rebuild(self, terrain: Terrain) -> None:
        self.labels = []
        X0, X1, Y0, Y1 = terrain.span()
        x0, x1, y0, y1 = terrain.landscape.bounds
        tick = 0.15
        segs = [[X0, Y0, 0], [X1, Y0, 0], [X0, Y0, 0], [X0, Y1, 0], [X0, Y1, 0], [X0, Y1, DISPLAY_HEIGHT]]
        font = QtGui.QFont("DejaVu Sans", self.font_size)
        bold = QtGui.QFont("DejaVu Sans", self.font_size + 3, QtGui.QFont.Weight.Bold)

        def label(pos, text, f=font):
            self.labels.append((np.asarray(pos, dtype=float), text, f))

        for v in nice_ticks(x0, x1):
            X, _ = terrain.to_display_xy(v, y0)
            segs += [[X, Y0, 0], [X, Y0 - tick, 0]]
            label([X, Y0 - 3 * tick, 0], fmt(v))
        for v in nice_ticks(y0, y1):
            _, Y = terrain.to_display_xy(x0, v)
            segs += [[X0, Y, 0], [X0 - tick, Y, 0]]
            label([X0 - 4 * tick, Y, 0], fmt(v))
        zl = terrain.height
        if zl.log:
            lo, hi = zl.lo, zl.hi
            decades = 10.0 ** np.arange(
                np.floor(np.log10(max(zl.eps, 1e-300))), np.ceil(np.log10(hi - lo + zl.eps)) + 1
            )
            values = lo + decades
        else:
            values = nice_ticks(zl.lo, zl.hi)
        for v in values:
            z = float(zl.to_display(np.array(v)))
            if -1e-6 <= z <= DISPLAY_HEIGHT + 1e-6:
                segs += [[X0, Y1, z], [X0 - tick, Y1, z]]
                label([X0 - 3 * tick, Y1 + 0.1, z], fmt(v))
        # axis names halfway between two ticks, so no tick number sits under them
        xt, yt = nice_ticks(x0, x1), nice_ticks(y0, y1)
        mid_x = terrain.to_display_xy(xt[len(xt) // 2] - 0.5 * (xt[1] - xt[0]), y0)[0] if len(xt) > 1 else (X0 + X1) / 2
        mid_y = terrain.to_display_xy(x0, yt[len(yt) // 2] - 0.5 * (yt[1] - yt[0]))[1] if len(yt) > 1 else (Y0 + Y1) / 2
        label([mid_x, Y0 - 7 * tick, 0], "w₁", bold)
        label([X0 - 9 * tick, mid_y, 0], "w₂", bold)
        label([X0 - 11 * tick, Y1, 0.75 * DISPLAY_HEIGHT], "loss" + (" (log)" if zl.log else ""), bold)
        self.lines.setData(pos=np.array(segs, dtype=np.float32))
        self.label_item.setLabels(self.labels, self.colour)
