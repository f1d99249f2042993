"""One hiker drawn in 3D: an outlined disc on a pin, its trail on the ground, the downhill
arrow (the step lr·|∇L| about to be taken) and, optionally, the tangent plane it feels."""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl

from foghike.core import Hike

from .gl_items import MarkerItem
from .palette import rgbf
from .terrain import Terrain

DARK = (0.08, 0.08, 0.1, 1.0)
LIFT = 0.05  # trail and arrow float this far above the ground (display units): no z-fighting
PIN = 0.6  # the disc sits on a pin this tall, so the arrow at its feet stays visible
SUBDIVIDE = 8  # points per step so the trail follows the ground


def arrow_segments(terrain: Terrain, a: np.ndarray, b: np.ndarray, above: float) -> np.ndarray | None:
    """Line segments (pairs of 3D points) of an arrow on the ground from map point a to b."""
    d = b - a
    length = float(np.hypot(*d))
    if not np.isfinite(length) or length * terrain.scale < 1e-3:
        return None
    shaft = ground_path(terrain, np.stack([a, b]), above)
    u = d / length
    x0, x1 = terrain.landscape.bounds[:2]
    head = min(0.3 * length, 0.06 * (x1 - x0))
    rot = np.array([[np.cos(2.7), -np.sin(2.7)], [np.sin(2.7), np.cos(2.7)]])  # barbs 25° back
    tip = terrain.lift(b, above)
    barbs = terrain.lift(np.stack([b + head * (rot @ u), b + head * (rot.T @ u)]), above)
    segs = np.repeat(shaft, 2, axis=0)[1:-1]  # line_strip → lines
    return np.concatenate([segs, [tip, barbs[0], tip, barbs[1]]])


def ground_path(terrain: Terrain, P: np.ndarray, above: float = LIFT) -> np.ndarray:
    """Map points (k, 2) → a 3D line that follows the surface between them."""
    P = np.asarray(P, dtype=float).reshape(-1, 2)
    if len(P) < 2:
        return terrain.lift(P, above)
    t = np.linspace(0.0, 1.0, SUBDIVIDE, endpoint=False)
    seg = P[:-1, None, :] + (P[1:] - P[:-1])[:, None, :] * t[None, :, None]
    pts = np.concatenate([seg.reshape(-1, 2), P[-1:]])
    return terrain.lift(pts, above)


class HikerGlyph:
    """The GL items of one hiker; ``update(hike)`` redraws from the hike's state."""

    def __init__(self, view: gl.GLViewWidget, colour: tuple[int, int, int], size: float = 26.0) -> None:
        self.view = view
        self.colour = colour
        self.size = size
        c = rgbf(colour)
        self.trail_under = gl.GLLinePlotItem(width=6.0, color=DARK, antialias=True, mode="line_strip")
        self.trail = gl.GLLinePlotItem(width=3.5, color=c, antialias=True, mode="line_strip")
        self.arrow_under = gl.GLLinePlotItem(width=7.0, color=DARK, antialias=True, mode="lines")
        self.arrow = gl.GLLinePlotItem(width=4.0, color=(1, 1, 1, 1), antialias=True, mode="lines")
        self.pin = gl.GLLinePlotItem(width=3.0, color=DARK, antialias=True, mode="lines")
        # the step split in two: the slope's part −lr·g (grey) and the rest, momentum (colour)
        self.grad_arrow = gl.GLLinePlotItem(width=3.0, color=(0.35, 0.35, 0.38, 1), antialias=True, mode="lines")
        self.mom_arrow = gl.GLLinePlotItem(width=3.0, color=c, antialias=True, mode="lines")
        self.grad_arrow.setVisible(False)
        self.mom_arrow.setVisible(False)
        # one draw call, points drawn in order: dark outline, white ring, coloured core
        self.core = MarkerItem(pxMode=True, color=np.array([DARK, (1, 1, 1, 1), c], dtype=np.float32))
        self.set_size(size)
        # pyqtgraph 0.14's GLMeshItem edge drawing raises inside paint (`with program:` on an int)
        # and breaks every item drawn after it, so the plane's outline is a line item
        self.tangent = gl.GLMeshItem(smooth=False, color=(1, 1, 1, 0.45), glOptions="translucent")
        self.tangent_edge = gl.GLLinePlotItem(width=2.0, color=DARK, antialias=True, mode="line_strip")
        self.tangent.setVisible(False)
        self.tangent_edge.setVisible(False)
        self.items = [
            self.trail_under,
            self.trail,
            self.tangent,
            self.tangent_edge,
            self.arrow_under,
            self.arrow,
            self.grad_arrow,
            self.mom_arrow,
            self.pin,
            self.core,
        ]
        for item in self.items:
            view.addItem(item)
        self.marker_pos = np.zeros(3, dtype=np.float32)
        self.highlighted = False

    def remove(self) -> None:
        for item in self.items:
            self.view.removeItem(item)

    def set_colour(self, colour: tuple[int, int, int]) -> None:
        if colour == self.colour:
            return
        self.colour = colour
        c = rgbf(colour)
        self.trail.setData(color=c)
        self.mom_arrow.setData(color=c)
        self.core.setData(color=np.array([DARK, (1, 1, 1, 1), c], dtype=np.float32))

    def set_highlight(self, on: bool) -> None:
        """The best run of several: a thicker trail and a bigger marker."""
        if on == self.highlighted:
            return
        self.highlighted = on
        self.trail.setData(width=6.0 if on else 3.5)
        self.trail_under.setData(width=9.0 if on else 6.0)
        self.set_size(self.size + (10 if on else -10))

    def set_size(self, size: float) -> None:
        self.size = size
        self.core.setData(size=np.array([size + 10, size + 5, size], dtype=np.float32))

    def place_marker(self, ground: np.ndarray) -> None:
        """Stand the marker at a display point on the ground (pin from the ground up to the disc)."""
        g = np.asarray(ground, dtype=np.float32).reshape(3)
        top = g + np.array([0, 0, PIN], dtype=np.float32)
        self.marker_pos = g
        self.core.setData(pos=np.repeat(top[None, :], 3, axis=0))
        self.pin.setData(pos=np.stack([g, top]))

    def update(
        self, hike: Hike, terrain: Terrain, show_tangent: bool, place: bool = True, show_momentum: bool = False
    ) -> None:
        P = terrain.landscape.project(hike.positions())
        path = ground_path(terrain, P)
        self.trail.setData(pos=path)
        self.trail_under.setData(pos=path)
        here = P[-1]
        if place:
            self.place_marker(terrain.lift(here))
        self._update_arrows(hike, terrain, here, show_momentum)
        self._update_tangent(hike, terrain, here, show_tangent)

    def _update_arrows(self, hike: Hike, terrain: Terrain, here: np.ndarray, show_momentum: bool) -> None:
        nxt = terrain.landscape.project(hike.next_position())
        segs = None if hike.diverged else arrow_segments(terrain, here, nxt, LIFT * 2)
        for item in (self.arrow, self.arrow_under):
            item.setVisible(segs is not None)
            if segs is not None:
                item.setData(pos=segs)
        split = show_momentum and not hike.diverged and terrain.landscape.dim == 2
        grad_tip = here - hike.lr * hike.gradient[:2] if split else here
        g_segs = arrow_segments(terrain, here, grad_tip, LIFT * 3) if split else None
        m_segs = arrow_segments(terrain, grad_tip, nxt, LIFT * 3) if split else None
        for item, sg in ((self.grad_arrow, g_segs), (self.mom_arrow, m_segs)):
            item.setVisible(sg is not None)
            if sg is not None:
                item.setData(pos=sg)

    def _update_tangent(self, hike: Hike, terrain: Terrain, here: np.ndarray, show: bool) -> None:
        self.tangent.setVisible(show)
        self.tangent_edge.setVisible(show)
        if not show:
            return
        # z(p + δ) ≈ z(p) + (dz/dL)·∇L·δ: the plane the hiker's feet feel, in display units
        L = terrain.landscape
        w = L.lift(here)
        g = L.grad(w)[:2] if L.dim == 2 else np.zeros(2)
        h = 1e-6 * max(1.0, abs(hike.loss))
        z0 = terrain.height.to_display(np.array(hike.loss))
        dzdL = (terrain.height.to_display(np.array(hike.loss + h)) - z0) / h
        half = 0.12 * (L.bounds[1] - L.bounds[0])
        corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=float) * half
        X, Y = terrain.to_display_xy(here[0] + corners[:, 0], here[1] + corners[:, 1])
        Z = z0 + dzdL * (corners @ g) + LIFT
        verts = np.stack([X, Y, np.nan_to_num(Z)], axis=-1).astype(np.float32)
        self.tangent.setMeshData(vertexes=verts, faces=np.array([[0, 1, 2], [0, 2, 3]], dtype=np.uint32))
        self.tangent_edge.setData(pos=verts[[0, 1, 2, 3, 0]])
