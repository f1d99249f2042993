"""Landscapes against textbook values, central differences and their per-sample split."""

import itertools
import math

import numpy as np
import pytest

from foghike.core import LANDSCAPE_NAMES, DescentMode, landscape

# the digit classifier moves 2410 weights and has its own tests (test_models.py)
TWO_WEIGHT = [n for n in LANDSCAPE_NAMES if n != "digits-mlp"]


def random_points(L, n=200, seed=1):
    rng = np.random.default_rng(seed)
    x0, x1, y0, y1 = L.bounds
    return np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])


def central_diff(f, W, h=1e-6):
    g = np.zeros_like(W)
    for i in range(W.shape[-1]):
        e = np.zeros(W.shape[-1])
        e[i] = h
        g[..., i] = (f(W + e) - f(W - e)) / (2 * h)
    return g


@pytest.mark.parametrize("name", TWO_WEIGHT)
def test_gradient_matches_central_differences(name):
    L = landscape(name)
    W = random_points(L)
    # keep away from ackley's cone tip, where the gradient has a kink
    W = W[np.linalg.norm(W, axis=1) > 1e-3]
    num = central_diff(L.value, W)
    ana = L.grad(W)
    scale = np.maximum(1.0, np.abs(num))
    assert np.all(np.abs(ana - num) / scale < 1e-5), name


@pytest.mark.parametrize(
    ("name", "point", "expected"),
    [
        ("bowl", (1.5, -2.0), 1.5**2 + 4.0),
        ("ravine", (2.0, 1.0), 0.5 * (4.0 + 20.0)),
        ("saddle", (1.0, 2.0), -3.0),
        ("rosenbrock", (0.0, 0.0), 1.0),
        ("rosenbrock", (1.0, 1.0), 0.0),
        ("rosenbrock", (-1.0, 2.0), 4.0 + 100.0),
        ("himmelblau", (0.0, 0.0), 121.0 + 49.0),
        ("himmelblau", (3.0, 2.0), 0.0),
        ("beale", (0.0, 0.0), 1.5**2 + 2.25**2 + 2.625**2),
        ("beale", (3.0, 0.5), 0.0),
        ("booth", (0.0, 0.0), 49.0 + 25.0),
        ("booth", (1.0, 3.0), 0.0),
        ("six-hump-camel", (1.0, 1.0), (4 - 2.1 + 1 / 3) + 1 + 0.0),
        ("rastrigin", (0.0, 0.0), 0.0),
        ("rastrigin", (1.0, 0.5), 20 + 1 - 10 + 0.25 + 10),
        ("ackley", (0.0, 0.0), 0.0),
        ("ackley", (1.0, 1.0), -20 * math.exp(-0.2) - math.e + math.e + 20),
    ],
)
def test_textbook_values(name, point, expected):
    assert landscape(name).value(np.array(point)) == pytest.approx(expected, abs=1e-12)


def test_six_hump_camel_global_minimum_value():
    L = landscape("six-hump-camel")
    assert L.value(L.minima) == pytest.approx([-1.0316284535] * 2, abs=1e-9)


@pytest.mark.parametrize("name", [n for n in TWO_WEIGHT if n != "saddle"])
def test_known_minima_are_stationary_and_lowest(name):
    L = landscape(name)
    g = L.grad(L.minima)
    assert np.all(np.abs(g) < 1e-4 * max(1.0, np.abs(L.grad(random_points(L))).mean()))
    _, _, Z = L.grid(151)
    assert L.value(L.minima[0]) <= Z.min() + 1e-9


def test_mountains_has_one_global_and_several_local_valleys():
    L = landscape("mountains")
    vals = L.value(L.minima)
    assert len(vals) >= 3
    assert vals[0] == pytest.approx(0.0, abs=1e-12)
    assert np.all(vals[1:] > vals[0] + 0.3)  # clearly shallower valleys
    # each is a true minimum: the Hessian by central differences is positive definite
    for m in L.minima:
        H = np.column_stack([central_diff(lambda w, i=i: L.grad(w)[..., i], m[None, :])[0] for i in range(2)])
        assert np.all(np.linalg.eigvalsh(0.5 * (H + H.T)) > 0)


def test_mountains_is_reproducible():
    from foghike.core.classics import classic

    a, b = classic("mountains"), landscape("mountains")
    W = random_points(a)
    assert np.array_equal(a.value(W), b.value(W))


def test_values_and_gradients_are_vectorised_over_leading_axes():
    L = landscape("rosenbrock")
    W = random_points(L, 24).reshape(2, 3, 4, 2)
    assert L.value(W).shape == (2, 3, 4)
    assert L.grad(W).shape == (2, 3, 4, 2)
    assert np.allclose(L.value(W).ravel(), [L.value(w) for w in W.reshape(-1, 2)])


@pytest.mark.parametrize("name", TWO_WEIGHT)
def test_per_sample_losses_average_to_the_landscape(name):
    L = landscape(name)
    W = random_points(L, 50)
    S = L.sample_values(W)
    assert S.shape == (50, L.n_samples)
    assert np.allclose(S.mean(axis=-1), L.value(W), rtol=1e-12, atol=1e-9)
    # and the gradient of the full batch is the landscape's gradient
    full = np.arange(L.n_samples)
    assert np.allclose(L.batch_grad(W, full), L.grad(W), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("name", ["bowl", "rosenbrock", "mountains"])
def test_sample_gradients_match_central_differences(name):
    L = landscape(name)
    W = random_points(L, 30)
    idx = np.array([3, 17, 40])
    num = central_diff(lambda w: L.batch_value(w, idx), W)
    assert np.allclose(L.batch_grad(W, idx), num, rtol=1e-5, atol=1e-5 * np.abs(num).max())


def test_minibatch_gradients_over_one_epoch_average_to_the_full_gradient():
    L = landscape("ravine")
    w = np.array([1.3, -0.7])
    mode = DescentMode("minibatch", 16)  # 128 / 16 = 8 equal batches per epoch
    grads = [L.batch_grad(w, mode.batch(5, t, L.n_samples)) for t in range(mode.updates_per_epoch(L.n_samples))]
    assert np.allclose(np.mean(grads, axis=0), L.grad(w), rtol=1e-12, atol=1e-12)


def test_minibatch_gradient_spread_shrinks_with_batch_size():
    L = landscape("bowl")
    w = np.array([0.5, 0.5])
    spreads = []
    for b in (1, 4, 16, 64):
        mode = DescentMode("minibatch", b)
        per = mode.updates_per_epoch(L.n_samples)
        g = np.array([L.batch_grad(w, mode.batch(s, t, L.n_samples)) for s in range(20) for t in range(per)])
        spreads.append(np.linalg.norm(g - L.grad(w), axis=1).mean())
    assert all(a > b for a, b in itertools.pairwise(spreads))
    assert spreads[0] > 0.1 * np.linalg.norm(L.grad(w))  # the noise is visible, not cosmetic


def test_grid_is_one_call_over_the_bounds():
    L = landscape("booth")
    xs, ys, Z = L.grid(41)
    assert Z.shape == (41, 41)
    assert xs[0] == L.bounds[0] and xs[-1] == L.bounds[1]
    assert Z[10, 30] == pytest.approx(L.value(np.array([xs[10], ys[30]])))


def test_unknown_landscape_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown landscape 'nope'"):
        landscape("nope")


@pytest.mark.parametrize("name", ["rosenbrock", "mountains", "himmelblau"])
def test_many_points_take_the_same_values_as_few(name):
    """Large arrays go through fused, in-place kernels; they must agree with the few-point path
    (and, for Rosenbrock, with its closed form written out here)."""
    L = landscape(name)
    P = np.random.default_rng(3).uniform(-2, 2, (3000, 2))
    f_many, g_many = L.value_and_grad(P)
    few = [L.value_and_grad(P[i : i + 1]) for i in range(0, 3000, 97)]
    assert np.allclose(f_many[::97], [f[0] for f, _ in few], rtol=1e-13, atol=1e-13)
    assert np.allclose(g_many[::97], [g[0] for _, g in few], rtol=1e-13, atol=1e-12)
    if name == "rosenbrock":
        x, y = P[:, 0], P[:, 1]
        assert np.allclose(f_many, (1 - x) ** 2 + 100 * (y - x**2) ** 2, rtol=1e-13)
        assert np.allclose(g_many[:, 0], -2 * (1 - x) - 400 * x * (y - x**2), rtol=1e-12, atol=1e-10)
        assert np.allclose(g_many[:, 1], 200 * (y - x**2), rtol=1e-12, atol=1e-10)
