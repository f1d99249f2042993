"""Lessons: every built-in one loads and its narrative's claims hold for its set-up (checked with
closed forms and hand-written loops); every kind of bad file is explained; the learning loop's
numbers are the model's forward pass, loss, gradient and update written out by hand."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foghike.core import HikerSpec, Scene
from foghike.core.datasets import iris
from foghike.core.learning_loop import STAGES, LearningLoop
from foghike.core.lesson import LessonFileError, builtin_lessons, lesson, load_lesson

LECTURE = [
    "hiker-in-the-fog",
    "learning-rate-too-high",
    "learning-rate-too-low",
    "right-learning-rate",
    "descent-types",
    "local-minima",
    "image-classifier",
    "learning-loop",
]
FAST = [n for n in LECTURE if n != "image-classifier"]  # the classifier is checked in tests/app


def test_the_lessons_follow_the_lecture_in_order():
    assert [le.id for le in builtin_lessons()] == LECTURE
    for le in builtin_lessons():
        assert le.title and le.narrative and le.notice and le.keys


def test_hiker_in_the_fog_is_one_hiker_in_the_fog():
    le = lesson("hiker-in-the-fog")
    s = le.scene()
    assert len(s.hikes) == 1 and s.landscape.name == "mountains"
    assert le.view["hikers_fog"] and not le.view["fog_lifted"]
    h = s.hikes[0]
    w0 = h.position.copy()
    h.step(1)
    assert np.allclose(h.position, w0 - 0.1 * s.landscape.grad(w0))  # the lecture's formula


def test_too_high_overshoots_bounces_and_diverges_as_the_narrative_says():
    s = lesson("learning-rate-too-high").scene()
    w0 = np.array([-1.2, 0.9])
    for h in s.hikes:
        h.step(12)
    for h, lr in zip(s.hikes[:2], (0.9, 1.0)):
        # bowl: w ← (1 − 2·lr)·w, so w_t = (1 − 2·lr)^t · w_0 (the narrative's factors −0.8 and −1)
        t = np.arange(13)[:, None]
        assert np.allclose(h.positions(), (1 - 2 * lr) ** t * w0, atol=1e-12)
        assert np.all(np.sign(h.positions()[1:, 0]) != np.sign(h.positions()[:-1, 0]))  # over the bottom
    assert s.hikes[0].loss < 0.1 * s.hikes[0].losses()[0]  # 0.9 still gets there
    assert s.hikes[1].losses()[-1] == pytest.approx(s.hikes[1].losses()[0])  # 1.0 bounces for ever
    fast = s.hikes[2]
    fast.step(200)
    assert fast.diverged and np.all(np.diff(fast.losses()) > 0)  # 1.1: every jump lands higher
    s.hikes[1].step(40)
    assert s.hikes[1].status == "bouncing"


def test_too_low_barely_moves_beside_a_good_rate():
    s = lesson("learning-rate-too-low").scene()
    low, good = s.hikes
    assert (low.lr, good.lr) == (0.003, 0.1)
    for h in s.hikes:
        h.step(10)
    first = [np.linalg.norm(h.positions()[1] - h.positions()[0]) for h in s.hikes]
    assert first[0] / first[1] == pytest.approx(0.03)  # same slope, step lr·|∇L|: 0.003 / 0.1
    dist = [np.linalg.norm(h.position - h.positions()[0]) for h in s.hikes]
    assert dist[0] < dist[1] / 10
    drop = [h.losses()[0] - h.loss for h in s.hikes]
    assert 0 < drop[0] < drop[1] / 10


def test_right_rate_lesson_has_the_three_rates_and_one_that_overshoots():
    s = lesson("right-learning-rate").scene()
    assert [h.lr for h in s.hikes[:3]] == [0.001, 0.01, 0.1]
    high = s.hikes[3]
    high.step(60)
    assert high.diverged or high.status == "bouncing" or np.any(np.diff(high.losses()) > 0)
    s.hikes[2].step(60)
    assert s.hikes[2].loss < min(s.hikes[0].losses()[0], s.hikes[1].losses()[0])


def test_descent_types_lesson_uses_real_samples_and_noise_shrinks_with_the_batch():
    s = lesson("descent-types").scene()
    assert [h.mode.kind for h in s.hikes] == ["batch", "sgd", "minibatch"]
    assert s.landscape.n_samples == 150  # the Iris flowers
    for h in s.hikes:
        h.step(150)
    noise = [h.gradient_noise() for h in s.hikes]
    assert noise[0] == 0.0 and noise[1] > noise[2] > 0.0


def test_local_minima_lesson_some_restarts_find_the_lowest_valley_and_some_do_not():
    from foghike.core import restart_tally

    s = lesson("local-minima").scene()
    assert len(s.hikes) == 12 and s.colour_by == "basin"
    for h in s.hikes:
        h.step(400)
    P = np.array([h.position for h in s.hikes])
    tally = restart_tally(s.landscape, P, [h.loss for h in s.hikes])
    lowest = s.landscape.minima[0]
    reached = sum(np.linalg.norm(p - lowest) < 0.3 for p in P)  # by distance, not by the tally's own rule
    assert 0 < reached < 12
    assert f"{reached} of 12" in tally["text"]


def test_learning_loop_numbers_are_the_model_written_out_by_hand():
    s = lesson("learning-loop").scene()
    loop = LearningLoop(s)
    h = s.hikes[0]
    d = iris()
    x_all = (d.X[:, 2] - d.X[:, 2].mean()) / d.X[:, 2].std()
    y_all = d.X[:, 3]
    for _ in range(3):
        n = loop.numbers()
        assert len(n.batch) == 5
        x, y = x_all[n.batch], y_all[n.batch]
        w = h.position
        yhat = w[0] * x + w[1]  # forward
        assert np.allclose(n.prediction, yhat)
        assert n.batch_loss == pytest.approx(np.mean(0.5 * (yhat - y) ** 2))  # loss
        g = np.array([np.mean((yhat - y) * x), np.mean(yhat - y)])  # backward
        assert np.allclose(n.grad, g)
        for _stage in STAGES:  # update: N four times takes exactly w ← w − lr·g
            loop.advance()
        assert h.position == pytest.approx(w - 0.1 * g)
        assert loop.stage_name == "forward"


def test_the_loop_highlights_stages_in_order_and_resets_on_any_step():
    s = lesson("learning-loop").scene()
    loop = LearningLoop(s)
    seen = []
    loop.events.stage.connect(lambda lp: seen.append(lp.stage_name))
    for _ in range(3):
        loop.advance()
    assert seen == ["loss", "backward", "update"] and s.t == 0
    s.step(1)
    assert loop.stage_name == "forward"


def test_replay_walks_the_history_again_bit_for_bit_with_edits():
    s = Scene("ravine", [HikerSpec(), HikerSpec("adam", "adam", {"lr": 0.05}, "minibatch", 16, seed=2)])
    s.step(4)
    s.set_lr(0.02)
    s.step(6)
    P = [h.positions().copy() for h in s.hikes]
    G = [h.gradients().copy() for h in s.hikes]
    seen = []
    assert s.replay(lambda t, T: seen.append((t, T)) or True)
    assert seen == [(t, 10) for t in range(11)]
    for h, p, g in zip(s.hikes, P, G):
        assert np.array_equal(h.positions(), p) and np.array_equal(h.gradients(), g)
        assert h.lr == 0.02


# -- bad lesson files --------------------------------------------------------------------------
def good() -> dict:
    return json.loads(
        json.dumps(
            {
                "schema": "foghike-lesson",
                "version": 1,
                "id": "mine",
                "title": "My lesson",
                "landscape": {"name": "bowl"},
                "hikers": [{"optimizer": "sgd", "hyper": {"lr": 0.1}}],
                "narrative": ["Watch the hiker."],
                "keys": ["step"],
            }
        )
    )


BAD = [
    (lambda d: d.pop("title"), "title"),
    (lambda d: d.update(title=5), "title"),
    (lambda d: d.update(landscape={"name": "everest"}), "unknown landscape 'everest'"),
    (lambda d: d.update(panels=["charts"]), "unknown panel 'charts'"),
    (lambda d: d.update(keys=["fly"]), "unknown action 'fly'"),
    (lambda d: d.update(camera={"elevation": 500}), "camera.elevation = 500 is out of range"),
    (lambda d: d["hikers"][0].update(optimizer="lbfgs"), "unknown optimizer 'lbfgs'"),
    (lambda d: d["hikers"][0]["hyper"].update(lr=-1), "hikers[0].hyper.lr = -1 is out of range"),
    (lambda d: d.update(version=7), "newer foghike"),
    (lambda d: d.update(comparison={"kind": "learning-rates"}), 'either "hikers"'),
    (lambda d: d.update(narrative=[]), "narrative"),
    (lambda d: d.update(view={"fog_lifted": "yes"}), "view.fog_lifted must be true or false"),
    (lambda d: d.update(schema="foghike-scene"), "not a foghike lesson"),
]


@pytest.mark.parametrize(("defect", "message"), BAD)
def test_each_defect_is_named(tmp_path, defect, message):
    d = good()
    load_lesson_from(tmp_path, d)  # the good one loads
    defect(d)
    with pytest.raises(LessonFileError, match=None) as e:
        load_lesson_from(tmp_path, d)
    assert message in str(e.value) and "mine.json" in str(e.value)


def load_lesson_from(tmp_path, d):
    p = tmp_path / "mine.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    return load_lesson(p, known_keys={"step", "back"})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"schema": "foghike-lesson", "ver', "not complete JSON"),
        (b"\xff\xfe\x00", "not a text file"),
        (b'{"schema": "foghike-lesson", "version": NaN}', "NaN"),
    ],
)
def test_unreadable_files_are_named(tmp_path, content, message):
    p = tmp_path / "broken.json"
    p.write_bytes(content)
    with pytest.raises(LessonFileError) as e:
        load_lesson(p)
    assert message in str(e.value)
    with pytest.raises(LessonFileError, match="no such file"):
        load_lesson(tmp_path / "gone.json")
