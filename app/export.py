"""Pictures and animations for slides.

* ``render_view``: the 3D view supersampled with pyqtgraph's ``renderToArray`` at K× its
  on-screen size (not an upscaled grab), optionally on a transparent background, with the
  axis labels, an optional caption and legend painted at that resolution;
* ``grab_window``: the whole window with the 3D view's own framebuffer painted in place
  (``QWidget.grab`` cannot see what an OpenGL widget draws);
* ``record_frames`` / ``write_animation``: the next N steps or the whole history as GIF or
  APNG (Pillow), frame by frame, with a progress callback that can cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import Scene

from .gl_items import draw_uncluttered
from .palette import hiker_colours
from .readout import num

SCALES = (1, 2, 4)


@dataclass
class PictureOptions:
    """What a picture for a slide carries besides the mountain."""

    scale: int = 1
    transparent: bool = False
    caption: bool = True
    legend: bool = True


def caption_text(scene: Scene) -> str:
    """Landscape, iteration, loss and learning rate of the first hiker (what a slide needs)."""
    h = scene.hikes[0]
    parts = [scene.landscape.name, f"iteration {h.t}", f"loss {num(h.loss)}", f"learning rate {h.lr:g}"]
    if h.diverged:
        parts.append("diverged")
    return "   ·   ".join(parts)


@contextmanager
def drawn_at(view, k: float, transparent: bool):
    """Within: the view draws markers and lines k times thicker (and on no background)."""
    old_scale, old_bg = view.draw_scale, view.opts["bgcolor"]
    labels = view.axes.label_item
    view.set_draw_scale(old_scale * k)
    labels.setVisible(False)  # painted afterwards at the output's resolution
    if transparent:
        view.setBackgroundColor((0, 0, 0, 0))
    try:
        yield
    finally:
        labels.setVisible(True)
        view.opts["bgcolor"] = old_bg
        view.set_draw_scale(old_scale)
        view.update()


def _to_qimage(bgra: np.ndarray, transparent: bool) -> QtGui.QImage:
    h, w = bgra.shape[:2]
    data = np.ascontiguousarray(bgra)
    if not transparent:
        data[..., 3] = 255
    fmt = QtGui.QImage.Format.Format_ARGB32 if transparent else QtGui.QImage.Format.Format_RGB32
    return QtGui.QImage(data.data, w, h, 4 * w, fmt).copy()  # copy: own the pixels


def render_view(view, scene: Scene, opts: PictureOptions, size: tuple[int, int] | None = None) -> QtGui.QImage:
    """The 3D view at ``size`` (default: on-screen size) × scale, drawn for real into an FBO."""
    w, h = size or (view.width(), view.height())
    k = int(opts.scale)
    W, H = w * k, h * k
    # renderToArray draws in tiles; a texture that holds the whole picture (plus its padding) is one pass
    tex = int(min(8192, 2 ** np.ceil(np.log2(max(W, H) + 64))))
    with drawn_at(view, _thickness(view, size, k), opts.transparent):
        bgra = view.renderToArray((W, H), textureSize=tex, padding=32 if tex > max(W, H) + 63 else 256)
    img = _to_qimage(bgra, opts.transparent)
    painter = QtGui.QPainter(img)
    painter.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.TextAntialiasing)
    font_scale = _thickness(view, size, k) * view.draw_scale
    _paint_labels(painter, view, W, H, font_scale)
    if opts.legend and len(scene.hikes) > 1:
        paint_legend(painter, scene, font_scale)
    if opts.caption:
        paint_caption(painter, caption_text(scene), W, H, font_scale)
    painter.end()
    return img


def _thickness(view, size: tuple[int, int] | None, k: int) -> float:
    """How much thicker than on screen: K, times the output's size relative to the view's."""
    if size is None:
        return float(k)
    return k * min(size[0] / max(view.width(), 1), size[1] / max(view.height(), 1))


def _paint_labels(painter: QtGui.QPainter, view, W: int, H: int, k: float) -> None:
    """The axis labels, projected with the view's camera onto a W×H picture."""
    mvp = view._mvp()
    painter.setPen(view.axes.colour)
    placed = []
    for pos, text, font in view.axes.label_item.labels:
        clip = mvp @ np.r_[pos, 1.0]
        if clip[3] <= 0:
            continue
        x, y = (clip[0] / clip[3] + 1) / 2 * W, (1 - clip[1] / clip[3]) / 2 * H
        f = QtGui.QFont(font)
        f.setPointSizeF(font.pointSizeF() * k / view.draw_scale)
        placed.append((QtCore.QPointF(x, y), text, f))
    draw_uncluttered(painter, placed)


def _box(painter: QtGui.QPainter, rect: QtCore.QRectF, k: float) -> None:
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor(255, 255, 255, 215))
    painter.drawRoundedRect(rect, 8 * k, 8 * k)


def paint_caption(painter: QtGui.QPainter, text: str, W: int, H: int, k: float = 1.0) -> None:
    font = QtGui.QFont("DejaVu Sans", max(6, round(14 * k)))
    painter.setFont(font)
    fm = QtGui.QFontMetricsF(font)
    pad = 10 * k
    rect = QtCore.QRectF(pad, H - fm.height() - 3 * pad, fm.horizontalAdvance(text) + 2 * pad, fm.height() + 2 * pad)
    _box(painter, rect, k)
    painter.setPen(QtGui.QColor(20, 22, 26))
    painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, text)


def paint_legend(painter: QtGui.QPainter, scene: Scene, k: float = 1.0) -> None:
    font = QtGui.QFont("DejaVu Sans", max(6, round(13 * k)))
    painter.setFont(font)
    fm = QtGui.QFontMetricsF(font)
    pad, line = 10 * k, fm.height() * 1.35
    names = [f"{s.name}  ({h.status})" for s, h in zip(scene.specs, scene.hikes)]
    width = max(fm.horizontalAdvance(n) for n in names) + 3 * pad + line
    rect = QtCore.QRectF(pad, pad, width, line * len(names) + 2 * pad)
    _box(painter, rect, k)
    for i, (name, rgb) in enumerate(zip(names, hiker_colours(scene))):
        y = pad + pad + i * line
        painter.setPen(QtGui.QPen(QtGui.QColor(20, 22, 26), 1.5 * k))
        painter.setBrush(QtGui.QColor(*rgb))
        painter.drawEllipse(QtCore.QRectF(2 * pad, y + 0.2 * line, 0.6 * line, 0.6 * line))
        painter.drawText(QtCore.QPointF(2 * pad + line, y + fm.ascent() + 0.1 * line), name)


def grab_window(window: QtWidgets.QWidget, view: QtWidgets.QWidget | None) -> QtGui.QImage:
    """The whole window as on screen, the 3D view's framebuffer included."""
    img = window.grab().toImage()
    if view is not None and view.isVisibleTo(window):  # (isVisible() is False once the event loop quit)
        frame = view.grabFramebuffer()
        top_left = view.mapTo(window, QtCore.QPoint(0, 0))
        dpr = img.devicePixelRatio()
        painter = QtGui.QPainter(img)
        painter.drawImage(QtCore.QRectF(top_left.x(), top_left.y(), view.width(), view.height()), frame)
        overlay = getattr(window, "cheatsheet", None)  # drawn over the view: over its frame here too
        if overlay is not None and overlay.isVisibleTo(window):
            painter.drawPixmap(overlay.mapTo(window, QtCore.QPoint(0, 0)), overlay.grab())
        painter.end()
        img.setDevicePixelRatio(dpr)
    return img


# -- animations ------------------------------------------------------------------------------------
Progress = Callable[[int, int], bool]  # (frames done, frames in all) → False cancels


def record_frames(
    view,
    scene: Scene,
    opts: PictureOptions,
    steps: int | None,
    size: tuple[int, int] | None = None,
    progress: Progress | None = None,
) -> list[QtGui.QImage] | None:
    """Frames of the next ``steps`` steps (None: the whole history, replayed exactly).

    The scene ends where it was before for a whole history, and ``steps`` further on
    otherwise; cancelling returns None and leaves the scene exactly as it was.
    """
    frames: list[QtGui.QImage] = []
    glide = view.options.glide
    view.options.glide = False  # each frame shows the hiker where it stands

    def grab(done: int, total: int) -> bool:
        frames.append(render_view(view, scene, opts, size))
        return progress is None or progress(done, total) is not False

    try:
        if steps is None:
            ok = scene.replay(grab)
        else:
            t0 = scene.t
            ok = grab(0, steps)
            for i in range(steps):
                if not ok:
                    break
                if scene.step(1) == 0:
                    break  # every hiker diverged: nothing more to show
                ok = grab(i + 1, steps)
            if not ok:
                scene.back(scene.t - t0)
    finally:
        view.options.glide = glide
    return frames if ok else None


def write_animation(frames: list[QtGui.QImage], path: str | Path, fps: float) -> Path:
    """GIF or APNG (by the file's ending), looping, ``fps`` frames per second."""
    from PIL import Image

    path = Path(path)
    kind = {".gif": "GIF", ".png": "PNG", ".apng": "PNG"}.get(path.suffix.lower())
    if kind is None:
        raise ValueError("an animation is a .gif or a .png (APNG) file")
    if not frames:
        raise ValueError("no frames to write")
    images = [_to_pil(f) for f in frames]
    duration = max(20, round(1000 / fps))
    if kind == "GIF":  # one palette per frame from its own colours; GIF has no partial alpha
        images = [im.convert("RGB").quantize(colors=255, dither=Image.Dither.NONE) for im in images]
    tmp = path.with_name(path.name + ".tmp")
    images[0].save(tmp, format=kind, save_all=True, append_images=images[1:], duration=duration, loop=0, disposal=1)
    tmp.replace(path)
    return path


def _to_pil(img: QtGui.QImage):
    from PIL import Image

    img = img.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    a = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine())[:, : img.width() * 4]
    return Image.fromarray(a.reshape(img.height(), img.width(), 4).copy(), "RGBA")
