"""Optimizers with PyTorch's ``torch.optim`` names, defaults and update rules.

Each steps K hikers at once: weights ``W`` of shape (K, D), gradient ``g`` (K, D).
A hyper-parameter is either one number for every hiker or a length-K sequence
(K learning rates in one numpy operation). Plain gradient descent is ``sgd``
with momentum 0: w ← w − lr·g, the lecture's formula.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np

Array = np.ndarray

_BOOL_HYPER = {"nesterov", "centered", "amsgrad"}


def _nonzero(x: Any) -> bool:
    """Is a hyper-parameter (one number or one per hiker) non-zero anywhere?"""
    return bool(x) if isinstance(x, (float, bool)) else bool(np.any(x))


class Optimizer:
    """Base: holds per-hiker hyper-parameters and state, steps all hikers at once."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, n_hikers: int = 1, dim: int = 2, **hyper: Any) -> None:
        unknown = set(hyper) - set(self.defaults)
        if unknown:
            raise ValueError(
                f"{self.name} has no hyper-parameter {sorted(unknown)[0]!r}; it takes {', '.join(self.defaults)}"
            )
        self.n_hikers = int(n_hikers)
        self.dim = int(dim)
        settings = {**self.defaults, **hyper}
        self.settings: dict[str, Any] = {}
        self.hyper: dict[str, Any] = {}
        for key, val in settings.items():
            if key in _BOOL_HYPER:
                self.settings[key] = bool(val)
                self.hyper[key] = bool(val)
            elif key == "betas":
                b = np.asarray(val, dtype=float)
                if b.shape[-1:] != (2,):
                    raise ValueError("betas needs two numbers, e.g. 0.9,0.999")
                self.settings[key] = tuple(float(x) for x in b) if b.ndim == 1 else b
                self.hyper["beta1"] = self._per_hiker("beta1", b[..., 0])
                self.hyper["beta2"] = self._per_hiker("beta2", b[..., 1])
            else:
                arr = np.asarray(val, dtype=float)
                self.settings[key] = float(arr) if arr.ndim == 0 else arr.copy()
                self.hyper[key] = self._per_hiker(key, arr)
        self._validate()
        self._decay = _nonzero(self.hyper.get("weight_decay", 0.0))
        self.reset()

    def _per_hiker(self, key: str, arr: Array) -> Any:
        arr = np.asarray(arr, dtype=float)
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{key} must be a finite number")
        if arr.ndim == 0:
            return float(arr)
        if arr.shape != (self.n_hikers,):
            raise ValueError(f"{key} needs one value per hiker ({self.n_hikers}), got {arr.shape}")
        return arr.reshape(-1, 1)

    def _check(self, key: str, lo: float, hi: float, lo_open: bool = False, hi_open: bool = False) -> None:
        v = np.asarray(self.hyper[key])
        bad = (v < lo) | (v > hi) | ((v == lo) & lo_open) | ((v == hi) & hi_open)
        if np.any(bad):
            left = "(" if lo_open else "["
            right = ")" if hi_open else "]"
            raise ValueError(f"{key} must be in {left}{lo:g}, {hi:g}{right}, got {np.ravel(v)[np.ravel(bad)][0]:g}")

    def _validate(self) -> None:
        self._check("lr", 0.0, math.inf)
        if "weight_decay" in self.hyper:
            self._check("weight_decay", 0.0, math.inf)
        if "eps" in self.hyper:
            self._check("eps", 0.0, math.inf)

    # -- state ----------------------------------------------------------------------
    def reset(self) -> None:
        """Forget all state: the optimizer as freshly built."""
        self.t = 0
        self.state: dict[str, Array] = {}

    def snapshot(self) -> dict[str, Any]:
        """An exact copy of the state, for stepping back."""
        return {"t": self.t, **{k: v.copy() for k, v in self.state.items()}}

    def restore(self, snap: dict[str, Any]) -> None:
        """Put back a state taken with ``snapshot`` (bit for bit)."""
        self.t = snap["t"]
        self.state = {k: v.copy() for k, v in snap.items() if k != "t"}

    def _scratch(self, shape: tuple[int, ...]) -> tuple[Array, Array]:
        buf = getattr(self, "_scratch_bufs", None)
        if buf is None or buf[0].shape != shape:
            buf = self._scratch_bufs = (np.empty(shape), np.empty(shape))
        return buf

    def _zeros(self, key: str, fill: float = 0.0) -> Array:
        if key not in self.state:
            self.state[key] = np.full((self.n_hikers, self.dim), fill)
        return self.state[key]

    def lr_of(self, k: int = 0) -> float:
        lr = self.hyper["lr"]
        return float(lr) if isinstance(lr, float) else float(lr[k, 0])

    def step(self, W: Array, g: Array) -> Array:
        """Return the new weights after one update from ``W`` with gradient ``g``."""
        self.t += 1
        return self._update(W, g)

    def _update(self, W: Array, g: Array) -> Array:  # pragma: no cover - abstract
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, as torch.optim.SGD.

    g ← g + wd·w;  b ← g (first step) or μ·b + (1−τ)·g;
    g ← g + μ·b (nesterov) or b;  w ← w − lr·g.   With μ = 0: w ← w − lr·∇L.
    """

    name = "sgd"
    description = "gradient descent, w ← w − lr·g, with optional momentum / Nesterov"
    defaults = {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0}

    def _validate(self) -> None:
        super()._validate()
        self._check("momentum", 0.0, math.inf)
        self._check("dampening", 0.0, 1.0)
        if self.hyper["nesterov"] and (
            np.any(np.asarray(self.hyper["momentum"]) <= 0) or np.any(np.asarray(self.hyper["dampening"]) != 0)
        ):
            raise ValueError("nesterov needs momentum > 0 and dampening 0 (as in torch.optim.SGD)")

    def _update(self, W: Array, g: Array) -> Array:
        h = self.hyper
        wd, mu = h["weight_decay"], h["momentum"]
        if self._decay:
            g = g + wd * W
        if _nonzero(mu):
            if "momentum_buffer" not in self.state:
                buf = g.copy()
            else:
                buf = mu * self.state["momentum_buffer"] + (1.0 - h["dampening"]) * g
            self.state["momentum_buffer"] = buf
            step_dir = g + mu * buf if h["nesterov"] else buf
            if not isinstance(mu, float):  # hikers with μ = 0 keep plain descent
                step_dir = np.where(mu != 0.0, step_dir, g)
            g = step_dir
        return W - h["lr"] * g


class Adagrad(Optimizer):
    """Adagrad, as torch.optim.Adagrad.

    g ← g + wd·w;  lr_t = lr / (1 + (t−1)·lr_decay);  s ← s + g²;  w ← w − lr_t·g / (√s + ε).
    """

    name = "adagrad"
    description = "per-weight steps shrinking with the sum of past squared gradients"
    defaults = {"lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0, "initial_accumulator_value": 0.0, "eps": 1e-10}

    def _validate(self) -> None:
        super()._validate()
        self._check("lr_decay", 0.0, math.inf)
        self._check("initial_accumulator_value", 0.0, math.inf)

    def _update(self, W: Array, g: Array) -> Array:
        h = self.hyper
        if self._decay:
            g = g + h["weight_decay"] * W
        clr = h["lr"] / (1.0 + (self.t - 1) * h["lr_decay"])
        init = h["initial_accumulator_value"]
        if "sum" not in self.state:
            self.state["sum"] = np.zeros((self.n_hikers, self.dim)) + init
        s = self.state["sum"] = self.state["sum"] + g * g
        return W - clr * g / (np.sqrt(s) + h["eps"])


class RMSprop(Optimizer):
    """RMSprop, as torch.optim.RMSprop.

    g ← g + wd·w;  v ← α·v + (1−α)·g²;  centred: ḡ ← α·ḡ + (1−α)·g, v̂ = v − ḡ²;
    d = √v̂ + ε;  with momentum μ: b ← μ·b + g/d, w ← w − lr·b;  else w ← w − lr·g/d.
    """

    name = "rmsprop"
    description = "steps divided by a running RMS of the gradient"
    defaults = {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0, "centered": False}

    def _validate(self) -> None:
        super()._validate()
        self._check("alpha", 0.0, 1.0)
        self._check("momentum", 0.0, math.inf)

    def _update(self, W: Array, g: Array) -> Array:
        h = self.hyper
        if self._decay:
            g = g + h["weight_decay"] * W
        a = h["alpha"]
        v = self.state["square_avg"] = a * self._zeros("square_avg") + (1.0 - a) * g * g
        if h["centered"]:
            gbar = self.state["grad_avg"] = a * self._zeros("grad_avg") + (1.0 - a) * g
            avg = np.sqrt(v - gbar * gbar) + h["eps"]
        else:
            avg = np.sqrt(v) + h["eps"]
        mu = h["momentum"]
        if _nonzero(mu):
            buf = self.state["momentum_buffer"] = mu * self._zeros("momentum_buffer") + g / avg
            return W - h["lr"] * buf
        return W - h["lr"] * g / avg


class Adam(Optimizer):
    """Adam, as torch.optim.Adam.

    g ← g + wd·w;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  (amsgrad: v̂ ← max(v̂, v));
    w ← w − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
    """

    name = "adam"
    description = "momentum plus per-weight step sizes from running gradient moments"
    defaults = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False}
    decoupled = False

    def _validate(self) -> None:
        super()._validate()
        self._check("beta1", 0.0, 1.0, hi_open=True)
        self._check("beta2", 0.0, 1.0, hi_open=True)

    def reset(self) -> None:
        super().reset()
        # torch starts both moments at zero on the first step; allocating them now is the same.
        # They are kept divided by (1−β₁) and (1−β₂): m̃ = m/(1−β₁) ← β₁m̃ + g and
        # ṽ = v/(1−β₂) ← β₂ṽ + g², two passes over the weights fewer per step than the lerp;
        # the factors come back in the step size below.
        self.state["exp_avg"] = np.zeros((self.n_hikers, self.dim))
        self.state["exp_avg_sq"] = np.zeros((self.n_hikers, self.dim))

    def _scales(self) -> tuple[Array, Array]:
        return np.array(1.0 - self.hyper["beta1"], copy=True), np.array(1.0 - self.hyper["beta2"], copy=True)

    def snapshot(self) -> dict[str, Any]:
        snap = super().snapshot()
        snap["scaled_by"] = self._scales()  # the (1−β) the moments were divided by
        return snap

    def restore(self, snap: dict[str, Any]) -> None:
        snap = dict(snap)
        old1, old2 = snap.pop("scaled_by")
        super().restore(snap)
        # the same betas (stepping back): bit for bit. New betas (an edit mid-walk): the same m and v
        new1, new2 = self._scales()
        if not np.array_equal(old1, new1):
            self.state["exp_avg"] *= old1 / new1
        if not np.array_equal(old2, new2):
            for key in ("exp_avg_sq", "max_exp_avg_sq"):
                if key in self.state:
                    self.state[key] *= old2 / new2

    def _update(self, W: Array, g: Array) -> Array:
        h = self.hyper
        if self._decay:
            wd = h["weight_decay"]
            if self.decoupled:
                W = W * (1.0 - h["lr"] * wd)
            else:
                g = g + wd * W
        b1, b2 = h["beta1"], h["beta2"]
        # in place, into the state and two scratch buffers: no large temporaries per step
        # (snapshot/restore copy the state; the scratch holds nothing between steps)
        s1, s2 = self._scratch(g.shape)
        m = self.state["exp_avg"]  # m̃ = m / (1−β₁)
        m *= b1
        m += g
        v = self.state["exp_avg_sq"]  # ṽ = v / (1−β₂)
        np.multiply(g, g, out=s1)
        v *= b2
        v += s1
        t = self.t
        bc1 = 1.0 - b1**t
        if h["amsgrad"]:
            v = self.state["max_exp_avg_sq"] = np.maximum(self._zeros("max_exp_avg_sq"), v)
        # lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε), with m = (1−β₁)m̃ and v = (1−β₂)ṽ, is
        # lr·(1−β₁)/(1−β₁ᵗ) · r · m̃ / (√ṽ + ε·r) where r = √((1−β₂ᵗ)/(1−β₂))
        r2 = (1.0 - b2**t) / (1.0 - b2)
        r = math.sqrt(r2) if isinstance(r2, float) else np.sqrt(r2)
        np.sqrt(v, out=s2)
        s2 += h["eps"] * r
        np.divide(m, s2, out=s2)
        s2 *= h["lr"] * (1.0 - b1) / bc1 * r
        return W - s2  # a fresh array: callers may keep the old weights


class AdamW(Adam):
    """AdamW, as torch.optim.AdamW: Adam with decoupled weight decay w ← w·(1 − lr·wd) first."""

    name = "adamw"
    description = "Adam with decoupled weight decay"
    defaults = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2, "amsgrad": False}
    decoupled = True


OPTIMIZERS: dict[str, type[Optimizer]] = {c.name: c for c in (SGD, Adagrad, RMSprop, Adam, AdamW)}


def make_optimizer(name: str, n_hikers: int = 1, dim: int = 2, **hyper: Any) -> Optimizer:
    """Build an optimizer by its torch.optim name (``sgd``, ``adam`` …)."""
    try:
        cls = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}") from None
    return cls(n_hikers=n_hikers, dim=dim, **hyper)
