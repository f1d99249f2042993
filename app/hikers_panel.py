"""The hikers dock: a legend (colour, name, status in plain words) and an editor for the
selected hiker's settings, with torch.optim's hyper-parameter names.

Widget → model: Apply / Add / Remove call the scene. Model → widget: the table follows
the scene's events. Hyper-parameter edits apply from the current step on; changing the
optimizer, descent mode, batch size, start or seed restarts that hiker.
"""

from __future__ import annotations

from typing import Any

from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import OPTIMIZERS, HikerSpec, Scene, restart_tally

from .palette import hiker_colours
from .readout import STATUS_WORDS

STATUS_SHORT = {"descending": "descending", "converged": "converged", "bouncing": "bouncing", "diverged": "diverged"}


class HikersPanel(QtWidgets.QWidget):
    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        layout = QtWidgets.QVBoxLayout(self)
        self.table = QtWidgets.QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["hiker", "status"])
        self.table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        self.table.itemSelectionChanged.connect(self._load_selected)
        layout.addWidget(self.table, 2)
        self.tally = QtWidgets.QLabel()
        self.tally.setStyleSheet("font-size:16px;font-weight:bold")
        layout.addWidget(self.tally)

        form_box = QtWidgets.QWidget()
        self.form = QtWidgets.QFormLayout(form_box)
        self.name = QtWidgets.QLineEdit()
        self.optimizer = QtWidgets.QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        self.optimizer.currentTextChanged.connect(self._build_hyper_fields)
        self.mode = QtWidgets.QComboBox()
        self.mode.addItems(["batch", "sgd", "minibatch"])
        self.batch = QtWidgets.QSpinBox()
        self.batch.setRange(1, 1_000_000)
        self.start = QtWidgets.QLineEdit()
        self.start.setPlaceholderText("w1, w2 (empty: the landscape's start)")
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        for label, w in (
            ("name", self.name),
            ("optimizer", self.optimizer),
            ("descent", self.mode),
            ("batch size B", self.batch),
            ("start", self.start),
            ("seed", self.seed),
        ):
            self.form.addRow(label, w)
        self.hyper_fields: dict[str, QtWidgets.QWidget] = {}
        layout.addWidget(form_box, 3)
        self.editor = [form_box]  # what presentation mode hides: the back row reads the legend
        buttons_box = QtWidgets.QWidget()
        buttons = QtWidgets.QHBoxLayout(buttons_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.apply_button = QtWidgets.QPushButton("Apply")
        self.add_button = QtWidgets.QPushButton("Add hiker")
        self.remove_button = QtWidgets.QPushButton("Remove")
        for b in (self.apply_button, self.add_button, self.remove_button):
            b.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)  # Space stays play/pause
            buttons.addWidget(b)
        layout.addWidget(buttons_box)
        self.editor.append(buttons_box)
        self.error = QtWidgets.QLabel()
        self.error.setStyleSheet("color:#c00000")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.apply_button.clicked.connect(self.apply)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)

        scene.events.hikers.connect(self._on_hikers_change)
        scene.events.moved.connect(self._on_move)
        self._on_hikers_change(scene)

    # -- model → widget -------------------------------------------------------------
    def _on_hikers_change(self, scene: Scene) -> None:
        row = max(self.table.currentRow(), 0)
        self.table.blockSignals(True)
        self.table.setRowCount(len(scene.hikes))
        for i, spec in enumerate(scene.specs):
            self.table.setItem(i, 0, QtWidgets.QTableWidgetItem(spec.name))
            self.table.setItem(i, 1, QtWidgets.QTableWidgetItem(""))
        self.table.blockSignals(False)
        self.table.selectRow(min(row, len(scene.hikes) - 1))
        self._on_move(scene)
        self._load_selected()

    status_colours: dict[str, str] = {}  # the theme's, readable on its background

    def set_status_colours(self, colours: dict[str, str]) -> None:
        self.status_colours = dict(colours)
        self._on_move(self.model)

    def _on_move(self, scene: Scene) -> None:
        colours = hiker_colours(scene)
        for i, h in enumerate(scene.hikes):
            name_item, status_item = self.table.item(i, 0), self.table.item(i, 1)
            if name_item is None:
                continue
            name_item.setIcon(_swatch(colours[i]))
            status_item.setText(STATUS_SHORT[h.status])
            status_item.setForeground(QtGui.QColor(self.status_colours.get(h.status, STATUS_WORDS[h.status][1])))
        if scene.colour_by == "basin":
            P = [scene.landscape.project(h.position) for h in scene.hikes]
            tally = restart_tally(scene.landscape, P, [h.loss for h in scene.hikes])
            self.tally.setText(tally["text"] + f" · best: {scene.specs[tally['best']].name}")
        else:
            self.tally.setText("")

    def set_editing(self, on: bool) -> None:
        """Show or hide the editor under the legend (presentation mode shows the legend only)."""
        for widget in self.editor:
            widget.setVisible(on)

    def statuses(self) -> list[str]:
        return [self.table.item(i, 1).text() for i in range(self.table.rowCount())]

    def _load_selected(self) -> None:
        i = self.table.currentRow()
        if i < 0 or i >= len(self.model.specs):
            return
        spec = self.model.specs[i]
        self.name.setText(spec.name)
        self.optimizer.setCurrentText(spec.optimizer)
        self._build_hyper_fields(spec.optimizer, self.model.current_hyper(i))
        self.mode.setCurrentText(spec.mode)
        n = self.model.landscape.n_samples
        self.batch.setRange(1, n)
        self.batch.setValue(spec.batch_size or min(32, n))
        self.start.setText("" if spec.start is None else f"{spec.start[0]:g}, {spec.start[1]:g}")
        self.seed.setValue(spec.seed)
        self.error.setText("")

    def _build_hyper_fields(self, name: str, values: dict[str, Any] | None = None) -> None:
        for w in self.hyper_fields.values():
            self.form.removeRow(w)
        self.hyper_fields = {}
        values = values or {}
        for key, default in OPTIMIZERS[name].defaults.items():
            v = values.get(key, default)
            if isinstance(default, bool):
                w = QtWidgets.QCheckBox()
                w.setChecked(bool(v))
            else:
                w = QtWidgets.QLineEdit(", ".join(f"{x:g}" for x in v) if isinstance(v, (tuple, list)) else f"{v:g}")
            self.form.addRow(key, w)
            self.hyper_fields[key] = w

    # -- widget → model -------------------------------------------------------------
    def spec_from_form(self) -> HikerSpec:
        """The editor's settings as a spec; ValueError with a plain message if a field is bad."""
        hyper: dict[str, Any] = {}
        for key, w in self.hyper_fields.items():
            if isinstance(w, QtWidgets.QCheckBox):
                hyper[key] = w.isChecked()
                continue
            text = w.text().strip()
            try:
                nums = [float(t) for t in text.split(",")]
            except ValueError:
                raise ValueError(f"{key}: {text!r} is not a number") from None
            hyper[key] = tuple(nums) if key == "betas" else nums[0]
            if key != "betas" and len(nums) != 1:
                raise ValueError(f"{key} takes one number")
        start = None
        if self.start.text().strip():
            try:
                start = tuple(float(t) for t in self.start.text().split(","))
            except ValueError:
                raise ValueError(f"start: {self.start.text()!r} is not two numbers") from None
            if len(start) != 2:
                raise ValueError("start needs two numbers: w1, w2")
        mode = self.mode.currentText()
        spec = HikerSpec(
            self.name.text().strip() or "hiker",
            self.optimizer.currentText(),
            hyper,
            mode,
            self.batch.value() if mode == "minibatch" else None,
            start,
            self.seed.value(),
        )
        spec.build(self.model.landscape)  # validates every setting before the scene changes
        return spec

    def _guarded(self, fn) -> None:
        try:
            fn()
            self.error.setText("")
        except ValueError as exc:
            self.error.setText(str(exc))

    def apply(self) -> None:
        def go():
            i = self.table.currentRow()
            spec = self.spec_from_form()
            old = self.model.specs[i]
            structural = (spec.optimizer, spec.mode, spec.batch_size, spec.start, spec.seed) != (
                old.optimizer,
                old.mode,
                old.batch_size,
                old.start,
                old.seed,
            )
            if structural:  # a different walk: restart this hiker with the new settings
                keys = ("name", "optimizer", "hyper", "mode", "batch_size", "start", "seed")
                self.model.edit_hiker(i, **{k: getattr(spec, k) for k in keys})
            else:  # same walk, new numbers from this step on
                self.model.edit_hiker(i, name=spec.name, hyper=spec.hyper)

        self._guarded(go)

    def add(self) -> None:
        self._guarded(lambda: self.model.add_hiker(self.spec_from_form()))
        self.table.selectRow(len(self.model.hikes) - 1)

    def remove(self) -> None:
        self._guarded(lambda: self.model.remove_hiker(max(self.table.currentRow(), 0)))


def _swatch(rgb: tuple[int, int, int]) -> QtGui.QIcon:
    pm = QtGui.QPixmap(16, 16)
    pm.fill(QtGui.QColor(*rgb))
    return QtGui.QIcon(pm)
