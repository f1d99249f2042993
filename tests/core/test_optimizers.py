"""Every optimizer against first steps derived by hand from torch.optim's documented rules."""

import math

import numpy as np
import pytest

from foghike.core import OPTIMIZERS, make_optimizer

W0 = np.array([[1.0, -2.0]])


def bowl_grad(w):  # ∇(x² + y²) = 2w
    return 2.0 * w


def steps(opt, n, w=W0):
    for _ in range(n):
        w = opt.step(w, bowl_grad(w))
    return w


def test_plain_gradient_descent_is_the_lecture_formula():
    w = steps(make_optimizer("sgd", lr=0.1), 1)
    assert np.allclose(w, [[1.0 - 0.1 * 2.0, -2.0 - 0.1 * -4.0]])  # w − lr·g
    assert np.allclose(steps(make_optimizer("sgd", lr=0.1), 2), [[0.64, -1.28]])  # 0.8² scaling


def test_sgd_momentum_first_two_steps():
    w = steps(make_optimizer("sgd", lr=0.1, momentum=0.9), 2, np.array([[1.0, 0.0]]))
    # step 1: b = g = 2 → w = 0.8; step 2: g = 1.6, b = 0.9·2 + 1.6 = 3.4 → w = 0.8 − 0.34
    assert w[0, 0] == pytest.approx(0.46)


def test_sgd_dampening_and_nesterov_and_weight_decay():
    w = steps(make_optimizer("sgd", lr=0.1, momentum=0.9, dampening=0.5), 2, np.array([[1.0, 0.0]]))
    # b1 = 2 (no dampening on the first step); b2 = 0.9·2 + 0.5·1.6 = 2.6 → 0.8 − 0.26
    assert w[0, 0] == pytest.approx(0.54)
    w = steps(make_optimizer("sgd", lr=0.1, momentum=0.9, nesterov=True), 1, np.array([[1.0, 0.0]]))
    # b = 2, g ← g + μ·b = 2 + 1.8 = 3.8 → 1 − 0.38
    assert w[0, 0] == pytest.approx(0.62)
    w = steps(make_optimizer("sgd", lr=0.1, weight_decay=0.5), 1, np.array([[1.0, 0.0]]))
    assert w[0, 0] == pytest.approx(1.0 - 0.1 * (2.0 + 0.5))


def test_nesterov_needs_momentum_as_in_torch():
    with pytest.raises(ValueError, match="nesterov"):
        make_optimizer("sgd", lr=0.1, nesterov=True)


def test_adagrad_first_steps():
    w = steps(make_optimizer("adagrad", lr=0.5), 1, np.array([[1.0, 0.0]]))
    assert w[0, 0] == pytest.approx(1.0 - 0.5 * 2.0 / (2.0 + 1e-10))  # s = g²
    w = steps(make_optimizer("adagrad", lr=0.5, initial_accumulator_value=5.0), 1, np.array([[1.0, 0.0]]))
    assert w[0, 0] == pytest.approx(1.0 - 0.5 * 2.0 / 3.0)  # s = 5 + 4
    w = steps(make_optimizer("adagrad", lr=0.5, lr_decay=1.0), 2, np.array([[1.0, 0.0]]))
    # step 1: w = 0.5; step 2: lr/(1+1) = 0.25, g = 1, s = 4 + 1 → w = 0.5 − 0.25/√5
    assert w[0, 0] == pytest.approx(0.5 - 0.25 / math.sqrt(5.0))


def test_rmsprop_first_steps():
    w = steps(make_optimizer("rmsprop", lr=0.01), 1, np.array([[1.0, 0.0]]))
    assert w[0, 0] == pytest.approx(1.0 - 0.01 * 2.0 / (math.sqrt(0.01 * 4.0) + 1e-8))
    w = steps(make_optimizer("rmsprop", lr=0.01, centered=True), 1, np.array([[1.0, 0.0]]))
    assert w[0, 0] == pytest.approx(1.0 - 0.01 * 2.0 / (math.sqrt(0.04 - 0.02**2) + 1e-8))
    w = steps(make_optimizer("rmsprop", lr=0.01, momentum=0.5, alpha=0.9), 2, np.array([[1.0, 0.0]]))
    v1 = 0.1 * 4.0
    b1 = 2.0 / (math.sqrt(v1) + 1e-8)
    w1 = 1.0 - 0.01 * b1
    g2 = 2.0 * w1
    v2 = 0.9 * v1 + 0.1 * g2 * g2
    b2 = 0.5 * b1 + g2 / (math.sqrt(v2) + 1e-8)
    assert w[0, 0] == pytest.approx(w1 - 0.01 * b2)


def adam_by_hand(w, n, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False, amsgrad=False):
    m = v = vmax = 0.0
    for t in range(1, n + 1):
        g = 2.0 * w
        if wd and decoupled:
            w = w * (1 - lr * wd)
        elif wd:
            g = g + wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = max(vmax, v)
        vv = vmax if amsgrad else v
        w = w - lr / (1 - b1**t) * m / (math.sqrt(vv) / math.sqrt(1 - b2**t) + eps)
    return w


@pytest.mark.parametrize(
    ("name", "kw", "hand"),
    [
        ("adam", {}, {}),
        ("adam", {"weight_decay": 0.1}, {"wd": 0.1}),
        ("adam", {"amsgrad": True, "betas": (0.5, 0.6)}, {"amsgrad": True, "b1": 0.5, "b2": 0.6}),
        ("adamw", {}, {"wd": 1e-2, "decoupled": True}),
    ],
)
def test_adam_family_against_scalar_hand_computation(name, kw, hand):
    w = steps(make_optimizer(name, lr=0.1, **kw), 5, np.array([[1.0, 0.0]]))
    assert w[0, 0] == pytest.approx(adam_by_hand(1.0, 5, 0.1, **hand), rel=1e-12)


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adam_betas_edited_mid_walk_keep_torchs_moments(amsgrad):
    # torch keeps m and v themselves; an edit of the betas after 4 steps changes how they are
    # updated from then on, not what they are: by hand, 4 steps with (0.9, 0.999), 5 with (0.5, 0.6)
    from foghike.core import Hike, landscape

    h = Hike(landscape("bowl"), "adam", lr=0.1, amsgrad=amsgrad, start=(1.0, 0.0))
    h.step(4)
    h.set_hyper(betas=(0.5, 0.6))
    h.step(5)
    w, m, v, vmax = 1.0, 0.0, 0.0, 0.0
    for t in range(1, 10):
        b1, b2 = (0.9, 0.999) if t <= 4 else (0.5, 0.6)
        g = 2.0 * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = max(vmax, v)
        vv = vmax if amsgrad else v
        w = w - 0.1 / (1 - b1**t) * m / (math.sqrt(vv) / math.sqrt(1 - b2**t) + 1e-8)
    assert h.position[0] == pytest.approx(w, rel=1e-12)
    h.back(3)  # and stepping back is still exact
    h2 = Hike(landscape("bowl"), "adam", lr=0.1, amsgrad=amsgrad, start=(1.0, 0.0))
    h2.step(4)
    h2.set_hyper(betas=(0.5, 0.6))
    h2.step(2)
    assert np.array_equal(h.position, h2.position)
    h.step(3)
    assert h.position[0] == pytest.approx(w, rel=1e-12)


def test_adam_first_step_is_lr_times_sign():
    w = steps(make_optimizer("adam", lr=0.1), 1, np.array([[3.0, -0.5]]))
    assert np.allclose(w, [[2.9, -0.4]], atol=1e-8)


def test_torch_defaults():
    assert OPTIMIZERS["sgd"].defaults["lr"] == 1e-3
    assert OPTIMIZERS["adam"].defaults["betas"] == (0.9, 0.999)
    assert OPTIMIZERS["adamw"].defaults["weight_decay"] == 1e-2
    assert OPTIMIZERS["rmsprop"].defaults["alpha"] == 0.99
    assert OPTIMIZERS["adagrad"].defaults["eps"] == 1e-10


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_k_hikers_with_k_learning_rates_step_as_k_single_hikers(name):
    lrs = np.array([0.001, 0.03, 0.3])
    W = np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 3.0]])
    many = make_optimizer(name, n_hikers=3, lr=lrs)
    got = steps(many, 7, W)
    for k in range(3):
        one = steps(make_optimizer(name, lr=lrs[k]), 7, W[k : k + 1])
        assert np.allclose(got[k], one[0], rtol=1e-14, atol=0)


def test_snapshot_restore_is_exact():
    opt = make_optimizer("adam", lr=0.1)
    w = steps(opt, 3)
    snap = opt.snapshot()
    a = opt.step(w, bowl_grad(w))
    opt.restore(snap)
    b = opt.step(w, bowl_grad(w))
    assert np.array_equal(a, b)


@pytest.mark.parametrize(
    ("kw", "msg"),
    [
        ({"lr": -0.1}, "lr must be in"),
        ({"lr": float("nan")}, "lr must be a finite"),
        ({"momentum": -1}, "momentum"),
        ({"bogus": 1}, "no hyper-parameter 'bogus'"),
    ],
)
def test_bad_hyper_parameters_are_clear_errors(kw, msg):
    with pytest.raises(ValueError, match=msg):
        make_optimizer("sgd", **kw)
