"""Your own landscape: type a loss in w1 and w2 and its plot bounds; the exact gradient is
derived and shown. A formula that is not accepted is explained inline and changes nothing."""

from __future__ import annotations

import html

from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import FormulaError, Scene, formula_landscape

EXAMPLE = "sin(w1)*cos(w2) + 0.1*(w1^2 + w2^2)"


class FormulaBox(QtWidgets.QWidget):
    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        layout = QtWidgets.QFormLayout(self)
        layout.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows)  # the formula gets the full width
        self.text = QtWidgets.QLineEdit(EXAMPLE)
        self.text.setFont(QtGui.QFont("DejaVu Sans Mono", 12))
        self.bounds = QtWidgets.QLineEdit("-3, 3, -3, 3")
        self.use = QtWidgets.QPushButton("Use this landscape")
        self.use.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        self.gradient = QtWidgets.QLabel()
        self.gradient.setWordWrap(True)
        self.gradient.setFont(QtGui.QFont("DejaVu Sans Mono", 12))  # read by the class, like the formula
        self.gradient.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QtWidgets.QLabel()
        self.error.setStyleSheet("color:#c00000")
        self.error.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.error.setWordWrap(True)
        # a long formula with its caret line is clipped, never widens the dock over the mountain
        self.error.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        layout.addRow("L(w1, w2) =", self.text)
        layout.addRow("bounds w1, w2", self.bounds)
        layout.addRow(self.use)
        layout.addRow(self.gradient)
        layout.addRow(self.error)
        help_ = QtWidgets.QLabel(
            "numbers, w1, w2, pi, e, + − * / ^ and sin cos tan exp log sqrt abs tanh sigmoid min max"
        )
        help_.setStyleSheet("color:#666")
        help_.setWordWrap(True)
        layout.addRow(help_)
        self.use.clicked.connect(self.apply)
        self.text.returnPressed.connect(self.apply)
        self.bounds.returnPressed.connect(self.apply)

    def apply(self) -> bool:
        """Replace the landscape (hikers restart on it) or explain why not; returns success."""
        try:
            parts = [float(t) for t in self.bounds.text().split(",")]
            if len(parts) != 4:
                raise FormulaError("bounds need four numbers: w1_min, w1_max, w2_min, w2_max")
            land = formula_landscape(self.text.text(), tuple(parts))
        except ValueError as exc:  # FormulaError, or a bound that is not a number
            msg = str(exc) if isinstance(exc, FormulaError) else f"bounds: {exc}"
            what, _, where = msg.partition("\n")  # the reason wraps; the formula and its caret line up
            pre = f"<pre style='margin:0'>{html.escape(where)}</pre>" if where else ""
            self.error.setText(f"<p style='margin:0'>{html.escape(what)}</p>{pre}")
            return False
        self.error.setText("")
        g1, g2 = land.formula.gradient_text()
        self.gradient.setText(f"∂L/∂w1 = {g1}\n∂L/∂w2 = {g2}")
        self.model.set_landscape(land)
        return True
