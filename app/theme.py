"""The light theme (bright rooms, printing) and the dark theme (a dim lecture hall).

A theme sets Qt's palette for every widget, the plots' backgrounds and axes, the 3D view's
sky (the colour the atmospheric fog fades into) and the readout's colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyqtgraph as pg
from PyQt6 import QtGui, QtWidgets


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # panel background
    base: str  # text-field background
    text: str
    muted: str  # labels beside the numbers
    plot_bg: str
    plot_fg: str
    sky: tuple[float, float, float]
    axes: str  # the 3D view's frame and labels
    status: dict[str, str] = field(default_factory=dict)  # readable status colours on this background


LIGHT = Theme(
    "light",
    "#f0f0f0",
    "#ffffff",
    "#101114",
    "#555555",
    "#ffffff",
    "#303236",
    (0.87, 0.90, 0.93),
    "#1e2024",
    {"descending": "#1b7a3a", "converged": "#0b5394", "bouncing": "#b45f06", "diverged": "#c00000"},
)
DARK = Theme(
    "dark",
    "#202227",
    "#15171b",
    "#eceef2",
    "#a9adb6",
    "#15171b",
    "#d8dbe0",
    (0.10, 0.12, 0.16),
    "#e4e7ec",
    {"descending": "#5ad17f", "converged": "#6fb4ff", "bouncing": "#ffb35c", "diverged": "#ff6b6b"},
)
THEMES = {"light": LIGHT, "dark": DARK}


def palette(theme: Theme) -> QtGui.QPalette:
    p = QtGui.QPalette()
    R = QtGui.QPalette.ColorRole
    for role, colour in (
        (R.Window, theme.window),
        (R.Base, theme.base),
        (R.AlternateBase, theme.window),
        (R.Button, theme.window),
        (R.WindowText, theme.text),
        (R.Text, theme.text),
        (R.ButtonText, theme.text),
        (R.ToolTipBase, theme.base),
        (R.ToolTipText, theme.text),
        (R.PlaceholderText, theme.muted),
    ):
        p.setColor(role, QtGui.QColor(colour))
    p.setColor(R.Highlight, QtGui.QColor("#0072b2"))
    p.setColor(R.HighlightedText, QtGui.QColor("#ffffff"))
    return p


def apply_theme(window: QtWidgets.QMainWindow, theme: Theme) -> None:
    """Every widget of the window in this theme's colours."""
    app = QtWidgets.QApplication.instance()
    app.setStyle("Fusion")  # the platform style ignores palettes; Fusion honours them everywhere
    app.setPalette(palette(theme))
    for plot in window.findChildren(pg.PlotWidget):
        plot.setBackground(theme.plot_bg)
        for name in ("bottom", "left"):
            ax = plot.getPlotItem().getAxis(name)
            ax.setPen(pg.mkPen(theme.plot_fg))
            ax.setTextPen(pg.mkPen(theme.plot_fg))
    window.readout.set_colours(theme.muted, theme.status)
    window.hikers_panel.set_status_colours(theme.status)
    window.sweep_panel.label_colour = theme.text
    window.sweep_panel.curve.setPen(pg.mkPen(theme.plot_fg, width=2.5))
    for label in window.sweep_panel.region_labels:
        label.setColor(theme.text)
    if window.view is not None:
        window.view.set_sky(theme.sky, QtGui.QColor(theme.axes))


def style_axes(plot_item: pg.PlotItem, px: int) -> None:
    """Bottom and left axes with tick labels at ``px``, names 2 px larger, and the plain numbers a
    student reads off the readout: no SI prefix (pyqtgraph would show 0.157 as 157 on "loss (x0.001)")."""
    for name in ("bottom", "left"):
        ax = plot_item.getAxis(name)
        # pyqtgraph 0.14's enableAutoSIPrefix(False) still scales the ticks (and then hides the
        # "(x0.001)"), so 0.8 read 800: no range where a prefix applies, then off
        if hasattr(ax, "setSIPrefixEnableRanges"):
            ax.setSIPrefixEnableRanges(())
        ax.enableAutoSIPrefix(False)
        ax.setTickFont(QtGui.QFont("DejaVu Sans", px))
        ax.label.setFont(QtGui.QFont("DejaVu Sans", px + 2))
