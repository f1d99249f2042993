"""Two-weight models on real data, where the surface is the exact loss: L(w) = (1/N) Σᵢ ℓᵢ(w)
over real rows, so batch, stochastic and mini-batch descent use real samples."""

from __future__ import annotations

import numpy as np

from .datasets import breast_cancer, iris
from .landscape import Landscape, LandscapeInfo

Array = np.ndarray


class TwoWeightModel(Landscape):
    """Per-sample losses ℓᵢ(w) of a one-feature model z = w₁·xᵢ + w₂, vectorised over W (..., 2)."""

    x: Array
    y: Array

    def _loss_and_dz(self, z: Array, y: Array) -> tuple[Array, Array]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _per_sample(self, W: Array, idx: Array | None) -> tuple[Array, Array, Array]:
        W = np.asarray(W, dtype=float)
        x = self.x if idx is None else self.x[idx]
        y = self.y if idx is None else self.y[idx]
        z = W[..., 0, None] * x + W[..., 1, None]
        loss, dz = self._loss_and_dz(z, y)
        return loss, dz, x

    def _mean(self, W: Array, idx: Array | None) -> tuple[Array, Array]:
        loss, dz, x = self._per_sample(W, idx)
        g = np.empty((*np.shape(W)[:-1], 2))
        g[..., 0] = np.mean(dz * x, axis=-1)  # ∂ℓ/∂w₁ = (∂ℓ/∂z)·x
        g[..., 1] = np.mean(dz, axis=-1)  # ∂ℓ/∂w₂ = ∂ℓ/∂z
        return loss.mean(axis=-1), g

    def forward(self, W: Array, idx: Array | None) -> tuple[Array, Array, Array, Array]:
        """The learning loop's forward pass on samples ``idx``: (x, y, z = w₁x + w₂, ℓ per sample)."""
        loss, _dz, x = self._per_sample(W, idx)
        y = self.y if idx is None else self.y[idx]
        z = np.asarray(W, dtype=float)[..., 0, None] * x + np.asarray(W, dtype=float)[..., 1, None]
        return x, y, z, loss

    def value(self, W: Array) -> Array:
        return self._per_sample(W, None)[0].mean(axis=-1)

    def grad(self, W: Array) -> Array:
        return self._mean(W, None)[1]

    def value_and_grad(self, W: Array) -> tuple[Array, Array]:
        return self._mean(W, None)

    def batch_value(self, W: Array, idx: Array) -> Array:
        return self._per_sample(W, idx)[0].mean(axis=-1)

    def batch_grad(self, W: Array, idx: Array) -> Array:
        return self._mean(W, idx)[1]

    def sample_values(self, W: Array) -> Array:
        return self._per_sample(W, None)[0]

    def grid(self, n: int = 200):
        # (n², N) per-sample losses at once would be large: evaluate row by row
        x0, x1, y0, y1 = self.bounds
        xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
        Z = np.empty((n, n))
        for i, a in enumerate(xs):
            Z[i] = self.value(np.stack([np.full(n, a), ys], axis=-1))
        return xs, ys, Z


class LinearRegression(TwoWeightModel):
    """Least squares on Iris: petal width ≈ w₁·petal length + w₂, ℓᵢ = ½(w₁xᵢ + w₂ − yᵢ)².

    Raw petal lengths (mean 3.8 cm) make the valley long and narrow (Hessian
    [[E x², E x], [E x, 1]]); standardised ones (mean 0, sd 1) make it a round bowl.
    """

    prediction_formula = "ŷ = w₁·x + w₂"
    loss_formula = "ℓᵢ = ½(ŷᵢ − yᵢ)²"
    grad_formula = "∂L/∂w₁ = mean((ŷ − y)·x),  ∂L/∂w₂ = mean(ŷ − y)"

    def __init__(self, standardized: bool = False) -> None:
        d = iris()
        x, y = d.X[:, 2].copy(), d.X[:, 3].copy()
        self.raw_mean, self.raw_std = float(x.mean()), float(x.std())
        if standardized:
            x = (x - self.raw_mean) / self.raw_std
        self.x, self.y = x, y
        self.n_samples = len(x)
        A = np.column_stack([x, np.ones_like(x)])
        w_star = np.linalg.lstsq(A, y, rcond=None)[0]  # the exact minimum (normal equations)
        H = A.T @ A / len(x)
        self.hessian = H
        self.condition = float(np.linalg.cond(H))
        half = np.array([1.5, 1.5]) if standardized else np.array([1.0, 2.5])
        name = "linear-regression-standardized" if standardized else "linear-regression"
        what = "standardised petal length" if standardized else "petal length (cm)"
        self.info = LandscapeInfo(
            name,
            f"least squares on Iris: petal width from {what}; w₁ slope, w₂ intercept (κ = {self.condition:.0f})",
            (w_star[0] - half[0], w_star[0] + half[0], w_star[1] - half[1], w_star[1] + half[1]),
            tuple(w_star + (np.array([-0.8, 1.1]) if standardized else np.array([0.7, 1.8]))),
            (tuple(w_star),),
            notes="standardise the feature to round the valley: plain descent then needs no zig-zag",
        )

    def _loss_and_dz(self, z: Array, y: Array) -> tuple[Array, Array]:
        r = z - y
        return 0.5 * r * r, r


class LogisticRegression(TwoWeightModel):
    """Cross-entropy of benign-vs-malignant from one standardised feature (mean radius):
    ℓᵢ = log(1 + exp(−sᵢ zᵢ)), sᵢ = ±1, z = w₁x + w₂; ∂ℓ/∂z = −sᵢ·σ(−sᵢ zᵢ)."""

    prediction_formula = "z = w₁·x + w₂ (p = σ(z))"
    loss_formula = "ℓᵢ = log(1 + exp(−sᵢ·zᵢ)), sᵢ = ±1"
    grad_formula = "∂L/∂w₁ = mean((σ(z) − y)·x),  ∂L/∂w₂ = mean(σ(z) − y)"

    def __init__(self) -> None:
        d = breast_cancer()
        x = d.X[:, 0].copy()  # mean radius
        self.x = (x - x.mean()) / x.std()
        self.y = d.y.astype(float)
        self.s = 2.0 * self.y - 1.0
        self.n_samples = len(x)
        w = np.zeros(2)
        for _ in range(30):  # Newton's method with the exact Hessian: the minimum to machine precision
            z = w[0] * self.x + w[1]
            p = 0.5 * (1 + np.tanh(0.5 * z))
            g = np.array([np.mean((p - self.y) * self.x), np.mean(p - self.y)])
            q = p * (1 - p)
            H = np.array([[np.mean(q * self.x**2), np.mean(q * self.x)], [np.mean(q * self.x), np.mean(q)]])
            w = w - np.linalg.solve(H, g)
        self.info = LandscapeInfo(
            "logistic-regression",
            "cross-entropy on Breast Cancer Wisconsin: benign from standardised mean radius; w₁ weight, w₂ bias",
            (w[0] - 4.0, w[0] + 4.0, w[1] - 4.0, w[1] + 4.0),
            (w[0] + 3.0, w[1] - 2.5),
            (tuple(w),),
        )

    def _loss_and_dz(self, z: Array, y: Array) -> tuple[Array, Array]:
        s = 2.0 * y - 1.0
        m = -s * z
        loss = np.logaddexp(0.0, m)  # log(1 + e^m), no overflow
        return loss, -s * 0.5 * (1 + np.tanh(0.5 * m))  # −s·σ(m)
