"""A party of K hikers stepping down one landscape as one numpy array.

All hikers share the landscape, the optimizer kind, the descent mode and the
sample order (seed); each has its own start and hyper-parameters (e.g. K learning
rates). A hiker whose weights or loss stop being finite, or who walks far outside
the map, has diverged: it stops at its last finite point and never moves again.
"""

from __future__ import annotations

import numpy as np

from .descent import DescentMode
from .landscape import Landscape
from .optimizers import Optimizer

# Status words, in the lecture's plain language.
DESCENDING = "descending"
CONVERGED = "converged"
BOUNCING = "bouncing"
DIVERGED = "diverged"
STATUS_TEXT = {
    DESCENDING: "descending: the loss is still going down",
    CONVERGED: "converged: the loss stopped decreasing",
    BOUNCING: "bouncing: the loss stopped decreasing but keeps jumping (steps too big or too noisy)",
    DIVERGED: "diverged: learning rate too high, the steps overshoot",
}
# Convergence rule: the lowest loss of the last PATIENCE steps is no lower than the
# lowest before them (by more than REL_TOL·(1+|L|)): the loss stopped decreasing.
# Then "bouncing" if, within that window, the loss still moves by more than
# REL_SPREAD·(1+|L|) or the hiker still takes steps longer than STEP_TOL × the map's
# diagonal on average; otherwise "converged".
PATIENCE = 20
REL_TOL = 1e-10
REL_SPREAD = 1e-6
STEP_TOL = 1e-6


def classify(window: np.ndarray, best_before: np.ndarray, step_window: np.ndarray, diag: float) -> np.ndarray:
    """Status per hiker from its last PATIENCE losses and step lengths (P, K) and its best loss before."""
    lo = window.min(axis=0)
    hi = window.max(axis=0)
    scale = 1.0 + np.abs(best_before)
    improving = lo < best_before - REL_TOL * scale
    moving = ((hi - lo) > REL_SPREAD * scale) | (step_window.mean(axis=0) > STEP_TOL * diag)
    return np.where(improving, DESCENDING, np.where(moving, BOUNCING, CONVERGED))


class Party:
    """K hikers as one array: ``W`` (K, D) weights, ``loss`` (K,), one ``step()`` for all."""

    def __init__(
        self,
        landscape: Landscape,
        optimizer: Optimizer,
        starts: np.ndarray,
        mode: DescentMode | None = None,
        seed: int = 0,
    ) -> None:
        self.landscape = landscape
        self.optimizer = optimizer
        self.mode = mode or DescentMode()
        self.seed = int(seed)
        self.mode.size(landscape.n_samples)  # validate B against N now
        starts = np.atleast_2d(np.asarray(starts, dtype=float))
        if starts.shape != (optimizer.n_hikers, landscape.dim):
            raise ValueError(f"starts must have shape {(optimizer.n_hikers, landscape.dim)}, got {starts.shape}")
        self.starts = starts.copy()
        self.reset()

    @property
    def n_hikers(self) -> int:
        return self.optimizer.n_hikers

    def reset(self) -> None:
        """Every hiker back at its start, the optimizer fresh."""
        self.optimizer.reset()
        self.t = 0
        self.W = self.starts.copy()
        self.alive = np.ones(self.n_hikers, dtype=bool)
        self.diverged_at = np.full(self.n_hikers, -1)
        self._ring = np.empty((PATIENCE, self.n_hikers))
        self._steps = np.zeros((PATIENCE, self.n_hikers))
        self._best_before = np.full(self.n_hikers, np.inf)
        with np.errstate(all="ignore"):
            self.loss = np.asarray(self.landscape.value(self.W), dtype=float)
            self._check(self.W, self.loss)
            self.g = self._gradient(self.W)
            self._check(self.W, self.loss, self.g)
        self._record_loss()

    def _gradient(self, W: np.ndarray) -> np.ndarray:
        idx = self.mode.batch(self.seed, self.t, self.landscape.n_samples)
        if idx is None:
            return self.landscape.grad(W)
        return self.landscape.batch_grad(W, idx)

    def _ok(self, W: np.ndarray, loss: np.ndarray, g: np.ndarray | None = None) -> np.ndarray:
        ok = np.isfinite(loss) & np.isfinite(W).all(axis=-1)
        if g is not None:
            ok &= np.isfinite(g).all(axis=-1)
        d = self.landscape.project(W) - self.landscape.center()
        with np.errstate(invalid="ignore"):
            ok &= np.einsum("...i,...i->...", d, d) <= self.landscape.escape_radius() ** 2
        return ok

    def _check(self, W: np.ndarray, loss: np.ndarray, g: np.ndarray | None = None) -> None:
        bad = self.alive & ~self._ok(W, loss, g)
        if bad.any():
            self.alive &= ~bad
            self.diverged_at[bad] = self.t

    def _record_loss(self) -> None:
        slot = self.t % PATIENCE
        if self.t >= PATIENCE:
            np.minimum(self._best_before, self._ring[slot], out=self._best_before)
        self._ring[slot] = self.loss

    def step(self) -> None:
        """One update for every living hiker: w ← optimizer(w, g), with g from this step's batch."""
        with np.errstate(all="ignore"):
            W_new = self.optimizer.step(self.W, self.g)
            self.t += 1
            loss_new = np.asarray(self.landscape.value(W_new), dtype=float)
            g_new = self._gradient(W_new)
            ok = self._ok(W_new, loss_new, g_new) & self.alive
            d = self.landscape.project(W_new) - self.landscape.project(self.W)
            self._steps[self.t % PATIENCE] = np.where(ok, np.sqrt(np.einsum("...i,...i->...", d, d)), 0.0)
            if ok.all():
                self.W, self.loss, self.g = W_new, loss_new, g_new
            else:
                newly = self.alive & ~ok
                self.diverged_at[newly] = self.t
                self.alive = ok
                keep = ok[:, None]
                self.W = np.where(keep, W_new, self.W)
                self.loss = np.where(ok, loss_new, self.loss)
                self.g = np.where(keep, g_new, self.g)
        self._record_loss()

    def snapshot(self) -> dict:
        """Everything that changes while stepping, copied, so ``restore`` is exact."""
        return {
            "t": self.t,
            "W": self.W.copy(),
            "loss": self.loss.copy(),
            "g": self.g.copy(),
            "alive": self.alive.copy(),
            "diverged_at": self.diverged_at.copy(),
            "ring": self._ring.copy(),
            "steps": self._steps.copy(),
            "best_before": self._best_before.copy(),
            "optimizer": self.optimizer.snapshot(),
        }

    def restore(self, snap: dict) -> None:
        self.t = snap["t"]
        self.W = snap["W"].copy()
        self.loss = snap["loss"].copy()
        self.g = snap["g"].copy()
        self.alive = snap["alive"].copy()
        self.diverged_at = snap["diverged_at"].copy()
        self._ring = snap["ring"].copy()
        self._steps = snap["steps"].copy()
        self._best_before = snap["best_before"].copy()
        self.optimizer.restore(snap["optimizer"])

    def preview(self) -> np.ndarray:
        """Where each hiker would stand after the next update, without taking it."""
        snap = self.optimizer.snapshot()
        with np.errstate(all="ignore"):
            W_next = self.optimizer.step(self.W, self.g)
        self.optimizer.restore(snap)
        return np.where(self.alive[:, None], W_next, self.W)

    def run(self, steps: int) -> None:
        for _ in range(int(steps)):
            self.step()

    def status(self) -> np.ndarray:
        """Each hiker's status word (descending / converged / bouncing / diverged)."""
        if self.t < PATIENCE:
            out = np.full(self.n_hikers, DESCENDING, dtype=object)
        else:
            x0, x1, y0, y1 = self.landscape.bounds
            diag = float(np.hypot(x1 - x0, y1 - y0))
            out = classify(self._ring, self._best_before, self._steps, diag).astype(object)
        out[~self.alive] = DIVERGED
        return out
