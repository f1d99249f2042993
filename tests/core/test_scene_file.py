"""Scene files: exact round trips, and every kind of bad file rejected with its message."""

import json

import numpy as np
import pytest

from foghike.core import HikerSpec, Scene, SceneFileError, load_scene, save_scene, scene_to_dict


def walked_scene() -> Scene:
    specs = [
        HikerSpec("gd", "sgd", {"lr": 0.1, "momentum": 0.5}, start=(-0.5, 1.0)),
        HikerSpec("adam", "adam", {"lr": 0.05, "betas": (0.8, 0.99)}, mode="minibatch", batch_size=16, seed=4),
        HikerSpec("sgd", "rmsprop", {"lr": 0.01, "centered": True}, mode="sgd", seed=9),
    ]
    s = Scene("mountains", specs)
    s.step(7)
    s.set_lr(0.2)  # edits mid-walk must replay at the same step
    s.step(5)
    s.back(3)
    s.edit_hiker(1, hyper={"eps": 1e-6})
    s.step(4)
    return s


def test_round_trip_is_bit_for_bit(tmp_path):
    s = walked_scene()
    path = tmp_path / "lesson.foghike.json"
    save_scene(path, s, camera={"distance": 20.0}, view={"contours": False})
    loaded, camera, view = load_scene(path)
    assert camera == {"distance": 20.0} and view == {"contours": False}
    for a, b in zip(s.hikes, loaded.hikes):
        assert a.t == b.t
        assert np.array_equal(a.positions(), b.positions())
        assert np.array_equal(a.gradients(), b.gradients())
        sa, sb = a.optimizer.snapshot(), b.optimizer.snapshot()
        assert sa.keys() == sb.keys() and all(np.array_equal(sa[k], sb[k]) for k in sa)
        assert a.optimizer.settings == b.optimizer.settings
        a.step(10)  # and they walk on identically
        b.step(10)
        assert np.array_equal(a.positions(), b.positions())


def test_formula_scene_round_trip(tmp_path):
    from foghike.core import formula_landscape

    s = Scene(formula_landscape("(w1 - 1)^2 + 2*w2^2", (-2, 3, -1, 1)))
    s.step(3)
    save_scene(tmp_path / "f.foghike.json", s)
    loaded, _, _ = load_scene(tmp_path / "f.foghike.json")
    assert loaded.landscape.formula.text == "(w1 - 1)^2 + 2*w2^2" and loaded.landscape.bounds == (-2, 3, -1, 1)
    assert np.array_equal(loaded.hikes[0].positions(), s.hikes[0].positions())


def good() -> dict:
    return scene_to_dict(walked_scene())


BAD = [
    ("truncated", lambda: json.dumps(good())[:200], "not complete JSON"),
    ("not json", lambda: "hello", "not complete JSON"),
    ("no schema", lambda: json.dumps({"version": 1}), "not a foghike scene"),
    ("newer", lambda: json.dumps({**good(), "version": 2}), "newer foghike"),
    (
        "unknown landscape",
        lambda: json.dumps({**good(), "landscape": {"name": "everest"}}),
        "unknown landscape 'everest'",
    ),
    (
        "bad formula",
        lambda: json.dumps({**good(), "landscape": {"formula": "__import__('os')", "bounds": [0, 1, 0, 1]}}),
        "landscape.formula",
    ),
    ("hikers not a list", lambda: json.dumps({**good(), "hikers": {"a": 1}}), "hikers must be a list"),
    ("no hikers", lambda: json.dumps({**good(), "hikers": []}), "1 to 100 hikers"),
]


def with_hiker(**changes):
    def make():
        doc = good()
        doc["hikers"][0].update(changes)
        return json.dumps(doc)

    return make


BAD += [
    ("unknown optimizer", with_hiker(optimizer="sgdd"), "unknown optimizer 'sgdd'"),
    ("unknown mode", with_hiker(mode="full"), "unknown descent mode 'full'"),
    ("wrong type", with_hiker(seed="four"), "hikers[0].seed must be a whole number"),
    ("bool as number", with_hiker(steps=True), "hikers[0].steps must be a whole number"),
    ("negative lr", with_hiker(hyper={"lr": -1}), "out of range"),
    ("unknown hyper", with_hiker(hyper={"lr": 0.1, "gamma": 2}), "no hyper-parameter 'gamma'"),
    ("too many steps", with_hiker(steps=10**9), "out of range"),
    ("batch too big", with_hiker(mode="minibatch", batch_size=1000), "batch_size"),
    ("start far away", with_hiker(start=[1e9, 0]), "out of range"),
    ("nesterov without momentum", with_hiker(hyper={"lr": 0.1, "nesterov": True}), "nesterov"),
    ("NaN", lambda: json.dumps(good()).replace('"lr": 0.1', '"lr": NaN', 1), "NaN"),
    ("Infinity", lambda: json.dumps(good()).replace('"lr": 0.1', '"lr": Infinity', 1), "Infinity"),
]


@pytest.mark.parametrize(("kind", "make", "message"), BAD, ids=[b[0] for b in BAD])
def test_each_kind_of_bad_file_has_its_message(tmp_path, kind, make, message):
    path = tmp_path / "bad.foghike.json"
    path.write_text(make(), encoding="utf-8")
    with pytest.raises(SceneFileError, match=None) as info:
        load_scene(path)
    assert message in str(info.value) and "bad.foghike.json" in str(info.value)


def test_missing_unreadable_and_binary_files(tmp_path):
    with pytest.raises(SceneFileError, match="no such file"):
        load_scene(tmp_path / "gone.foghike.json")
    (tmp_path / "dir.foghike.json").mkdir()  # root can read any file: a folder cannot be read as one
    with pytest.raises(SceneFileError, match="cannot be read"):
        load_scene(tmp_path / "dir.foghike.json")
    (tmp_path / "bin.foghike.json").write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(SceneFileError, match="not a text file"):
        load_scene(tmp_path / "bin.foghike.json")
