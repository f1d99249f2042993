"""OpenGL items of the mountain view, in pyqtgraph's style: ``opts``, ``setX()``, ``update()``.

``TerrainItem`` draws the surface with foghike's shader and re-uploads only the
buffers that changed (a step changes the colours' fog channel, not the geometry).
"""

from __future__ import annotations

import itertools
from importlib import resources

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from PyQt6 import QtCore, QtGui
from pyqtgraph.opengl import shaders
from pyqtgraph.opengl.items.GLMeshItem import DirtyFlag

_program_ids = itertools.count()


def shader_source(name: str) -> str:
    return (resources.files("foghike.resources") / "shaders" / name).read_text(encoding="utf-8")


def terrain_program() -> shaders.ShaderProgram:
    """A fresh terrain shader program (its own uniform values, so views don't share them)."""
    return shaders.ShaderProgram(
        f"foghike-terrain-{next(_program_ids)}",
        [shaders.VertexShader(shader_source("terrain.vert")), shaders.FragmentShader(shader_source("terrain.frag"))],
    )


class TerrainItem(gl.GLMeshItem):
    """The loss surface: positions, normals and faces set rarely, colours (with fog) per step."""

    def __init__(self) -> None:
        self._dirty = DirtyFlag(0)
        self.program = terrain_program()
        super().__init__(shader=self.program, smooth=True, glOptions="opaque")
        self.opts.update(
            {
                "sky": (0.87, 0.90, 0.93),
                "fog": (1.0, 0.6, 0.0, 1.0),
                "hiker_fog": (1.0, 0.0, 0.12),
                "contours": (1.0, 0.0),  # spacing, strength (0 = off)
            }
        )
        self._apply_uniforms()

    # geometry ---------------------------------------------------------------------------
    def setGeometry(self, vertices: np.ndarray, normals: np.ndarray, faces: np.ndarray) -> None:
        self.vertexes = np.ascontiguousarray(vertices, dtype=np.float32)
        self.normals = np.ascontiguousarray(normals, dtype=np.float32)
        self.faces = np.ascontiguousarray(faces, dtype=np.uint32)
        self._dirty |= DirtyFlag.POSITION | DirtyFlag.NORMAL | DirtyFlag.FACES
        self.update()

    def setColors(self, colors: np.ndarray) -> None:
        """(N, 4) uint8: rgb from the colormap, alpha = hiker's-fog clearance."""
        self.colors = np.ascontiguousarray(colors, dtype=np.uint8)
        self._dirty |= DirtyFlag.COLOR
        self.update()

    def parseMeshData(self) -> DirtyFlag:  # pyqtgraph hook: which buffers to upload
        dirty, self._dirty = self._dirty, DirtyFlag(0)
        return dirty

    def meshDataChanged(self) -> None:  # geometry comes from setGeometry only
        self.update()

    # look -----------------------------------------------------------------------------
    def setLook(self, **opts: tuple) -> None:
        """Shader settings: sky, fog (on, density, near, far), hiker_fog (on, lifted, show), contours."""
        self.opts.update(opts)
        self._apply_uniforms()
        self.update()

    def _apply_uniforms(self) -> None:
        for key in ("sky", "fog", "hiker_fog"):
            self.program[f"u_{key}"] = [float(v) for v in self.opts[key]]

    def paint(self) -> None:
        # world units per pixel at depth 1 for this viewport: contour lines stay ~1 px wide
        view = self.view()
        px = 2.0 * np.tan(np.radians(0.5 * view.opts["fov"])) / max(view.deviceHeight(), 1)
        spacing, strength = self.opts["contours"]
        self.program["u_contours"] = [float(spacing), float(strength), float(px)]
        super().paint()


class MarkerItem(gl.GLScatterPlotItem):
    """A disc that is never hidden by the terrain (drawn last, no depth test)."""

    def __init__(self, **kwds) -> None:
        super().__init__(
            glOptions={
                GL.GL_DEPTH_TEST: False,
                GL.GL_BLEND: True,
                "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA),
            },
            **kwds,
        )
        self.setDepthValue(100)


class LabelsItem(gl.GLGraphicsItem.GLGraphicsItem):
    """Many text labels at 3D points, drawn in one QPainter session per frame
    (a GLTextItem each would open and close a painter on the GL widget per label)."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[tuple[np.ndarray, str, QtGui.QFont]] = []
        self.color = QtGui.QColor(30, 32, 36)
        self.setDepthValue(50)

    def setLabels(self, labels: list[tuple[np.ndarray, str, QtGui.QFont]], color: QtGui.QColor) -> None:
        self.labels = [(np.asarray(p, dtype=float), str(t), f) for p, t, f in labels]
        self.color = color
        self.update()

    def paint(self) -> None:
        if not self.labels:
            return
        view = self.view()
        rect = QtCore.QRectF(view.rect())
        to_pixels = QtGui.QMatrix4x4()
        to_pixels.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
        project = to_pixels * self.mvpMatrix()
        painter = QtGui.QPainter(view)
        painter.setPen(self.color)
        painter.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.TextAntialiasing)
        at = [project.map(QtGui.QVector3D(*map(float, pos))).toPointF() for pos, _, _ in self.labels]
        draw_uncluttered(painter, [(a, text, font) for a, (_, text, font) in zip(at, self.labels)])
        painter.end()


def draw_centred(painter: QtGui.QPainter, at: QtCore.QPointF, text: str, font: QtGui.QFont) -> None:
    """Text centred on a point (a label grows around its anchor, whatever the font size)."""
    painter.setFont(font)
    fm = QtGui.QFontMetricsF(font)
    w, h = fm.horizontalAdvance(text), fm.ascent() - fm.descent()
    painter.drawText(QtCore.QPointF(at.x() - w / 2, at.y() + h / 2), text)


def draw_uncluttered(painter: QtGui.QPainter, labels: list[tuple[QtCore.QPointF, str, QtGui.QFont]]) -> int:
    """Labels centred on their points, the last ones first (the axes' names), skipping any that
    would overlap one already drawn: in a small view or at presentation size the ticks thin out
    instead of piling up on each other. Returns how many were drawn."""
    drawn: list[QtCore.QRectF] = []
    for at, text, font in reversed(labels):
        fm = QtGui.QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text), fm.ascent() - fm.descent()
        pad = 0.25 * h
        box = QtCore.QRectF(at.x() - w / 2 - pad, at.y() - h / 2 - pad, w + 2 * pad, h + 2 * pad)
        if any(box.intersects(other) for other in drawn):
            continue
        draw_centred(painter, at, text, font)
        drawn.append(box)
    return len(drawn)
