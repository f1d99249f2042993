"""The hiker's fog: terrain stays hidden except within a radius of where hikers have stood.

Clearance per vertex (0 hidden … 1 seen) is the distance to the nearest visited point,
kept as a running minimum so a step costs one vectorised update over the grid.
"""

from __future__ import annotations

import numpy as np

# the clear radius as a fraction of the map's longer side, and the soft edge beyond it
CLEAR_RADIUS = 0.11
SOFT_EDGE = 0.6


class HikersFog:
    """Running nearest-visited distance for every grid vertex (display units)."""

    def __init__(self, vertices_xy: np.ndarray, map_size: float) -> None:
        self.xy = np.asarray(vertices_xy, dtype=np.float32)
        self.radius = CLEAR_RADIUS * map_size
        self._visited: list[np.ndarray] = []
        self.clear()

    def clear(self) -> None:
        self._dist2 = np.full(len(self.xy), np.inf, dtype=np.float32)
        self._visited = []

    def visit(self, points_xy: np.ndarray) -> None:
        """Hikers stood at these display points (k, 2): clear the fog around them."""
        for p in np.asarray(points_xy, dtype=np.float32).reshape(-1, 2):
            if not np.all(np.isfinite(p)):
                continue
            d = self.xy - p
            np.minimum(self._dist2, np.einsum("ij,ij->i", d, d), out=self._dist2)
            self._visited.append(p)

    def set_visited(self, points_xy: np.ndarray) -> None:
        """Recompute from scratch (after a step back or a reset)."""
        self.clear()
        self.visit(points_xy)

    def clearance(self) -> np.ndarray:
        """0 (hidden) … 1 (seen) per vertex, with a soft edge."""
        d = np.sqrt(self._dist2)
        edge = self.radius * SOFT_EDGE
        c = np.clip((self.radius + edge - d) / edge, 0.0, 1.0)
        return c * c * (3.0 - 2.0 * c)  # smoothstep
