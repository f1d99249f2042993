"""A hike: stepping, exact step-back, seeds, statuses and divergence."""

import numpy as np
import pytest

from foghike.core import BOUNCING, CONVERGED, DESCENDING, DIVERGED, DescentMode, Hike, landscape, make_optimizer
from foghike.core.party import PATIENCE


def test_history_rows_follow_the_update_rule():
    h = Hike(landscape("bowl"), "sgd", lr=0.1, start=(1.0, -2.0))
    h.step(3)
    P, G, L = h.positions(), h.gradients(), h.losses()
    assert P.shape == (4, 2)
    assert np.allclose(P, [[1, -2], [0.8, -1.6], [0.64, -1.28], [0.512, -1.024]])
    assert np.allclose(G, 2 * P)  # the gradient used from each point
    assert np.allclose(L, (P**2).sum(1))
    assert list(h.samples()) == [0, 128, 256, 384]
    assert h.epoch == 3.0


def test_lr_zero_stands_still():
    h = Hike(landscape("mountains"), "sgd", lr=0.0)
    h.step(5)
    assert np.array_equal(h.positions(), np.tile(landscape("mountains").start, (6, 1)))


@pytest.mark.parametrize("opt", ["sgd", "adam", "rmsprop", "adagrad"])
@pytest.mark.parametrize("mode", ["batch", "sgd", "minibatch"])
def test_back_then_forward_restores_exact_state(opt, mode):
    kw = {"momentum": 0.9} if opt == "sgd" else {}
    h = Hike(landscape("rosenbrock"), opt, lr=1e-3, mode=mode, seed=3, **kw)
    h.step(10)
    p10, state10 = h.position, h.optimizer.snapshot()
    h.step(5)
    p15 = h.position
    assert h.back(5) == 5
    assert h.t == 10
    assert np.array_equal(h.position, p10)
    s = h.optimizer.snapshot()
    assert s["t"] == state10["t"]
    assert all(np.array_equal(s[k], state10[k]) for k in state10 if k != "t")
    h.step(5)
    assert np.array_equal(h.position, p15)


def test_back_past_the_start_stops_at_the_start():
    h = Hike(landscape("bowl"), "sgd", lr=0.1)
    h.step(2)
    assert h.back(10) == 2
    assert h.t == 0 and np.array_equal(h.position, h.start)


def test_reset_and_new_start():
    h = Hike(landscape("bowl"), "sgd", lr=0.1)
    h.step(4)
    h.reset(start=(0.5, 0.5))
    assert h.t == 0 and np.array_equal(h.position, [0.5, 0.5])


def test_same_seed_same_path_other_seed_other_path():
    def path(seed):
        h = Hike(landscape("mountains"), "sgd", lr=0.05, mode="sgd", seed=seed)
        h.step(50)
        return h.positions()

    assert np.array_equal(path(1), path(1))
    assert not np.allclose(path(1), path(2))


def test_full_batch_is_exactly_plain_gradient_descent():
    L = landscape("ravine")
    h = Hike(L, "sgd", lr=0.05, mode="batch")
    h.step(20)
    w = L.start.copy()
    for _ in range(20):
        gx, gy = w[0], 20.0 * w[1]  # ∇½(x² + 20y²) by hand
        w = w - 0.05 * np.array([gx, gy])
    assert np.allclose(h.position, w, rtol=1e-14)


def test_divergence_stops_at_last_finite_point_without_warnings():
    h = Hike(landscape("bowl"), "sgd", lr=1.5, start=(1.0, 1.0))  # |1 − 2·lr| = 2: doubles each step
    with np.errstate(all="raise"):  # any numpy warning inside would raise here
        taken = h.step(10_000)
    assert h.status == DIVERGED and h.diverged
    assert taken == h.t < 10_000
    assert np.all(np.isfinite(h.positions())) and np.all(np.isfinite(h.losses()))
    assert h.diverged_at == h.t + 1
    assert h.step(5) == 0  # a diverged hike stays where it is
    assert h.back(1) == 1 and not h.diverged  # stepping back revives it


def test_overflow_divergence_on_rosenbrock_keeps_finite_values():
    h = Hike(landscape("rosenbrock"), "sgd", lr=0.05)
    h.step(1000)
    assert h.status == DIVERGED
    assert np.all(np.isfinite(h.positions()))


def test_status_words():
    bowl = landscape("bowl")
    h = Hike(bowl, "sgd", lr=0.01)
    h.step(PATIENCE + 5)
    assert h.status == DESCENDING  # slow but steady
    h = Hike(bowl, "sgd", lr=0.5)  # lands on the minimum in one step (w − 0.5·2w = 0)
    h.step(PATIENCE + 5)
    assert h.status == CONVERGED
    h = Hike(bowl, "sgd", lr=1.0, start=(1.0, 1.0))  # w ← −w: the hiker jumps across forever
    h.step(PATIENCE + 5)
    assert h.status == BOUNCING
    assert np.allclose(np.abs(h.positions()), 1.0)  # always on the rim, never lower


def test_a_rising_loss_is_never_called_descending():
    # lr = 1.1 on the bowl: w ← (1 − 2.2)·w = −1.2·w, so the loss grows by 1.44 every step;
    # from the very first step the hiker jumps across the valley, higher each time
    h = Hike(landscape("bowl"), "sgd", lr=1.1, start=(-1.2, 0.9))
    assert h.loss == pytest.approx(2.25)
    for t in range(1, PATIENCE + 1):
        h.step()
        assert h.loss == pytest.approx(2.25 * 1.44**t)
        assert h.status == BOUNCING
    h = Hike(landscape("bowl"), "sgd", lr=0.1, start=(-1.2, 0.9))  # w ← 0.8·w: down every step
    for _ in range(PATIENCE + 5):
        h.step()
        assert h.status == DESCENDING


def test_a_hiker_jumping_between_slopes_is_bouncing_even_if_its_lowest_points_creep_down():
    # lr = 3 on the mountains: the hiker leaps between slopes in a four-step cycle, the loss
    # swinging between about 3 and 26, while the cycle's lowest point sinks a hair each time
    h = Hike(landscape("mountains"), "sgd", lr=3.0)
    h.step(30)
    last = h.losses()[-20:]
    assert last.max() > 5 * last.min()  # big jumps, not a walk downhill
    assert h.status == BOUNCING


def test_next_position_is_the_next_step_without_taking_it():
    h = Hike(landscape("mountains"), "adam", lr=0.1)
    h.step(3)
    nxt = h.next_position()
    assert h.t == 3
    h.step()
    assert np.array_equal(h.position, nxt)


def test_subscribers_hear_every_change():
    h = Hike(landscape("bowl"), "sgd", lr=0.1)
    seen = []
    h.subscribe(lambda hk: seen.append(hk.t))
    h.step()
    h.step(2)
    h.back()
    h.reset()
    assert seen == [1, 3, 2, 0]


def test_set_hyper_changes_only_future_steps():
    h = Hike(landscape("bowl"), "sgd", lr=0.1, start=(1.0, 0.0))
    h.step()
    h.set_hyper(lr=0.25)
    h.step()
    assert np.allclose(h.positions()[:, 0], [1.0, 0.8, 0.8 - 0.25 * 1.6])


def test_minibatch_samples_and_epochs():
    L = landscape("bowl")
    h = Hike(L, make_optimizer("sgd", lr=0.01), mode=DescentMode("minibatch", 48))  # 128 = 48 + 48 + 32
    h.step(4)
    assert list(h.samples()) == [0, 48, 96, 128, 176]


def test_epoch_order_is_without_replacement_and_reshuffled():
    mode = DescentMode("minibatch", 16)
    n = 128
    e0 = np.concatenate([mode.batch(9, t, n) for t in range(8)])
    e1 = np.concatenate([mode.batch(9, t, n) for t in range(8, 16)])
    assert sorted(e0) == list(range(n)) and sorted(e1) == list(range(n))
    assert not np.array_equal(e0, e1)


def test_mode_validation():
    with pytest.raises(ValueError, match="larger than"):
        DescentMode("minibatch", 500).size(128)
    with pytest.raises(ValueError, match="at least 1"):
        DescentMode("minibatch", 0)
    with pytest.raises(ValueError, match="unknown descent mode"):
        DescentMode("full")
    assert DescentMode("minibatch").size(10) == 10  # default 32, or N if smaller
