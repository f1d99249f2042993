"""A party of K hikers stepping down one landscape as one numpy array.

All hikers share the landscape, the optimizer kind, the descent mode and the
sample order (seed); each has its own start and hyper-parameters (e.g. K learning
rates). A hiker whose weights or loss stop being finite, or who walks far outside
the map, has diverged: it stops at its last finite point and never moves again.
"""

from __future__ import annotations

import math

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
# lowest before them (by more than REL_TOL·(1+|L|) and more than PROGRESS × the loss's
# swing within the window): the loss stopped decreasing. Early on the window is the later
# half of the walk so far (after t steps the last ⌊(t+1)/2⌋ losses against the ones
# before), so a loss that rises from the first step on is not called "descending".
# Then "bouncing" if, within that window, the loss still moves by more than
# REL_SPREAD·(1+|L|) or the hiker still takes steps longer than STEP_TOL × the map's
# diagonal on average; otherwise "converged".
PATIENCE = 20
REL_TOL = 1e-10
PROGRESS = 0.05
REL_SPREAD = 1e-6
STEP_TOL = 1e-6


def classify(window: np.ndarray, best_before: np.ndarray, step_window: np.ndarray, diag: float) -> np.ndarray:
    """Status per hiker from its last PATIENCE losses and step lengths (P, K) and its best loss before."""
    lo = window.min(axis=0)
    hi = window.max(axis=0)
    scale = 1.0 + np.abs(best_before)
    # progress must be real: more than REL_TOL, and more than PROGRESS × the window's own swing,
    # so a hiker jumping up and down whose lowest points creep lower is not "descending"
    improving = lo < best_before - np.maximum(REL_TOL * scale, PROGRESS * (hi - lo))
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
        n = landscape.n_samples
        self._full_batch = self.mode.size(n) >= n  # also validates B against N
        starts = np.atleast_2d(np.asarray(starts, dtype=float))
        if starts.shape != (optimizer.n_hikers, landscape.dim):
            raise ValueError(f"starts must have shape {(optimizer.n_hikers, landscape.dim)}, got {starts.shape}")
        self.starts = starts.copy()
        x0, x1, y0, y1 = landscape.bounds
        self._diag = float(np.hypot(x1 - x0, y1 - y0))
        self._center = landscape.center()
        self._radius = landscape.escape_radius()
        # "far outside the map": any coordinate outside [min c − R, max c + R], R = 10 × diagonal
        self._box_lo = float(self._center.min()) - self._radius
        self._box_hi = float(self._center.max()) + self._radius
        self._project = landscape.project if landscape.dim != 2 else np.asarray
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
        # losses of the last PATIENCE steps, by reference like the positions (never changed in place)
        self._ring: list[np.ndarray] = [np.full(self.n_hikers, np.inf)] * PATIENCE
        # positions of the last PATIENCE steps, by reference: weights arrays are never changed in place
        self._wring: list[np.ndarray] = [self._project(self.W)] * PATIENCE
        self._best_before = np.full(self.n_hikers, np.inf)
        with np.errstate(all="ignore"):
            self.loss, self.g = self._evaluate(self.W)
            ok = self._ok(self.W, self.loss, self.g)
        self.alive &= ok
        self._record()

    def _evaluate(self, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Full-data loss at W and the gradient this step's batch gives there."""
        L = self.landscape
        if self._full_batch:
            return L.value_and_grad(W)
        return L.value(W), L.batch_grad(W, self.mode.batch(self.seed, self.t, L.n_samples))

    def _ok(self, W: np.ndarray, loss: np.ndarray, g: np.ndarray) -> np.ndarray:
        """Per hiker: finite weights, loss and gradient, and still near the map."""
        ok = np.isfinite(loss) & np.isfinite(W).all(axis=-1) & np.isfinite(g).all(axis=-1)
        P = self._project(W)
        return ok & (P >= self._box_lo).all(axis=-1) & (P <= self._box_hi).all(axis=-1)

    def _all_ok(self, W: np.ndarray, loss: np.ndarray, g: np.ndarray) -> bool:
        """Cheap test that every hiker is fine (NaN fails both comparisons)."""
        total = float(np.add.reduce(loss, axis=None)) + float(np.add.reduce(g, axis=None))
        P = self._project(W).ravel()  # whole-array max/min: no slow (K, 2) − (2,) broadcast
        hi = float(np.maximum.reduce(P))
        lo = float(np.minimum.reduce(P))
        return math.isfinite(total) and self._box_lo <= lo and hi <= self._box_hi

    def _record(self) -> None:
        slot = self.t % PATIENCE
        if self.t >= PATIENCE:
            np.minimum(self._best_before, self._ring[slot], out=self._best_before)
        self._ring[slot] = self.loss
        self._wring[slot] = self._project(self.W)

    def _step(self) -> None:
        W_new = self.optimizer.step(self.W, self.g)
        self.t += 1
        loss_new, g_new = self._evaluate(W_new)
        if self.alive.all() and self._all_ok(W_new, loss_new, g_new):
            self.W, self.loss, self.g = W_new, loss_new, g_new
        else:
            ok = self._ok(W_new, loss_new, g_new) & self.alive
            newly = self.alive & ~ok
            self.diverged_at[newly] = self.t
            self.alive = ok
            keep = ok[:, None]
            self.W = np.where(keep, W_new, self.W)
            self.loss = np.where(ok, loss_new, self.loss)
            self.g = np.where(keep, g_new, self.g)
        self._record()

    def step(self) -> None:
        """One update for every living hiker: w ← optimizer(w, g), with g from this step's batch."""
        with np.errstate(all="ignore"):
            self._step()

    def run(self, steps: int) -> None:
        """``steps`` updates for every living hiker."""
        with np.errstate(all="ignore"):
            for _ in range(int(steps)):
                self._step()

    def snapshot(self) -> dict:
        """Everything that changes while stepping, copied, so ``restore`` is exact."""
        return {
            "t": self.t,
            "W": self.W.copy(),
            "loss": self.loss.copy(),
            "g": self.g.copy(),
            "alive": self.alive.copy(),
            "diverged_at": self.diverged_at.copy(),
            "ring": list(self._ring),
            "wring": list(self._wring),
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
        self._ring = list(snap["ring"])
        self._wring = list(snap["wring"])
        self._best_before = snap["best_before"].copy()
        self.optimizer.restore(snap["optimizer"])

    def preview(self) -> np.ndarray:
        """Where each hiker would stand after the next update, without taking it."""
        snap = self.optimizer.snapshot()
        with np.errstate(all="ignore"):
            W_next = self.optimizer.step(self.W, self.g)
        self.optimizer.restore(snap)
        return np.where(self.alive[:, None], W_next, self.W)

    def status(self) -> np.ndarray:
        """Each hiker's status word (descending / converged / bouncing / diverged)."""
        if self.t == 0:
            out = np.full(self.n_hikers, DESCENDING, dtype=object)
        else:
            # the ring's losses and positions in the order they were reached
            if self.t < PATIENCE:
                losses, places = self._ring[: self.t + 1], self._wring[: self.t + 1]
            else:
                first = (self.t + 1) % PATIENCE
                losses = self._ring[first:] + self._ring[:first]
                places = self._wring[first:] + self._wring[:first]
            w = min(PATIENCE, (self.t + 1) // 2)
            best_before = self._best_before
            if len(losses) > w:
                best_before = np.minimum(best_before, np.stack(losses[:-w]).min(axis=0))
            steps = np.linalg.norm(np.diff(np.stack(places[-(w + 1) :]), axis=0), axis=-1)
            out = classify(np.stack(losses[-w:]), best_before, steps, self._diag).astype(object)
        out[~self.alive] = DIVERGED
        return out
