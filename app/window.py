"""The classroom window: the mountain in the middle, the map, readout and loss plot in docks."""

from __future__ import annotations

from PyQt6 import QtCore, QtGui, QtWidgets

from foghike.core import Scene
from foghike.core.learning_loop import LearningLoop

from .actions import cheat_sheet_html
from .classifier_panel import ClassifierPanel
from .contour_map import ContourMap
from .descent_panel import DescentPanel
from .formula_box import FormulaBox
from .hikers_panel import HikersPanel
from .lesson_pane import LessonPane
from .loop_panel import LoopPanel
from .loss_plot import LossPlot
from .readout import Readout
from .sweep_panel import SweepPanel
from .view_options import ViewOptions

BANNER_STYLE = "background:#fff3cd;color:#5c4400;border-bottom:2px solid #e0b000;padding:10px;font-size:16px"


class MainWindow(QtWidgets.QMainWindow):
    """Holds the views; the controller owns the actions and the scene."""

    closing = QtCore.pyqtSignal()

    def __init__(self, scene: Scene, options: ViewOptions, gl_problem: str | None) -> None:
        super().__init__()
        self.setWindowTitle("foghike — a hiker in the fog")
        self.scene_model = scene
        self.options = options
        self.gl_problem = gl_problem
        self.map = ContourMap(scene, options)
        self.readout = Readout(scene)
        self.loss_plot = LossPlot(scene)
        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QtWidgets.QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        self.view = None
        if gl_problem is None:
            from .mountain_view import MountainView

            self.view = MountainView(scene, options)
            layout.addWidget(self.view, 1)
            self.map_dock = self._dock("Map", self.map, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        else:
            self.banner.setText(
                f"<b>The 3D view is unavailable:</b> {gl_problem}. "
                "The contour map, the readout and the panels still work."
            )
            self.banner.setVisible(True)
            layout.addWidget(self.map, 1)
            self.map_dock = None
        self.setCentralWidget(central)
        # the right column (readout above the map) runs the full height; the loss plot sits under the view
        self.setCorner(QtCore.Qt.Corner.TopRightCorner, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(QtCore.Qt.Corner.BottomRightCorner, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        # the left column (lesson, hikers, loop) runs the full height too: the story needs room
        self.setCorner(QtCore.Qt.Corner.BottomLeftCorner, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.readout_dock = self._dock("Readout", self.readout, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        if self.map_dock is not None:
            self.removeDockWidget(self.map_dock)
            self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self.map_dock)
            self.map_dock.show()
        self.loss_dock = self._dock("Loss", self.loss_plot, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea)
        # comparison panels: hidden until a comparison (or Ctrl+1/2/3) asks for them
        self.hikers_panel = HikersPanel(scene)
        self.sweep_panel = SweepPanel(scene)
        self.descent_panel = DescentPanel(scene)
        self.hikers_dock = self._dock("Hikers", self.hikers_panel, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.formula_box = FormulaBox(scene)
        self.formula_dock = self._dock("Your landscape", self.formula_box, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.sweep_dock = self._dock(
            "Learning-rate sweep", self.sweep_panel, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.descent_dock = self._dock(
            "Descent types", self.descent_panel, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.classifier_panel = ClassifierPanel(scene)
        self.classifier_dock = self._dock(
            "Image classifier", self.classifier_panel, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.loop = LearningLoop(scene)
        self.loop_panel = LoopPanel(self.loop)
        self.loop_dock = self._dock("Learning loop", self.loop_panel, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.lesson_pane = LessonPane()
        self.lesson_dock = self._dock("Lesson", self.lesson_pane, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.splitDockWidget(self.loss_dock, self.sweep_dock, QtCore.Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.sweep_dock, self.descent_dock)
        self.resizeDocks([self.hikers_dock], [300], QtCore.Qt.Orientation.Horizontal)
        for dock in (
            self.hikers_dock,
            self.sweep_dock,
            self.descent_dock,
            self.formula_dock,
            self.classifier_dock,
            self.loop_dock,
            self.lesson_dock,
        ):
            dock.hide()
        self.resizeDocks([self.loss_dock], [220], QtCore.Qt.Orientation.Vertical)
        self.resizeDocks([self.readout_dock], [440], QtCore.Qt.Orientation.Horizontal)
        if self.map_dock is not None:
            self.resizeDocks([self.readout_dock, self.map_dock], [400, 380], QtCore.Qt.Orientation.Vertical)
        self.cheatsheet = QtWidgets.QLabel(self)  # over the whole window, not clipped to the view
        self.cheatsheet.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.cheatsheet.setStyleSheet("background:rgba(20,22,28,225);color:white;padding:22px;border-radius:10px")
        self.cheatsheet.setText(cheat_sheet_html())
        self.cheatsheet.adjustSize()
        self.cheatsheet.setVisible(False)
        self.statusBar().setStyleSheet("font-size:15px")

    def _dock(self, title: str, widget: QtWidgets.QWidget, area: QtCore.Qt.DockWidgetArea) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def open_left_panels(self) -> list[QtWidgets.QDockWidget]:
        """The panels open in the left column (the lesson pane aside); isHidden, not isVisible,
        so a window not yet shown (a headless render) lays out the same."""
        docks = (self.hikers_dock, self.classifier_dock, self.loop_dock, self.formula_dock)
        return [d for d in docks if not d.isHidden()]

    def make_room_for_descent_types(self) -> None:
        """Two plots over a table need more height than the loss plot alone, and the wider share."""
        if not self.descent_dock.isHidden():  # (isVisible is False until the window is shown)
            self.resizeDocks([self.descent_dock], [max(320, self.height() // 3)], QtCore.Qt.Orientation.Vertical)
            self.resizeDocks([self.loss_dock, self.descent_dock], [1, 2], QtCore.Qt.Orientation.Horizontal)

    def panel_docks(self) -> dict[str, QtWidgets.QDockWidget]:
        """The panels a lesson can open, by the names lesson files use."""
        return {
            "hikers": self.hikers_dock,
            "sweep": self.sweep_dock,
            "descent": self.descent_dock,
            "classifier": self.classifier_dock,
            "loop": self.loop_dock,
            "formula": self.formula_dock,
        }

    def show_cheatsheet(self, on: bool) -> None:
        self.cheatsheet.adjustSize()
        parent = self.cheatsheet.parentWidget()
        self.cheatsheet.move(
            max(0, (parent.width() - self.cheatsheet.width()) // 2),
            max(0, (parent.height() - self.cheatsheet.height()) // 2),
        )
        self.cheatsheet.setVisible(on)
        self.cheatsheet.raise_()

    def closeEvent(self, ev: QtGui.QCloseEvent) -> None:
        self.closing.emit()
        self.sweep_panel.shutdown()
        super().closeEvent(ev)
