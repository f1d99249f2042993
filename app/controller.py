"""The classroom controller: turns actions into calls on the scene and view options.

Data flows one way: key press → scene (core) → its events → the views redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import (
    LANDSCAPE_NAMES,
    HikerSpec,
    Scene,
    SceneFileError,
    descent_comparison,
    load_scene,
    lr_comparison,
    next_rate,
    optimizer_comparison,
    random_restarts,
    restart_tally,
    save_scene,
)
from foghike.core.catalogue import SLICES, SLOW_TO_BUILD, is_built, landscape

from .actions import build_actions
from .landscape_loader import LandscapeLoader
from .palette import COLORMAPS
from .view_options import FOG_DENSITIES, ViewOptions
from .window import MainWindow

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0)


class Classroom(QtCore.QObject):
    """Owns the scene, the options, the playback timer and the QActions."""

    def __init__(self, window: MainWindow, scene: Scene, options: ViewOptions, settings: QtCore.QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.scene = scene
        self.options = options
        self.settings = settings
        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.loader = LandscapeLoader(window)
        stored_slice = str(settings.value("landscape/slice", "pca"))
        self.slice = stored_slice if stored_slice in SLICES else "pca"
        self.actions = build_actions(window, self.handler)
        self._build_landscape_menu()
        from .teaching import Teaching

        self.teaching = Teaching(self)
        self._sync_checks()
        if window.view is not None:
            window.view.startPicked.connect(self.on_pick_start)
        window.map.startPicked.connect(self.on_pick_start)
        scene.events.moved.connect(self._on_move)
        scene.events.landscape.connect(self._on_landscape)
        for dock in (*window.panel_docks().values(), window.lesson_dock):
            dock.visibilityChanged.connect(lambda _v: self._sync_panel_checks())
        self._on_landscape(scene)
        self.hint("Press → to take a step   ·   ? shows all keys")

    def handler(self, name: str) -> Callable:
        """on_<name> here, or on the teaching side (lessons, exports, presentation, theme)."""
        fn = getattr(self, f"on_{name}", None)
        return fn if fn is not None else (lambda *a: getattr(self.teaching, f"on_{name}")(*a))

    def _build_landscape_menu(self) -> None:
        menu = self.window.menus["Landscape"]
        ag = QtGui.QActionGroup(self.window)
        ag.setExclusionPolicy(QtGui.QActionGroup.ExclusionPolicy.ExclusiveOptional)  # none: a formula
        self.landscape_actions = {}
        for name in LANDSCAPE_NAMES:
            act = QtGui.QAction(name, self.window, checkable=True)
            act.setChecked(name == self.scene.landscape.name)
            act.triggered.connect(lambda _c=False, n=name: self.set_landscape(n))
            ag.addAction(act)
            menu.addAction(act)
            self.landscape_actions[name] = act

    def _sync_checks(self) -> None:
        o = self.options
        for name, value in (
            ("lift_fog", o.fog_lifted),
            ("atmospheric_fog", o.atmospheric_fog),
            ("hikers_fog", o.hikers_fog),
            ("contours", o.contours),
            ("tangent_plane", o.tangent_plane),
            ("log_height", o.log_height),
            ("follow", o.follow),
            ("random_slice", self.slice == "random"),
        ):
            act = self.actions[name]
            act.blockSignals(True)
            act.setChecked(value)
            act.blockSignals(False)

    def hint(self, text: str) -> None:
        self.window.statusBar().showMessage(text)

    # -- the hike ---------------------------------------------------------------------
    def on_step(self) -> None:
        self.scene.step(1)

    def on_back(self) -> None:
        self.scene.back(1)

    def on_ten(self) -> None:
        self.scene.step(10)

    def on_play(self, on: bool) -> None:
        if on:
            self.timer.start(int(1000 / self.options.speed))
            self.hint(f"playing at {self.options.speed:g} steps per second (Space pauses)")
        else:
            self.timer.stop()
            self.hint("paused")

    def _tick(self) -> None:
        if all(h.diverged for h in self.scene.hikes):
            self.actions["play"].setChecked(False)
            return
        self.scene.step(1)

    def on_reset(self) -> None:
        self.scene.reset()

    def on_pick_start(self, w1: float, w2: float) -> None:
        self.scene.reset(start=(w1, w2))
        self.hint(f"new start: w₁ = {w1:.3f}, w₂ = {w2:.3f}")

    def _change_lr(self, direction: int) -> None:
        lr = next_rate(self.scene.hikes[0].lr, direction)
        self.scene.set_lr(lr)
        self.hint(f"learning rate {lr:g} (from this step on)")

    def on_lr_up(self) -> None:
        self._change_lr(+1)

    def on_lr_down(self) -> None:
        self._change_lr(-1)

    def _change_speed(self, direction: int) -> None:
        i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - self.options.speed))
        self.options.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, i + direction))]
        if self.timer.isActive():
            self.timer.setInterval(int(1000 / self.options.speed))
        self.hint(f"playback speed {self.options.speed:g} steps per second")

    def on_slower(self) -> None:
        self._change_speed(-1)

    def on_faster(self) -> None:
        self._change_speed(+1)

    def set_landscape(self, name: str) -> None:
        """Switch the surface; a costly one (the classifier) is built off the GUI thread first,
        with progress and Cancel, and the scene changes only once it is ready."""
        if name in SLOW_TO_BUILD and not is_built(name, self.slice):
            self.loader.load(
                name,
                self.slice,
                self._landscape_ready,
                self._build_failed,
                "Training the classifier on 1000 images and computing its loss surface…",
            )
            return
        self._landscape_ready(landscape(name, self.slice))

    def _landscape_ready(self, land) -> None:
        ref = getattr(land, "reference", None)
        if ref is not None:  # the practical example: the lecture's mini-batch run, and its panel
            spec = HikerSpec(
                f"mini-batch {ref['batch_size']}, lr {ref['lr']:g}",
                ref["optimizer"],
                {"lr": ref["lr"]},
                ref["mode"],
                ref["batch_size"],
                seed=land.seed,
            )
            # one change of scene, not a landscape and then hikers: every view redraws once
            self.scene.replace_all(land, [spec], [spec.build(land)], [[]])
            self._show(self.window.classifier_dock)
            self.hint("a 2-D slice of a 2410-weight network; the loss is the full network's: press → to train")
            return
        self.scene.set_landscape(land)
        self.hint(f"{land.name}: {land.description}")

    def _build_failed(self, message: str) -> None:
        if message:
            self.report_error("Cannot build this landscape", message)
        else:
            self.hint("cancelled: the scene is as it was")

    def _on_landscape(self, scene: Scene) -> None:
        for name, act in self.landscape_actions.items():
            act.setChecked(name == scene.landscape.name)
        act = self.actions["standardize"]
        act.blockSignals(True)
        act.setChecked(scene.landscape.name == "linear-regression-standardized")
        act.blockSignals(False)
        if not hasattr(scene.landscape, "accuracy"):
            self.window.classifier_dock.hide()

    def on_standardize(self, on: bool) -> None:
        self.set_landscape("linear-regression-standardized" if on else "linear-regression")
        self.hint(
            "standardised feature: a round bowl, every step points at the bottom"
            if on
            else "raw feature (cm): a long narrow valley (κ ≈ 100), plain descent zig-zags; press Z to standardise"
        )

    def on_random_slice(self, on: bool) -> None:
        self.slice = "random" if on else "pca"
        self.settings.setValue("landscape/slice", self.slice)
        if getattr(self.scene.landscape, "slice_kind", None) not in (None, self.slice):
            self.set_landscape(self.scene.landscape.name)

    def on_classifier(self) -> None:
        self.set_landscape("digits-mlp")

    def on_loop_stage(self) -> None:
        """Forward → loss → backward → update, one key press each; the loop panel shows the numbers."""
        if not self.window.loop_dock.isVisible():
            self._show(self.window.loop_dock)
        self.window.loop.advance()
        self.hint(f"learning loop: {self.window.loop.stage_name} (N: next stage)")

    def on_show_loop(self, on: bool) -> None:
        self.window.loop_dock.setVisible(on)

    def on_show_classifier(self, on: bool) -> None:
        self.window.classifier_dock.setVisible(on)

    def _on_move(self, scene: Scene) -> None:
        if scene.colour_by == "basin" and scene.t > 0:
            self.hint(self.restart_tally()["text"])
            return
        h = scene.hikes[0]
        if h.diverged:
            self.hint(f"diverged at step {h.diverged_at}: learning rate {h.lr:g} is too high — press [ and R")

    # -- comparisons ---------------------------------------------------------------------
    def _show(self, *docks) -> None:
        for dock in docks:
            dock.show()
            dock.raise_()
        self._sync_panel_checks()

    def _sync_panel_checks(self) -> None:
        w = self.window
        for name, dock in (
            ("show_hikers", w.hikers_dock),
            ("show_sweep", w.sweep_dock),
            ("show_descent", w.descent_dock),
            ("show_classifier", w.classifier_dock),
            ("show_loop", w.loop_dock),
            ("show_lesson", w.lesson_dock),
        ):
            act = self.actions[name]
            act.blockSignals(True)
            act.setChecked(dock.isVisible())
            act.blockSignals(False)

    def _start(self):
        """The current first hiker's start, shared by a comparison's hikers (None: the default;
        a network's seeded initial weights)."""
        return self.scene.specs[0].start

    def on_compare_lr(self) -> None:
        specs = lr_comparison(self.scene.landscape, start=self._start())
        self.scene.set_hikers(specs)
        self.actions["log_loss"].setChecked(True)
        self._show(self.window.hikers_dock, self.window.sweep_dock)
        self.hint(f"learning rates 0.001, 0.01, 0.1 and {specs[-1].lr:g}, too high here: press → and watch")

    def on_compare_descent(self) -> None:
        lr = min(self.scene.hikes[0].lr or 0.05, 0.1)
        self.scene.set_hikers(descent_comparison(self.scene.landscape, lr=lr, start=self._start()))
        self._show(self.window.hikers_dock, self.window.descent_dock)
        self.window.make_room_for_descent_types()
        self.hint("batch, stochastic and mini-batch descent from one start, with one learning rate")

    def on_compare_optimizers(self) -> None:
        if self.scene.landscape.name != "ravine":
            self.set_landscape("ravine")
        self.scene.set_hikers(optimizer_comparison(self.scene.landscape))
        if self.window.view is not None:
            self.window.view.reset_camera(elevation=60)  # look down into the ravine
        self._show(self.window.hikers_dock)
        self.hint("plain descent zig-zags across the ravine; momentum and Adam follow it down")

    def on_random_restarts(self) -> None:
        if len(self.scene.landscape.minima) < 2:
            self.set_landscape("mountains")
        self._restart_seed = getattr(self, "_restart_seed", -1) + 1
        self.scene.set_hikers(random_restarts(self.scene.landscape, 12, seed=self._restart_seed), colour_by="basin")
        self._show(self.window.hikers_dock)
        self.hint(
            "12 hikers dropped at random: each is coloured by the valley it walks into (press 4 again: new drops)"
        )

    def on_one_hiker(self) -> None:
        self.scene.set_hikers([HikerSpec()])
        self.hint("one hiker again")

    def restart_tally(self) -> dict:
        P = [self.scene.landscape.project(h.position) for h in self.scene.hikes]
        return restart_tally(self.scene.landscape, P, [h.loss for h in self.scene.hikes])

    def on_formula(self) -> None:
        w = self.window
        self._show(w.formula_dock)
        # wide enough that the example formula shows whole
        width = w.formula_box.text.fontMetrics().horizontalAdvance(w.formula_box.text.text()) + 60
        width = max(w.formula_dock.width(), min(width, w.width() // 3))
        w.resizeDocks([w.formula_dock], [width], QtCore.Qt.Orientation.Horizontal)
        w.formula_box.text.setFocus()
        self.hint("type a loss in w1 and w2, then Enter")

    def on_show_hikers(self, on: bool) -> None:
        self.window.hikers_dock.setVisible(on)

    def on_show_sweep(self, on: bool) -> None:
        self.window.sweep_dock.setVisible(on)

    def on_show_descent(self, on: bool) -> None:
        self.window.descent_dock.setVisible(on)

    def on_momentum_arrow(self, on: bool) -> None:
        self._set("momentum_arrow", on)

    def on_log_loss(self, on: bool) -> None:
        self.window.loss_plot.set_log(on)

    # -- the picture -------------------------------------------------------------------
    def _set(self, name: str, value) -> None:
        setattr(self.options, name, value)
        if self.window.view is not None:
            self.window.view.set_option(name, value)
        if name in ("colormap", "log_height"):
            self.window.map.redraw_image()

    def on_lift_fog(self, on: bool) -> None:
        self._set("fog_lifted", on)
        self.hint("the fog is lifted: the whole landscape and the path taken" if on else "the hiker's fog is back")

    def on_atmospheric_fog(self, on: bool) -> None:
        self._set("atmospheric_fog", on)

    def on_fog_density(self) -> None:
        i = min(range(len(FOG_DENSITIES)), key=lambda k: abs(FOG_DENSITIES[k] - self.options.fog_density))
        self._set("fog_density", FOG_DENSITIES[(i + 1) % len(FOG_DENSITIES)])
        self.hint(f"atmospheric fog density {self.options.fog_density:g}")

    def on_hikers_fog(self, on: bool) -> None:
        self._set("hikers_fog", on)

    def on_contours(self, on: bool) -> None:
        self._set("contours", on)

    def on_tangent_plane(self, on: bool) -> None:
        self._set("tangent_plane", on)

    def on_log_height(self, on: bool) -> None:
        self._set("log_height", on)
        self.hint("height: log10 of the loss" if on else "height: the loss")

    def on_colormap(self) -> None:
        i = COLORMAPS.index(self.options.colormap) if self.options.colormap in COLORMAPS else -1
        self._set("colormap", COLORMAPS[(i + 1) % len(COLORMAPS)])
        self.hint(f"colormap {self.options.colormap}")

    def on_reset_camera(self) -> None:
        if self.window.view is not None:
            self.window.view.reset_camera()

    def on_follow(self, on: bool) -> None:
        self._set("follow", on)

    def on_fullscreen(self, on: bool) -> None:
        if on:
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    def on_cheatsheet(self, on: bool) -> None:
        self.window.show_cheatsheet(on)

    def on_quit(self) -> None:
        self.window.close()

    # -- scene files ---------------------------------------------------------------------
    last_error: str = ""

    def report_error(self, title: str, text: str) -> None:
        """A clear message in a dialog (window-modal, not blocking): nothing else changes."""
        self.last_error = text
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning, title, text, QtWidgets.QMessageBox.StandardButton.Ok, self.window
        )
        box.open()
        self._error_box = box

    def camera(self) -> dict:
        view = self.window.view
        if view is None:
            return {}
        c = view.opts["center"]
        return {
            "distance": float(view.opts["distance"]),
            "elevation": float(view.opts["elevation"]),
            "azimuth": float(view.opts["azimuth"]),
            "fov": float(view.opts["fov"]),
            "center": [float(c.x()), float(c.y()), float(c.z())],
        }

    def _apply_camera(self, cam: dict) -> None:
        view = self.window.view
        if view is None or not cam:
            return
        try:
            kw = {k: float(cam[k]) for k in ("distance", "elevation", "azimuth") if k in cam}
            if "center" in cam and len(cam["center"]) == 3:
                kw["pos"] = QtGui.QVector3D(*(float(v) for v in cam["center"]))
            if all(map(lambda v: abs(v) < 1e6, [x for x in kw.values() if isinstance(x, float)])):
                view.setCameraPosition(**kw)
            if "fov" in cam and 5 <= float(cam["fov"]) <= 120:
                view.opts["fov"] = float(cam["fov"])
        except (TypeError, ValueError):
            pass  # a camera is a nicety: a bad one keeps the current view

    def open_scene(self, path: str | Path) -> bool:
        """Load a .foghike.json scene; on any problem a dialog says what and the scene is unchanged.
        A scene on the classifier builds it off the GUI thread first (then loads; False until then)."""
        slow = _slow_landscape_in(path)
        if slow is not None and not is_built(*slow):
            self.loader.load(
                slow[0],
                slow[1],
                lambda _land: self.open_scene(path),
                self._build_failed,
                "Training the classifier on 1000 images and computing its loss surface…",
            )
            return False
        try:
            new, cam, view = load_scene(path)
        except SceneFileError as exc:
            self.report_error("Cannot open this scene", str(exc))
            return False
        self.scene.replace_all(new.landscape, new.specs, new.hikes, new.edits, new.colour_by)
        for key in ("atmospheric_fog", "hikers_fog", "contours", "log_height", "colormap", "tangent_plane"):
            if key in view:
                from .view_options import ViewOptions

                value = getattr(ViewOptions.from_dict({key: view[key]}), key)
                self._set(key, value)
        self._sync_checks()
        self._apply_camera(cam)
        self.hint(f"opened {Path(path).name}")
        return True

    def save_scene(self, path: str | Path) -> bool:
        try:
            save_scene(path, self.scene, self.camera(), self.options.to_dict())
        except OSError as exc:
            self.report_error("Cannot save the scene", f"{Path(path).name}: {exc.strerror or exc}")
            return False
        self.hint(f"saved {Path(path).name}")
        return True

    def on_open_scene(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window, "Open scene", "", "foghike scenes (*.foghike.json *.json)"
        )
        if path:
            self.open_scene(path)

    def on_save_scene(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Save scene", "lesson.foghike.json", "foghike scenes (*.foghike.json)"
        )
        if path:
            self.save_scene(path if path.endswith(".json") else path + ".foghike.json")

    def last_scene_path(self) -> Path:
        """Beside the settings file (the platform's config folder, or a test's tmp_path)."""
        return Path(self.settings.fileName()).with_name("last.foghike.json")

    def on_restore_last(self, on: bool) -> None:
        self.settings.setValue("scene/restore_last", on)

    # -- persistence -------------------------------------------------------------------
    def save_settings(self) -> None:
        self.loader.cancel()  # closing mid-build: stop it (it checks every 50 steps) and wait
        self.loader.wait()
        s = self.settings
        s.setValue("window/geometry", self.window.saveGeometry())
        s.setValue("window/state", self.window.saveState())
        for key, value in self.options.to_dict().items():
            if key != "glide":
                s.setValue(f"view/{key}", value)
        s.sync()
        if self.actions["restore_last"].isChecked():
            try:
                save_scene(self.last_scene_path(), self.scene, self.camera(), self.options.to_dict())
            except OSError:
                pass  # the folder is read-only: the next start simply opens the default scene


def _slow_landscape_in(path: str | Path) -> tuple[str, str] | None:
    """(name, slice) when a scene file asks for a costly landscape; None otherwise or when the file
    cannot be read (load_scene then reports the problem)."""
    import json

    try:
        land = json.loads(Path(path).read_text(encoding="utf-8")).get("landscape", {})
        name, sl = land.get("name"), land.get("slice", "pca")
    except (OSError, ValueError, AttributeError):
        return None
    return (name, sl) if name in SLOW_TO_BUILD and sl in SLICES else None
