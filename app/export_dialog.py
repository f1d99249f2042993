"""The two export dialogs: a picture of the 3D view (scale, transparency, caption, legend) and
an animation (how many steps, size, frame rate, GIF or APNG)."""

from __future__ import annotations

from PyQt6 import QtCore, QtWidgets

from .export import SCALES, PictureOptions


def _extras(form: QtWidgets.QFormLayout, opts: PictureOptions) -> tuple[QtWidgets.QCheckBox, ...]:
    caption = QtWidgets.QCheckBox("caption: landscape, iteration, loss, learning rate")
    caption.setChecked(opts.caption)
    legend = QtWidgets.QCheckBox("legend of the hikers (when there are several)")
    legend.setChecked(opts.legend)
    form.addRow(caption)
    form.addRow(legend)
    return caption, legend


def _buttons(dlg: QtWidgets.QDialog) -> QtWidgets.QDialogButtonBox:
    box = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dlg.accept)
    box.rejected.connect(dlg.reject)
    return box


class PictureDialog(QtWidgets.QDialog):
    def __init__(self, opts: PictureOptions, view_size: QtCore.QSize, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save the 3D view")
        form = QtWidgets.QFormLayout(self)
        self.scale = QtWidgets.QComboBox()
        for k in SCALES:
            self.scale.addItem(f"{k}×  ({view_size.width() * k} × {view_size.height() * k} pixels)", k)
        self.scale.setCurrentIndex(SCALES.index(opts.scale) if opts.scale in SCALES else 0)
        form.addRow("resolution", self.scale)
        self.transparent = QtWidgets.QCheckBox("transparent background")
        self.transparent.setChecked(opts.transparent)
        form.addRow(self.transparent)
        self.caption, self.legend = _extras(form, opts)
        form.addRow(_buttons(self))

    def options(self) -> PictureOptions:
        return PictureOptions(
            int(self.scale.currentData()),
            self.transparent.isChecked(),
            self.caption.isChecked(),
            self.legend.isChecked(),
        )


class AnimationDialog(QtWidgets.QDialog):
    def __init__(self, opts: PictureOptions, view_size: QtCore.QSize, walked: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export an animation")
        form = QtWidgets.QFormLayout(self)
        self.steps = QtWidgets.QSpinBox()
        self.steps.setRange(1, 5000)
        self.steps.setValue(30)
        form.addRow("the next steps", self.steps)
        self.history = QtWidgets.QCheckBox(f"the whole history instead ({walked} steps so far)")
        self.history.setEnabled(walked > 0)
        self.history.toggled.connect(lambda on: self.steps.setEnabled(not on))
        form.addRow(self.history)
        self.width_ = QtWidgets.QSpinBox()
        self.height_ = QtWidgets.QSpinBox()
        for spin, v in ((self.width_, view_size.width()), (self.height_, view_size.height())):
            spin.setRange(64, 3840)
            spin.setValue(min(v, 1280))
        size = QtWidgets.QHBoxLayout()
        size.addWidget(self.width_)
        size.addWidget(QtWidgets.QLabel("×"))
        size.addWidget(self.height_)
        form.addRow("size (pixels)", size)
        self.fps = QtWidgets.QDoubleSpinBox()
        self.fps.setRange(0.5, 50)
        self.fps.setValue(5)
        form.addRow("frames per second", self.fps)
        self.kind = QtWidgets.QComboBox()
        self.kind.addItem("GIF (plays everywhere)", "gif")
        self.kind.addItem("APNG (full colour)", "png")
        form.addRow("format", self.kind)
        self.caption, self.legend = _extras(form, opts)
        form.addRow(_buttons(self))

    def values(self) -> tuple[int | None, tuple[int, int], float, PictureOptions, str]:
        steps = None if self.history.isChecked() else self.steps.value()
        opts = PictureOptions(1, False, self.caption.isChecked(), self.legend.isChecked())
        return steps, (self.width_.value(), self.height_.value()), self.fps.value(), opts, self.kind.currentData()
