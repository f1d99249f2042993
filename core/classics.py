"""The textbook test functions, with their standard definitions and constants.

Each is a ``(f, df)`` pair of closed forms in x = w₁, y = w₂; the gradients are
written out by hand (tests check them against central differences).
"""

from __future__ import annotations

import math

import numpy as np

from .landscape import AnalyticLandscape, LandscapeInfo

TAU = 2.0 * math.pi


def _bowl():
    def f(x, y):
        return x * x + y * y

    def df(x, y):
        return 2.0 * x, 2.0 * y

    info = LandscapeInfo(
        "bowl",
        "x² + y²: the round bowl, every step points straight at the bottom",
        (-2.0, 2.0, -2.0, 2.0),
        (1.6, 1.2),
        ((0.0, 0.0),),
    )
    return info, f, df


RAVINE_A, RAVINE_B = 1.0, 20.0


def _ravine():
    # L = ½(x² + 20 y²): Hessian diag(1, 20), condition number κ = 20.
    def f(x, y):
        return 0.5 * (RAVINE_A * x * x + RAVINE_B * y * y)

    def df(x, y):
        return RAVINE_A * x, RAVINE_B * y

    info = LandscapeInfo(
        "ravine",
        "½(x² + 20y²): a long narrow valley (condition number κ = 20); plain descent zig-zags",
        (-4.0, 4.0, -1.5, 1.5),
        (-3.5, 1.0),
        ((0.0, 0.0),),
        notes="Hessian diag(1, 20): κ = λmax/λmin = 20; plain descent is stable for lr < 2/20 = 0.1.",
    )
    return info, f, df


def _saddle():
    def f(x, y):
        return x * x - y * y

    def df(x, y):
        return 2.0 * x, -2.0 * y

    info = LandscapeInfo(
        "saddle",
        "x² − y²: a saddle point at the origin; no minimum, the hiker slides off",
        (-2.0, 2.0, -2.0, 2.0),
        (1.8, 0.05),
        (),
    )
    return info, f, df


ROSEN_A, ROSEN_B = 1.0, 100.0


def _rosenbrock():
    def f(x, y):
        return (ROSEN_A - x) ** 2 + ROSEN_B * (y - x * x) ** 2

    def df(x, y):
        return fg(x, y)[1:]

    def fg(x, y):  # value and gradient share u = a − x and r = y − x²
        u = ROSEN_A - x
        r = y - x * x
        br = ROSEN_B * r
        return u * u + br * r, -2.0 * u - 4.0 * x * br, 2.0 * br

    def fg_into(x, y, grad):
        """The same arithmetic, in place, the gradient written straight into ``grad`` (…, 2):
        for thousands of hikers a step is memory passes, and this saves a third of them."""
        u = ROSEN_A - x
        r = x * x
        np.subtract(y, r, out=r)  # r = y − x²
        f = u * u
        br = r * ROSEN_B
        r *= br
        f += r  # (a − x)² + b·r²
        np.multiply(br, 2.0, out=grad[..., 1])  # ∂f/∂y = 2b·r
        br *= x
        br *= -4.0
        u *= -2.0
        np.add(u, br, out=grad[..., 0])  # ∂f/∂x = −2(a − x) − 4b·x·r
        return f

    info = LandscapeInfo(
        "rosenbrock",
        "(1 − x)² + 100(y − x²)²: a curved banana valley, easy to find, slow to follow",
        (-2.0, 2.0, -1.0, 3.0),
        (-1.2, 1.0),
        ((1.0, 1.0),),
    )
    return info, f, df, fg, fg_into


def _himmelblau():
    def f(x, y):
        return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2

    def df(x, y):
        u = x * x + y - 11.0
        v = x + y * y - 7.0
        return 4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v

    info = LandscapeInfo(
        "himmelblau",
        "(x² + y − 11)² + (x + y² − 7)²: four equally deep valleys",
        (-5.0, 5.0, -5.0, 5.0),
        (0.0, 0.0),
        (
            (3.0, 2.0),
            (-2.805118, 3.131312),
            (-3.779310, -3.283186),
            (3.584428, -1.848126),
        ),
    )
    return info, f, df


def _beale():
    def f(x, y):
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y * y
        t3 = 2.625 - x + x * y**3
        return t1 * t1 + t2 * t2 + t3 * t3

    def df(x, y):
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y * y
        t3 = 2.625 - x + x * y**3
        gx = 2.0 * (t1 * (y - 1.0) + t2 * (y * y - 1.0) + t3 * (y**3 - 1.0))
        gy = 2.0 * (t1 * x + t2 * 2.0 * x * y + t3 * 3.0 * x * y * y)
        return gx, gy

    info = LandscapeInfo(
        "beale",
        "Beale's function: flat plateaus and sharp ridges, minimum at (3, 0.5)",
        (-4.5, 4.5, -4.5, 4.5),
        (1.0, 1.5),
        ((3.0, 0.5),),
    )
    return info, f, df


def _booth():
    def f(x, y):
        return (x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2

    def df(x, y):
        u = x + 2.0 * y - 7.0
        v = 2.0 * x + y - 5.0
        return 2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v

    info = LandscapeInfo(
        "booth",
        "(x + 2y − 7)² + (2x + y − 5)²: a tilted quadratic bowl, minimum at (1, 3)",
        (-10.0, 10.0, -10.0, 10.0),
        (-6.0, -6.0),
        ((1.0, 3.0),),
    )
    return info, f, df


def _six_hump_camel():
    def f(x, y):
        x2 = x * x
        y2 = y * y
        return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2

    def df(x, y):
        x2 = x * x
        return 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y, x - 8.0 * y + 16.0 * y**3

    info = LandscapeInfo(
        "six-hump-camel",
        "six-hump camel: six valleys, two global minima at (±0.0898, ∓0.7126)",
        (-2.0, 2.0, -1.1, 1.1),
        (-1.5, 0.9),
        ((0.0898420131, -0.7126564030), (-0.0898420131, 0.7126564030)),
    )
    return info, f, df


RASTRIGIN_A = 10.0


def _rastrigin():
    def f(x, y):
        return 2.0 * RASTRIGIN_A + x * x - RASTRIGIN_A * np.cos(TAU * x) + y * y - RASTRIGIN_A * np.cos(TAU * y)

    def df(x, y):
        return (
            2.0 * x + RASTRIGIN_A * TAU * np.sin(TAU * x),
            2.0 * y + RASTRIGIN_A * TAU * np.sin(TAU * y),
        )

    info = LandscapeInfo(
        "rastrigin",
        "Rastrigin (A = 10): an egg-box of many local minima around the global one at 0",
        (-5.12, 5.12, -5.12, 5.12),
        (3.2, -2.7),
        ((0.0, 0.0),),
    )
    return info, f, df


def _ackley():
    def f(x, y):
        r = np.sqrt(0.5 * (x * x + y * y))
        e = 0.5 * (np.cos(TAU * x) + np.cos(TAU * y))
        return -20.0 * np.exp(-0.2 * r) - np.exp(e) + math.e + 20.0

    def df(x, y):
        r = np.sqrt(0.5 * (x * x + y * y))
        e = np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y)))
        # d/dx[−20 e^{−0.2r}] = 2x e^{−0.2r}/r; at r = 0 the (sub)gradient 0 is used.
        with np.errstate(divide="ignore", invalid="ignore"):
            k = np.where(r > 0.0, 2.0 * np.exp(-0.2 * r) / r, 0.0)
        return k * x + math.pi * np.sin(TAU * x) * e, k * y + math.pi * np.sin(TAU * y) * e

    info = LandscapeInfo(
        "ackley",
        "Ackley: a bumpy plain around one deep funnel at the origin",
        (-5.0, 5.0, -5.0, 5.0),
        (3.3, 2.6),
        ((0.0, 0.0),),
    )
    return info, f, df


MOUNTAINS_SEED = 7
# (w₁, w₂, height, width): negative heights are valleys, positive ones peaks.
_MOUNTAIN_FEATURES = (
    (1.55, -1.25, -3.2, 0.85),  # the deepest valley: the global minimum
    (-1.75, 1.55, -2.2, 0.75),
    (-1.70, -1.65, -1.6, 0.70),
    (1.45, 1.85, -1.3, 0.65),
    (-0.10, 0.15, 2.6, 0.80),  # the central summit
    (0.20, -2.55, 1.4, 0.60),
    (-2.55, 0.0, 1.2, 0.55),
    (2.60, 0.35, 1.1, 0.55),
)
MOUNTAINS_BOWL = 0.18


def _mountains(seed: int = MOUNTAINS_SEED):
    rng = np.random.default_rng(seed)
    feats = np.array(_MOUNTAIN_FEATURES, dtype=float)
    feats[:, :2] += rng.uniform(-0.12, 0.12, size=(len(feats), 2))
    feats[:, 2] *= rng.uniform(0.9, 1.1, size=len(feats))
    mx, my, h, s = feats.T
    inv2s2 = 1.0 / (2.0 * s * s)

    def fg_small(x, y, want_grad):
        # a few points (hikers): all features at once, (…, 8); features summed in order
        dx = x[..., None] - mx
        dy = y[..., None] - my
        e = h * np.exp(-(dx * dx + dy * dy) * inv2s2)
        f = MOUNTAINS_BOWL * (x * x + y * y)
        k = -2.0 * inv2s2 * e
        kx, ky = k * dx, k * dy
        gx = 2.0 * MOUNTAINS_BOWL * x
        gy = 2.0 * MOUNTAINS_BOWL * y
        for j in range(len(h)):
            f = f + e[..., j]
            gx = gx + kx[..., j]
            gy = gy + ky[..., j]
        return f, (gx if want_grad else None), (gy if want_grad else None)

    def fg_raw(x, y, want_grad=True):
        # one feature at a time, into reused buffers: no fresh large temporaries (page faults),
        # and the exponential is shared by the value and the gradient
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if x.size <= 64 and y.size <= 64:
            return fg_small(x, y, want_grad)
        f = MOUNTAINS_BOWL * (x * x + y * y)
        gx = 2.0 * MOUNTAINS_BOWL * x if want_grad else None
        gy = 2.0 * MOUNTAINS_BOWL * y if want_grad else None
        dx, dy, e, t = (np.empty(np.broadcast_shapes(x.shape, y.shape)) for _ in range(4))
        for j in range(len(h)):
            np.subtract(x, mx[j], out=dx)
            np.subtract(y, my[j], out=dy)
            np.multiply(dx, dx, out=e)
            np.multiply(dy, dy, out=t)
            e += t
            e *= -inv2s2[j]
            np.exp(e, out=e)
            e *= h[j]
            f += e
            if want_grad:
                np.multiply(e, -2.0 * inv2s2[j], out=t)
                dx *= t
                gx += dx
                dy *= t
                gy += dy
        return f, gx, gy

    def raw(x, y):
        return fg_raw(x, y, want_grad=False)[0]

    def draw(x, y):
        _, gx, gy = fg_raw(x, y)
        return gx, gy

    # Polish each valley's centre into its true minimum with Newton's method; the Hessian
    # comes from central differences of the exact gradient (converges in a few steps).
    P = feats[h < 0, :2].copy()
    eps = 1e-5
    for _ in range(12):
        g = np.stack(draw(P[:, 0], P[:, 1]), axis=-1)
        Hx = (np.stack(draw(P[:, 0] + eps, P[:, 1]), -1) - np.stack(draw(P[:, 0] - eps, P[:, 1]), -1)) / (2 * eps)
        Hy = (np.stack(draw(P[:, 0], P[:, 1] + eps), -1) - np.stack(draw(P[:, 0], P[:, 1] - eps), -1)) / (2 * eps)
        H = np.stack([Hx, Hy], axis=-1)  # H[k, i, j] = ∂g_i/∂w_j
        P = P - np.linalg.solve(H, g[..., None])[..., 0]
    vals = raw(P[:, 0], P[:, 1])
    order = np.argsort(vals)
    P, vals = P[order], vals[order]
    floor = float(vals[0])  # shift so the global minimum has loss 0

    def f(x, y):
        return raw(x, y) - floor

    def fg(x, y):
        v, gx, gy = fg_raw(x, y)
        return v - floor, gx, gy

    info = LandscapeInfo(
        "mountains",
        "a range of peaks and valleys of different depths: one global minimum, three local",
        (-3.0, 3.0, -3.0, 3.0),
        (-0.55, 0.75),
        tuple((float(px), float(py)) for px, py in P),
        extra={"seed": seed},
    )
    return info, f, draw, fg


CLASSICS = {
    "mountains": _mountains,
    "bowl": _bowl,
    "ravine": _ravine,
    "saddle": _saddle,
    "rosenbrock": _rosenbrock,
    "himmelblau": _himmelblau,
    "beale": _beale,
    "booth": _booth,
    "six-hump-camel": _six_hump_camel,
    "rastrigin": _rastrigin,
    "ackley": _ackley,
}


def classic(name: str, n_samples: int = 128, noise: float = 0.6, seed: int = 0) -> AnalyticLandscape:
    """Build one of the textbook landscapes by name, split into ``n_samples`` samples."""
    info, f, df, *fg = CLASSICS[name]()
    return AnalyticLandscape(info, f, df, *fg, n_samples=n_samples, noise=noise, seed=seed)
