"""Real-data landscapes: exact per-sample averages, gradients, closed-form minima, and the
digit classifier's gradient, slice and training."""

import math

import numpy as np
import pytest

from foghike.core import Hike, landscape
from foghike.core.datasets import breast_cancer, digits, iris
from foghike.core.mlp import N_TRAIN, forward, loss_and_grad, n_weights


def test_datasets_are_the_real_ones():
    assert iris().X.shape == (150, 4) and set(iris().y) == {0, 1, 2}
    assert breast_cancer().X.shape == (569, 30) and breast_cancer().classes == ("malignant", "benign")
    d = digits()
    assert d.X.shape == (1797, 64) and d.X.min() == 0 and d.X.max() == 16 and np.bincount(d.y).min() > 170


@pytest.mark.parametrize("name", ["linear-regression", "linear-regression-standardized", "logistic-regression"])
def test_two_weight_models_are_per_sample_averages_with_exact_gradients(name):
    L = landscape(name)
    rng = np.random.default_rng(0)
    x0, x1, y0, y1 = L.bounds
    W = np.column_stack([rng.uniform(x0, x1, 30), rng.uniform(y0, y1, 30)])
    assert np.allclose(L.sample_values(W).mean(axis=-1), L.value(W), rtol=1e-12)
    h = 1e-6
    num = np.stack([(L.value(W + np.array([h, 0])) - L.value(W - np.array([h, 0]))) / (2 * h),
                    (L.value(W + np.array([0, h])) - L.value(W - np.array([0, h]))) / (2 * h)], axis=-1)
    assert np.allclose(L.grad(W), num, rtol=1e-6, atol=1e-8)
    idx = np.array([3, 50, 99])
    assert np.allclose(L.batch_grad(W, idx), np.mean([L.batch_grad(W, np.array([i])) for i in idx], axis=0))
    assert np.allclose(L.grad(L.minima[0]), 0.0, atol=1e-9)  # the known minimum is stationary


def test_linear_regression_matches_least_squares_by_hand():
    d = iris()
    x, y = d.X[:, 2], d.X[:, 3]
    slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    assert landscape("linear-regression").minima[0] == pytest.approx([slope, y.mean() - slope * x.mean()])
    w = np.array([0.3, -0.2])  # ½ mean (w₁x + w₂ − y)²
    assert landscape("linear-regression").value(w) == pytest.approx(0.5 * np.mean((0.3 * x - 0.2 - y) ** 2))


def test_standardising_rounds_the_valley():
    raw, std = landscape("linear-regression"), landscape("linear-regression-standardized")
    assert raw.condition > 20 and std.condition == pytest.approx(1.0)
    # plain descent at its largest stable rate: raw needs far more steps (zig-zag in a narrow valley)
    def steps_to(L, tol=1e-3):
        lam = np.linalg.eigvalsh(L.hessian).max()
        h = Hike(L, "sgd", lr=1.0 / lam)
        for t in range(1, 5000):
            h.step()
            if h.loss - L.value(L.minima[0]) < tol:
                return t
        return 5000
    assert steps_to(std) * 10 < steps_to(raw)


def test_logistic_regression_loss_by_hand():
    d = breast_cancer()
    x = (d.X[:, 0] - d.X[:, 0].mean()) / d.X[:, 0].std()
    s = 2 * d.y - 1
    w = np.array([-1.5, 0.7])
    expected = np.mean([math.log(1 + math.exp(-si * (w[0] * xi + w[1]))) for xi, si in zip(x, s)])
    assert landscape("logistic-regression").value(w) == pytest.approx(expected, rel=1e-12)


def test_mlp_gradient_against_central_differences():
    rng = np.random.default_rng(1)
    theta = rng.normal(0, 0.3, n_weights())
    d = digits()
    X, y = d.X[:40] / 16.0, d.y[:40]
    _, g = loss_and_grad(theta, X, y)
    for i in rng.choice(len(theta), 40, replace=False):
        e = np.zeros_like(theta)
        e[i] = 1e-6
        num = (loss_and_grad(theta + e, X, y)[0] - loss_and_grad(theta - e, X, y)[0]) / 2e-6
        assert g[i] == pytest.approx(num, rel=1e-5, abs=1e-9)


@pytest.fixture(scope="module")
def mlp():
    return landscape("digits-mlp")


def test_training_goes_from_ln10_to_well_below_point_two(mlp):
    traj = mlp.trajectory
    assert len(traj) == 1001  # 1000 mini-batch iterations
    first, last = mlp.value(traj[0]), mlp.value(traj[-1])
    assert abs(first - math.log(10)) < 0.3  # random weights: about ln 10 (the lecture's 2.5)
    assert last < 0.2
    assert mlp.accuracy(traj[-1]) > 0.9  # on the 797 held-out images


def test_slice_puts_the_end_at_the_origin_and_the_path_in_the_plane(mlp):
    P = mlp.project(mlp.trajectory)
    assert np.allclose(P[-1], 0.0, atol=1e-12)
    back = mlp.lift(P)  # the projected path, lifted back: how far the real path is from the plane
    dist = np.maximum(np.linalg.norm(mlp.trajectory - mlp.w_star, axis=1), 1e-12)
    rel = np.linalg.norm(back - mlp.trajectory, axis=1) / dist
    assert np.allclose(mlp.lift(np.zeros(2)), mlp.w_star)
    assert np.median(rel[:-1]) < 0.9  # the first two principal components carry most of the path
    x0, x1, y0, y1 = mlp.bounds
    assert np.all((P[:, 0] >= x0) & (P[:, 0] <= x1) & (P[:, 1] >= y0) & (P[:, 1] <= y1))


def test_the_surface_is_the_true_loss_of_the_full_network(mlp):
    xs, ys, Z = mlp.grid(5)
    theta = mlp.lift(np.array([xs[1], ys[3]]))
    _, logp = forward(theta, mlp.X)
    assert Z[1, 3] == pytest.approx(-np.mean(logp[np.arange(N_TRAIN), mlp.y]), rel=1e-12)


def test_same_seed_same_weights(mlp):
    from foghike.core.mlp import DigitsMLP

    other = DigitsMLP(seed=0)
    assert np.array_equal(other.w_star, mlp.w_star)


def test_disk_cache_reopens_without_training_and_cancel_keeps_nothing(tmp_path, monkeypatch):
    from foghike.core import catalogue
    from foghike.core.mlp import DigitsMLP

    calls = []
    with pytest.raises(InterruptedError):
        DigitsMLP(cache_dir=tmp_path, progress=lambda f: calls.append(f) or f < 0.2)
    assert calls and max(calls) < 0.3 and not list(tmp_path.glob("*.npz"))  # stopped early, nothing kept

    first = DigitsMLP(cache_dir=tmp_path)
    first.grid(41)
    assert len(list(tmp_path.glob("digits-mlp-*.npz"))) == 1
    seen = []
    again = DigitsMLP(cache_dir=tmp_path, progress=lambda f: seen.append(f) or True)
    assert seen == []  # no training: read from disk
    assert np.array_equal(again.w_star, first.w_star) and np.array_equal(again.grid(41)[2], first.grid(41)[2])
    # and the catalogue's build reports, then honours, a cancel the same way
    monkeypatch.setattr(catalogue, "_built", {})
    catalogue.set_cache_dir(tmp_path / "other")
    try:
        with pytest.raises(InterruptedError):
            catalogue.landscape("digits-mlp", progress=lambda f: False)
        assert not catalogue.is_built("digits-mlp")
    finally:
        catalogue.set_cache_dir(None)


def test_same_seed_same_path_and_surface_without_cache():
    from foghike.core.mlp import DigitsMLP

    a, b = DigitsMLP(seed=3), DigitsMLP(seed=3)
    assert np.array_equal(a.trajectory, b.trajectory)
    assert np.array_equal(a.grid(9)[2], b.grid(9)[2])
    assert not np.array_equal(a.theta0, DigitsMLP(seed=4).theta0)
