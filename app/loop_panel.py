"""The complete learning loop as four boxes (forward → loss → backward → update), the current
stage highlighted, each with the numbers of the step the first hiker is about to take."""

from __future__ import annotations

import html

import numpy as np
from PyQt6 import QtCore, QtWidgets

from foghike.core.learning_loop import STAGES, LearningLoop, LoopNumbers

from .readout import num

TITLES = {
    "forward": "1  Forward: predict",
    "loss": "2  Loss: how wrong?",
    "backward": "3  Backward: the gradient",
    "update": "4  Update: step downhill",
}
ROWS = 5  # samples of the batch written out


def stage_texts(n: LoopNumbers | None, model=None) -> dict[str, str]:
    """Each stage's lines (plain text) for these numbers; ``model`` (the landscape) names its formulas."""
    if n is None:
        return {s: "the hike diverged: no more steps" for s in STAGES}
    B = len(n.batch)
    k = min(ROWS, B)
    more = f"\n… and {B - k} more" if B > k else ""
    if n.prediction is not None:
        fwd = [f"{model.prediction_formula}, w = ({num(n.w[0])}, {num(n.w[1])}), {B} samples"]
        fwd += [
            f"#{i:<4d} x = {num(x):>7s}  y = {num(y):>6s}  {model.prediction_formula[0]} = {num(p):>6s}"
            for i, x, y, p in zip(n.batch[:k], n.x[:k], n.y[:k], n.prediction[:k])
        ]
        loss = [model.loss_formula]
    else:
        fwd = [f"the per-sample losses ℓᵢ(w) at w = ({num(n.w[0])}, {num(n.w[1])}), {B} samples"]
        loss = ["ℓᵢ(w) for this batch"]
    loss += [f"#{i:<4d} ℓ = {num(v)}" for i, v in zip(n.batch[:k], n.sample_losses[:k])]
    loss.append(f"batch loss (1/{B}) Σ ℓᵢ = {num(n.batch_loss)}")
    loss.append(f"full loss over all samples L(w) = {num(n.full_loss)}")
    back = []
    if n.prediction is not None:
        back.append(model.grad_formula)
    back += [f"∂L/∂w{'₁₂'[j]} = {num(n.grad[j])}" for j in range(min(2, len(n.grad)))]
    back.append(f"|∇L| = {num(float(np.linalg.norm(n.grad)))}")
    if n.plain:
        upd = [f"w{'₁₂'[j]} ← {num(n.w[j])} − {n.lr:g} × {num(n.grad[j])} = {num(n.w_next[j])}" for j in range(2)]
    else:
        upd = [f"w{'₁₂'[j]} ← {num(n.w[j])} → {num(n.w_next[j])} (the optimizer's step)" for j in range(2)]
    return {
        "forward": "\n".join(fwd) + more,
        "loss": "\n".join(loss),
        "backward": "\n".join(back),
        "update": "\n".join(upd),
    }


class LoopPanel(QtWidgets.QWidget):
    """Subscribes to the loop's stage and the scene's steps; redraws the four boxes."""

    def __init__(self, loop: LearningLoop, parent=None) -> None:
        super().__init__(parent)
        self.loop = loop
        layout = QtWidgets.QVBoxLayout(self)
        self.header = QtWidgets.QLabel()
        layout.addWidget(self.header)
        self.boxes: dict[str, QtWidgets.QLabel] = {}
        for s in STAGES:
            lab = QtWidgets.QLabel()
            lab.setTextFormat(QtCore.Qt.TextFormat.RichText)
            lab.setWordWrap(True)
            layout.addWidget(lab)
            self.boxes[s] = lab
        layout.addStretch(1)
        self.font_px = 15
        loop.events.stage.connect(self._on_stage)
        self._on_stage(loop)

    def set_font_size(self, px: int) -> None:
        self.font_px = px
        self._on_stage(self.loop)

    def texts(self) -> dict[str, str]:
        return stage_texts(self.loop.numbers(), self.loop.scene.landscape)

    def _on_stage(self, loop: LearningLoop) -> None:
        if not self.isVisible() and self.boxes["forward"].text():
            return  # hidden: redrawn when shown
        h = loop.scene.hikes[0]
        self.header.setText(
            f"<div style='font-size:{self.font_px}px'>iteration <b>{h.t}</b> · stage <b>{loop.stage_name}</b> "
            "· press N for the next stage</div>"
        )
        texts = self.texts()
        px = self.font_px
        for s, lab in self.boxes.items():
            on = s == loop.stage_name
            style = (
                "background:#fff3b0;color:#111;border:3px solid #e69f00;border-radius:8px;padding:8px"
                if on
                else "border:1px solid #999;border-radius:8px;padding:8px"
            )
            lab.setStyleSheet(style)
            body = html.escape(texts[s]).replace("\n", "<br>")
            lab.setText(
                f"<div style='font-size:{px}px'><b>{html.escape(TITLES[s])}</b><br>"
                f"<span style='font-family:DejaVu Sans Mono;font-size:{px - 1}px'>{body}</span></div>"
            )

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        self._on_stage(self.loop)
