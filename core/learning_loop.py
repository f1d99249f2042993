"""The complete learning loop, one stage at a time: forward → loss → backward → update.

``LearningLoop`` follows the scene's first hiker. ``numbers()`` gives every stage's values
for the step that hiker is about to take (the mini-batch it will use, its predictions, their
loss, the gradient, the new weights); ``advance()`` moves the highlight to the next stage
and, after "update", takes the step. Views subscribe to ``events.stage``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .events import Event
from .scene import Scene

STAGES = ("forward", "loss", "backward", "update")


@dataclass(frozen=True)
class LoopNumbers:
    """One iteration's numbers. ``x, y, prediction`` are None on landscapes without a model."""

    t: int
    batch: np.ndarray  # sample indices used by this update
    x: np.ndarray | None
    y: np.ndarray | None
    prediction: np.ndarray | None  # ŷ = w₁x + w₂ (linear) or the logit z (logistic)
    sample_losses: np.ndarray  # ℓᵢ(w) for the batch
    batch_loss: float  # (1/B) Σ ℓᵢ: what this update minimises
    full_loss: float  # L(w) over all N samples
    w: np.ndarray
    grad: np.ndarray  # ∇ of the batch loss: the gradient this update uses
    lr: float
    w_next: np.ndarray  # the optimizer's update
    plain: bool  # plain descent: w_next = w − lr·grad exactly


class LearningLoop:
    """Which stage of the loop is highlighted, for the scene's first hiker."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.stage = 0
        self.events = type("LoopEvents", (), {})()
        self.events.stage = Event()
        self._stepping = False
        scene.events.moved.connect(self._on_move)
        scene.events.hikers.connect(self._on_move)

    @property
    def stage_name(self) -> str:
        return STAGES[self.stage]

    def _on_move(self, _scene: Scene) -> None:
        if not self._stepping:  # any step or reset starts the next iteration at "forward"
            self.stage = 0
        self.events.stage.emit(self)

    def advance(self) -> None:
        """Highlight the next stage; after "update" the hiker takes that step."""
        if self.stage < len(STAGES) - 1:
            self.stage += 1
            self.events.stage.emit(self)
            return
        self.stage = 0
        self._stepping = True
        try:
            self.scene.step(1)
        finally:
            self._stepping = False
        self.events.stage.emit(self)

    def numbers(self) -> LoopNumbers | None:
        """The stages' values for the next update of the first hiker (None once it diverged)."""
        h = self.scene.hikes[0]
        if h.diverged:
            return None
        L = h.landscape
        n = L.n_samples
        idx = h.mode.batch(h.seed, h.t, n)
        batch = np.arange(n) if idx is None else np.asarray(idx)
        w = h.position
        x = y = pred = None
        if hasattr(L, "forward"):
            x, y, pred, losses = L.forward(w, batch)
        else:
            losses = L.sample_values(w)[batch]
        grad = L.grad(w) if idx is None else L.batch_grad(w, batch)
        s = h.optimizer.settings
        plain = h.optimizer.name == "sgd" and not s.get("momentum") and not s.get("weight_decay")
        return LoopNumbers(
            t=h.t,
            batch=batch,
            x=x,
            y=y,
            prediction=pred,
            sample_losses=np.asarray(losses, dtype=float),
            batch_loss=float(np.mean(losses)),
            full_loss=h.loss,
            w=w,
            grad=np.asarray(grad, dtype=float),
            lr=h.lr,
            w_next=h.next_position(),
            plain=plain,
        )
