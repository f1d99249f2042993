"""The practical example: how long the classifier takes to build, and whether the window stays live.

* cold build in the app (key 5, empty cache): training run + 41×41 surface on the loader's
  QThread, timed from the key press until the scene shows the classifier (target < 15 s), while
  a 10 ms QTimer on the GUI thread records the longest gap between its ticks (target < 100 ms);
  the hand-over (the scene change, the panel shown and the first frames, half a second) is
  reported apart, beside the same window's gap for one step and for showing a panel;
* the 41×41 surface alone (1681 full-network evaluations over the 1000 images);
* the second opening, read from the disk cache;
* time per training iteration (forward, loss, backward, update of all 2410 weights): mini-batch 32,
  stochastic (1 image) and full batch (1000 images).

Run on a display with OpenGL:  xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/bench_classifier.py
"""

from __future__ import annotations

import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_BUILD_S = 15.0
TARGET_GAP_MS = 100.0


def longest_gap(app, action, ticks_for: float = 0.5) -> float:
    """The longest gap (ms) of a 10 ms GUI timer around one action, up to ``ticks_for`` s after it."""
    import time as _t

    from PyQt6 import QtCore

    ticks: list[float] = []
    timer = QtCore.QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(_t.perf_counter()))
    timer.start()
    settle = _t.perf_counter() + 0.2
    while _t.perf_counter() < settle:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        _t.sleep(0.001)
    action()
    settle = _t.perf_counter() + ticks_for
    while _t.perf_counter() < settle:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        _t.sleep(0.001)
    timer.stop()
    return 1000 * max(b - a for a, b in itertools.pairwise(ticks))


def cold_build_in_the_app(cache: Path) -> dict[str, float]:
    from PyQt6 import QtCore

    from foghike.app.main import application, build
    from foghike.core import catalogue

    catalogue.set_cache_dir(cache)
    app = application()
    settings = QtCore.QSettings(str(cache / "bench.ini"), QtCore.QSettings.Format.IniFormat)
    window, controller = build(settings, glide=False)
    catalogue.set_cache_dir(cache)  # build() points it at the platform folder: use the empty one
    window.resize(1600, 900)
    window.show()
    for _ in range(20):
        app.processEvents()
    ticks: list[float] = []
    timer = QtCore.QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    t0 = time.perf_counter()
    ticks.append(t0)
    controller.actions["classifier"].trigger()
    hand_over = None
    while controller.loader.busy or controller.scene.landscape.name != "digits-mlp":
        before = time.perf_counter()
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if not controller.loader.busy and controller.scene.landscape.name == "digits-mlp":
            hand_over = before  # this turn of the loop put the finished network into the scene
        time.sleep(0.001)
    elapsed = time.perf_counter() - t0
    # the scene changing to the classifier and its first frames are GUI-thread work too: keep
    # ticking for half a second and report that gap apart from the gaps while the build runs
    settle = time.perf_counter() + 0.5
    while time.perf_counter() < settle:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    timer.stop()
    pairs = list(itertools.pairwise(ticks))
    running = [b - a for a, b in pairs if b <= hand_over]
    after = [b - a for a, b in pairs if b > hand_over]
    # for scale, the same window's ordinary redraws on this software renderer
    step = longest_gap(app, controller.actions["step"].trigger)
    dock = longest_gap(app, controller.actions["show_hikers"].trigger)
    controller.save_settings()
    window.close()
    return {
        "elapsed": elapsed,
        "running": 1000 * max(running),
        "ticks": len(ticks),
        "hand_over": 1000 * max(after),
        "step": step,
        "dock": dock,
    }


def main() -> None:
    cache = Path(tempfile.mkdtemp(prefix="foghike-bench-"))
    r = cold_build_in_the_app(cache)
    elapsed, gap = r["elapsed"], r["running"]
    print(f"cold build in the app (training + 41x41 surface): {elapsed:.2f} s   target < {TARGET_BUILD_S:g} s "
          f"-> {elapsed / TARGET_BUILD_S:.2f} of the budget")
    print(f"longest GUI event-loop gap while it runs: {gap:.1f} ms over {r['ticks']} ticks   "
          f"target < {TARGET_GAP_MS:g} ms -> {gap / TARGET_GAP_MS:.2f} of the budget")
    print(f"longest gap at the hand-over (scene change, panel shown, first frames): {r['hand_over']:.1f} ms; "
          f"same window: one step (→) {r['step']:.1f} ms, showing the hikers panel (Ctrl+1) {r['dock']:.1f} ms")

    from foghike.core import Hike
    from foghike.core.mlp import DigitsMLP

    t0 = time.perf_counter()
    mlp = DigitsMLP(cache_dir=None)
    train = time.perf_counter() - t0
    surface = []
    for _ in range(3):
        mlp._grid_cache.clear()
        t0 = time.perf_counter()
        mlp.grid(41)
        surface.append(time.perf_counter() - t0)
    print(f"reference training run (1000 mini-batch iterations): {train:.2f} s")
    print(f"41x41 surface alone (1681 networks x 1000 images): best {min(surface):.2f} s of 3")
    t0 = time.perf_counter()
    DigitsMLP(cache_dir=cache)
    print(f"second opening, from the disk cache: {1000 * (time.perf_counter() - t0):.0f} ms")

    for label, mode, b in (("mini-batch 32", "minibatch", 32), ("stochastic (1)", "sgd", None),
                           ("full batch (1000)", "batch", None)):
        h = Hike(mlp, "sgd", lr=0.5, mode=mode, batch_size=b)
        h.step(20)
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            h.step(100)
            times.append((time.perf_counter() - t0) / 100)
        print(f"training iteration, {label:18s}: median {1000 * statistics.median(times):.2f} ms "
              f"(forward, loss, backward, update of {mlp.dim} weights, plus the hike's bookkeeping)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
