"""The learning-rate sweep equals single hikes and finds the brute-force best rate."""

import numpy as np
import pytest

from foghike.core import DIVERGED, Hike, landscape, log_rates, sweep


def test_each_row_equals_a_single_hike():
    L = landscape("ravine")
    lrs = log_rates(1e-3, 0.2, 9)
    res = sweep(L, "sgd", lrs, 60, momentum=0.5)
    for lr, loss, st in zip(lrs, res.final_loss, res.status):
        h = Hike(L, "sgd", lr=lr, momentum=0.5)
        h.step(60)
        assert loss == pytest.approx(h.loss, rel=1e-12, abs=1e-300)
        assert st == h.status


def test_rates_above_two_over_lambda_max_diverge_on_the_ravine():
    # ½(x² + 20y²): plain descent multiplies y by (1 − 20·lr); |·| > 1 ⇔ lr > 0.1
    res = sweep(landscape("ravine"), "sgd", np.array([0.05, 0.099, 0.101, 0.2]), 2000)
    assert list(res.status[:2] != DIVERGED) == [True, True]
    assert list(res.status[2:]) == [DIVERGED, DIVERGED]


def test_sweep_minimum_matches_a_brute_force_loop():
    L = landscape("rosenbrock")
    lrs = log_rates(1e-4, 3e-3, 12)
    res = sweep(L, "sgd", lrs, 300)
    brute = []
    for lr in lrs:
        w = L.start.copy()
        for _ in range(300):
            x, y = w
            w = w - lr * np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        brute.append((x - 1) ** 2 + 100 * (y - x * x) ** 2 if np.all(np.isfinite(w)) else np.inf)
    assert res.best_lr() == lrs[int(np.argmin(brute))]


def test_log_rates():
    r = log_rates(1e-3, 1.0, 4)
    assert np.allclose(r, [1e-3, 1e-2, 1e-1, 1.0])
    with pytest.raises(ValueError):
        log_rates(0.0, 1.0, 5)
