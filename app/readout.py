"""The numbers students read off the screen: iteration, loss, weights, gradient, learning
rate, samples, the lecture's update formula with today's numbers, and the status in words."""

from __future__ import annotations

import html

import numpy as np
from PyQt6 import QtCore, QtWidgets

from foghike.core import Hike, Scene

STATUS_WORDS = {
    "descending": ("descending", "#1b7a3a"),
    "converged": ("converged: the loss stopped decreasing", "#0b5394"),
    "bouncing": ("bouncing: the loss stopped decreasing but keeps jumping", "#b45f06"),
    "diverged": ("diverged: learning rate too high, the steps overshoot", "#c00000"),
}
SUB = "₁₂₃₄₅₆₇₈₉"


def num(v: float) -> str:
    """Three decimals in the usual range, scientific outside it (never 'nan')."""
    v = float(v)
    if not np.isfinite(v):
        return "—"
    if abs(v) < 1e-12:  # rounding noise around zero (a minimum shifted to loss 0) reads as 0
        v = 0.0
    if v == 0 or 1e-3 <= abs(v) < 1e5:
        return f"{v:.3f}"
    return f"{v:.3e}"


def lr_text(lr: float) -> str:
    return f"{lr:g}"


def is_plain_descent(h: Hike) -> bool:
    s = h.optimizer.settings
    return h.optimizer.name == "sgd" and not s.get("momentum") and not s.get("weight_decay")


def update_lines(h: Hike) -> list[str]:
    """The update w ← w − lr·g for each weight, with the numbers of the step about to be taken."""
    if h.diverged:
        return ["stopped: the next step overshoots far off the map (or to an infinite loss)"]
    w = h.position[:2] if h.landscape.dim == 2 else h.landscape.project(h.position)
    nxt = h.next_position()
    nxt = nxt[:2] if h.landscape.dim == 2 else h.landscape.project(nxt)
    g = h.landscape.project_vector(h.gradient)
    lines = []
    for i in range(2):
        if is_plain_descent(h) and h.landscape.dim == 2:
            lines.append(f"w{SUB[i]} ← {num(w[i])} − {lr_text(h.lr)} × {num(g[i])} = {num(nxt[i])}")
        else:
            lines.append(f"w{SUB[i]} ← {num(w[i])} − {num(w[i] - nxt[i])} = {num(nxt[i])}")
    if not is_plain_descent(h):
        lines.append(f"(the step is {h.optimizer.name}'s: lr {lr_text(h.lr)} with its own scaling)")
    return lines


class Readout(QtWidgets.QLabel):
    """Rich-text panel for the first hiker (the one the lesson is about)."""

    def __init__(self, scene: Scene, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        self.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        self.setWordWrap(True)
        self.setMargin(10)
        self.font_px = 17
        self.muted = "#555"
        self.status_colours = {k: c for k, (_w, c) in STATUS_WORDS.items()}
        scene.events.moved.connect(self._on_move)
        scene.events.hikers.connect(self._on_move)
        self._on_move(scene)

    def set_colours(self, muted: str, status: dict[str, str]) -> None:
        self.muted = muted
        self.status_colours.update(status)
        self._on_move(self.model)

    def set_font_size(self, px: int) -> None:
        self.font_px = px
        self._on_move(self.model)

    def values(self) -> dict[str, str]:
        """What is on screen, by row name (tests read these)."""
        h = self.model.hikes[0]
        L = h.landscape
        n = L.n_samples
        grad_label = "∇L" if h.mode.kind == "batch" else f"∇L ({h.mode.label(n)})"
        w = L.project(h.position)  # a network: its weights' coordinates on the slice
        g = L.project_vector(h.gradient)
        sliced = L.dim > 2
        return {
            "iteration": str(h.t),
            "loss": num(h.loss) + (" (full network)" if sliced else ""),
            "w₁": num(w[0]),
            "w₂": num(w[1]),
            grad_label + (" on the slice" if sliced else ""): f"({num(g[0])}, {num(g[1])})",
            "|∇L|" + (f" (all {L.dim} weights)" if sliced else ""): num(np.linalg.norm(h.gradient)),
            "learning rate": lr_text(h.lr),
            "samples seen": f"{h.samples_seen}  (epoch {h.epoch:.2f})",
            "status": STATUS_WORDS[h.status][0],
        }

    def _on_move(self, scene: Scene) -> None:
        h = scene.hikes[0]
        v = self.values()
        status = STATUS_WORDS[h.status][0]
        colour = self.status_colours[h.status]
        cell = (
            f"<tr><td style='color:{self.muted};padding-right:12px;white-space:nowrap'>{{}}</td>"
            "<td style='white-space:nowrap'><b>{}</b></td></tr>"
        )
        table = "".join(cell.format(html.escape(k), html.escape(val)) for k, val in v.items() if k != "status")
        formula = "<br>".join(html.escape(s) for s in update_lines(h))
        if h.landscape.dim > 2:
            formula += (
                f"<br><span style='color:{self.muted};font-family:DejaVu Sans'>The surface is a 2-D slice of the "
                f"{h.landscape.dim}-weight landscape; w₁, w₂ are the hiker's coordinates on it. Every step "
                "updates all the weights; the loss is the true loss of the full network.</span>"
            )
        px = self.font_px
        self.setText(
            f"<div style='font-size:{px}px'>"
            f"<p style='font-size:{px + 3}px;color:{colour};margin:0 0 6px 0'><b>{html.escape(status)}</b></p>"
            f"<table cellspacing=1>{table}</table>"
            f"<p style='margin:8px 0 2px 0;color:{self.muted};font-size:{px - 2}px'>"
            "new_weight = old_weight − learning_rate × gradient</p>"
            f"<p style='margin:0;font-family:DejaVu Sans Mono'>{formula}</p></div>"
        )
