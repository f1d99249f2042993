"""The real datasets foghike's data landscapes are built from (vendored in foghike.resources.data)."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np


@dataclass(frozen=True)
class Dataset:
    name: str
    X: np.ndarray  # (n, features)
    y: np.ndarray  # (n,) integer labels
    classes: tuple[str, ...]
    source: str


def _text(name: str) -> str:
    data = (resources.files("foghike.resources") / "data" / name).read_bytes()
    return gzip.decompress(data).decode("ascii") if name.endswith(".gz") else data.decode("ascii")


def _with_header(name: str, title: str, source: str) -> Dataset:
    lines = _text(name).splitlines()
    n, d, *classes = lines[0].split(",")
    arr = np.loadtxt(io.StringIO("\n".join(lines[1:])), delimiter=",")
    if arr.shape != (int(n), int(d) + 1):
        raise ValueError(f"{name}: expected {n} rows of {int(d) + 1} numbers, found {arr.shape}")
    return Dataset(title, arr[:, :-1], arr[:, -1].astype(int), tuple(classes), source)


@cache
def iris() -> Dataset:
    """Fisher's Iris (UCI, CC BY 4.0): sepal length/width, petal length/width in cm."""
    return _with_header("iris.csv", "iris", "R. A. Fisher (1936), UCI Machine Learning Repository")


@cache
def breast_cancer() -> Dataset:
    """Breast Cancer Wisconsin (Diagnostic) (UCI, CC BY 4.0): 30 cell-nucleus features."""
    return _with_header("breast_cancer.csv", "breast cancer",
                        "W. H. Wolberg, W. N. Street, O. L. Mangasarian (1995), UCI Machine Learning Repository")


@cache
def digits() -> Dataset:
    """Handwritten digits, 8×8 grey levels 0..16 (UCI, CC BY 4.0, test part: 1797 images)."""
    arr = np.loadtxt(io.StringIO(_text("digits.csv.gz")), delimiter=",")
    if arr.shape != (1797, 65):
        raise ValueError(f"digits.csv.gz: expected 1797 rows of 65 numbers, found {arr.shape}")
    return Dataset("digits", arr[:, :-1], arr[:, -1].astype(int), tuple(str(i) for i in range(10)),
                   "E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository")
