"""The picture of a landscape: a height-field mesh in display units, in numpy only.

The core keeps the true loss; only the picture is scaled. Display units: the map
spans DISPLAY_WIDTH along its longer side, height spans [0, DISPLAY_HEIGHT]; the
height is the loss itself (linear) or log10(L − L_min + ε) (log), normalised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foghike.core import Landscape

DISPLAY_WIDTH = 10.0
DISPLAY_HEIGHT = 4.0


def grid_faces(n: int, m: int) -> np.ndarray:
    """Two triangles per grid cell of an n×m vertex grid (row-major), as uint32 (F, 3)."""
    i, j = np.meshgrid(np.arange(n - 1), np.arange(m - 1), indexing="ij")
    v00 = (i * m + j).ravel()
    v01 = v00 + 1
    v10 = v00 + m
    v11 = v10 + 1
    return np.concatenate([np.stack([v00, v10, v11], 1), np.stack([v00, v11, v01], 1)]).astype(np.uint32)


def grid_normals(X: np.ndarray, Y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Unit vertex normals of a height field, from central differences (vectorised), (n·m, 3)."""
    dzdx = np.gradient(Z, X[:, 0], axis=0)
    dzdy = np.gradient(Z, Y[0, :], axis=1)
    N = np.stack([-dzdx, -dzdy, np.ones_like(Z)], axis=-1)
    N /= np.linalg.norm(N, axis=-1, keepdims=True)
    return N.reshape(-1, 3).astype(np.float32)


@dataclass
class HeightScale:
    """Maps loss values to display height (linear or log), fixed by the surface's range."""

    lo: float
    hi: float
    log: bool = False
    eps: float = 1e-3

    @classmethod
    def for_values(cls, Z: np.ndarray, log: bool = False) -> HeightScale:
        finite = Z[np.isfinite(Z)]
        if finite.size == 0:
            return cls(0.0, 1.0, log)
        lo, hi = float(finite.min()), float(finite.max())
        if hi <= lo:
            hi = lo + 1.0
        return cls(lo, hi, log, eps=1e-3 * (hi - lo))

    def _h(self, L: np.ndarray) -> np.ndarray:
        if self.log:
            return np.log10(np.maximum(L - self.lo, 0.0) + self.eps)
        return L

    def to_display(self, L: np.ndarray) -> np.ndarray:
        """Display height of loss L; never NaN (gaps and overflow sit at the floor/ceiling)."""
        with np.errstate(all="ignore"):
            h0, h1 = self._h(np.array(self.lo)), self._h(np.array(self.hi))
            z = (self._h(np.asarray(L, dtype=float)) - h0) / (h1 - h0) * DISPLAY_HEIGHT
        z = np.nan_to_num(z, nan=0.0, posinf=DISPLAY_HEIGHT * 1.5, neginf=-DISPLAY_HEIGHT * 0.5)
        return np.clip(z, -DISPLAY_HEIGHT * 0.5, DISPLAY_HEIGHT * 1.5)

    def from_display(self, z: np.ndarray) -> np.ndarray:
        """The loss at display height z (for axis tick labels)."""
        h0, h1 = self._h(np.array(self.lo)), self._h(np.array(self.hi))
        h = h0 + np.asarray(z, dtype=float) / DISPLAY_HEIGHT * (h1 - h0)
        if self.log:
            return 10.0**h - self.eps + self.lo
        return h


class Terrain:
    """A landscape sampled on an n×n grid, with the map ↔ display transform."""

    def __init__(self, landscape: Landscape, n: int = 200, log: bool = False) -> None:
        self.landscape = landscape
        xs, ys, Z = landscape.grid(n)  # a network caps n (each point is the whole network on 1000 images)
        self.n = n = len(xs)
        self.xs, self.ys, self.Z = xs, ys, Z
        x0, x1, y0, y1 = landscape.bounds
        self.scale = DISPLAY_WIDTH / max(x1 - x0, y1 - y0)
        self.center = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
        faces = grid_faces(n, n)
        finite = np.isfinite(Z).ravel()
        self.faces = faces[finite[faces].all(axis=1)]  # where the loss overflows: a gap, not a crash
        self.set_log(log)

    def set_log(self, log: bool) -> None:
        self.height = HeightScale.for_values(self.Z, log)
        self._update_vertices()

    def _update_vertices(self) -> None:
        X, Y = np.meshgrid(*(self.to_display_xy(self.xs, self.ys)), indexing="ij")
        Zd = self.height.to_display(self.Z)
        self.vertices = np.stack([X, Y, Zd], axis=-1).reshape(-1, 3).astype(np.float32)
        self.normals = grid_normals(X, Y, Zd)
        self.display_z = Zd

    @property
    def log(self) -> bool:
        return self.height.log

    def to_display_xy(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (np.asarray(x) - self.center[0]) * self.scale, (np.asarray(y) - self.center[1]) * self.scale

    def from_display_xy(self, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        return np.stack([np.asarray(X) / self.scale + self.center[0], np.asarray(Y) / self.scale + self.center[1]], -1)

    def clamp(self, P: np.ndarray) -> np.ndarray:
        """Map points pulled onto the map's border where they lie outside it: a hiker who
        walked off the map is drawn where it left, not floating in the sky."""
        x0, x1, y0, y1 = self.landscape.bounds
        P = np.nan_to_num(np.asarray(P, dtype=float), nan=0.0, posinf=1e300, neginf=-1e300)
        return np.stack([np.clip(P[..., 0], x0, x1), np.clip(P[..., 1], y0, y1)], axis=-1)

    def lift(self, P: np.ndarray, above: float = 0.0) -> np.ndarray:
        """Points of the map plane (…, 2) → display points (…, 3) on the surface (+ ``above``).

        Uses the true loss at each point (not the grid), so a marker stands exactly on the
        ground; points off the map are drawn on its border.
        """
        P = self.clamp(P)
        with np.errstate(all="ignore"):
            L = self.landscape.value(self.landscape.lift(P))
        X, Y = self.to_display_xy(P[..., 0], P[..., 1])
        Z = self.height.to_display(L) + above
        out = np.stack([X, Y, Z], axis=-1)
        return np.nan_to_num(out, nan=0.0, posinf=1e3, neginf=-1e3).astype(np.float32)

    def span(self) -> tuple[float, float, float, float]:
        X, Y = self.to_display_xy(np.array(self.landscape.bounds[:2]), np.array(self.landscape.bounds[2:]))
        return float(X[0]), float(X[1]), float(Y[0]), float(Y[1])


SUN = np.array([-0.45, -0.55, 0.70]) / np.linalg.norm([-0.45, -0.55, 0.70])  # over the near-left shoulder


def colours(cmap_name: str, display_z: np.ndarray, normals: np.ndarray) -> np.ndarray:
    """Lit vertex colours (n·m, 4) uint8: a pyqtgraph colormap of the display height, times
    ambient + diffuse sunlight from the vectorised normals (fixed to the landscape, like a sun)."""
    import pyqtgraph as pg

    cmap = pg.colormap.get(cmap_name)
    t = np.clip(display_z.reshape(-1) / DISPLAY_HEIGHT, 0.0, 1.0)
    rgba = cmap.map(t, mode="float")
    shade = 0.42 + 0.58 * np.abs(normals @ SUN)  # two-sided: an underside seen from below is lit too
    rgba[:, :3] *= shade[:, None]
    return np.ascontiguousarray(np.clip(rgba * 255.0 + 0.5, 0, 255), dtype=np.uint8)
