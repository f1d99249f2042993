"""One hiker's walk, step by step, with its whole history.

A ``Hike`` steps forward (new_weight = old_weight − learning_rate · gradient for
plain descent), steps back to any earlier point with the optimizer state restored
exactly, resets, and tells subscribers after every change, so a view can redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .descent import DescentMode
from .landscape import Landscape
from .optimizers import Optimizer, make_optimizer
from .party import DIVERGED, STATUS_TEXT, Party


class Hike:
    """One hiker: landscape, optimizer, descent mode, start and seed, plus history.

    History row t holds the position w_t, the full-data loss L(w_t), the gradient
    g_t used for the update from w_t (the mini-batch gradient in stochastic modes)
    and the samples seen before that update.
    """

    def __init__(
        self,
        landscape: Landscape,
        optimizer: str | Optimizer = "sgd",
        *,
        mode: str | DescentMode = "batch",
        batch_size: int | None = None,
        start: Any = None,
        seed: int = 0,
        **hyper: Any,
    ) -> None:
        self.landscape = landscape
        if isinstance(optimizer, str):
            optimizer = make_optimizer(optimizer, 1, landscape.dim, **hyper)
        elif hyper:
            raise ValueError("pass hyper-parameters either to the optimizer or to the hike, not both")
        self.optimizer = optimizer
        self.mode = mode if isinstance(mode, DescentMode) else DescentMode(mode, batch_size)
        self.seed = int(seed)
        self.start = self._weights(start)
        self._party = Party(landscape, optimizer, self.start[None, :], self.mode, self.seed)
        self._subscribers: list[Callable[[Hike], None]] = []
        self._restart()

    def _weights(self, start: Any) -> np.ndarray:
        return self.landscape.start_weights(start, self.seed)

    # -- events ---------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Hike], None]) -> None:
        """Call ``callback(hike)`` after every step, step back or reset."""
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[Hike], None]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def _changed(self) -> None:
        for cb in list(self._subscribers):
            cb(self)

    # -- stepping -------------------------------------------------------------------
    def _restart(self) -> None:
        self._party.reset()
        self._snaps: list[dict] = [self._party.snapshot()]
        self._pos = [self._party.W[0].copy()]
        self._loss = [float(self._party.loss[0])]
        self._grad = [self._party.g[0].copy()]

    def reset(self, start: Any = None) -> None:
        """Back to the start (or a new start), history cleared."""
        if start is not None:
            self.start = self._weights(start)
            self._party.starts = self.start[None, :].copy()
        self._restart()
        self._changed()

    def step(self, n: int = 1) -> int:
        """Take up to ``n`` updates; returns how many were taken (0 once diverged)."""
        taken = 0
        for _ in range(int(n)):
            if not self._party.alive[0]:
                break
            self._party.step()
            if not self._party.alive[0]:
                # stays at its last finite point; that point is not a new step
                self._party.restore(self._snaps[-1])
                self._party.alive[0] = False
                self._party.diverged_at[0] = self.t + 1
                break
            self._snaps.append(self._party.snapshot())
            self._pos.append(self._party.W[0].copy())
            self._loss.append(float(self._party.loss[0]))
            self._grad.append(self._party.g[0].copy())
            taken += 1
        self._changed()
        return taken

    def back(self, n: int = 1) -> int:
        """Undo up to ``n`` updates, restoring weights and optimizer state exactly."""
        k = min(int(n), self.t)
        if k:
            del self._snaps[-k:], self._pos[-k:], self._loss[-k:], self._grad[-k:]
        self._party.restore(self._snaps[-1])
        self._changed()
        return k

    def set_hyper(self, **hyper: Any) -> None:
        """Change hyper-parameters from the current step on (state kept)."""
        new = make_optimizer(self.optimizer.name, 1, self.landscape.dim, **{**self.optimizer.settings, **hyper})
        new.restore(self.optimizer.snapshot())
        self.optimizer = self._party.optimizer = new  # history stays as walked
        self._changed()

    # -- what a student reads -----------------------------------------------------------
    @property
    def t(self) -> int:
        """The iteration: updates taken so far."""
        return len(self._pos) - 1

    @property
    def position(self) -> np.ndarray:
        return self._pos[-1].copy()

    @property
    def loss(self) -> float:
        return self._loss[-1]

    @property
    def gradient(self) -> np.ndarray:
        """The gradient the next update will use (mini-batch gradient in stochastic modes)."""
        return self._grad[-1].copy()

    @property
    def lr(self) -> float:
        return self.optimizer.lr_of(0)

    @property
    def samples_seen(self) -> int:
        return self.mode.samples_before(self.t, self.landscape.n_samples)

    @property
    def epoch(self) -> float:
        return self.samples_seen / self.landscape.n_samples

    def next_position(self) -> np.ndarray:
        """Where the next update will put the hiker (for the downhill arrow)."""
        if self.diverged:
            return self.position
        return self._party.preview()[0]

    @property
    def diverged(self) -> bool:
        return not bool(self._party.alive[0])

    @property
    def diverged_at(self) -> int | None:
        """The update that would have left the finite world, if any."""
        return int(self._party.diverged_at[0]) if self.diverged else None

    @property
    def status(self) -> str:
        if self.diverged:
            return DIVERGED
        return str(self._party.status()[0])

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]

    def positions(self) -> np.ndarray:
        """All positions so far, (t+1, D)."""
        return np.array(self._pos)

    def losses(self) -> np.ndarray:
        return np.array(self._loss)

    def gradients(self) -> np.ndarray:
        return np.array(self._grad)

    def gradient_noise(self) -> float:
        """Measured spread of the steps: mean |g_used − ∇L(w)| over the walk so far
        (0 for full-batch descent, larger the fewer samples each update sees)."""
        W = self.positions()[:-1] if self.t else self.positions()
        G = self.gradients()[: len(W)]
        return float(np.mean(np.linalg.norm(G - self.landscape.grad(W), axis=-1)))

    def loss_after_epochs(self, epochs: float = 1.0) -> float | None:
        """The full-data loss when ``epochs`` epochs of samples had been seen, if reached."""
        seen = self.samples()
        reached = np.flatnonzero(seen >= epochs * self.landscape.n_samples)
        return float(self.losses()[reached[0]]) if reached.size else None

    def samples(self) -> np.ndarray:
        n = self.landscape.n_samples
        return np.array([self.mode.samples_before(t, n) for t in range(self.t + 1)])
