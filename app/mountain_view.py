"""The 3D view: the loss surface as a fog-covered mountain, with the hikers walking on it.

A view adapter in napari's sense: it subscribes to the scene's events and redraws
from what the scene holds; it never changes the scene itself.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from PyQt6 import QtCore, QtGui

from foghike.core import Scene

from .axes3d import Axes3D
from .fog import HikersFog
from .gl_items import TerrainItem
from .hiker_glyph import HikersLayer
from .palette import hiker_colours
from .terrain import DISPLAY_HEIGHT, DISPLAY_WIDTH, Terrain, colours
from .view_options import ViewOptions

SKY = (0.87, 0.90, 0.93)
GLIDE_MS = 140


class MountainView(gl.GLViewWidget):
    """GLViewWidget showing a ``Scene``; orbit/zoom with the mouse, keys go to the window's actions."""

    startPicked = QtCore.pyqtSignal(float, float)  # a double-click on the surface: (w1, w2)

    def __init__(self, scene: Scene, options: ViewOptions, parent=None) -> None:
        super().__init__(parent)
        self.model = scene
        self.options = options
        self.sky = SKY
        self.setBackgroundColor(tuple(int(255 * c) for c in SKY))
        self.terrain_item = TerrainItem()
        self.addItem(self.terrain_item)
        self.axes = Axes3D(self)
        self.layer = HikersLayer(self)
        self.terrain: Terrain | None = None
        self.fog: HikersFog | None = None
        self._rgb: np.ndarray | None = None
        self._glide = QtCore.QVariantAnimation(self)
        self._glide.setDuration(GLIDE_MS)
        self._glide.valueChanged.connect(self._on_glide)
        self._glide_from = np.zeros((0, 3))
        self._glide_to = np.zeros((0, 3))
        self.marker_size = 26.0
        self.draw_scale = 1.0  # presentation mode and supersampled exports draw thicker
        self._line_widths = {id(it): float(it.width) for it in self.items if isinstance(it, gl.GLLinePlotItem)}
        scene.events.landscape.connect(self._on_landscape_change)
        scene.events.hikers.connect(self._on_hikers_change)
        scene.events.moved.connect(self._on_move)
        self._on_landscape_change(scene)
        self._on_hikers_change(scene)
        self.reset_camera()

    # -- scene events -----------------------------------------------------------------------
    def _on_landscape_change(self, scene: Scene) -> None:
        self.terrain = Terrain(scene.landscape, self.options.resolution, self.options.log_height)
        gx, gy = self.terrain.to_display_xy(self.terrain.xs, self.terrain.ys)
        self.fog = HikersFog(gx, gy, DISPLAY_WIDTH)
        self._rebuild_surface()

    def _rebuild_surface(self) -> None:
        t = self.terrain
        self.terrain_item.setGeometry(t.vertices, t.normals, t.faces)
        self._rgb = colours(self.options.colormap, t.display_z, t.normals)
        self.axes.rebuild(t)
        self._apply_look()
        self._refresh_fog(recolour=True)

    def _on_hikers_change(self, scene: Scene) -> None:
        # several hikers share the map: smaller discs so their paths stay visible
        n = len(scene.hikes)
        self.layer.set_size(self.marker_size * (1.0 if n <= 2 else 0.8 if n <= 5 else 0.65))
        self._redraw_hikers(place=True)

    def _on_move(self, scene: Scene) -> None:
        old = self.layer.marker_pos.copy()
        glide = self.options.glide and self.isVisible()
        self._redraw_hikers(place=not glide)
        self._refresh_fog()
        if self.options.follow and scene.hikes:
            self.setCameraPosition(pos=QtGui.QVector3D(*map(float, self.hiker_point(0))))
        if glide:
            self._glide.stop()
            new = self.terrain.lift(np.array([scene.landscape.project(h.position) for h in scene.hikes]))
            self._glide_from = old if old.shape == new.shape else new
            self._glide_to = new
            self._glide.setStartValue(0.0)
            self._glide.setEndValue(1.0)
            self._glide.start()

    def _on_glide(self, s) -> None:
        s = float(s)
        self.layer.place_markers(self._glide_from + (self._glide_to - self._glide_from) * s)

    def _redraw_hikers(self, place: bool) -> None:
        scene = self.model
        best = None
        if scene.colour_by == "basin" and scene.hikes:  # random restarts: the lowest run stands out
            best = int(np.argmin([h.loss for h in scene.hikes]))
        self.layer.update(
            scene.hikes,
            hiker_colours(scene),
            self.terrain,
            best=best,
            tangent=self.options.tangent_plane,
            momentum=self.options.momentum_arrow,
            place=place,
        )
        self.update()

    # -- fog ------------------------------------------------------------------------------
    def _refresh_fog(self, recolour: bool = False) -> None:
        """Clear the hiker's fog around every point any hiker has stood on (``recolour``: the
        colormap or the surface changed too, so upload the colours whatever the fog did)."""
        paths = []
        for h in self.model.hikes:
            P = self.model.landscape.project(h.positions())
            paths.append(np.stack(self.terrain.to_display_xy(P[:, 0], P[:, 1]), axis=-1))
        self.fog.set_paths(paths)
        alpha = np.round(self.fog.clearance() * 255).astype(np.uint8)
        current = self.terrain_item.colors
        if not recolour and current is not None and np.array_equal(current[:, 3], alpha):
            return  # the clear patch did not grow (a step inside it): nothing to upload
        rgba = self._rgb.copy()
        rgba[:, 3] = alpha
        self.terrain_item.setColors(rgba)

    def _apply_look(self) -> None:
        o = self.options
        self.terrain_item.setLook(
            sky=self.sky,
            fog=(float(o.atmospheric_fog), o.fog_density, *self._fog_depths()),
            hiker_fog=(float(o.hikers_fog), float(o.fog_lifted), 0.12),
            contours=(DISPLAY_HEIGHT / 14, 0.55 if o.contours else 0.0),
        )

    def _fog_depths(self) -> tuple[float, float]:
        d = float(self.opts["distance"])
        return d - 0.35 * DISPLAY_WIDTH, d + 0.75 * DISPLAY_WIDTH

    # -- options ----------------------------------------------------------------------------
    def set_option(self, name: str, value) -> None:
        setattr(self.options, name, value)
        if name in ("log_height",):
            self.terrain.set_log(bool(value))
            self._rebuild_surface()
            self._redraw_hikers(place=True)
        elif name == "colormap":
            self._rebuild_surface()
        elif name == "resolution":
            self._on_landscape_change(self.model)
            self._redraw_hikers(place=True)
        elif name in ("tangent_plane", "momentum_arrow"):
            self._redraw_hikers(place=True)
        elif name == "follow" and value and self.model.hikes:
            self.setCameraPosition(pos=QtGui.QVector3D(*map(float, self.hiker_point(0))))
        self._apply_look()
        self.update()

    def set_marker_size(self, size: float) -> None:
        self.marker_size = size
        self._on_hikers_change(self.model)

    def set_sky(self, sky: tuple[float, float, float], axes: QtGui.QColor) -> None:
        """The background the far side fades into, and the colour of the axes and their labels."""
        self.sky = tuple(float(c) for c in sky)
        self.setBackgroundColor(tuple(int(255 * c) for c in self.sky))
        self.axes.set_style(axes, self.axes.font_size)
        self.axes.lines.setData(color=axes.getRgbF())
        self.axes.rebuild(self.terrain)
        self._apply_look()
        self.update()

    def set_draw_scale(self, k: float) -> None:
        """Markers, lines and label fonts k times their normal size (the camera is unchanged)."""
        base = self.marker_size / self.draw_scale
        self.draw_scale = float(k)
        for it in self.items:
            if id(it) in self._line_widths:
                it.setData(width=self._line_widths[id(it)] * self.draw_scale)
        self.axes.font_size = round(15 * self.draw_scale)
        self.axes.rebuild(self.terrain)
        self.set_marker_size(base * self.draw_scale)

    # -- camera ---------------------------------------------------------------------------
    def reset_camera(self, elevation: float = 32) -> None:
        centre = QtGui.QVector3D(0.0, 0.0, 0.3 * DISPLAY_HEIGHT)
        self.setCameraPosition(pos=centre, distance=2.55 * DISPLAY_WIDTH, elevation=elevation, azimuth=-58)
        self.opts["fov"] = 45
        self._apply_look()

    def setCameraPosition(self, *args, **kwargs) -> None:  # keep the fog's depth range with the camera
        super().setCameraPosition(*args, **kwargs)
        if hasattr(self, "terrain_item"):
            self._apply_look()

    def wheelEvent(self, ev) -> None:
        super().wheelEvent(ev)
        self._apply_look()

    # arrow keys belong to the window's actions (step / step back), not to orbiting
    def keyPressEvent(self, ev) -> None:
        ev.ignore()

    def keyReleaseEvent(self, ev) -> None:
        ev.ignore()

    # -- geometry for tests, clicks and exports ---------------------------------------------------
    def hiker_point(self, i: int) -> np.ndarray:
        """The display point where hiker i stands (on the ground)."""
        h = self.model.hikes[i]
        return self.terrain.lift(self.model.landscape.project(h.position))

    def _mvp(self) -> np.ndarray:
        w, h = self.deviceWidth(), self.deviceHeight()
        region = (0, 0, w, h)
        m = self.projectionMatrix(region, region) * self.viewMatrix()
        return np.array(m.data(), dtype=float).reshape(4, 4).T

    def to_pixels(self, P: np.ndarray) -> np.ndarray:
        """Display points (k, 3) → widget pixel coordinates (k, 2), (0, 0) top left."""
        P = np.atleast_2d(np.asarray(P, dtype=float))
        clip = np.c_[P, np.ones(len(P))] @ self._mvp().T
        ndc = clip[:, :3] / clip[:, 3:4]
        return np.stack([(ndc[:, 0] + 1) / 2 * self.width(), (1 - ndc[:, 1]) / 2 * self.height()], axis=-1)

    def pick(self, x: float, y: float) -> np.ndarray | None:
        """The map point (w1, w2) under widget pixel (x, y) on the surface, or None."""
        inv = np.linalg.inv(self._mvp())
        nx, ny = 2 * x / self.width() - 1, 1 - 2 * y / self.height()
        a = inv @ [nx, ny, -1, 1]
        b = inv @ [nx, ny, 1, 1]
        a, b = a[:3] / a[3], b[:3] / b[3]
        t_ = self.terrain
        X0, X1, Y0, Y1 = t_.span()
        lo = np.array([X0, Y0, float(t_.display_z.min())])
        hi = np.array([X1, Y1, float(t_.display_z.max())])
        # slab test: the stretch of the ray inside the terrain's bounding box
        d = b - a
        with np.errstate(divide="ignore", invalid="ignore"):
            t1, t2 = (lo - a) / d, (hi - a) / d
        t_in = np.nanmax(np.minimum(t1, t2))
        t_out = np.nanmin(np.maximum(t1, t2))
        if not t_in < t_out or t_out < 0:
            return None
        ts = np.linspace(max(t_in, 0.0), t_out, 4000)[:, None]
        ray = a + d * ts
        n = t_.n
        ix = np.clip(((ray[:, 0] - X0) / (X1 - X0) * (n - 1)).round().astype(int), 0, n - 1)
        iy = np.clip(((ray[:, 1] - Y0) / (Y1 - Y0) * (n - 1)).round().astype(int), 0, n - 1)
        below = ray[:, 2] <= t_.display_z[ix, iy]
        if not below.any():
            return None
        k = int(np.argmax(below))
        return t_.from_display_xy(ray[k, 0], ray[k, 1])

    def mouseDoubleClickEvent(self, ev) -> None:
        p = ev.position()
        hit = self.pick(p.x(), p.y())
        if hit is not None:
            self.startPicked.emit(float(hit[0]), float(hit[1]))
