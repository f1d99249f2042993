"""The hiker's fog: terrain stays hidden except within a radius of where hikers have stood.

Clearance per grid vertex (0 hidden … 1 seen) comes from the distance to the nearest
visited point, kept as a running minimum. A point only matters within its fade radius,
so visiting it touches one small patch of the regular grid, not every vertex: a step
costs microseconds, and rebuilding after a step back costs one patch per visited point.
"""

from __future__ import annotations

import numpy as np

# the clear radius as a fraction of the map's longer side, and the soft edge beyond it
CLEAR_RADIUS = 0.11
SOFT_EDGE = 0.6


class HikersFog:
    """Nearest-visited squared distance on a regular grid (display units), updated patch by patch."""

    def __init__(self, gx: np.ndarray, gy: np.ndarray, map_size: float) -> None:
        self.gx = np.asarray(gx, dtype=np.float32)  # grid coordinates along w₁ (rows)
        self.gy = np.asarray(gy, dtype=np.float32)  # and along w₂ (columns)
        self.radius = CLEAR_RADIUS * map_size
        self.reach = self.radius * (1.0 + SOFT_EDGE)  # beyond this a point clears nothing
        self.paths: list[np.ndarray] = []  # what each hiker's path was when last seen
        self.clear()

    def clear(self) -> None:
        self._dist2 = np.full((len(self.gx), len(self.gy)), np.inf, dtype=np.float32)
        self.paths = []

    def visit(self, points_xy: np.ndarray) -> None:
        """Hikers stood at these display points (k, 2): clear the fog around each."""
        gx, gy, r = self.gx, self.gy, self.reach
        for p in np.asarray(points_xy, dtype=np.float32).reshape(-1, 2):
            if not np.all(np.isfinite(p)):
                continue
            i0, i1 = np.searchsorted(gx, [p[0] - r, p[0] + r])
            j0, j1 = np.searchsorted(gy, [p[1] - r, p[1] + r])
            if i0 >= i1 or j0 >= j1:
                continue  # off the map: nothing to clear
            dx2 = (gx[i0:i1] - p[0]) ** 2
            dy2 = (gy[j0:j1] - p[1]) ** 2
            patch = self._dist2[i0:i1, j0:j1]
            np.minimum(patch, dx2[:, None] + dy2[None, :], out=patch)

    def set_paths(self, paths: list[np.ndarray]) -> None:
        """Make the visited set exactly these hikers' paths (display points, one array each).

        When every path only grew since the last call, just the new points are visited;
        after a step back, a reset or a new hiker, the fog is rebuilt from all of them.
        """
        paths = [np.asarray(p, dtype=np.float32).reshape(-1, 2) for p in paths]
        grew = len(paths) == len(self.paths) and all(
            len(old) <= len(new) and np.array_equal(old, new[: len(old)]) for old, new in zip(self.paths, paths)
        )
        if grew:
            for old, new in zip(self.paths, paths):
                self.visit(new[len(old) :])
        else:
            self.clear()
            for new in paths:
                self.visit(new)
        self.paths = paths

    def clearance(self) -> np.ndarray:
        """0 (hidden) … 1 (seen) per vertex (row-major like the grid), with a smooth edge."""
        d = np.sqrt(self._dist2).ravel()
        edge = self.radius * SOFT_EDGE
        c = np.clip((self.radius + edge - d) / edge, 0.0, 1.0)
        return c * c * (3.0 - 2.0 * c)  # smoothstep
