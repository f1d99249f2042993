"""The foghike command: output formats, exact numbers, and one-line errors with exit status 2."""

import io
import itertools
import json
import subprocess
import sys

import pytest

from foghike.app.cli import main


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_trace_csv_rows_are_the_update_rule():
    code, out, err = run(
        ["trace", "--landscape", "bowl", "--optimizer", "sgd", "--lr", "0.25", "--steps", "2", "--start", "-1.5,2"]
    )
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines[0] == "step,w1,w2,loss,g1,g2,samples"
    # w ← w − 0.25·2w = w/2; L = x² + y²; g = 2w
    assert lines[1] == "0,-1.5,2.0,6.25,-3.0,4.0,0"
    assert lines[2] == "1,-0.75,1.0,1.5625,-1.5,2.0,128"
    assert lines[3] == "2,-0.375,0.5,0.390625,-0.75,1.0,256"


def test_trace_numbers_read_back_exactly():
    _code, out, _ = run(["trace", "--landscape", "rosenbrock", "--lr", "0.001", "--steps", "5", "--format", "json"])
    doc = json.loads(out)
    from foghike.core import Hike, landscape

    h = Hike(landscape("rosenbrock"), "sgd", lr=0.001)
    h.step(5)
    assert [r["w1"] for r in doc["steps"]] == list(h.positions()[:, 0])
    assert doc["status"] == "descending" and doc["settings"]["lr"] == 0.001
    assert "np.float64" not in out


def test_trace_minibatch_gradient_differs_from_full_and_counts_samples():
    _code, out, _ = run(
        [
            "trace",
            "--landscape",
            "ravine",
            "--mode",
            "minibatch",
            "--batch-size",
            "50",
            "--lr",
            "0.01",
            "--steps",
            "3",
            "--seed",
            "4",
        ]
    )
    rows = [line.split(",") for line in out.strip().splitlines()[1:]]
    assert [int(r[6]) for r in rows] == [0, 50, 100, 128]  # 128 = 50 + 50 + 28
    w1, w2, g1, g2 = (float(rows[0][i]) for i in (1, 2, 4, 5))
    assert (g1, g2) != (w1, 20 * w2)


def test_lr_zero_is_valid():
    code, out, _ = run(["trace", "--landscape", "mountains", "--lr", "0", "--steps", "3"])
    rows = out.strip().splitlines()[1:]
    assert code == 0 and len({r.split(",")[1] for r in rows}) == 1


def test_diverged_trace_stops_and_says_where():
    code, out, err = run(["trace", "--landscape", "bowl", "--lr", "1.5", "--steps", "1000", "--start", "1,1"])
    rows = out.strip().splitlines()[1:]
    assert code == 0
    assert err.strip() == f"foghike: diverged at step {len(rows)}"
    assert "nan" not in out and "inf" not in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["trace", "--landscape", "nope", "--steps", "3"], "unknown landscape 'nope'"),
        (["trace", "--landscape", "bowl", "--optimizer", "sgdx", "--steps", "3"], "unknown optimizer"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--lr", "-0.1"], "--lr must be at least 0"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--lr", "nan"], "--lr must be finite"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--lr", "inf"], "--lr must be finite"),
        (["trace", "--landscape", "bowl", "--steps", "2.5"], "whole number"),
        (["trace", "--landscape", "bowl", "--steps", "-1"], "at least 0"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--start", "1;2"], "two numbers"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--start", "a,b"], "must be a number"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--mode", "minibatch", "--batch-size", "0"], "at least 1"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--mode", "minibatch", "--batch-size", "129"], "larger than"),
        (["trace", "--landscape", "bowl", "--steps", "3", "--optimizer", "adam", "--momentum", "0.9"], "momentum"),
        (["trace", "--landscape", "bowl"], "required"),
        (["sweep", "--landscape", "bowl", "--steps", "3", "--lr-min", "0"], "lr-min"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, fragment):
    code, out, err = run(argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and fragment in err


def test_list_shows_n_and_bounds():
    code, out, _ = run(["list", "landscapes"])
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("rosenbrock"))
    assert "N=128" in line and "[-2,2]x[-1,3]" in line
    assert run(["list", "optimizers"])[1].count("\n") == 5
    assert "minibatch" in run(["list", "modes"])[1]


def test_sweep_rows_match_trace():
    _code, out, _ = run(
        ["sweep", "--landscape", "ravine", "--steps", "40", "--lr-min", "0.01", "--lr-max", "0.3", "--count", "4"]
    )
    rows = [r.split(",") for r in out.strip().splitlines()[1:]]
    assert len(rows) == 4
    for lr, loss, _status in rows:
        _, tr, _ = run(["trace", "--landscape", "ravine", "--steps", "40", "--lr", lr])
        assert float(tr.strip().splitlines()[-1].split(",")[3]) == pytest.approx(float(loss), rel=1e-12)


def test_console_script_errors_without_traceback():
    p = subprocess.run(
        [sys.executable, "-m", "foghike.app.cli", "trace", "--landscape", "x", "--steps", "1"],
        capture_output=True,
        text=True,
    )
    assert p.returncode == 2 and "Traceback" not in p.stderr and p.stderr.count("\n") == 1


def test_trace_digits_mlp_reports_the_full_network_on_its_slice():
    argv = [
        "trace",
        "--landscape",
        "digits-mlp",
        "--optimizer",
        "sgd",
        "--lr",
        "0.5",
        "--steps",
        "3",
        "--mode",
        "minibatch",
        "--batch-size",
        "32",
        "--seed",
        "7",
        "--format",
        "json",
    ]
    code, out, err = run(argv)
    assert code == 0 and err == ""
    rows = json.loads(out)["steps"]
    import numpy as np

    from foghike.core import landscape
    from foghike.core.datasets import digits

    # step 0: the full training loss of the seed-7 network, by hand (Glorot weights, tanh, softmax)
    L = landscape("digits-mlp")
    rng = np.random.default_rng(7)
    a1, a2 = np.sqrt(6 / 96), np.sqrt(6 / 42)
    W1 = rng.uniform(-a1, a1, 64 * 32).reshape(64, 32)
    W2 = rng.uniform(-a2, a2, 32 * 10).reshape(32, 10)
    d = digits()
    X, y = d.X / 16.0, d.y
    order = np.random.default_rng(2024).permutation(len(y))[:1000]
    z = np.tanh(X[order] @ W1) @ W2
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    assert rows[0]["loss"] == pytest.approx(-np.mean(np.log(p[np.arange(1000), y[order]])), rel=1e-12)
    assert abs(rows[0]["loss"] - np.log(10)) < 0.3
    # w1, w2 are projections: a plain SGD step moves them by −lr × the projected gradient
    for a, b in itertools.pairwise(rows):
        assert b["w1"] == pytest.approx(a["w1"] - 0.5 * a["g1"], abs=1e-9)
        assert b["w2"] == pytest.approx(a["w2"] - 0.5 * a["g2"], abs=1e-9)
        assert b["samples"] - a["samples"] == 32
    assert rows[-1]["loss"] < rows[0]["loss"]
    assert L.dim == 2410
