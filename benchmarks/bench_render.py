"""Frame time of a step-and-redraw, in one run, against what a teacher would otherwise use.

For a 200×200 and a 400×400 surface, on the `mountains` landscape:
  * foghike: one step of the core hike + the full scene redrawn (terrain shader, hiker's and
    atmospheric fog, contour lines, hiker, trail, arrow) and rendered to a frame;
  * pyqtgraph's plain shaded surface (GLSurfacePlotItem, shader 'shaded', same grid, same
    view size), one frame rendered;
  * matplotlib's mplot3d: the same surface at full resolution with the trail and hiker,
    redrawn with Agg after each step.
Frames are produced with ``grabFramebuffer()`` (render + read back) so GL work is finished.
Also: whole-process start-up to the first rendered frame against `import pyqtgraph.opengl`.

Run on a display with OpenGL, e.g.  xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/bench_render.py
(needs matplotlib, for the comparison only).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np

W, H = 1280, 800
FRAMES = 30
ROUNDS = 3


def shown(widget) -> None:
    """Show and let Qt create the GL context before timing anything."""
    from PyQt6 import QtWidgets

    widget.show()
    for _ in range(20):
        QtWidgets.QApplication.processEvents()
        time.sleep(0.01)


def median_ms(fn, n: int = FRAMES) -> float:
    fn()  # warm up (first upload, shader compile)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times)


def foghike_frame_ms(n: int) -> float:
    from foghike.app.mountain_view import MountainView
    from foghike.app.view_options import ViewOptions
    from foghike.core import Scene

    scene = Scene("mountains")
    view = MountainView(scene, ViewOptions(resolution=n, glide=False))
    view.resize(W, H)
    shown(view)
    scene.step(5)

    def frame():
        if scene.hikes[0].t >= 60:
            scene.back(55)
        scene.step(1)
        view.grabFramebuffer()

    ms = median_ms(frame)
    view.close()
    return ms


def plain_surface_ms(n: int) -> float:
    import pyqtgraph.opengl as gl

    from foghike.core import landscape

    xs, ys, Z = landscape("mountains").grid(n)
    view = gl.GLViewWidget()
    view.resize(W, H)
    from PyQt6 import QtGui

    # the same camera as foghike's reset view
    view.setCameraPosition(pos=QtGui.QVector3D(0, 0, 0.3 * 4), distance=25.5, elevation=32, azimuth=-58)
    view.opts["fov"] = 45
    x = (xs - xs.mean()) * 10 / (xs[-1] - xs[0])
    y = (ys - ys.mean()) * 10 / (ys[-1] - ys[0])
    z = (Z - Z.min()) / (Z.max() - Z.min()) * 4
    item = gl.GLSurfacePlotItem(x=x, y=y, z=z, shader="shaded", color=(0.3, 0.6, 0.5, 1))
    view.addItem(item)
    shown(view)

    def frame():
        view.grabFramebuffer()

    ms = median_ms(frame)
    view.close()
    return ms


def mplot3d_ms(n: int) -> float:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from foghike.core import Hike, landscape

    L = landscape("mountains")
    xs, ys, Z = L.grid(n)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    fig = plt.figure(figsize=(W / 100, H / 100), dpi=100)
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, rstride=1, cstride=1, cmap="viridis", linewidth=0, antialiased=False, shade=True)
    hike = Hike(L, "sgd", lr=0.1)
    (trail,) = ax.plot([], [], [], color="#d55e00", lw=3, zorder=10)
    (dot,) = ax.plot([], [], [], "o", color="#d55e00", ms=14, mec="k", zorder=11)

    def frame():
        if hike.t >= 60:
            hike.back(55)
        hike.step()
        P, Ls = hike.positions(), hike.losses()
        trail.set_data_3d(P[:, 0], P[:, 1], Ls)
        dot.set_data_3d(P[-1:, 0], P[-1:, 1], Ls[-1:])
        fig.canvas.draw()

    ms = median_ms(frame, n=15)
    plt.close(fig)
    return ms


STARTUP = """
import sys, time
from PyQt6 import QtCore
from foghike.app.main import application, build
app = application()
settings = QtCore.QSettings(sys.argv[1], QtCore.QSettings.Format.IniFormat)
w, c = build(settings, glide=False)
w.view.frameSwapped.connect(app.quit)
w.show()
app.exec()
"""


def process_seconds(args: list[str], repeat: int = 5) -> float:
    best = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        best.append(time.perf_counter() - t0)
    return statistics.median(best)


MEASURES = {"foghike": foghike_frame_ms, "plain": plain_surface_ms, "mplot3d": mplot3d_ms}


def measure_in_own_process(kind: str, n: int) -> float:
    """Each measurement in a fresh process: no GL state or spinning threads shared between them."""
    out = subprocess.run([sys.executable, __file__, "--one", kind, str(n)], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        from foghike.app.main import application

        app = application()  # keep a reference: a collected QApplication takes Qt down with it
        print(MEASURES[sys.argv[2]](int(sys.argv[3])))
        app.processEvents()
        return
    print(f"view {W}×{H}, median of {FRAMES} frames (mplot3d: 15), best of {ROUNDS} interleaved rounds\n")
    print("| grid | foghike step + full scene | plain shaded surface | mplot3d | mplot3d / foghike | foghike / plain |")
    print("|---|---|---|---|---|---|")
    # This machine's speed drifts between minutes: the three contenders are interleaved in ROUNDS
    # rounds (each in a fresh process) and each keeps its best median, as in bench_core.py.
    best = {(k, n): float("inf") for k in MEASURES for n in (200, 400)}
    for _ in range(ROUNDS):
        for n in (200, 400):
            for k in MEASURES:
                best[k, n] = min(best[k, n], measure_in_own_process(k, n))
    for n in (200, 400):
        f, p, m = best["foghike", n], best["plain", n], best["mplot3d", n]
        print(f"| {n}×{n} | {f:.1f} ms | {p:.1f} ms | {m:.0f} ms | {m / f:.1f}× | {f / p:.2f}× |")
    import tempfile

    ini = tempfile.mktemp(suffix=".ini")
    t_app = process_seconds([sys.executable, "-c", STARTUP, ini])
    t_imp = process_seconds([sys.executable, "-c", "import pyqtgraph.opengl"])
    print(
        f"\nstart-up to first frame: {t_app:.2f} s; `import pyqtgraph.opengl`: {t_imp:.2f} s; "
        f"overhead {t_app - t_imp:.2f} s (target < 1 s)"
    )


if __name__ == "__main__":
    main()
