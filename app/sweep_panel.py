"""The learning-rate sweep: loss after K steps for 200 log-spaced rates, computed off the GUI
thread, with the hikers' own rates marked and the regions too low / about right / too high
shaded (rule: ``foghike.core.sweep.rate_regions``)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import DescentMode, Scene, log_rates, rate_regions, sweep

from .palette import hiker_colours
from .theme import style_axes

RATES = 200
LR_RANGE = (1e-4, 10.0)
REGION_BRUSHES = {
    "too low": (86, 180, 233, 45),
    "about right": (0, 158, 115, 55),
    "too high": (213, 94, 0, 45),
}


class SweepWorker(QtCore.QThread):
    """Runs one vectorised sweep; emits (generation, result, start loss)."""

    done = QtCore.pyqtSignal(int, object)

    def __init__(self, generation: int, job: dict, parent=None) -> None:
        super().__init__(parent)
        self.generation = generation
        self.job = job

    def run(self) -> None:
        j = self.job
        res = sweep(
            j["landscape"],
            j["optimizer"],
            j["lrs"],
            j["steps"],
            start=j["start"],
            mode=j["mode"],
            seed=j["seed"],
            **j["hyper"],
        )
        self.done.emit(self.generation, res)


class SweepPanel(QtWidgets.QWidget):
    computed = QtCore.pyqtSignal()

    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        layout = QtWidgets.QVBoxLayout(self)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(QtWidgets.QLabel("K ="))
        self.steps = QtWidgets.QSpinBox()
        self.steps.setRange(1, 5000)
        self.steps.setValue(100)
        self.steps.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        head.addWidget(self.steps)
        head.addWidget(QtWidgets.QLabel("steps"))
        head.addStretch(1)
        layout.addLayout(head)
        self.info = QtWidgets.QLabel()  # what the curve is, on its own line: wraps in a narrow dock
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", "learning rate")
        self.plot.setLabel("left", "loss")  # after K steps: the line above says so
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        style_axes(self.plot.getPlotItem(), 12)
        layout.addWidget(self.plot)
        self.curve = pg.PlotDataItem(pen=pg.mkPen((40, 40, 40), width=2.5))
        self.crosses = pg.ScatterPlotItem(symbol="x", size=10, pen=pg.mkPen((200, 0, 0), width=2))
        self.plot.addItem(self.curve)
        self.plot.addItem(self.crosses)
        self.regions: list[pg.LinearRegionItem] = []
        self.region_labels: list[pg.TextItem] = []
        self.label_colour = "#282828"  # the theme's text colour
        self.label_font = QtGui.QFont("DejaVu Sans", 12, QtGui.QFont.Weight.Bold)
        self.marks: list[pg.PlotDataItem] = []
        self.result = None
        self.about_right: tuple[float, float] | None = None
        self.span = (0.0, 1.0)  # the curve's y extent: the hikers' marks stop at its top
        self.ceiling = 1.0  # top of the plot's y range, with room for the region names
        self._generation = 0
        self._worker: SweepWorker | None = None
        self._pending = False
        self._debounce = QtCore.QTimer(self, singleShot=True, interval=80)
        self._debounce.timeout.connect(self.recompute)
        self.steps.valueChanged.connect(lambda _v: self._debounce.start())
        scene.events.landscape.connect(lambda _s: self._debounce.start())
        scene.events.hikers.connect(self._on_hikers)
        self._job_key = None
        self._on_hikers(scene)

    def _job(self) -> dict:
        s, h = self.model.specs[0], self.model.hikes[0]
        hyper = {k: v for k, v in self.model.current_hyper(0).items() if k != "lr"}
        return {
            "landscape": self.model.landscape,
            "optimizer": s.optimizer,
            "hyper": hyper,
            "start": h.start.copy(),
            "mode": DescentMode(s.mode, s.batch_size),
            "seed": s.seed,
            "steps": self.steps.value(),
            "lrs": log_rates(*LR_RANGE, RATES),
        }

    def _on_hikers(self, scene: Scene) -> None:
        j = self._job()
        key = (
            id(j["landscape"]),
            j["optimizer"],
            tuple(sorted(j["hyper"].items())),
            tuple(j["start"]),
            j["mode"],
            j["seed"],
            j["steps"],
        )
        if key != self._job_key:  # the curve depends on these, not on the hikers' own rates
            self._job_key = key
            self._debounce.start()
        self._draw_marks()

    def recompute(self) -> None:
        """Start a sweep on a worker thread (a newer request supersedes an unfinished one)."""
        if not self.isVisible():  # hidden: compute when shown (a network's sweep trains 200 networks)
            self._stale = True
            return
        if self._worker is not None and self._worker.isRunning():
            self._pending = True
            return
        self._generation += 1
        self.info.setText("computing …")
        self._worker = SweepWorker(self._generation, self._job(), self)
        self._worker.done.connect(self._on_done)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.start()

    _stale = False

    def showEvent(self, ev: QtGui.QShowEvent) -> None:
        super().showEvent(ev)
        if self._stale:
            self._stale = False
            self._debounce.start()

    def shutdown(self) -> None:
        """Closing: no new sweeps, and wait for the running one (a QThread must not outlive us)."""
        self._pending = False
        self._debounce.stop()
        if self._worker is not None:
            self._worker.wait()

    def _on_worker_finished(self) -> None:
        if self._pending:
            self._pending = False
            self.recompute()

    def _on_done(self, generation: int, res) -> None:
        if generation != self._generation:
            return
        self.result = res
        self.about_right = rate_regions(res)
        ok = res.status != "diverged"
        start_loss = res.start_loss
        # losses worse than the start are drawn at 1.3 × the start's loss: "worse" is the lesson
        top = 1.3 * start_loss if start_loss > 0 else float(np.nanmax(np.where(ok, res.final_loss, np.nan)))
        y = np.where(ok, np.minimum(res.final_loss, top), np.nan)
        self.curve.setData(res.lrs, y, connect="finite")
        div = res.lrs[~ok]
        self.crosses.setData(np.log10(div), np.full(len(div), top))
        # headroom above the worst loss drawn, where the region names sit clear of the curve
        low = min(0.0, float(np.nanmin(y))) if np.isfinite(y).any() else 0.0
        self.span = (low, top)
        self.ceiling = low + (top - low) * 1.4
        self.plot.setYRange(low, self.ceiling, padding=0.02)
        self._draw_regions()
        self._draw_marks()
        n_div = int((~ok).sum())
        self.info.setText(f"loss after {res.steps} steps for {len(res.lrs)} learning rates · {n_div} diverged (×)")
        self.computed.emit()

    def _draw_regions(self) -> None:
        for item in self.regions + self.region_labels:
            self.plot.removeItem(item)
        self.regions, self.region_labels = [], []
        if self.about_right is None:
            return
        lo, hi = np.log10(self.about_right[0]), np.log10(self.about_right[1])
        a, b = np.log10(LR_RANGE[0]), np.log10(LR_RANGE[1])
        for name, (x0, x1) in (("too low", (a, lo)), ("about right", (lo, hi)), ("too high", (hi, b))):
            if x1 <= x0:
                continue
            region = pg.LinearRegionItem(
                (x0, x1), movable=False, brush=pg.mkBrush(*REGION_BRUSHES[name]), pen=pg.mkPen(None)
            )
            region.setZValue(-10)
            self.plot.addItem(region)
            label = pg.TextItem(name, color=self.label_colour, anchor=(0.5, 0))
            label.setFont(self.label_font)
            label.setPos((x0 + x1) / 2, self.ceiling)
            self.plot.addItem(label)
            self.regions.append(region)
            self.region_labels.append(label)

    def _draw_marks(self) -> None:
        for m in self.marks:
            self.plot.removeItem(m)
        self.marks = []
        for c, hike in zip(hiker_colours(self.model), self.model.hikes):
            if hike.lr > 0:
                # a segment up to the curve's top, not a full line: the region names stay clear
                line = pg.PlotDataItem([hike.lr, hike.lr], list(self.span), pen=pg.mkPen(c, width=3))
                self.plot.addItem(line)
                self.marks.append(line)

    def set_font_size(self, px: int) -> None:
        """Axis type at ``px`` (presentation mode makes it larger; the region names keep their
        size, as three of them share the plot's width)."""
        style_axes(self.plot.getPlotItem(), px)

    def region_of(self, lr: float) -> str | None:
        """Which shaded region a rate falls in (for the legend and tests)."""
        if self.about_right is None:
            return None
        lo, hi = self.about_right
        return "too low" if lr < lo else "too high" if lr > hi else "about right"
