"""Every user action, declared once as data: name, text, shortcut, menu.

``build_actions`` turns the table into QActions (menus and shortcuts) in one place,
and ``cheat_sheet_html`` is generated from the same table, so they never disagree.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PyQt6 import QtGui, QtWidgets


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the controller's handler is on_<name>
    text: str
    shortcut: str = ""
    menu: str = "Hike"
    checkable: bool = False
    repeat: bool = False  # keeps firing while the key is held


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("step", "Take one step", "Right", repeat=True),
    ActionSpec("back", "Step back", "Left", repeat=True),
    ActionSpec("ten", "Take ten steps", "Shift+Right", repeat=True),
    ActionSpec("play", "Play / pause", "Space", checkable=True),
    ActionSpec("reset", "Back to the start", "R"),
    ActionSpec("lr_down", "Learning rate down", "["),
    ActionSpec("lr_up", "Learning rate up", "]"),
    ActionSpec("slower", "Play slower", "-"),
    ActionSpec("faster", "Play faster", "="),
    ActionSpec("compare_lr", "Compare learning rates (too low, right, too high)", "1", "Compare"),
    ActionSpec("compare_descent", "Compare batch, stochastic and mini-batch descent", "2", "Compare"),
    ActionSpec("compare_optimizers", "Compare optimizers on a ravine", "3", "Compare"),
    ActionSpec("random_restarts", "Random restarts: 12 hikers, which valley?", "4", "Compare"),
    ActionSpec("classifier", "The image classifier: 1000 real handwritten digits", "5", "Compare"),
    ActionSpec("one_hiker", "Back to one hiker", "0", "Compare"),
    ActionSpec("show_hikers", "Hikers panel", "Ctrl+1", "Compare", checkable=True),
    ActionSpec("show_sweep", "Learning-rate sweep panel", "Ctrl+2", "Compare", checkable=True),
    ActionSpec("show_descent", "Descent-types panel", "Ctrl+3", "Compare", checkable=True),
    ActionSpec("show_classifier", "Image-classifier panel", "Ctrl+4", "Compare", checkable=True),
    ActionSpec("loop_stage", "Next stage of the learning loop (forward, loss, backward, update)", "N"),
    ActionSpec("show_loop", "Learning-loop panel", "Ctrl+6", "Compare", checkable=True),
    ActionSpec("next_lesson", "Next lesson", "PgDown", "Lessons"),
    ActionSpec("prev_lesson", "Previous lesson", "PgUp", "Lessons"),
    ActionSpec("show_lesson", "Lesson pane", "Ctrl+5", "Lessons", checkable=True),
    ActionSpec("formula", "Your own landscape from a formula…", "Ctrl+L", "Landscape"),
    ActionSpec("standardize", "Standardise the feature (linear regression)", "Z", "Landscape", checkable=True),
    ActionSpec(
        "random_slice",
        "Classifier slice: random directions (off: principal components)",
        "",
        "Landscape",
        checkable=True,
    ),
    ActionSpec("lift_fog", "Lift the hiker's fog", "H", "View", checkable=True),
    ActionSpec("atmospheric_fog", "Atmospheric fog", "F", "View", checkable=True),
    ActionSpec("fog_density", "Thicker / thinner atmospheric fog", "D", "View"),
    ActionSpec("hikers_fog", "Hiker's fog in this scene", "Shift+H", "View", checkable=True),
    ActionSpec("contours", "Contour lines on the surface", "K", "View", checkable=True),
    ActionSpec("tangent_plane", "Tangent plane under the hiker", "P", "View", checkable=True),
    ActionSpec("log_height", "Logarithmic height", "L", "View", checkable=True),
    ActionSpec("momentum_arrow", "Split the step: slope part and momentum part", "V", "View", checkable=True),
    ActionSpec("log_loss", "Logarithmic loss axis in the loss plot", "Shift+L", "View", checkable=True),
    ActionSpec("colormap", "Next colormap", "M", "View"),
    ActionSpec("reset_camera", "Reset the camera", "C", "View"),
    ActionSpec("follow", "Follow the hiker", "T", "View", checkable=True),
    ActionSpec("fullscreen", "Full screen", "F11", "View", checkable=True),
    ActionSpec("presentation", "Presentation mode: large type, only the lesson's panels", "F5", "View", checkable=True),
    ActionSpec("dark_theme", "Dark theme (off: light)", "F6", "View", checkable=True),
    ActionSpec("cheatsheet", "Keyboard shortcuts", "?", "Help", checkable=True),
    ActionSpec("open_lesson", "Open lesson…", "Ctrl+Shift+O", "File"),
    ActionSpec("export_png", "Save the 3D view as PNG…", "Ctrl+S", "File"),
    ActionSpec("export_window", "Save the whole window as PNG…", "Ctrl+Shift+S", "File"),
    ActionSpec("copy_view", "Copy the 3D view to the clipboard", "Ctrl+C", "File"),
    ActionSpec("export_animation", "Export an animation (GIF or APNG)…", "Ctrl+E", "File"),
    ActionSpec("open_scene", "Open scene…", "Ctrl+O", "File"),
    ActionSpec("save_scene", "Save scene…", "Ctrl+Alt+S", "File"),
    ActionSpec("restore_last", "Reopen the last scene on start", "", "File", checkable=True),
    ActionSpec("quit", "Quit", "Ctrl+Q", "File"),
)
MENUS = ("File", "Hike", "Lessons", "Landscape", "Compare", "View", "Help")


def build_actions(window: QtWidgets.QMainWindow, handler: Callable[[str], Callable]) -> dict[str, QtGui.QAction]:
    """One QAction per spec, in its menu, with its shortcut, wired to ``handler(name)``."""
    bar = window.menuBar()
    menus = {name: bar.addMenu(f"&{name}") for name in MENUS}
    window.menus = menus
    actions: dict[str, QtGui.QAction] = {}
    for spec in ACTIONS:
        act = QtGui.QAction(spec.text, window)
        if spec.shortcut:
            act.setShortcut(QtGui.QKeySequence(spec.shortcut))
        act.setCheckable(spec.checkable)
        act.setAutoRepeat(spec.repeat)
        fn = handler(spec.name)
        if spec.checkable:
            act.toggled.connect(fn)
        else:
            act.triggered.connect(lambda _checked=False, f=fn: f())
        menus[spec.menu].addAction(act)
        window.addAction(act)  # shortcuts work even while the menu bar is hidden (full screen)
        actions[spec.name] = act
    return actions


def key_text(shortcut: str) -> str:
    names = {"Right": "→", "Left": "←", "Shift+Right": "Shift + →", "Space": "Space", "PgDown": "Page Down",
             "PgUp": "Page Up"}
    return names.get(shortcut, shortcut.replace("+", " + "))


def cheat_sheet_html(font_px: int = 16) -> str:
    """The shortcut overlay, generated from ACTIONS (two columns, so it fits a projector)."""
    rows = [
        f"<tr><td align=right style='padding-right:14px'><b>{html.escape(key_text(s.shortcut))}</b></td>"
        f"<td>{html.escape(s.text)}</td></tr>"
        for s in ACTIONS
        if s.shortcut
    ]
    half = (len(rows) + 1) // 2
    cols = "".join(
        f"<td valign=top style='padding-right:28px'><table cellspacing=2>{''.join(part)}</table></td>"
        for part in (rows[:half], rows[half:])
    )
    return (
        f"<div style='font-size:{font_px}px'><p style='font-size:{font_px + 4}px'><b>Keys</b></p>"
        f"<table><tr>{cols}</tr></table><p style='color:#bbb'>Press ? again to close</p></div>"
    )
