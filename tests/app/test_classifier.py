"""The practical example in the window: built off the GUI thread (cancel changes nothing), its
panel against an independent forward pass, standardising by key, and scenes on the classifier."""

from __future__ import annotations

import numpy as np
from PyQt6 import QtCore, QtWidgets

from foghike.core import catalogue
from foghike.core.datasets import digits

Key = QtCore.Qt.Key


def by_hand(theta: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Class probabilities of the 64-32-10 tanh network, written out independently of core.mlp."""
    W1 = theta[: 64 * 32].reshape(64, 32)
    b1 = theta[64 * 32 : 64 * 32 + 32]
    W2 = theta[64 * 32 + 32 : 64 * 32 + 32 + 320].reshape(32, 10)
    b2 = theta[-10:]
    z = np.tanh(X @ W1 + b1) @ W2 + b2
    p = np.exp(z - z.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def split():
    d = digits()
    order = np.random.default_rng(2024).permutation(len(d.y))
    return d.X[order[:1000]] / 16.0, d.y[order[:1000]], d.X[order[1000:]] / 16.0, d.y[order[1000:]]


def load_classifier(qtbot, window, c):
    qtbot.keyClick(window, Key.Key_5)
    qtbot.waitUntil(lambda: not c.loader.busy and window.isActiveWindow(), timeout=60000)
    assert c.scene.landscape.name == "digits-mlp"


def test_key_5_trains_the_classifier_and_its_panel_tells_the_truth(qtbot, classroom):
    window, c = classroom
    load_classifier(qtbot, window, c)
    assert window.classifier_dock.isVisible()
    s = c.scene.specs[0]
    assert (s.optimizer, s.lr, s.mode, s.batch_size) == ("sgd", 0.5, "minibatch", 32)
    for _ in range(12):
        qtbot.keyClick(window, Key.Key_Right)
    h = c.scene.hikes[0]
    assert h.t == 12
    X, y, Xt, yt = split()
    panel = window.classifier_panel
    for row, t in enumerate((0, 10)):
        p = by_hand(h.positions()[t], X)
        assert panel.cell(row, 2) == f"{-np.mean(np.log(p[np.arange(1000), y])):.3f}"
    assert panel.cell(2, 2) == panel.cell(3, 2) == "—"  # not walked that far yet
    assert [panel.cell(r, 0) for r in range(4)] == ["2.5", "1.8", "0.4", "0.1"]
    acc = np.mean(by_hand(h.position, Xt).argmax(axis=1) == yt)
    assert f"{100 * acc:.1f}%" in panel.accuracy.text()
    n = len(panel.grid.truth)
    assert n == 32 and np.array_equal(panel.grid.truth, yt[:n])
    assert np.array_equal(panel.grid.predicted, by_hand(h.position, Xt[:n]).argmax(axis=1))
    # the readout shows the slice coordinates and the full network's loss
    L = c.scene.landscape
    w = L.project(h.position)
    v = window.readout.values()
    assert v["w₁"] == f"{w[0]:.3f}" and v["w₂"] == f"{w[1]:.3f}"
    p = by_hand(h.position, X)
    assert v["loss"].startswith(f"{-np.mean(np.log(p[np.arange(1000), y])):.3f}")
    assert "slice" in window.readout.text()


def test_the_reference_run_reaches_the_lectures_table(qtbot, classroom):
    window, c = classroom
    load_classifier(qtbot, window, c)
    panel = window.classifier_panel
    ref = [float(panel.cell(r, 1)) for r in range(4)]
    assert abs(ref[0] - np.log(10)) < 0.3 and ref[3] < 0.2  # about ln 10, then well below 0.2
    assert ref == sorted(ref, reverse=True)


def test_cancel_leaves_the_scene_as_it_was(qtbot, classroom, tmp_path, monkeypatch):
    window, c = classroom
    monkeypatch.setattr(catalogue, "_built", {})  # a cold start: nothing built, nothing cached
    catalogue.set_cache_dir(tmp_path / "cold")
    try:
        before = (c.scene.landscape, list(c.scene.hikes))
        seen = []
        qtbot.keyClick(window, Key.Key_5)
        assert c.loader.busy and c.loader.dialog.isVisible()
        c.loader.worker.progressed.connect(seen.append)
        button = next(b for b in c.loader.dialog.findChildren(QtWidgets.QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)  # as a teacher would
        qtbot.waitUntil(lambda: not c.loader.busy, timeout=30000)
        assert (c.scene.landscape, c.scene.hikes) == before
        assert not catalogue.is_built("digits-mlp")
        assert not list((tmp_path / "cold").glob("*.npz"))  # nothing half-done was kept
        assert all(v < 1000 for v in seen)
        assert "cancelled" in window.statusBar().currentMessage()
    finally:
        catalogue.set_cache_dir(None)


def test_z_standardises_the_feature_and_back(qtbot, classroom):
    window, c = classroom
    qtbot.keyClick(window, Key.Key_Z)
    assert c.scene.landscape.name == "linear-regression-standardized"
    assert c.actions["standardize"].isChecked()
    qtbot.keyClick(window, Key.Key_Z)
    assert c.scene.landscape.name == "linear-regression"
    assert not c.actions["standardize"].isChecked()
    c.set_landscape("linear-regression-standardized")  # model → widget
    assert c.actions["standardize"].isChecked()


def test_random_slice_setting_rebuilds_the_plane(qtbot, classroom):
    window, c = classroom
    load_classifier(qtbot, window, c)
    c.actions["random_slice"].trigger()
    qtbot.waitUntil(lambda: not c.loader.busy, timeout=60000)
    L = c.scene.landscape
    assert L.slice_kind == "random" and c.settings.value("landscape/slice") == "random"
    # filter-normalised: each unit's direction has the norm of that unit's final weights
    W1 = L.w_star[: 64 * 32].reshape(64, 32)
    D1 = L._dirs[0][: 64 * 32].reshape(64, 32)
    assert np.allclose(np.linalg.norm(D1, axis=0), np.linalg.norm(W1, axis=0))
    assert np.all(L._dirs[:, 64 * 32 : 64 * 32 + 32] == 0)  # biases left out


def test_a_classifier_scene_round_trips_exactly(qtbot, classroom, tmp_path):
    window, c = classroom
    load_classifier(qtbot, window, c)
    for _ in range(5):
        qtbot.keyClick(window, Key.Key_Right)
    path = tmp_path / "digits.foghike.json"
    assert c.save_scene(path)
    want = c.scene.hikes[0].positions().copy()
    qtbot.keyClick(window, Key.Key_0)
    c.set_landscape("bowl")
    c.open_scene(path)
    qtbot.waitUntil(lambda: c.scene.landscape.name == "digits-mlp" and not c.loader.busy, timeout=60000)
    assert np.array_equal(c.scene.hikes[0].positions(), want)

