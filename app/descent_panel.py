"""Batch vs stochastic vs mini-batch: loss against updates and against samples seen, and a
table of what each descent type costs and how noisy its steps are (measured, not assumed)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import Scene

from .palette import hiker_colours
from .readout import num
from .theme import style_axes

COLUMNS = ("hiker", "updates / epoch", "samples / update", "step noise |g − ∇L|", "loss after 1 epoch")


class DescentPanel(QtWidgets.QWidget):
    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        layout = QtWidgets.QVBoxLayout(self)
        plots = QtWidgets.QHBoxLayout()
        self.by_update = pg.PlotWidget(background="w")
        self.by_update.setLabel("bottom", "updates")
        self.by_epoch = pg.PlotWidget(background="w")
        self.by_epoch.setLabel("bottom", "epochs (samples seen / N)")
        for p in (self.by_update, self.by_epoch):
            p.setLabel("left", "loss")
            p.showGrid(x=True, y=True, alpha=0.2)
            plots.addWidget(p)  # no legend over the curves: the table's names, in their colours, are it
        layout.addLayout(plots, 3)
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        # a narrow panel wraps its column names onto two lines instead of cutting them off
        header.setDefaultAlignment(QtCore.Qt.AlignmentFlag.AlignCenter | QtCore.Qt.TextFlag.TextWordWrap)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table)
        self.curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self.set_font_size(11)
        scene.events.hikers.connect(self._on_hikers_change)
        scene.events.moved.connect(self._on_move)
        self._on_hikers_change(scene)

    def _on_hikers_change(self, scene: Scene) -> None:
        for a, b in self.curves:
            self.by_update.removeItem(a)
            self.by_epoch.removeItem(b)
        self.curves = []
        for c, spec in zip(hiker_colours(scene), scene.specs):
            a = self.by_update.plot(pen=pg.mkPen(c, width=2.5), name=spec.name)
            b = self.by_epoch.plot(pen=pg.mkPen(c, width=2.5), name=spec.name)
            self.curves.append((a, b))
        self.table.setRowCount(len(scene.hikes))
        self._fit_table()
        self._on_move(scene)

    def _fit_table(self) -> None:
        """The table as tall as its header (two lines) and every row: all descent types in view,
        no scrolling, at whatever type size (presentation mode)."""
        line = self.table.fontMetrics().height()
        header = self.table.horizontalHeader()
        header.setMinimumHeight(2 * line + 8)
        self.table.verticalHeader().setDefaultSectionSize(line + 6)
        rows = (line + 6) * self.table.rowCount()
        self.table.setFixedHeight(header.minimumHeight() + rows + 2 * self.table.frameWidth() + 2)

    def set_font_size(self, px: int) -> None:
        for p in (self.by_update, self.by_epoch):
            style_axes(p.getPlotItem(), px)

    def changeEvent(self, ev) -> None:
        super().changeEvent(ev)
        if ev.type() == QtCore.QEvent.Type.FontChange:
            self._fit_table()

    def _on_move(self, scene: Scene) -> None:
        if not self.isVisible():
            return  # redrawn when shown; rows() computes on demand
        for i, row in enumerate(self.rows()):
            a, b = self.curves[i]
            h = scene.hikes[i]
            a.setData(np.arange(h.t + 1), h.losses())
            b.setData(h.samples() / h.landscape.n_samples, h.losses())
            for j, text in enumerate(row):
                item = QtWidgets.QTableWidgetItem(text)
                if j == 0:
                    item.setForeground(QtGui.QColor(*hiker_colours(scene)[i]))
                self.table.setItem(i, j, item)

    def rows(self) -> list[list[str]]:
        """The table's text, computed from the hikes (tests compare it with the core)."""
        out = []
        for spec, h in zip(self.model.specs, self.model.hikes):
            n = h.landscape.n_samples
            after = h.loss_after_epochs(1.0)
            out.append(
                [
                    spec.name,
                    str(h.mode.updates_per_epoch(n)),
                    str(h.mode.size(n)),
                    num(h.gradient_noise()),
                    "—" if after is None else num(after),
                ]
            )
        return out

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        self._on_move(self.model)
