"""All hikers drawn in 3D, vectorised: one GL item per kind for every hiker together.

Each hiker is an outlined disc on a pin standing on the surface, its trail on the ground,
the downhill arrow (the step lr·|∇L| about to be taken) and, optionally, the tangent plane
it feels and the step split into its slope part −lr·g and its momentum part. Trails grow
incrementally: a step lifts only the new stretch onto the surface.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl

from foghike.core import Hike

from .gl_items import MarkerItem
from .palette import rgbf
from .terrain import Terrain

DARK = (0.08, 0.08, 0.1, 1.0)
WHITE = (1.0, 1.0, 1.0, 1.0)
GREY = (0.35, 0.35, 0.38, 1.0)
LIFT = 0.05  # trail and arrow float this far above the ground (display units): no z-fighting
PIN = 0.6  # the disc sits on a pin this tall, so the arrow at its feet stays visible
SUBDIVIDE = 8  # at most this many points per step, so the trail follows the ground
_ROT = np.array([[np.cos(2.7), -np.sin(2.7)], [np.sin(2.7), np.cos(2.7)]])  # arrow barbs 25° back


def subdivide(P: np.ndarray, cell: np.ndarray | None = None) -> np.ndarray:
    """Map points (k, 2) → up to SUBDIVIDE points per segment, so a lifted path follows the ground.

    With ``cell`` (the terrain's grid spacing in w₁ and w₂) a segment gets one point per grid cell
    it crosses: within a cell the mesh is flat, so a short step needs no more (and the many short
    steps near a minimum stay cheap to draw)."""
    P = np.asarray(P, dtype=float).reshape(-1, 2)
    if len(P) < 2:
        return P
    d = P[1:] - P[:-1]
    if cell is None:
        n = np.full(len(d), SUBDIVIDE)
    else:
        cells = np.abs(d / cell).max(axis=1)
        n = np.clip(np.ceil(np.nan_to_num(cells, nan=1.0)), 1, SUBDIVIDE).astype(int)
    seg = np.repeat(np.arange(len(d)), n)
    first = np.cumsum(n) - n
    t = (np.arange(len(seg)) - np.repeat(first, n)) / np.repeat(n, n)
    return np.concatenate([P[seg] + d[seg] * t[:, None], P[-1:]])


def strip_to_lines(P: np.ndarray) -> np.ndarray:
    """A polyline (k, d) as GL line segments (2(k−1), d)."""
    return np.repeat(P, 2, axis=0)[1:-1] if len(P) > 1 else P[:0]


def arrow_points(a: np.ndarray, b: np.ndarray, min_len: float) -> np.ndarray | None:
    """An arrow from map point a to b as map-plane line segments (shaft subdivided, two barbs)."""
    d = b - a
    length = float(np.hypot(*d))
    if not np.isfinite(length) or length < min_len:
        return None
    u = d / length
    head = min(0.3 * length, 12 * min_len)
    shaft = strip_to_lines(subdivide(np.stack([a, b])))
    return np.concatenate([shaft, [b, b + head * (_ROT @ u), b, b + head * (_ROT.T @ u)]])


class HikersLayer:
    """The GL items of every hiker; ``update(hikes, colours, ...)`` redraws from the hikes."""

    def __init__(self, view: gl.GLViewWidget, size: float = 26.0) -> None:
        self.view = view
        self.size = size
        self.trail_under = gl.GLLinePlotItem(width=6.0, color=DARK, antialias=True, mode="lines")
        self.trail = gl.GLLinePlotItem(width=3.5, color=WHITE, antialias=True, mode="lines")
        self.best_trail = gl.GLLinePlotItem(width=7.0, color=WHITE, antialias=True, mode="line_strip")
        # pyqtgraph 0.14's GLMeshItem edge drawing raises inside paint (`with program:` on an int)
        # and breaks every item drawn after it, so the planes' outlines are a line item
        self.tangent = gl.GLMeshItem(smooth=False, color=(1, 1, 1, 0.45), glOptions="translucent")
        self.tangent_edge = gl.GLLinePlotItem(width=2.0, color=DARK, antialias=True, mode="lines")
        self.arrow_under = gl.GLLinePlotItem(width=7.0, color=DARK, antialias=True, mode="lines")
        self.arrow = gl.GLLinePlotItem(width=4.0, color=WHITE, antialias=True, mode="lines")
        self.grad_arrow = gl.GLLinePlotItem(width=3.0, color=GREY, antialias=True, mode="lines")
        self.mom_arrow = gl.GLLinePlotItem(width=3.0, color=WHITE, antialias=True, mode="lines")
        self.pins = gl.GLLinePlotItem(width=3.0, color=DARK, antialias=True, mode="lines")
        self.markers = MarkerItem(pxMode=True)  # per hiker: dark outline, white ring, coloured core
        self.items = [
            self.trail_under,
            self.trail,
            self.best_trail,
            self.tangent,
            self.tangent_edge,
            self.arrow_under,
            self.arrow,
            self.grad_arrow,
            self.mom_arrow,
            self.pins,
            self.markers,
        ]
        for item in self.items:
            item.setVisible(False)
            view.addItem(item)
        self.markers.setVisible(True)
        self.colours: list[tuple[int, int, int]] = []
        self.best: int | None = None
        self.marker_pos = np.zeros((0, 3), dtype=np.float32)  # ground points under the discs
        self._trails: list[tuple[np.ndarray, np.ndarray]] = []  # per hiker: map points, lifted points

    def remove(self) -> None:
        for item in self.items:
            self.view.removeItem(item)

    # -- markers -------------------------------------------------------------------------
    def set_size(self, size: float) -> None:
        self.size = size
        self._style_markers()

    def _style_markers(self) -> None:
        n = len(self.colours)
        sizes = np.tile(np.array([10.0, 5.0, 0.0]), n) + self.size
        if self.best is not None and n:
            sizes[3 * self.best : 3 * self.best + 3] += 10  # the best run of several stands out
        colours = np.array([c for rgb in self.colours for c in (DARK, WHITE, rgbf(rgb))], dtype=np.float32)
        self.markers.setData(size=sizes.astype(np.float32), color=colours.reshape(-1, 4))

    def place_markers(self, ground: np.ndarray) -> None:
        """Stand every disc on its pin above these display ground points (k, 3)."""
        g = np.asarray(ground, dtype=np.float32).reshape(-1, 3)
        top = g + np.array([0, 0, PIN], dtype=np.float32)
        self.marker_pos = g
        self.markers.setData(pos=np.repeat(top, 3, axis=0))
        self.pins.setData(pos=np.stack([g, top], axis=1).reshape(-1, 3))
        self.pins.setVisible(len(g) > 0)

    # -- everything ------------------------------------------------------------------------
    def update(
        self,
        hikes: list[Hike],
        colours: list[tuple[int, int, int]],
        terrain: Terrain,
        *,
        best: int | None = None,
        tangent: bool = False,
        momentum: bool = False,
        place: bool = True,
    ) -> None:
        restyle = colours != self.colours or best != self.best or len(hikes) != len(self._trails)
        self.colours, self.best = list(colours), best
        if restyle:
            self._style_markers()
        L = terrain.landscape
        here = np.array([L.project(h.position) for h in hikes]).reshape(-1, 2)
        self._update_trails(hikes, terrain)
        if place:
            self.place_markers(terrain.lift(here))
        self._update_arrows(hikes, terrain, here, momentum)
        self._update_tangents(hikes, terrain, here, tangent)

    def _update_trails(self, hikes: list[Hike], terrain: Terrain) -> None:
        if len(self._trails) != len(hikes):
            self._trails = [(np.zeros((0, 2)), np.zeros((0, 3), dtype=np.float32)) for _ in hikes]
        # what each trail needs lifted onto the surface: only the new stretch if the hiker walked
        # on, all of it after a step back, a reset or a new landscape; then one lift for all
        todo, keep, paths = [], [], []
        cell = np.array([terrain.xs[1] - terrain.xs[0], terrain.ys[1] - terrain.ys[0]])
        for (old_P, old_lifted), h in zip(self._trails, hikes):
            P = terrain.landscape.project(h.positions())
            n = len(old_P)
            grew = 0 < n <= len(P) and np.array_equal(old_P, P[:n])
            todo.append(subdivide(P[n - 1 :], cell)[1:] if grew else subdivide(P, cell))
            keep.append(old_lifted if grew else old_lifted[:0])
            paths.append(P)
        counts = [len(t) for t in todo]
        lifted_all = terrain.lift(np.concatenate(todo), LIFT) if sum(counts) else np.zeros((0, 3), np.float32)
        parts = np.split(lifted_all, np.cumsum(counts)[:-1])
        self._trails = [(P, np.concatenate([k, new])) for P, k, new in zip(paths, keep, parts)]
        segs = [strip_to_lines(lifted) for _, lifted in self._trails]
        pos = np.concatenate(segs) if segs else np.zeros((0, 3), dtype=np.float32)
        cols = np.concatenate([np.tile(rgbf(c), (len(s), 1)) for c, s in zip(self.colours, segs)]) if segs else None
        visible = len(pos) > 0
        for item in (self.trail, self.trail_under):
            item.setVisible(visible)
        if visible:
            self.trail.setData(pos=pos, color=cols.astype(np.float32))
            self.trail_under.setData(pos=pos)
        show_best = self.best is not None and len(self._trails[self.best][1]) > 1
        self.best_trail.setVisible(show_best)
        if show_best:
            self.best_trail.setData(pos=self._trails[self.best][1], color=rgbf(self.colours[self.best]))

    def _update_arrows(self, hikes: list[Hike], terrain: Terrain, here: np.ndarray, momentum: bool) -> None:
        L = terrain.landscape
        min_len = 1e-3 / terrain.scale
        step_parts, grad_parts, mom_parts, mom_cols = [], [], [], []
        for h, a, c in zip(hikes, here, self.colours):
            if h.diverged:
                continue
            b = L.project(h.next_position())
            seg = arrow_points(a, b, min_len)
            if seg is not None:
                step_parts.append(seg)
            if momentum and L.dim == 2:
                tip = a - h.lr * L.project_vector(h.gradient)[:2]  # the slope's part; the rest is momentum / scaling
                g_seg, m_seg = arrow_points(a, tip, min_len), arrow_points(tip, b, min_len)
                if g_seg is not None:
                    grad_parts.append(g_seg)
                if m_seg is not None:
                    mom_parts.append(m_seg)
                    mom_cols.append(np.tile(rgbf(c), (len(m_seg), 1)))
        for items, parts, above, cols in (
            ((self.arrow, self.arrow_under), step_parts, 2 * LIFT, None),
            ((self.grad_arrow,), grad_parts, 3 * LIFT, None),
            ((self.mom_arrow,), mom_parts, 3 * LIFT, mom_cols),
        ):
            for item in items:
                item.setVisible(bool(parts))
            if parts:
                pos = terrain.lift(np.concatenate(parts), above)
                for item in items:
                    item.setData(pos=pos)
                if cols:
                    items[0].setData(color=np.concatenate(cols).astype(np.float32))

    def _update_tangents(self, hikes: list[Hike], terrain: Terrain, here: np.ndarray, show: bool) -> None:
        """The plane each hiker's feet feel: z(p + δ) ≈ z(p) + (dz/dL)·∇L·δ, in display units."""
        self.tangent.setVisible(show and len(hikes) > 0)
        self.tangent_edge.setVisible(show and len(hikes) > 0)
        if not show or not hikes:
            return
        L = terrain.landscape
        half = 0.12 * (L.bounds[1] - L.bounds[0])
        corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=float) * half
        verts, faces, edges = [], [], []
        for k, (h, p) in enumerate(zip(hikes, here)):
            g = L.plane_grad(p)  # what the hiker feels along the plotted plane
            dh = 1e-6 * max(1.0, abs(h.loss))
            z0 = terrain.height.to_display(np.array(h.loss))
            dzdL = (terrain.height.to_display(np.array(h.loss + dh)) - z0) / dh
            X, Y = terrain.to_display_xy(p[0] + corners[:, 0], p[1] + corners[:, 1])
            Z = z0 + dzdL * (corners @ g) + LIFT
            v = np.stack([X, Y, np.nan_to_num(Z)], axis=-1).astype(np.float32)
            verts.append(v)
            faces.append(np.array([[0, 1, 2], [0, 2, 3]]) + 4 * k)
            edges.append(strip_to_lines(v[[0, 1, 2, 3, 0]]))
        self.tangent.setMeshData(vertexes=np.concatenate(verts), faces=np.concatenate(faces).astype(np.uint32))
        self.tangent_edge.setData(pos=np.concatenate(edges))
