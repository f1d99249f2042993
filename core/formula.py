"""A teacher's own loss L(w1, w2) from a typed formula: parsed, never executed.

The text is read by Python's ``ast`` parser (no ``eval``/``exec``) and only a fixed grammar
is accepted: numbers, w1, w2, pi, e, + − * / ^ ** and parentheses, and the functions in
FUNCTIONS. Anything else is rejected with a message that points at it. The gradient is
derived symbolically from the same tree (exact, and printable for the class), and both are
evaluated with numpy on whole grids; values that overflow become inf/NaN, never an error.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass

import numpy as np

MAX_LENGTH = 2000  # characters
MAX_NODES = 400  # operations in the tree
MAX_DEPTH = 40  # nesting

VARIABLES = ("w1", "w2")
CONSTANTS = {"pi": math.pi, "e": math.e}


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1/(1+e^−x), without overflow


FUNCTIONS = {
    "sin": (1, np.sin),
    "cos": (1, np.cos),
    "tan": (1, np.tan),
    "exp": (1, np.exp),
    "log": (1, np.log),
    "sqrt": (1, np.sqrt),
    "abs": (1, np.abs),
    "tanh": (1, np.tanh),
    "sigmoid": (1, _sigmoid),
    "min": (2, np.minimum),
    "max": (2, np.maximum),
}


class FormulaError(ValueError):
    """A formula that is not accepted; the message points at the offending part."""


@dataclass(frozen=True)
class Num:
    v: float


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Bin:
    op: str  # + - * / ^
    a: object
    b: object


@dataclass(frozen=True)
class Neg:
    a: object


@dataclass(frozen=True)
class Fn:
    name: str
    args: tuple


def _point(text: str, node: ast.AST | None, why: str) -> FormulaError:
    col = getattr(node, "col_offset", None)
    if col is None:
        return FormulaError(why)
    end = getattr(node, "end_col_offset", None) or col + 1
    part = text[col:end]
    return FormulaError(f"{why}: {part!r} at position {col + 1}\n  {text}\n  {' ' * col}{'^' * max(1, end - col)}")


_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "^"}


def parse(text: str):
    """The formula as an expression tree, or FormulaError pointing at what is not allowed."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("the formula is empty")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is too long ({len(text)} characters; at most {MAX_LENGTH})")
    if text.count("(") > MAX_DEPTH * 4:
        raise FormulaError(f"too many parentheses (at most {MAX_DEPTH * 4})")
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth > MAX_DEPTH:
            raise FormulaError(f"parentheses nested too deeply (at most {MAX_DEPTH} levels)")
    # ^ means power here; in Python's grammar it is XOR and binds more loosely than +, so it
    # is turned into ** before parsing (positions stay close enough to point at a problem)
    text = text.strip().replace("^", "**")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        col = (exc.offset or 1) - 1
        raise FormulaError(f"cannot read the formula at position {col + 1}\n  {text}\n  {' ' * col}^") from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("the formula is too deeply nested to read") from None
    count = [0]

    def build(node: ast.AST, level: int):
        count[0] += 1
        if count[0] > MAX_NODES:
            raise FormulaError(f"the formula has too many parts (at most {MAX_NODES})")
        if level > MAX_DEPTH:
            raise _point(text, node, "nested too deeply")
        if isinstance(node, ast.Expression):
            return build(node.body, level)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise _point(text, node, "only numbers are allowed, not this")
            return Num(float(node.value))  # float: 9**9**9**9 overflows to inf instead of hanging
        if isinstance(node, ast.Name):
            if node.id in VARIABLES:
                return Var(node.id)
            if node.id in CONSTANTS:
                return Num(CONSTANTS[node.id])
            raise _point(text, node, f"unknown name (use w1, w2, pi, e or a function: {', '.join(FUNCTIONS)})")
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            return Bin(_BINOPS[type(node.op)], build(node.left, level + 1), build(node.right, level + 1))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = build(node.operand, level + 1)
            return Neg(inner) if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise _point(text, node.func, f"not an allowed function (allowed: {', '.join(FUNCTIONS)})")
            if node.keywords:
                raise _point(text, node.keywords[0], "functions take no named arguments")
            arity = FUNCTIONS[node.func.id][0]
            if len(node.args) != arity or any(isinstance(a, ast.Starred) for a in node.args):
                raise _point(text, node, f"{node.func.id} takes {arity} argument{'s' if arity > 1 else ''}")
            return Fn(node.func.id, tuple(build(a, level + 1) for a in node.args))
        what = {
            ast.Attribute: "attribute access is not allowed",
            ast.Subscript: "indexing is not allowed",
            ast.Lambda: "lambdas are not allowed",
            ast.Compare: "comparisons are not allowed",
            ast.BoolOp: "and/or are not allowed",
            ast.IfExp: "if/else is not allowed",
        }.get(type(node), "this is not allowed in a formula")
        raise _point(text, node, what)

    return build(tree, 0)


# -- evaluation ------------------------------------------------------------------------------
def evaluate(expr, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    """The expression's value on arrays; overflow and domain errors give inf/NaN silently."""
    with np.errstate(all="ignore"):
        return np.asarray(_ev(expr, np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)), dtype=float)


def _ev(e, w1, w2):
    if isinstance(e, Num):
        return e.v
    if isinstance(e, Var):
        return w1 if e.name == "w1" else w2
    if isinstance(e, Neg):
        return -_ev(e.a, w1, w2)
    if isinstance(e, Bin):
        a, b = _ev(e.a, w1, w2), _ev(e.b, w1, w2)
        if e.op == "+":
            return np.add(a, b)
        if e.op == "-":
            return np.subtract(a, b)
        if e.op == "*":
            return np.multiply(a, b)
        if e.op == "/":
            return np.divide(a, b)
        return np.power(np.asarray(a, dtype=float), b)
    return _fn(e.name)(*(_ev(a, w1, w2) for a in e.args))


# -- symbolic derivative -----------------------------------------------------------------------
def _num(e) -> float | None:
    return e.v if isinstance(e, Num) else None


def add(a, b):
    if _num(a) == 0:
        return b
    if _num(b) == 0:
        return a
    if _num(a) is not None and _num(b) is not None:
        return Num(a.v + b.v)
    return Bin("+", a, b)


def sub(a, b):
    if _num(b) == 0:
        return a
    if _num(a) == 0:
        return neg(b)
    if _num(a) is not None and _num(b) is not None:
        return Num(a.v - b.v)
    return Bin("-", a, b)


def mul(a, b):
    if _num(a) == 0 or _num(b) == 0:
        return Num(0.0)
    if _num(a) == 1:
        return b
    if _num(b) == 1:
        return a
    if _num(a) is not None and _num(b) is not None:
        return Num(a.v * b.v)
    if _num(b) is not None:  # constants first: 2*w1, not w1*2
        a, b = b, a
    if _num(a) is not None and isinstance(b, Bin) and b.op == "*" and _num(b.a) is not None:
        return mul(Num(a.v * b.a.v), b.b)  # fold 0.1*2*w1 into 0.2*w1
    return Bin("*", a, b)


def div(a, b):
    if _num(a) == 0:
        return Num(0.0)
    if _num(b) == 1:
        return a
    return Bin("/", a, b)


def neg(a):
    if _num(a) is not None:
        return Num(-a.v)
    if isinstance(a, Neg):
        return a.a
    return Neg(a)


def derivative(e, var: str):
    """d e / d var as a new expression tree (exact, by the rules of calculus)."""
    if isinstance(e, Num):
        return Num(0.0)
    if isinstance(e, Var):
        return Num(1.0 if e.name == var else 0.0)
    if isinstance(e, Neg):
        return neg(derivative(e.a, var))
    if isinstance(e, Bin):
        a, b = e.a, e.b
        da, db = derivative(a, var), derivative(b, var)
        if e.op == "+":
            return add(da, db)
        if e.op == "-":
            return sub(da, db)
        if e.op == "*":
            return add(mul(da, b), mul(a, db))
        if e.op == "/":
            return div(sub(mul(da, b), mul(a, db)), Bin("^", b, Num(2.0)))
        if _num(b) is not None:  # a^c: c·a^(c−1)·a'
            c = b.v
            return mul(mul(Num(c), Bin("^", a, Num(c - 1.0)) if c != 2 else a), da)
        # a^b = exp(b·log a): (a^b)·(b'·log a + b·a'/a)
        return mul(e, add(mul(db, Fn("log", (a,))), div(mul(b, da), a)))
    a = e.args[0]
    da = derivative(a, var)
    n = e.name
    if n in ("min", "max"):  # the branch that is active (a subgradient where they tie)
        b = e.args[1]
        return Fn("_pick_" + n, (a, b, da, derivative(b, var)))
    inner = {
        "sin": lambda: Fn("cos", (a,)),
        "cos": lambda: neg(Fn("sin", (a,))),
        "tan": lambda: add(Num(1.0), Bin("^", Fn("tan", (a,)), Num(2.0))),
        "exp": lambda: Fn("exp", (a,)),
        "log": lambda: div(Num(1.0), a),
        "sqrt": lambda: div(Num(0.5), Fn("sqrt", (a,))),
        "abs": lambda: Fn("sign", (a,)),
        "tanh": lambda: sub(Num(1.0), Bin("^", Fn("tanh", (a,)), Num(2.0))),
        "sigmoid": lambda: mul(Fn("sigmoid", (a,)), sub(Num(1.0), Fn("sigmoid", (a,)))),
    }[n]()
    return mul(inner, da)


def _pick(op):
    def pick(a, b, da, db):
        first = (a <= b) if op == "min" else (a >= b)
        return np.where(first, da, db)

    return pick


# derivative-only helpers: they appear in derived trees, never in typed ones (the parser
# accepts only FUNCTIONS)
FUNCTIONS_INTERNAL = {"sign": (1, np.sign), "_pick_min": (4, _pick("min")), "_pick_max": (4, _pick("max"))}


def _fn(name):
    return (FUNCTIONS.get(name) or FUNCTIONS_INTERNAL[name])[1]


# -- printing --------------------------------------------------------------------------------
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


def to_text(e, parent: int = 0) -> str:
    """Readable formula text (w1, w2, ^), parenthesised only where needed."""
    if isinstance(e, Num):
        v = e.v
        return f"{v:.6g}" if v >= 0 else f"({v:.6g})"
    if isinstance(e, Var):
        return e.name
    if isinstance(e, Neg):
        s = "-" + to_text(e.a, 3)
        return f"({s})" if parent > 1 else s
    if isinstance(e, Bin):
        p = _PREC[e.op]
        right_p = p + (1 if e.op in "-/" else 0)
        if e.op == "^":
            s = f"{to_text(e.a, p + 1)}^{to_text(e.b, p)}"
        else:
            sep = {"+": " + ", "-": " - ", "*": "*", "/": "/"}[e.op]
            s = f"{to_text(e.a, p)}{sep}{to_text(e.b, right_p)}"
        return f"({s})" if p < parent else s
    if e.name.startswith("_pick_"):
        a, b, da, db = e.args
        cmp = "<=" if e.name == "_pick_min" else ">="
        return f"({to_text(da)} if {to_text(a)} {cmp} {to_text(b)} else {to_text(db)})"
    return f"{e.name}({', '.join(to_text(a) for a in e.args)})"


@dataclass
class Formula:
    """A parsed loss with its exact gradient, ready to evaluate on grids and hikers."""

    text: str
    expr: object
    grad: tuple

    @classmethod
    def compile(cls, text: str) -> Formula:
        expr = parse(text)
        return cls(text.strip(), expr, (derivative(expr, "w1"), derivative(expr, "w2")))

    def value(self, w1, w2) -> np.ndarray:
        return evaluate(self.expr, w1, w2)

    def gradient(self, w1, w2) -> tuple[np.ndarray, np.ndarray]:
        shape = np.broadcast_shapes(np.shape(w1), np.shape(w2))
        return (
            np.broadcast_to(evaluate(self.grad[0], w1, w2), shape),
            np.broadcast_to(evaluate(self.grad[1], w1, w2), shape),
        )

    def gradient_text(self) -> tuple[str, str]:
        return to_text(self.grad[0]), to_text(self.grad[1])


def formula_landscape(text: str, bounds: tuple[float, float, float, float], n_samples: int = 128):
    """A landscape from a typed formula over the given plot bounds (w1_min, w1_max, w2_min, w2_max).

    Split into per-sample losses like the textbook functions, so every descent mode works."""
    from .landscape import AnalyticLandscape, LandscapeInfo

    x0, x1, y0, y1 = (float(b) for b in bounds)
    if not all(math.isfinite(b) for b in (x0, x1, y0, y1)) or not (x0 < x1 and y0 < y1):
        raise FormulaError("bounds need w1_min < w1_max and w2_min < w2_max, all finite")
    f = Formula.compile(text)
    start = (x0 + 0.8 * (x1 - x0), y0 + 0.75 * (y1 - y0))
    info = LandscapeInfo("formula", f.text, (x0, x1, y0, y1), start, (), extra={"gradient": f.gradient_text()})
    land = AnalyticLandscape(info, lambda x, y: f.value(x, y), lambda x, y: f.gradient(x, y), n_samples=n_samples)
    land.formula = f
    return land
