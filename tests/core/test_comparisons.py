"""The comparison line-ups against closed forms and brute force."""

import itertools

import numpy as np
import pytest

from foghike.core import (
    DIVERGED,
    Hike,
    HikerSpec,
    Scene,
    descent_comparison,
    landscape,
    log_rates,
    lr_comparison,
    optimizer_comparison,
    random_restarts,
    rate_regions,
    restart_tally,
    sweep,
    too_high_rate,
)
from foghike.core.comparisons import hessian


def test_hessian_matches_rosenbrock_by_hand():
    x, y = 0.3, -0.4
    by_hand = np.array([[2 - 400 * (y - x * x) + 800 * x * x, -400 * x], [-400 * x, 200]])
    assert np.allclose(hessian(landscape("rosenbrock"), np.array([x, y])), by_hand, rtol=1e-6)


def test_too_high_rate_on_the_ravine_is_past_two_over_lambda_max():
    # ½(x² + 20y²): λ_max = 20, plain descent diverges for lr > 2/20 = 0.1
    lr = too_high_rate(landscape("ravine"))
    assert lr == pytest.approx(2.5 / 20)
    h = Hike(landscape("ravine"), "sgd", lr=lr)
    h.step(500)
    assert h.status == DIVERGED


@pytest.mark.parametrize("name", ["mountains", "himmelblau", "rosenbrock", "six-hump-camel", "ackley"])
def test_too_high_rate_really_overshoots(name):
    L = landscape(name)
    h = Hike(L, "sgd", lr=too_high_rate(L))
    h.step(60)
    losses = h.losses()
    assert h.status in ("bouncing", "diverged") or np.any(np.diff(losses) > 0)  # the loss went up


def test_lr_comparison_line_up():
    L = landscape("mountains")
    specs = lr_comparison(L, start=(0.5, -0.5))
    assert [s.lr for s in specs[:3]] == [0.001, 0.01, 0.1]
    assert specs[3].lr == too_high_rate(L, np.array([0.5, -0.5])) and "too high" in specs[3].name
    assert {s.start for s in specs} == {(0.5, -0.5)} and {s.optimizer for s in specs} == {"sgd"}


def test_descent_types_differ_for_real_and_noise_shrinks_with_batch_size():
    L = landscape("mountains")
    specs = descent_comparison(L, lr=0.05, seed=3)
    assert [(s.mode, s.batch_size) for s in specs] == [("batch", None), ("sgd", None), ("minibatch", 32)]
    batch = specs[0].build(L)
    batch.step(40)
    assert batch.gradient_noise() == pytest.approx(0.0, abs=1e-12)  # exact ∇L every update
    noise, drift = [], []
    for b in (1, 4, 16, 64):
        runs = [Hike(L, "sgd", lr=0.05, mode="minibatch", batch_size=b, seed=s) for s in range(6)]
        for h in runs:
            h.step(40)
        noise.append(np.mean([h.gradient_noise() for h in runs]))
        drift.append(np.mean([np.linalg.norm(h.positions() - batch.positions(), axis=1).mean() for h in runs]))
    assert all(a > b for a, b in itertools.pairwise(noise))
    assert all(a > b for a, b in itertools.pairwise(drift))
    assert drift[-1] > 0  # even B = 64 of 128 walks its own path


def test_optimizer_line_up_on_the_ravine():
    specs = optimizer_comparison(landscape("ravine"))
    assert [(s.optimizer, s.hyper.get("momentum", 0), s.hyper.get("nesterov", False)) for s in specs] == [
        ("sgd", 0, False),
        ("sgd", 0.9, False),
        ("sgd", 0.9, True),
        ("rmsprop", 0, False),
        ("adam", 0, False),
    ]
    plain = specs[0].build(landscape("ravine"))
    plain.step(30)
    dy = np.diff(plain.positions()[:, 1])
    assert np.mean(dy[:-1] * dy[1:] < 0) > 0.9  # plain descent zig-zags across the ravine


def test_restart_tally_matches_the_end_points():
    L = landscape("mountains")
    specs = random_restarts(L, 12, seed=5)
    assert len(specs) == 12 and len({s.start for s in specs}) == 12
    hikes = [s.build(L) for s in specs]
    for h in hikes:
        h.step(300)
    ends = np.array([h.position for h in hikes])
    losses = np.array([h.loss for h in hikes])
    tally = restart_tally(L, ends, losses)
    # brute force: nearest known minimum, one by one
    nearest = []
    for p in ends:
        dists = [np.hypot(*(p - m)) for m in L.minima]
        nearest.append(dists.index(min(dists)))
    assert list(tally["basins"]) == nearest
    assert tally["reached_lowest"] == nearest.count(0)
    assert tally["best"] == int(np.argmin(losses))
    assert tally["text"] == f"{nearest.count(0)} of 12 reached the lowest valley"
    assert 0 < nearest.count(0) < 12  # several valleys: restarts really land in different ones


def test_rate_regions_on_the_bowl():
    L = landscape("bowl")  # plain descent: w ← (1 − 2lr)w, best at lr = 0.5, diverges for lr > 1
    res = sweep(L, "sgd", log_rates(1e-4, 3.0, 200), 50)
    lo, hi = rate_regions(res)
    assert lo < 0.5 < hi < 1.0 + 1e-9
    assert lo > 1e-3  # 50 steps at lr 0.001 barely move: too low


def test_a_lucky_jump_into_a_deeper_valley_is_too_high_not_right():
    # the mountains' default start lies above the valley of the second-lowest minimum; stable
    # rates walk down into it, while some rate above 0.5 bounces out and lands lower by chance
    L = landscape("mountains")
    local = float(L.value(L.minima[1]))
    lrs = log_rates(1e-4, 10.0, 200)
    res = sweep(L, "sgd", lrs, 100)
    lo, hi = rate_regions(res)
    assert res.best_lr() <= hi
    start = float(L.value(L.start))
    for lr in (lo, hi, res.best_lr()):  # each checked as a single hike of its own
        h = Hike(L, "sgd", lr=lr)
        h.step(100)
        assert np.argmin(np.linalg.norm(L.minima - h.position, axis=1)) == 1  # in that valley
        assert h.loss <= local + 0.1 * (start - local) + 1e-12  # 90% of the way down
    lucky = [lr for lr in lrs if lr > hi]
    ends = []
    for lr in lucky:
        h = Hike(L, "sgd", lr=lr)
        h.step(100)
        ends.append(h.loss if h.status != "diverged" else np.inf)
    assert min(ends) < local - 0.5  # the jump the old rule took for the best rate
    assert lucky[int(np.argmin(ends))] > hi


def test_scene_edits_apply_from_now_or_restart():
    scene = Scene("bowl", [HikerSpec("a", "sgd", {"lr": 0.1}, start=(1.0, 0.0))])
    scene.step(2)
    before = scene.hikes[0].positions().copy()
    scene.edit_hiker(0, hyper={"lr": 0.25}, name="b")
    assert scene.hikes[0].t == 2 and np.array_equal(scene.hikes[0].positions(), before)
    scene.step(1)
    assert scene.hikes[0].position[0] == pytest.approx(0.64 * (1 - 2 * 0.25))
    scene.edit_hiker(0, optimizer="adam", hyper={"lr": 0.1})  # a different walk: from the start
    assert scene.hikes[0].t == 0 and scene.hikes[0].optimizer.name == "adam" and scene.specs[0].name == "b"
    scene.add_hiker(HikerSpec("c"))
    assert len(scene.hikes) == 2
    scene.remove_hiker(0)
    assert [s.name for s in scene.specs] == ["c"]
    with pytest.raises(ValueError):
        scene.remove_hiker(0)
    with pytest.raises(ValueError):
        scene.edit_hiker(0, optimizer="nope")
    assert scene.specs[0].optimizer == "sgd"  # a bad edit leaves the hiker as it was
