"""Learning-rate sweep: the loss after K steps for many learning rates in one run.

Every rate is one hiker of a vectorised ``Party`` (same start, same samples), so
row i is exactly what a single hike with learning rate lrs[i] reaches after K steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .descent import DescentMode
from .landscape import Landscape
from .optimizers import make_optimizer
from .party import Party


@dataclass
class SweepResult:
    lrs: np.ndarray  # (M,)
    final_loss: np.ndarray  # loss after K steps (at the last finite point if diverged)
    best_loss: np.ndarray  # lowest loss seen along the way
    status: np.ndarray  # status word per rate
    diverged_at: np.ndarray  # update that diverged, −1 if none
    steps: int
    start_loss: float  # the full-data loss at the shared start

    def stable(self) -> np.ndarray:
        """Rates below the first unstable one (see ``rate_regions``): the ones a teacher can trust."""
        ok = (self.status != "diverged") & np.isfinite(self.final_loss)
        best_lower = np.fmin.accumulate(np.where(ok, self.final_loss, np.nan))
        best_lower = np.concatenate(([np.inf], best_lower[:-1]))  # best of the rates strictly below
        gap = np.maximum(self.start_loss - best_lower, 0.0)
        with np.errstate(invalid="ignore"):
            worse = (self.status == "bouncing") & (self.final_loss > best_lower + (1.0 - ABOUT_RIGHT) * gap)
        unstable = ~ok | worse
        first_bad = int(np.argmax(unstable)) if unstable.any() else len(self.lrs)
        mask = np.zeros(len(self.lrs), dtype=bool)
        mask[:first_bad] = True
        return mask & ok

    def best_lr(self) -> float:
        """The rate with the lowest loss after K steps among the stable rates (nan if none)."""
        ok = self.stable()
        if not ok.any():
            return float("nan")
        return float(self.lrs[ok][np.argmin(self.final_loss[ok])])


# The sweep's regions. Rates are read from low to high; the first *unstable* rate is the first
# that diverged, or that ends bouncing with a loss worse than a lower rate already reached (by
# more than 10% of the way down from the start). From it on, every rate is too high: above it a
# lucky jump into a deeper valley is chance, not a good rate. Among the stable rates below it, a
# rate is "about right" when its loss after K steps closes at least 90% of the gap between the
# start's loss and the best stable loss. Rates below the first such rate are "too low", above the
# last one "too high".
ABOUT_RIGHT = 0.9


def rate_regions(res: SweepResult) -> tuple[float, float] | None:
    """(lowest, highest) learning rate that is "about right", or None if none is."""
    stable = res.stable()
    if not stable.any():
        return None
    best = float(res.final_loss[stable].min())
    gap = res.start_loss - best
    good = stable & (res.final_loss <= best + (1.0 - ABOUT_RIGHT) * max(gap, 0.0))
    idx = np.flatnonzero(good)
    return float(res.lrs[idx[0]]), float(res.lrs[idx[-1]])


def log_rates(lr_min: float, lr_max: float, count: int) -> np.ndarray:
    """``count`` learning rates spaced evenly on a log scale from lr_min to lr_max."""
    if not (0 < lr_min <= lr_max) or not np.isfinite(lr_max):
        raise ValueError("learning-rate range needs 0 < lr-min ≤ lr-max, both finite")
    if count < 1:
        raise ValueError("count must be at least 1")
    return np.geomspace(lr_min, lr_max, int(count))


def sweep(
    landscape: Landscape,
    optimizer: str,
    lrs: np.ndarray,
    steps: int,
    start: Any = None,
    mode: DescentMode | None = None,
    seed: int = 0,
    **hyper: Any,
) -> SweepResult:
    """Run one hiker per learning rate for ``steps`` updates, all as one array."""
    lrs = np.asarray(lrs, dtype=float).reshape(-1)
    k = len(lrs)
    opt = make_optimizer(optimizer, k, landscape.dim, lr=lrs, **hyper)
    start = landscape.start_weights(start, seed)
    party = Party(landscape, opt, np.tile(start, (k, 1)), mode, seed)
    best = party.loss.copy()
    start_loss = float(best[0])
    for _ in range(int(steps)):
        party.step()
        np.minimum(best, party.loss, out=best)
    return SweepResult(lrs, party.loss.copy(), best, party.status(), party.diverged_at.copy(), int(steps), start_loss)
