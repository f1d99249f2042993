"""The three descent types: how many samples each update's gradient looks at.

batch: all N samples (one update per epoch); sgd: one sample (N updates per epoch);
minibatch: B samples. Samples are drawn without replacement within an epoch and
reshuffled every epoch. The order of epoch e is a pure function of (seed, e), so
the same seed gives the same path and stepping back needs no generator state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MODES = {
    "batch": "batch gradient descent: every update uses all N samples",
    "sgd": "stochastic gradient descent: every update uses one sample",
    "minibatch": "mini-batch gradient descent: every update uses B samples (default 32)",
}
DEFAULT_BATCH = 32


@lru_cache(maxsize=64)
def _epoch_order(seed: int, epoch: int, n: int) -> np.ndarray:
    order = np.random.default_rng([seed, epoch]).permutation(n)
    order.setflags(write=False)
    return order


@dataclass(frozen=True)
class DescentMode:
    """Which samples feed each update: ``kind`` in batch / sgd / minibatch, and B."""

    kind: str = "batch"
    batch_size: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in MODES:
            raise ValueError(f"unknown descent mode {self.kind!r}; choose from {', '.join(MODES)}")
        if self.batch_size is not None and self.batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")

    def size(self, n: int) -> int:
        """Samples per update, B, for a landscape of N samples."""
        if self.kind == "batch":
            return n
        if self.kind == "sgd":
            return 1
        b = DEFAULT_BATCH if self.batch_size is None else self.batch_size
        if self.batch_size is None:
            return min(b, n)
        if b > n:
            raise ValueError(f"batch size {b} is larger than the {n} samples of this landscape")
        return b

    def updates_per_epoch(self, n: int) -> int:
        return math.ceil(n / self.size(n))

    def batch(self, seed: int, step: int, n: int) -> np.ndarray | None:
        """Sample indices for update ``step`` (None for full batch: the exact ∇L)."""
        b = self.size(n)
        if b >= n:
            return None
        per = math.ceil(n / b)
        epoch, j = divmod(step, per)
        return _epoch_order(seed, epoch, n)[j * b : (j + 1) * b]

    def samples_before(self, step: int, n: int) -> int:
        """Samples seen before update ``step`` (the last batch of an epoch may be short)."""
        per = self.updates_per_epoch(n)
        epoch, j = divmod(step, per)
        return epoch * n + j * self.size(n)

    def label(self, n: int | None = None) -> str:
        if self.kind == "batch":
            return "batch"
        if self.kind == "sgd":
            return "stochastic"
        return f"mini-batch {self.size(n) if n else (self.batch_size or DEFAULT_BATCH)}"
