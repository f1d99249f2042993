"""Every landscape foghike knows, by name: textbook functions and real-data models.

Landscapes are immutable, so each is built once and shared. The digit classifier is costly
to build (a training run and its surface), so its builder reports progress, can be
cancelled, and keeps its results in a cache folder on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .classics import CLASSICS, classic
from .landscape import Landscape

Progress = Callable[[float], bool] | None  # called with 0..1; returning False cancels
SLICES = ("pca", "random")  # the classifier's slice: training path's principal plane, or random


def _classic(name: str) -> Callable[..., Landscape]:
    return lambda **_: classic(name)


def _linear(standardized: bool) -> Callable[..., Landscape]:
    def build(**_) -> Landscape:
        from .models import LinearRegression

        return LinearRegression(standardized)

    return build


def _logistic(**_) -> Landscape:
    from .models import LogisticRegression

    return LogisticRegression()


def _digits(slice: str = "pca", progress: Progress = None) -> Landscape:
    from .mlp import DigitsMLP

    mlp = DigitsMLP(slice_kind=slice, cache_dir=cache_dir(), progress=progress)
    mlp.grid(mlp.max_grid, progress)  # the surface is part of the build (and of the disk cache)
    return mlp


_BUILDERS: dict[str, Callable[..., Landscape]] = {name: _classic(name) for name in CLASSICS}
_BUILDERS.update({
    "linear-regression": _linear(False),
    "linear-regression-standardized": _linear(True),
    "logistic-regression": _logistic,
    "digits-mlp": _digits,
})
LANDSCAPE_NAMES: tuple[str, ...] = tuple(_BUILDERS)
SLOW_TO_BUILD = frozenset({"digits-mlp"})  # the app builds these off the GUI thread
_built: dict[tuple[str, str], Landscape] = {}
_cache_dir: list[Path | None] = [None]


def cache_dir() -> Path:
    """Where costly results are kept: set_cache_dir's folder, else $FOGHIKE_CACHE_DIR, else
    $XDG_CACHE_HOME/foghike (~/.cache/foghike)."""
    if _cache_dir[0] is not None:
        return _cache_dir[0]
    if os.environ.get("FOGHIKE_CACHE_DIR"):
        return Path(os.environ["FOGHIKE_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "foghike"


def set_cache_dir(path: str | Path | None) -> None:
    """Keep costly results in ``path`` (the app passes the platform's cache folder); None: the default."""
    _cache_dir[0] = None if path is None else Path(path)


def _key(name: str, slice: str) -> tuple[str, str]:
    if name not in _BUILDERS:
        raise ValueError(f"unknown landscape {name!r}; choose from {', '.join(LANDSCAPE_NAMES)}")
    if slice not in SLICES:
        raise ValueError(f"unknown slice {slice!r}; choose from {', '.join(SLICES)}")
    return (name, slice if name in SLOW_TO_BUILD else "pca")


def is_built(name: str, slice: str = "pca") -> bool:
    """Is this landscape ready without waiting?"""
    return _key(name, slice) in _built


def landscape(name: str, slice: str = "pca", progress: Progress = None) -> Landscape:
    """The landscape called ``name`` (built once, then shared). ``slice`` picks the classifier's
    plane; ``progress`` hears how far a costly build is and may cancel it (InterruptedError,
    nothing kept)."""
    key = _key(name, slice)
    if key not in _built:
        _built[key] = _BUILDERS[name](slice=key[1], progress=progress)
    return _built[key]
