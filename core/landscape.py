"""The loss landscape L(w) = (1/N) Σᵢ ℓᵢ(w) that the hiker walks on.

Every landscape is an average of N per-sample losses, so batch, stochastic and
mini-batch descent differ for a real reason (which samples the gradient sees),
never because noise is painted on afterwards.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Array = np.ndarray
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class LandscapeInfo:
    """What a landscape tells a person: name, one line, where to look and start."""

    name: str
    description: str
    bounds: Bounds  # (w1_min, w1_max, w2_min, w2_max): the plotted window
    start: tuple[float, ...]
    minima: tuple[tuple[float, float], ...] = ()  # known minima, global first
    notes: str = ""
    extra: dict = field(default_factory=dict)


class Landscape(ABC):
    """A loss surface with exact gradients, vectorised over points ``W`` of shape (..., D).

    ``dim`` is the number of weights the optimizer moves (2 for the textbook
    functions); ``project`` maps weights to the plotted plane (w₁, w₂).
    """

    info: LandscapeInfo
    n_samples: int
    dim: int = 2
    max_grid: int | None = None  # the finest grid worth computing (None: any; a network: 41)

    # -- convenience --------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.info.name

    @property
    def description(self) -> str:
        return self.info.description

    @property
    def bounds(self) -> Bounds:
        return self.info.bounds

    @property
    def start(self) -> Array:
        return np.asarray(self.info.start, dtype=float)

    @property
    def minima(self) -> Array:
        return np.asarray(self.info.minima, dtype=float).reshape(-1, 2)

    def escape_radius(self) -> float:
        """R: a hiker with a coordinate beyond the map's centre ± R (10 diagonals) has diverged."""
        x0, x1, y0, y1 = self.bounds
        return 10.0 * float(np.hypot(x1 - x0, y1 - y0))

    def center(self) -> Array:
        x0, x1, y0, y1 = self.bounds
        return np.array([(x0 + x1) / 2.0, (y0 + y1) / 2.0])

    def project(self, W: Array) -> Array:
        """Coordinates in the plotted plane; the identity for two-weight landscapes."""
        return np.asarray(W, dtype=float)

    def project_vector(self, v: Array) -> Array:
        """A direction in weight space (a gradient, a step) in plane coordinates; the identity here."""
        return np.asarray(v, dtype=float)

    def plane_grad(self, P: Array) -> Array:
        """∇ of the loss on the plotted plane, L(lift(p)), at plane points (..., 2); here ∇L."""
        return self.grad(P)

    def start_for(self, seed: int) -> Array:
        """Where a hike with this seed starts by default: the landscape's start (a network: its
        seeded initial weights)."""
        return self.start

    def start_weights(self, start: Any, seed: int = 0) -> Array:
        """All the weights for a start: the seeded default (None), all D weights, or a point
        (w₁, w₂) of the plotted plane lifted into weight space (a network's slice)."""
        w = np.asarray(self.start_for(seed) if start is None else start, dtype=float).reshape(-1)
        if w.size == 2 and self.dim > 2:
            w = np.asarray(self.lift(w), dtype=float).reshape(-1)
        if w.size != self.dim:
            raise ValueError(f"a start needs {self.dim} weights (or a point w1,w2 of the plane), got {w.size}")
        return w

    def lift(self, P: Array) -> Array:
        """Weights for a point of the plotted plane (inverse of ``project`` on the plane)."""
        return np.asarray(P, dtype=float)

    def grid(self, n: int = 200) -> tuple[Array, Array, Array]:
        """Loss on an n×n grid over the bounds, in one vectorised call: (w1s, w2s, Z[i, j])."""
        x0, x1, y0, y1 = self.bounds
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        P = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1)
        with np.errstate(all="ignore"):
            Z = self.value(self.lift(P))
        return xs, ys, Z

    # -- the loss -----------------------------------------------------------------
    @abstractmethod
    def value(self, W: Array) -> Array:
        """Full-data loss L(w), shape W.shape[:-1]."""

    @abstractmethod
    def grad(self, W: Array) -> Array:
        """Full-data gradient ∇L(w), shape W.shape."""

    def value_and_grad(self, W: Array) -> tuple[Array, Array]:
        """L(w) and ∇L(w) together (data landscapes share one forward pass)."""
        return self.value(W), self.grad(W)

    @abstractmethod
    def batch_value(self, W: Array, idx: Array) -> Array:
        """Mean loss over the samples ``idx`` (1-D int array): (1/B) Σ_{i∈idx} ℓᵢ(w)."""

    @abstractmethod
    def batch_grad(self, W: Array, idx: Array) -> Array:
        """Mean gradient over the samples ``idx``: the mini-batch gradient the hiker feels."""

    def sample_values(self, W: Array) -> Array:
        """Every per-sample loss ℓᵢ(w), shape W.shape[:-1] + (N,)."""
        W = np.asarray(W, dtype=float)
        return np.stack([self.batch_value(W, np.array([i])) for i in range(self.n_samples)], axis=-1)


class AnalyticLandscape(Landscape):
    """A closed-form function f split into N per-sample losses whose mean is exactly f.

    ℓᵢ(w) = f(w) + aᵢ·(w − c) + ½ bᵢ ‖w − c‖² with Σ aᵢ = 0 and Σ bᵢ = 0, so
    (1/N) Σ ℓᵢ = f and a mini-batch gradient ∇f + ā_S + b̄_S (w − c) is unbiased;
    its spread shrinks as the batch grows (σ²/B · (N−B)/(N−1), sampling without
    replacement). Each sample tilts and bends the surface a little, as one
    training example would. Full-batch descent uses ∇f itself: plain gradient descent.
    """

    def __init__(
        self,
        info: LandscapeInfo,
        f: Callable[[Array, Array], Array],
        df: Callable[[Array, Array], tuple[Array, Array]],
        fg: Callable[[Array, Array], tuple[Array, Array, Array]] | None = None,
        fg_into: Callable[[Array, Array, Array], Array] | None = None,
        n_samples: int = 128,
        noise: float = 0.6,
        seed: int = 0,
    ) -> None:
        self.info = info
        self._f = f
        self._df = df
        self._fg = fg or (lambda x, y: (f(x, y), *df(x, y)))
        self._fg_into = fg_into  # optional: value returned, gradient written into a given (…, 2) array
        self.n_samples = n_samples
        rng = np.random.default_rng(seed)
        x0, x1, y0, y1 = info.bounds
        c = self.center()
        # Gradient scale: median |∇f| over the plotted window, so the per-sample
        # spread is comparable on every landscape (rosenbrock's slopes are ~1000× bowl's).
        xs = np.linspace(x0, x1, 33)
        ys = np.linspace(y0, y1, 33)
        with np.errstate(all="ignore"):
            gx, gy = df(*np.meshgrid(xs, ys, indexing="ij"))
            slopes = np.hypot(gx, gy)
        slopes = slopes[np.isfinite(slopes)]
        scale = float(np.median(slopes)) if slopes.size else 1.0  # a typed formula may overflow
        scale = scale if np.isfinite(scale) and scale > 0 else 1.0
        half_diag = 0.5 * float(np.hypot(x1 - x0, y1 - y0))
        a = rng.standard_normal((n_samples, 2)) * (noise * scale)
        b = rng.standard_normal(n_samples) * (noise * scale / half_diag)
        self._a = a - a.mean(axis=0)
        self._b = b - b.mean()
        self._c = c
        self.noise = noise

    def value(self, W: Array) -> Array:
        W = np.asarray(W, dtype=float)
        return self._f(W[..., 0], W[..., 1])

    def grad(self, W: Array) -> Array:
        W = np.asarray(W, dtype=float)
        gx, gy = self._df(W[..., 0], W[..., 1])
        out = np.empty(W.shape)
        out[..., 0] = gx
        out[..., 1] = gy
        return out

    def value_and_grad(self, W: Array) -> tuple[Array, Array]:
        W = np.asarray(W, dtype=float)
        x, y = W[..., 0], W[..., 1]
        if W.size > 512:  # many points: contiguous coordinates make every following op faster
            x, y = np.ascontiguousarray(x), np.ascontiguousarray(y)
        out = np.empty(W.shape)
        if self._fg_into is not None and W.size > 512:
            return self._fg_into(x, y, out), out
        f, gx, gy = self._fg(x, y)
        out[..., 0] = gx
        out[..., 1] = gy
        return f, out

    def batch_value(self, W: Array, idx: Array) -> Array:
        W = np.asarray(W, dtype=float)
        d = W - self._c
        a = self._a[idx].mean(axis=0)
        b = self._b[idx].mean()
        return self.value(W) + d @ a + 0.5 * b * np.sum(d * d, axis=-1)

    def batch_grad(self, W: Array, idx: Array) -> Array:
        W = np.asarray(W, dtype=float)
        a = self._a[idx].mean(axis=0)
        b = self._b[idx].mean()
        return self.grad(W) + a + b * (W - self._c)

    def sample_values(self, W: Array) -> Array:
        W = np.asarray(W, dtype=float)
        d = W - self._c
        return self.value(W)[..., None] + d @ self._a.T + 0.5 * np.sum(d * d, axis=-1)[..., None] * self._b
