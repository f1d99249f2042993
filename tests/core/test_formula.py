"""The formula parser: hostile input rejected (pointing at the part, never executed, never
slow), values and gradients against closed forms and central differences."""

import math
import time

import numpy as np
import pytest

from foghike.core import DescentMode, Formula, FormulaError, Hike, formula_landscape

HOSTILE = [
    ("__import__('os').system('touch /tmp/foghike-pwned')", "__import__"),
    ("w1.__class__", "w1.__class__"),
    ("(lambda: 1)()", "lambda"),
    ("'w1'", "'w1'"),
    ("w1[0]", "w1[0]"),
    ("open('/etc/passwd')", "open"),
    ("x + 1", "x"),
    ("w1 if w2 else 1", "w1 if w2 else 1"),
    ("w1 < w2", "w1 < w2"),
    ("w1 and w2", "w1 and w2"),
    ("sin(x=w1)", "x=w1"),
    ("sin(*w1)", "sin(*w1)"),
    ("[w1 for w1 in w2]", "[w1 for w1 in w2]"),
    ("eval('1')", "eval"),
    ("True + w1", "True"),
    ("sin(w1, w2)", "sin(w1, w2)"),
    ("max(w1)", "max(w1)"),
    ("w1 +", None),
    ("", None),
    ("(" * 300 + "w1" + ")" * 300, None),
    ("w1+" * 40000 + "1", None),  # ~120 KB
]


@pytest.mark.parametrize(("text", "part"), HOSTILE)
def test_hostile_and_malformed_formulas_are_rejected_quickly(text, part, tmp_path):
    t0 = time.perf_counter()
    with pytest.raises(FormulaError) as info:
        Formula.compile(text)
    assert time.perf_counter() - t0 < 1.0
    if part is not None:
        assert part in str(info.value)  # the message points at the offending part
        assert "^" in str(info.value)
    assert not (tmp_path / "foghike-pwned").exists()


def test_nothing_is_executed():
    import os

    before = os.path.exists("/tmp/foghike-pwned")
    with pytest.raises(FormulaError):
        Formula.compile("__import__('os').system('touch /tmp/foghike-pwned')")
    assert os.path.exists("/tmp/foghike-pwned") == before


def test_pathological_numbers_overflow_instead_of_hanging():
    t0 = time.perf_counter()
    f = Formula.compile("9**9**9**9")
    assert np.isinf(f.value(0.0, 0.0)) and time.perf_counter() - t0 < 1.0
    f = Formula.compile("exp(w1*1000)")
    v = f.value(np.array([-1.0, 1.0]), np.zeros(2))
    assert v[0] == 0.0 and np.isinf(v[1])  # inf where it overflows, no error, no warning


CASES = [
    (
        "sin(w1)*cos(w2) + 0.1*(w1^2 + w2^2)",
        lambda x, y: math.sin(x) * math.cos(y) + 0.1 * (x * x + y * y),
        lambda x, y: (math.cos(x) * math.cos(y) + 0.2 * x, -math.sin(x) * math.sin(y) + 0.2 * y),
    ),
    (
        "w1**2 - 3*w1*w2 + 2^w2",
        lambda x, y: x * x - 3 * x * y + 2**y,
        lambda x, y: (2 * x - 3 * y, -3 * x + math.log(2) * 2**y),
    ),
    (
        "exp(-w1) / (1 + w2^2) + sqrt(w1^2 + 1) - log(2 + w2)",
        lambda x, y: math.exp(-x) / (1 + y * y) + math.sqrt(x * x + 1) - math.log(2 + y),
        lambda x, y: (
            -math.exp(-x) / (1 + y * y) + x / math.sqrt(x * x + 1),
            -2 * y * math.exp(-x) / (1 + y * y) ** 2 - 1 / (2 + y),
        ),
    ),
    (
        "tanh(w1*w2) + sigmoid(w1) - tan(w2/4) + abs(w1 - 0.3) + -w2",
        lambda x, y: math.tanh(x * y) + 1 / (1 + math.exp(-x)) - math.tan(y / 4) + abs(x - 0.3) - y,
        lambda x, y: (
            (1 - math.tanh(x * y) ** 2) * y + math.exp(-x) / (1 + math.exp(-x)) ** 2 + np.sign(x - 0.3),
            (1 - math.tanh(x * y) ** 2) * x - 0.25 / math.cos(y / 4) ** 2 - 1,
        ),
    ),
    (
        "max(w1, w2^2) + min(w1, 0.5) + pi*e",
        lambda x, y: max(x, y * y) + min(x, 0.5) + math.pi * math.e,
        lambda x, y: ((1.0 if x >= y * y else 0.0) + (1.0 if x <= 0.5 else 0.0), (0.0 if x >= y * y else 2 * y)),
    ),
]


@pytest.mark.parametrize(("text", "f", "df"), CASES)
def test_values_and_gradients_against_closed_forms(text, f, df):
    F = Formula.compile(text)
    rng = np.random.default_rng(0)
    for x, y in rng.uniform(-0.9, 0.9, size=(25, 2)):
        assert F.value(x, y) == pytest.approx(f(x, y), rel=1e-12, abs=1e-12)
        gx, gy = F.gradient(x, y)
        ex, ey = df(x, y)
        assert float(gx) == pytest.approx(ex, rel=1e-10, abs=1e-10)
        assert float(gy) == pytest.approx(ey, rel=1e-10, abs=1e-10)


@pytest.mark.parametrize(("text", "f", "df"), CASES[:4])
def test_gradients_against_central_differences(text, f, df):
    F = Formula.compile(text)
    h = 1e-6
    for x, y in np.random.default_rng(1).uniform(-0.9, 0.9, size=(25, 2)):
        gx, gy = F.gradient(x, y)
        nx = (F.value(x + h, y) - F.value(x - h, y)) / (2 * h)
        ny = (F.value(x, y + h) - F.value(x, y - h)) / (2 * h)
        assert float(gx) == pytest.approx(float(nx), rel=1e-5, abs=1e-6)
        assert float(gy) == pytest.approx(float(ny), rel=1e-5, abs=1e-6)


def test_gradient_is_printable_for_the_class():
    g1, g2 = Formula.compile("sin(w1)*cos(w2) + 0.1*(w1^2 + w2^2)").gradient_text()
    assert g1 == "cos(w1)*cos(w2) + 0.2*w1"
    assert g2 == "sin(w1)*(-sin(w2)) + 0.2*w2"


def test_formula_landscape_works_with_every_descent_mode():
    L = formula_landscape("(w1 - 1)^2 + 3*(w2 + 0.5)^2", (-3, 3, -2, 2))
    assert L.bounds == (-3.0, 3.0, -2.0, 2.0)
    W = np.random.default_rng(2).uniform(-1, 1, size=(10, 2))
    assert np.allclose(L.sample_values(W).mean(axis=-1), L.value(W))
    for mode in ("batch", "sgd", "minibatch"):
        h = Hike(L, "sgd", lr=0.02, mode=DescentMode(mode))
        h.step(600)
        # stochastic hikers wander around the minimum: their average position finds it
        assert np.allclose(h.positions()[-200:].mean(axis=0), [1.0, -0.5], atol=0.15)


def test_overflowing_landscape_gives_gaps_not_errors():
    L = formula_landscape("exp(w1^4)", (-3, 6, -1, 1))
    _, _, Z = L.grid(50)
    assert np.isinf(Z).any() and np.isfinite(Z).any()
    with pytest.raises(FormulaError, match="bounds"):
        formula_landscape("w1", (1, 0, 0, 1))
