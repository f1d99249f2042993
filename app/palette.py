"""Colour-blind-safe colours (Okabe & Ito, 2008) for hikers, and the app's light/dark looks."""

from __future__ import annotations

import numpy as np

# vermillion first: it stands out on every default colormap (viridis/cividis have no red)
OKABE_ITO = (
    (213, 94, 0),  # vermillion
    (0, 114, 178),  # blue
    (230, 159, 0),  # orange
    (0, 158, 115),  # bluish green
    (204, 121, 167),  # reddish purple
    (86, 180, 233),  # sky blue
    (240, 228, 66),  # yellow
    (0, 0, 0),  # black
)
COLORMAPS = ("viridis", "cividis", "plasma", "inferno", "magma")


def hiker_colour(i: int) -> tuple[int, int, int]:
    return OKABE_ITO[i % len(OKABE_ITO)]


def rgbf(c: tuple[int, int, int], a: float = 1.0) -> tuple[float, float, float, float]:
    return (c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, a)


def hiker_colours(scene) -> list[tuple[int, int, int]]:
    """Each hiker's colour: its own, or (random restarts) that of the valley it is heading into."""
    if scene.colour_by == "basin":
        from foghike.core import basin

        P = scene.landscape.project(np.array([h.position for h in scene.hikes]))
        return [hiker_colour(int(b)) for b in basin(scene.landscape, P)]
    return [hiker_colour(i) for i in range(len(scene.hikes))]
