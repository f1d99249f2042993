"""The teacher's side of the controller: lessons, pictures and animations for slides,
presentation mode and the light / dark theme. ``Classroom`` hands these actions here."""

from __future__ import annotations

from pathlib import Path

from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core.catalogue import is_built
from foghike.core.lesson import Lesson, LessonFileError, builtin_lessons, load_lesson

from .actions import ACTIONS
from .export import PictureOptions, grab_window, record_frames, render_view, write_animation
from .export_dialog import AnimationDialog, PictureDialog
from .theme import THEMES, apply_theme

ACTION_NAMES = {s.name for s in ACTIONS}
PRESENTATION_SCALE = 1.6


class Teaching(QtCore.QObject):
    """Lesson navigation, exports, presentation mode and themes for one ``Classroom``."""

    def __init__(self, classroom) -> None:
        super().__init__(classroom)
        self.c = classroom
        self.window = classroom.window
        self.lessons = builtin_lessons()
        self.index = -1  # the built-in lesson on screen (-1: none, or the teacher's own file)
        self.lesson: Lesson | None = None
        self.picture = PictureOptions()
        self._presenting: dict | None = None
        self.theme = "light"
        pane = self.window.lesson_pane
        pane.prev_button.clicked.connect(self.on_prev_lesson)
        pane.next_button.clicked.connect(self.on_next_lesson)
        menu = self.window.menus["Lessons"]
        menu.addSeparator()
        for i, le in enumerate(self.lessons):
            act = QtGui.QAction(le.title, self.window)
            act.triggered.connect(lambda _c=False, k=i: self.open_builtin(k))
            menu.addAction(act)

    # -- lessons ----------------------------------------------------------------------------
    def open_builtin(self, i: int) -> bool:
        if not 0 <= i < len(self.lessons):
            return False
        return self.open_lesson(self.lessons[i], i)

    def open_lesson(self, lesson: Lesson, index: int = -1) -> bool:
        """Set the lesson up; on any problem a dialog names it and the current lesson stays."""
        name = lesson.landscape.get("name")
        if lesson.slow and not is_built(name, lesson.landscape.get("slice", "pca")):
            self.c.loader.load(
                name,
                lesson.landscape.get("slice", "pca"),
                lambda _land: self.open_lesson(lesson, index),
                self.c._build_failed,
                "Training the classifier on 1000 images and computing its loss surface…",
            )
            return False
        try:
            new = lesson.scene()
        except (LessonFileError, ValueError) as exc:
            self.c.report_error("Cannot open this lesson", str(exc))
            return False
        self.c.scene.replace_all(new.landscape, new.specs, new.hikes, new.edits, new.colour_by)
        self._apply_view(lesson)
        self.lesson, self.index = lesson, index
        self.window.lesson_pane.set_lesson(lesson, index, len(self.lessons))
        self._show_panels(lesson)
        self.c.hint(f"{lesson.title}   ·   PageDown: next lesson")
        return True

    def _apply_view(self, lesson: Lesson) -> None:
        from .view_options import ViewOptions

        defaults = ViewOptions()
        for key in (
            "hikers_fog",
            "fog_lifted",
            "atmospheric_fog",
            "contours",
            "log_height",
            "tangent_plane",
            "momentum_arrow",
            "follow",
            "colormap",
        ):
            value = lesson.view.get(key, getattr(defaults, key))
            if getattr(self.c.options, key) != value:  # a new colormap or height scale rebuilds the surface
                self.c._set(key, value)
        self.c._sync_checks()
        self.c.actions["log_loss"].setChecked(bool(lesson.view.get("log_loss", False)))
        view = self.window.view
        if view is not None:
            view.reset_camera(elevation=lesson.camera.get("elevation", 32))
            kw = {}
            if "azimuth" in lesson.camera:
                kw["azimuth"] = lesson.camera["azimuth"]
            if "zoom" in lesson.camera:
                kw["distance"] = view.opts["distance"] / lesson.camera["zoom"]
            if kw:
                view.setCameraPosition(**kw)

    def _show_panels(self, lesson: Lesson) -> None:
        w = self.window
        docks = w.panel_docks()
        for name, dock in docks.items():
            dock.setVisible(name in lesson.panels)
        w.lesson_dock.setVisible(self._presenting is None)
        left = w.open_left_panels()
        if left and w.lesson_dock.isVisible():  # the story gets room beside the panels it opened
            h = max(w.height() - 200, 400)
            share = [int(0.42 * h)] + [int(0.58 * h / len(left))] * len(left)
            w.resizeDocks([w.lesson_dock, *left], share, QtCore.Qt.Orientation.Vertical)
        w.resizeDocks([w.lesson_dock], [400], QtCore.Qt.Orientation.Horizontal)
        w.make_room_for_descent_types()
        if self._presenting is not None:
            self._presenting["panels"] = set(lesson.panels)
        self.c._sync_panel_checks()

    def on_next_lesson(self) -> None:
        if not self.open_builtin(self.index + 1 if self.index + 1 < len(self.lessons) else self.index):
            return
        if self.index == len(self.lessons) - 1:
            self.c.hint(f"{self.lesson.title}   ·   the last lesson")

    def on_prev_lesson(self) -> None:
        self.open_builtin(max(self.index - 1, 0))

    def on_show_lesson(self, on: bool) -> None:
        if on and self.lesson is None:
            self.open_builtin(0)
        self.window.lesson_dock.setVisible(on)

    def open_lesson_file(self, path: str | Path) -> bool:
        try:
            lesson = load_lesson(path, ACTION_NAMES)
        except LessonFileError as exc:
            self.c.report_error("Cannot open this lesson", str(exc))
            return False
        return self.open_lesson(lesson, -1)

    def open_named(self, name: str) -> bool:
        for i, le in enumerate(self.lessons):
            if le.id == name:
                return self.open_builtin(i)
        self.c.report_error("No such lesson", f"unknown lesson {name!r}")
        return False

    def on_open_lesson(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "Open lesson", "", "foghike lessons (*.json)")
        if path:
            self.open_lesson_file(path)

    # -- pictures ---------------------------------------------------------------------------
    def _need_view(self) -> bool:
        if self.window.view is None:
            self.c.report_error("No 3D view", f"The 3D view is unavailable: {self.window.gl_problem}")
            return False
        return True

    def view_image(self, opts: PictureOptions | None = None, size: tuple[int, int] | None = None) -> QtGui.QImage:
        return render_view(self.window.view, self.c.scene, opts or self.picture, size)

    def save_view(self, path: str | Path, opts: PictureOptions | None = None) -> bool:
        if not self._need_view():
            return False
        return self._save(self.view_image(opts), path)

    def save_window(self, path: str | Path) -> bool:
        return self._save(grab_window(self.window, self.window.view), path)

    def _save(self, img: QtGui.QImage, path: str | Path) -> bool:
        if not img.save(str(path), "PNG"):
            self.c.report_error("Cannot save the picture", f"{Path(path).name} could not be written")
            return False
        self.c.hint(f"saved {Path(path).name} ({img.width()} × {img.height()})")
        return True

    def on_export_png(self) -> None:
        if not self._need_view():
            return
        dlg = PictureDialog(self.picture, self.window.view.size(), self.window)
        if dlg.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        self.picture = dlg.options()
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, "Save the 3D view", "foghike.png", "PNG (*.png)")
        if path:
            self.save_view(path if path.lower().endswith(".png") else path + ".png")

    def on_export_window(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Save the window", "foghike-window.png", "PNG (*.png)"
        )
        if path:
            self.save_window(path if path.lower().endswith(".png") else path + ".png")

    def on_copy_view(self) -> None:
        if not self._need_view():
            return
        QtWidgets.QApplication.clipboard().setImage(self.view_image())
        self.c.hint("the 3D view is on the clipboard: paste it into your slides")

    # -- animations -------------------------------------------------------------------------
    def export_animation(
        self, path: str | Path, steps: int | None, size: tuple[int, int], fps: float, opts: PictureOptions
    ) -> bool:
        """Record and write an animation behind a progress dialog with Cancel (nothing changes on Cancel)."""
        if not self._need_view():
            return False
        total = steps if steps is not None else self.c.scene.t
        dlg = QtWidgets.QProgressDialog("Recording the animation…", "Cancel", 0, max(total, 1), self.window)
        dlg.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        self.progress_dialog = dlg

        def progress(done: int, n: int) -> bool:
            dlg.setValue(done)
            QtWidgets.QApplication.processEvents()
            return not dlg.wasCanceled()

        frames = record_frames(self.window.view, self.c.scene, opts, steps, size, progress)
        dlg.close()
        if frames is None:
            self.c.hint("animation cancelled: nothing was written and the scene is as it was")
            return False
        try:
            write_animation(frames, path, fps)
        except (OSError, ValueError) as exc:
            self.c.report_error("Cannot write the animation", f"{Path(path).name}: {exc}")
            return False
        self.c.hint(f"saved {Path(path).name}: {len(frames)} frames at {fps:g} per second")
        return True

    def on_export_animation(self) -> None:
        if not self._need_view():
            return
        dlg = AnimationDialog(self.picture, self.window.view.size(), self.c.scene.t, self.window)
        if dlg.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        steps, size, fps, opts, kind = dlg.values()
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Export animation", f"foghike.{kind}", "GIF (*.gif);;APNG (*.png)"
        )
        if path:
            self.export_animation(path, steps, size, fps, opts)

    # -- presentation mode and themes ----------------------------------------------------------
    def on_presentation(self, on: bool) -> None:
        """Large type, thick lines and a larger hiker; only what the lesson needs stays open."""
        w = self.window
        app = QtWidgets.QApplication.instance()
        if on and self._presenting is None:
            self._presenting = {"state": w.saveState(), "font": QtGui.QFont(app.font()), "lesson": self.lesson}
            docks = w.panel_docks()
            keep = set(self.lesson.panels) if self.lesson else {n for n, d in docks.items() if d.isVisible()}
            self._presenting["panels"] = keep
            font = QtGui.QFont(app.font())
            font.setPointSizeF(font.pointSizeF() * 1.45)
            app.setFont(font)
            self._sizes(PRESENTATION_SCALE)
            for name, dock in docks.items():
                dock.setVisible(name in keep)
            for dock in (w.lesson_dock, w.formula_dock):
                dock.hide()
            w.menuBar().hide()
            # the readout as wide as its numbers need (they never wrap or cut off), the panels on the
            # left a fifth: the mountain gets the rest
            W = w.width()
            right = min(max(w.readout.sizeHint().width() + 40, W // 3), W // 2)
            w.resizeDocks([w.readout_dock], [right], QtCore.Qt.Orientation.Horizontal)
            left = w.open_left_panels()
            if left:
                w.resizeDocks(left, [W // 5] * len(left), QtCore.Qt.Orientation.Horizontal)
            w.resizeDocks([w.loss_dock], [max(260, w.height() // 4)], QtCore.Qt.Orientation.Vertical)
            # the plots under the mountain share its width evenly: none is squeezed unreadable
            below = [d for d in (w.loss_dock, w.sweep_dock, w.descent_dock) if d.isVisible()]
            if len(below) > 1:
                share = (W - right - (W // 5 if left else 0)) // len(below)
                w.resizeDocks(below, [share] * len(below), QtCore.Qt.Orientation.Horizontal)
            w.hikers_panel.set_editing(False)
            self.c.hint("presentation mode: F5 to leave")
        elif not on and self._presenting is not None:
            app.setFont(self._presenting["font"])
            self._sizes(1.0)
            w.menuBar().show()
            w.hikers_panel.set_editing(True)
            w.restoreState(self._presenting["state"])
            changed = self._presenting["lesson"] is not self.lesson
            self._presenting = None
            if changed and self.lesson is not None:  # another lesson meanwhile: its panels, not the old ones
                self._show_panels(self.lesson)
            self.c.hint("presentation mode off")
        self.c._sync_panel_checks()

    @property
    def presenting(self) -> bool:
        return self._presenting is not None

    def _sizes(self, k: float) -> None:
        w = self.window
        w.readout.set_font_size(round(17 * k))
        w.loss_plot.set_font_size(round(12 * k))
        w.map.set_font_size(round(12 * k))
        w.sweep_panel.set_font_size(round(12 * k))
        w.descent_panel.set_font_size(round(11 * k))
        w.loop_panel.set_font_size(round(15 * k))
        w.lesson_pane.set_font_size(round(16 * k))
        w.statusBar().setStyleSheet(f"font-size:{round(15 * k)}px")
        if w.view is not None:
            w.view.set_draw_scale(k)

    def on_dark_theme(self, on: bool) -> None:
        self.set_theme("dark" if on else "light")

    def set_theme(self, name: str) -> None:
        apply_theme(self.window, THEMES[name])
        self.theme = name
        self.c.settings.setValue("view/theme", name)
        act = self.c.actions["dark_theme"]
        act.blockSignals(True)
        act.setChecked(name == "dark")
        act.blockSignals(False)
