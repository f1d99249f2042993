"""The practical example's panel: the lecture's loss table for this real run, held-out accuracy,
and a grid of held-out digits with the network's predictions (mistakes marked)."""

from __future__ import annotations

import numpy as np
from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import Scene

from .palette import OKABE_ITO

MILESTONES = (0, 10, 100, 1000)
LECTURE = {0: 2.5, 10: 1.8, 100: 0.4, 1000: 0.1}  # the lecture's illustration
GRID = (4, 8)  # rows × columns of held-out images
RIGHT, WRONG = OKABE_ITO[3], OKABE_ITO[0]  # bluish green, vermillion

NARRATIVE = (
    "<b>A real image classifier.</b> A network with 2410 weights (64 pixels → 32 tanh units → 10 "
    "digits) learns from 1000 real handwritten digits, 8×8 pixels; 797 more are held out to test it. "
    "Each step: forward → loss → backward → update, on a mini-batch. The lecture's example is 500 "
    "cats and 500 dogs; no such image set can be shipped with foghike, so the images are digits: ten "
    "classes, which is why the loss starts near ln 10 ≈ 2.3 (the lecture's 2.5). The surface is a "
    "2-D slice of the 2410-dimensional landscape; the loss shown is the full network's true loss."
)


class DigitGrid(QtWidgets.QWidget):
    """Held-out images, each with the predicted digit; a green frame if right, a red one and ✗ if wrong."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.images: np.ndarray = np.zeros((0, 8, 8))
        self.truth: np.ndarray = np.zeros(0, dtype=int)
        self.predicted: np.ndarray = np.zeros(0, dtype=int)
        self.setMinimumHeight(140)

    def set_predictions(self, images: np.ndarray, truth: np.ndarray, predicted: np.ndarray) -> None:
        self.images, self.truth, self.predicted = images, truth, predicted
        self.update()

    def paintEvent(self, ev: QtGui.QPaintEvent) -> None:
        rows, cols = GRID
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        cell = min(self.width() / cols, self.height() / rows)
        pad = max(3.0, cell * 0.06)
        font = QtGui.QFont("DejaVu Sans", max(8, int(cell * 0.2)))
        font.setBold(True)
        p.setFont(font)
        for k in range(min(len(self.images), rows * cols)):
            r, c = divmod(k, cols)
            box = QtCore.QRectF(c * cell + pad, r * cell + pad, cell - 2 * pad, cell - 2 * pad)
            img = (255 - self.images[k] * 255 / 16).astype(np.uint8)  # dark ink on white paper
            qimg = QtGui.QImage(img.tobytes(), 8, 8, 8, QtGui.QImage.Format.Format_Grayscale8)
            p.drawImage(box, qimg)  # nearest-neighbour: the class sees the real 8×8 pixels
            ok = self.predicted[k] == self.truth[k]
            p.setPen(QtGui.QPen(QtGui.QColor(*(RIGHT if ok else WRONG)), max(2.0, cell * 0.05)))
            p.drawRect(box)
            tag = QtCore.QRectF(box.right() - cell * 0.42, box.top(), cell * 0.42, cell * 0.3)
            p.fillRect(tag, QtGui.QColor(*(RIGHT if ok else WRONG)))
            p.setPen(QtGui.QColor("white"))
            p.drawText(tag, QtCore.Qt.AlignmentFlag.AlignCenter, f"{self.predicted[k]}" + ("" if ok else "✗"))
        p.end()


class ClassifierPanel(QtWidgets.QWidget):
    """Shown with the digits-mlp landscape; reads the first hiker's weights on every move."""

    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        layout = QtWidgets.QVBoxLayout(self)
        self.story = QtWidgets.QLabel(NARRATIVE)
        self.story.setWordWrap(True)
        self.story.setTextFormat(QtCore.Qt.TextFormat.RichText)
        layout.addWidget(self.story)
        self.table = QtWidgets.QTableWidget(len(MILESTONES), 3)
        self.table.setHorizontalHeaderLabels(["the lecture", "reference run", "this hiker"])
        self.table.setVerticalHeaderLabels([f"iteration {t}" for t in MILESTONES])
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.setFixedHeight(self.table.verticalHeader().length() + self.table.horizontalHeader().height() + 6)
        layout.addWidget(self.table)
        self.accuracy = QtWidgets.QLabel()
        self.accuracy.setWordWrap(True)
        layout.addWidget(self.accuracy)
        self.setMinimumWidth(380)  # room for the table and eight digits a row
        self.grid = DigitGrid()
        layout.addWidget(self.grid, 1)
        self._reference: dict[int, float] = {}
        scene.events.landscape.connect(self._on_landscape)
        scene.events.moved.connect(self._on_move)
        self._on_landscape(scene)

    @property
    def active(self) -> bool:
        return hasattr(self.model.landscape, "accuracy")

    def cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return "" if item is None else item.text()

    def _set(self, row: int, col: int, text: str) -> None:
        item = QtWidgets.QTableWidgetItem(text)
        item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, col, item)

    def _on_landscape(self, scene: Scene) -> None:
        if not self.active:
            return
        L = scene.landscape
        ref = L.value(L.trajectory[list(MILESTONES)])  # the reference run: 1000 mini-batch steps
        self._reference = dict(zip(MILESTONES, map(float, ref)))
        for r, t in enumerate(MILESTONES):
            self._set(r, 0, f"{LECTURE[t]:.1f}")
            self._set(r, 1, f"{self._reference[t]:.3f}")
        self._ref_accuracy = L.accuracy(L.trajectory[-1])
        self._on_move(scene)

    def _on_move(self, scene: Scene) -> None:
        if not self.active or not self.isVisible():
            return
        L, h = scene.landscape, scene.hikes[0]
        losses = h.losses()
        for r, t in enumerate(MILESTONES):
            self._set(r, 2, f"{losses[t]:.3f}" if t < len(losses) else "—")
        acc = L.accuracy(h.position)
        self.accuracy.setText(
            f"<span style='font-size:18px'>held-out accuracy now: <b>{100 * acc:.1f}%</b></span> "
            f"(of 797 unseen images; the reference run ends at {100 * self._ref_accuracy:.1f}%)"
        )
        n = GRID[0] * GRID[1]
        self.grid.set_predictions(L.images_test[:n], L.y_test[:n], L.predict(h.position, L.X_test[:n]))

    def showEvent(self, ev: QtGui.QShowEvent) -> None:
        super().showEvent(ev)
        self._on_move(self.model)
