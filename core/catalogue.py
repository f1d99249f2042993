"""Every landscape foghike knows, by name (textbook functions now, real-data models later)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .classics import CLASSICS, classic
from .landscape import Landscape

_BUILDERS: dict[str, Callable[[], Landscape]] = {name: (lambda n=name: classic(n)) for name in CLASSICS}
LANDSCAPE_NAMES: tuple[str, ...] = tuple(_BUILDERS)


@cache
def landscape(name: str) -> Landscape:
    """The landscape called ``name`` (built once, then shared: landscapes are immutable)."""
    try:
        build = _BUILDERS[name]
    except KeyError:
        raise ValueError(f"unknown landscape {name!r}; choose from {', '.join(LANDSCAPE_NAMES)}") from None
    return build()
