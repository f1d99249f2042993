"""Loss against iteration for every hiker, updated on every step; a cross where one diverged."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from foghike.core import Scene

from .palette import hiker_colours
from .theme import style_axes


class LossPlot(pg.PlotWidget):
    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent, background="w")
        self.model = scene
        self.plotItem.setLabel("bottom", "iteration")
        self.plotItem.setLabel("left", "loss")
        self.plotItem.showGrid(x=True, y=True, alpha=0.25)
        self.curves: list[pg.PlotDataItem] = []
        self.crosses = pg.ScatterPlotItem(symbol="x", size=18, pen=pg.mkPen((200, 0, 0), width=3))
        self.addItem(self.crosses)
        self.set_font_size(12)
        scene.events.hikers.connect(self._on_hikers_change)
        scene.events.moved.connect(self._on_move)
        self._on_hikers_change(scene)

    def set_font_size(self, px: int) -> None:
        style_axes(self.plotItem, px)

    def set_log(self, on: bool) -> None:
        self.plotItem.setLogMode(y=on)
        self._on_move(self.model)

    def _on_hikers_change(self, scene: Scene) -> None:
        for c in self.curves:
            self.removeItem(c)
        self.curves = []
        for c in hiker_colours(scene):
            curve = pg.PlotDataItem(pen=pg.mkPen(c, width=3), symbol="o", symbolSize=5, symbolBrush=c, symbolPen=None)
            self.addItem(curve)
            self.curves.append(curve)
        self._on_move(scene)

    def _on_move(self, scene: Scene) -> None:
        log = self.plotItem.ctrl.logYCheck.isChecked()
        crosses = []
        for curve, h in zip(self.curves, scene.hikes):
            y = h.losses()
            if log:  # non-positive losses cannot be drawn on a log axis: leave them out
                y = np.where(y > 0, y, np.nan)
            curve.setData(np.arange(len(y)), y, connect="finite")
            curve.setSymbolSize(5 if len(y) < 200 else 0)
            if h.diverged:
                crosses.append((h.t, h.loss))
        self.crosses.setData(pos=np.array(crosses).reshape(-1, 2))
        t = max((h.t for h in scene.hikes), default=0)
        if t < 10:  # a short hike: iterations 0 … 10, not a range centred on a single point
            self.plotItem.setXRange(0, 10, padding=0.02)
        else:
            self.plotItem.enableAutoRange(x=True)
