"""The lecture's comparisons as hiker line-ups: learning rates, descent types, optimizers,
random restarts. Pure functions from a landscape to ``HikerSpec`` lists (and tallies)."""

from __future__ import annotations

import numpy as np

from .descent import DEFAULT_BATCH
from .landscape import Landscape
from .scene import HikerSpec

LR_COMPARISON = (0.001, 0.01, 0.1)


def hessian(landscape: Landscape, w: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """∇²L(w) in the plotted plane from central differences of the exact gradient (symmetrised),
    (2, 2). ``w`` is a point of the plane or all the weights (a network: curvature along its slice)."""
    w = np.asarray(w, dtype=float).reshape(-1)
    p = w if w.size == 2 else landscape.project(w)
    cols = []
    for i in range(2):
        e = np.zeros(2)
        e[i] = h
        cols.append((landscape.plane_grad(p + e) - landscape.plane_grad(p - e)) / (2 * h))
    H = np.column_stack(cols)
    return 0.5 * (H + H.T)


def lambda_max(landscape: Landscape, w: np.ndarray) -> float:
    """Largest curvature at w; where the surface curves down there (a saddle, a ridge),
    the largest curvature at the global minimum instead: the valley the steps must fit."""
    lam = float(np.linalg.eigvalsh(hessian(landscape, w)).max())
    if lam <= 0 and len(landscape.minima):
        lam = float(np.linalg.eigvalsh(hessian(landscape, landscape.minima[0])).max())
    return lam


def overshoots(landscape: Landscape, lr: float, start: np.ndarray, steps: int = 60) -> bool:
    """Does plain descent at this rate visibly overshoot: the loss rises at some step, or the
    hike ends bouncing or diverged?"""
    from .hike import Hike

    h = Hike(landscape, "sgd", lr=lr, start=start)
    h.step(steps)
    L = h.losses()
    return h.status in ("bouncing", "diverged") or bool(np.any(np.diff(L) > 1e-9 * (1 + np.abs(L[:-1]))))


def too_high_rate(landscape: Landscape, start: np.ndarray | None = None) -> float:
    """A learning rate that is too high here: 2.5/λ_max from the curvature at the start and in
    the known valleys (plain descent is stable only below 2/λ), raised by half until a short
    run from this start visibly overshoots (the valley it reaches may curve less)."""
    start = landscape.start if start is None else np.asarray(start, dtype=float)
    lams = [lambda_max(landscape, start)] + [
        float(np.linalg.eigvalsh(hessian(landscape, m)).max()) for m in landscape.minima
    ]
    lam = max(lams)
    lr = 2.5 / lam if lam > 0 else 1.0
    for _ in range(40):
        if overshoots(landscape, lr, start):
            break
        lr *= 1.5
    return float(f"{lr:.3g}")


def lr_comparison(landscape: Landscape, start=None, optimizer: str = "sgd") -> list[HikerSpec]:
    """Same start, same optimizer: lr 0.001, 0.01, 0.1 and one too high for this landscape."""
    high = too_high_rate(landscape, start)
    start_t = None if start is None else tuple(map(float, start))
    specs = [HikerSpec(f"lr = {lr:g}", optimizer, {"lr": lr}, start=start_t) for lr in LR_COMPARISON]
    specs.append(HikerSpec(f"lr = {high:g} (too high)", optimizer, {"lr": high}, start=start_t))
    return specs


def descent_comparison(
    landscape: Landscape, lr: float = 0.05, batch_size: int | None = None, start=None, seed: int = 0
) -> list[HikerSpec]:
    """Batch, stochastic (one sample) and mini-batch (B) hikers: same start, same learning rate."""
    b = min(batch_size or DEFAULT_BATCH, landscape.n_samples)
    start_t = None if start is None else tuple(map(float, start))
    return [
        HikerSpec("batch", "sgd", {"lr": lr}, "batch", start=start_t, seed=seed),
        HikerSpec("stochastic", "sgd", {"lr": lr}, "sgd", start=start_t, seed=seed),
        HikerSpec(f"mini-batch {b}", "sgd", {"lr": lr}, "minibatch", b, start=start_t, seed=seed),
    ]


def optimizer_comparison(landscape: Landscape, start=None) -> list[HikerSpec]:
    """Plain descent, momentum, Nesterov, RMSProp and Adam from one start (lr scaled to the curvature)."""
    lam = lambda_max(landscape, landscape.start if start is None else np.asarray(start, dtype=float))
    lr = float(f"{1.8 / lam:.2g}") if lam > 0 else 0.01  # (1 − lr·λ) ≈ −0.8: zig-zags, stays stable
    start_t = None if start is None else tuple(map(float, start))
    return [
        HikerSpec("plain descent", "sgd", {"lr": lr}, start=start_t),
        HikerSpec("momentum 0.9", "sgd", {"lr": lr / 5, "momentum": 0.9}, start=start_t),
        HikerSpec("Nesterov 0.9", "sgd", {"lr": lr / 5, "momentum": 0.9, "nesterov": True}, start=start_t),
        HikerSpec("RMSProp", "rmsprop", {"lr": 0.05}, start=start_t),
        HikerSpec("Adam", "adam", {"lr": 0.1}, start=start_t),
    ]


def random_starts(landscape: Landscape, k: int = 12, seed: int = 0) -> np.ndarray:
    """k seeded random starts inside the middle 90% of the map."""
    x0, x1, y0, y1 = landscape.bounds
    rng = np.random.default_rng(seed)
    u = rng.uniform(0.05, 0.95, size=(k, 2))
    return np.column_stack([x0 + u[:, 0] * (x1 - x0), y0 + u[:, 1] * (y1 - y0)])


def random_restarts(landscape: Landscape, k: int = 12, seed: int = 0, lr: float | None = None) -> list[HikerSpec]:
    """k hikers with the same settings at seeded random starts."""
    if lr is None:
        lam = lambda_max(landscape, landscape.minima[0]) if len(landscape.minima) else 1.0
        lr = float(f"{0.5 / lam:.2g}")
    return [
        HikerSpec(f"restart {i + 1}", "sgd", {"lr": lr}, start=tuple(map(float, s)))
        for i, s in enumerate(random_starts(landscape, k, seed))
    ]


def basin(landscape: Landscape, points: np.ndarray) -> np.ndarray:
    """Index of the known minimum nearest to each point (−1 with no known minima), (k,)."""
    m = landscape.minima
    P = np.atleast_2d(np.asarray(points, dtype=float))
    if len(m) == 0:
        return np.full(len(P), -1)
    d = np.linalg.norm(P[:, None, :] - m[None, :, :], axis=-1)
    return np.argmin(d, axis=1)


def restart_tally(landscape: Landscape, end_points: np.ndarray, losses: np.ndarray) -> dict:
    """How the restarts ended: the minimum each is nearest to, how many reached the lowest
    valley (index 0: minima are listed global first) and which run ended lowest."""
    b = basin(landscape, end_points)
    losses = np.asarray(losses, dtype=float)
    best = int(np.nanargmin(np.where(np.isfinite(losses), losses, np.nan))) if np.isfinite(losses).any() else -1
    reached = int(np.sum(b == 0))
    return {
        "basins": b,
        "reached_lowest": reached,
        "count": len(b),
        "best": best,
        "text": f"{reached} of {len(b)} reached the lowest valley",
    }
