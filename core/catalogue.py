"""Every landscape foghike knows, by name: textbook functions and real-data models."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .classics import CLASSICS, classic
from .landscape import Landscape


def _linear(standardized: bool) -> Callable[[], Landscape]:
    def build() -> Landscape:
        from .models import LinearRegression

        return LinearRegression(standardized)

    return build


def _logistic() -> Landscape:
    from .models import LogisticRegression

    return LogisticRegression()


def _digits() -> Landscape:
    from .mlp import DigitsMLP

    return DigitsMLP()


_BUILDERS: dict[str, Callable[[], Landscape]] = {name: (lambda n=name: classic(n)) for name in CLASSICS}
_BUILDERS.update({
    "linear-regression": _linear(False),
    "linear-regression-standardized": _linear(True),
    "logistic-regression": _logistic,
    "digits-mlp": _digits,
})
LANDSCAPE_NAMES: tuple[str, ...] = tuple(_BUILDERS)


@cache
def landscape(name: str) -> Landscape:
    """The landscape called ``name`` (built once, then shared: landscapes are immutable)."""
    try:
        build = _BUILDERS[name]
    except KeyError:
        raise ValueError(f"unknown landscape {name!r}; choose from {', '.join(LANDSCAPE_NAMES)}") from None
    return build()
