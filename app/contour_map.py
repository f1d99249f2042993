"""The top-down map beside the 3D view: the same surface as coloured contours, the same
trails and hikers; a click on it puts the hikers' start there."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PyQt6 import QtCore

from foghike.core import Scene

from .palette import hiker_colours
from .terrain import DISPLAY_HEIGHT, HeightScale
from .theme import style_axes
from .view_options import ViewOptions

MAP_RES = 300  # about the map's size on screen
LEVELS = 14


def contour_image(Z: np.ndarray, scale: HeightScale, cmap_name: str, levels: int = LEVELS) -> np.ndarray:
    """RGBA image (n, m, 4) uint8: colormap of the display height, level lines darkened.

    A pixel is on a line where its level band differs from a neighbour's: one
    vectorised comparison instead of tracing isocurves.
    """
    z = scale.to_display(Z) / DISPLAY_HEIGHT
    rgba = pg.colormap.get(cmap_name).map(np.clip(z, 0, 1).ravel(), mode="byte").reshape(*Z.shape, 4)
    band = np.floor(z * levels)
    edge = np.zeros(Z.shape, dtype=bool)
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    rgba[edge, :3] = (rgba[edge, :3] * 0.35).astype(np.uint8)
    rgba[~np.isfinite(Z)] = (255, 255, 255, 0)  # gaps where the loss is not finite
    return rgba


def resample(Z: np.ndarray, n: int) -> np.ndarray:
    """Bilinear n×n picture of a coarser grid (a network's 41×41 surface), so level lines are
    smooth on the map; a cell next to a gap stays a gap."""
    out = Z
    for axis in (0, 1):
        m = out.shape[axis]
        x = np.linspace(0.0, m - 1.0, n)
        i = np.minimum(np.floor(x).astype(int), m - 2)
        t = x - i
        a, b = np.take(out, i, axis=axis), np.take(out, i + 1, axis=axis)
        t = t[:, None] if axis == 0 else t[None, :]
        out = a * (1.0 - t) + b * t
    return out


class ContourMap(pg.PlotWidget):
    """2D map of the scene; emits ``startPicked(w1, w2)`` on a click."""

    startPicked = QtCore.pyqtSignal(float, float)

    def __init__(self, scene: Scene, options: ViewOptions, parent=None) -> None:
        super().__init__(parent, background="w")
        self.model = scene
        self.options = options
        self.setAspectLocked(False)
        self.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        self.plotItem.setLabel("bottom", "w₁")
        self.plotItem.setLabel("left", "w₂")
        self.plotItem.getViewBox().setMouseEnabled(False, False)
        self.minima = pg.ScatterPlotItem(symbol="star", size=16, brush=pg.mkBrush(255, 255, 255), pen=pg.mkPen("k"))
        self.addItem(self.minima)
        self.trails: list[pg.PlotDataItem] = []
        self.markers: list[pg.ScatterPlotItem] = []
        self._Z: np.ndarray | None = None
        self.set_font_size(12)
        scene.events.landscape.connect(self._on_landscape_change)
        scene.events.hikers.connect(self._on_hikers_change)
        scene.events.moved.connect(self._on_move)
        self.plotItem.scene().sigMouseClicked.connect(self._on_click)
        self._on_landscape_change(scene)
        self._on_hikers_change(scene)

    def set_font_size(self, px: int) -> None:
        style_axes(self.plotItem, px)

    def _on_landscape_change(self, scene: Scene) -> None:
        L = scene.landscape
        _, _, Z = L.grid(MAP_RES)
        with np.errstate(invalid="ignore"):
            self._Z = Z if len(Z) >= MAP_RES else resample(Z, MAP_RES)
        self.redraw_image()
        x0, x1, y0, y1 = L.bounds
        # the grid is indexed [i(w1), j(w2)]; an image row is w2, a column w1
        self.image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        self.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        m = L.minima
        self.minima.setData(pos=m if len(m) else np.zeros((0, 2)))

    def redraw_image(self) -> None:
        scale = HeightScale.for_values(self._Z, self.options.log_height)
        img = contour_image(self._Z, scale, self.options.colormap)
        self.image.setImage(np.ascontiguousarray(img.transpose(1, 0, 2)), autoLevels=False)

    def _on_hikers_change(self, scene: Scene) -> None:
        for item in self.trails + self.markers:
            self.removeItem(item)
        self.trails, self.markers = [], []
        for c in hiker_colours(scene):
            under = pg.PlotDataItem(pen=pg.mkPen((20, 20, 25), width=5))
            trail = pg.PlotDataItem(pen=pg.mkPen(c, width=3))
            marker = pg.ScatterPlotItem(size=18, brush=pg.mkBrush(*c), pen=pg.mkPen((20, 20, 25), width=2.5))
            for item in (under, trail, marker):
                self.addItem(item)
            self.trails += [under, trail]
            self.markers.append(marker)
        self._on_move(scene)

    def _on_move(self, scene: Scene) -> None:
        basin_colours = hiker_colours(scene) if scene.colour_by == "basin" else None
        for i, h in enumerate(scene.hikes):
            P = scene.landscape.project(h.positions())
            self.trails[2 * i].setData(P[:, 0], P[:, 1])
            self.trails[2 * i + 1].setData(P[:, 0], P[:, 1])
            self.markers[i].setData(pos=P[-1:])
            if basin_colours is not None:
                self.trails[2 * i + 1].setPen(pg.mkPen(basin_colours[i], width=3))
                self.markers[i].setBrush(pg.mkBrush(*basin_colours[i]))

    def _on_click(self, ev) -> None:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            return
        p = self.plotItem.getViewBox().mapSceneToView(ev.scenePos())
        x0, x1, y0, y1 = self.model.landscape.bounds
        if x0 <= p.x() <= x1 and y0 <= p.y() <= y1:
            self.startPicked.emit(float(p.x()), float(p.y()))
