"""F5 presentation mode and F6 themes, by key: larger type and hiker, only the lesson's panels,
and everything back as it was; the dark theme really darkens the view, the plots and the panels."""

from __future__ import annotations

import numpy as np
from PyQt6 import QtCore, QtWidgets

from tests.app.test_window import is_hiker_colour
from tests.conftest import frame

Key = QtCore.Qt.Key


def hiker_pixels(view) -> int:
    f = frame(view)
    return int(np.sum(np.abs(f.astype(int) - [213, 94, 0]).max(axis=-1) < 40))


def test_f5_presents_the_lesson_large_and_back(qtbot, classroom):
    window, c = classroom
    c.teaching.open_named("right-learning-rate")
    c.actions["lift_fog"].setChecked(True)
    app = QtWidgets.QApplication.instance()
    font, px, marker = app.font().pointSizeF(), window.readout.font_px, window.view.marker_size
    window.formula_dock.show()
    qtbot.keyClick(window, Key.Key_F5)
    assert c.teaching.presenting
    assert app.font().pointSizeF() > 1.3 * font and window.readout.font_px > 1.5 * px
    assert window.view.marker_size > 1.5 * marker
    assert not window.menuBar().isVisible() and not window.formula_dock.isVisible()
    assert {n for n, d in window.panel_docks().items() if d.isVisible()} == {"hikers", "sweep"}
    panel = window.hikers_panel
    assert panel.table.isVisible() and not panel.apply_button.isVisible() and not panel.name.isVisible()
    qtbot.wait(50)
    # the loss plot and the sweep share the width under the mountain: neither is squeezed
    assert abs(window.loss_dock.width() - window.sweep_dock.width()) < 0.25 * window.sweep_dock.width()
    qtbot.keyClick(window, Key.Key_F5)
    assert not c.teaching.presenting
    assert panel.apply_button.isVisible() and panel.name.isVisible()
    assert app.font().pointSizeF() == font and window.readout.font_px == px
    assert window.view.marker_size == marker and window.menuBar().isVisible()
    assert window.formula_dock.isVisible()  # docks as they were before


def test_presentation_on_a_1080p_projector_keeps_the_numbers_readable(qtbot, classroom):
    window, c = classroom
    c.teaching.open_named("hiker-in-the-fog")
    c.actions["lift_fog"].setChecked(True)
    window.resize(1920, 1080)
    qtbot.wait(50)
    disc = hiker_pixels(window.view)
    assert disc > 100
    qtbot.keyClick(window, Key.Key_F5)
    qtbot.wait(50)
    r = window.readout
    assert r.font_px >= 26
    # the update formula (monospace, never wrapped) fits the readout: nothing cut off at the right
    from PyQt6 import QtGui

    from foghike.app.readout import update_lines

    mono = QtGui.QFont("DejaVu Sans Mono")
    mono.setPixelSize(r.font_px)
    widest = max(QtGui.QFontMetrics(mono).horizontalAdvance(line) for line in update_lines(c.scene.hikes[0]))
    assert widest + 2 * r.margin() <= r.width()
    x, y = window.view.to_pixels(window.view.hiker_point(0))[0]
    assert window.view.width() > 900 and 0 < x < window.view.width() and 0 < y < window.view.height()
    assert hiker_pixels(window.view) > 1.8 * disc  # the hiker is bigger on screen


def test_f6_switches_to_the_dark_theme_and_back(qtbot, classroom, settings):
    window, _c = classroom
    light_sky = frame(window.view)[3, 3].astype(int)
    qtbot.keyClick(window, Key.Key_F6)
    dark_sky = frame(window.view)[3, 3].astype(int)
    assert light_sky.mean() > 180 and dark_sky.mean() < 60
    assert window.map.backgroundBrush().color().lightness() < 60
    assert QtWidgets.QApplication.instance().palette().window().color().lightness() < 60
    assert settings.value("view/theme") == "dark"
    from tests.app.test_window import marker_pixel

    x, y = marker_pixel(window.view)
    assert is_hiker_colour(frame(window.view)[y, x])  # the hiker keeps its colour
    qtbot.keyClick(window, Key.Key_F6)
    assert frame(window.view)[3, 3].astype(int).mean() > 180
    assert settings.value("view/theme") == "light"


def test_page_down_while_presenting_then_f5_shows_the_new_lessons_panels(qtbot, classroom):
    window, c = classroom
    c.teaching.open_named("hiker-in-the-fog")
    qtbot.keyClick(window, Key.Key_F5)
    for _ in range(3):
        qtbot.keyClick(window, Key.Key_PageDown)  # → right-learning-rate, still presenting
    assert c.teaching.lesson.id == "right-learning-rate" and not window.lesson_dock.isVisible()
    assert {n for n, d in window.panel_docks().items() if d.isVisible()} == {"hikers", "sweep"}
    qtbot.keyClick(window, Key.Key_F5)
    assert window.lesson_dock.isVisible()
    assert {n for n, d in window.panel_docks().items() if d.isVisible()} == {"hikers", "sweep"}
