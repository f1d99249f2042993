"""The narrative pane beside the view: the lesson's story, what to notice, the keys to press,
and the way to the previous and next lesson (PageUp / PageDown)."""

from __future__ import annotations

import html

from PyQt6 import QtCore, QtWidgets

from foghike.core.lesson import Lesson

from .actions import ACTIONS, key_text

SPECS = {s.name: s for s in ACTIONS}


def lesson_html(lesson: Lesson, index: int, count: int, font_px: int = 16) -> str:
    """The pane's text: title, narrative, prompts and keys (each key from the action table)."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in lesson.narrative)
    notice = "".join(f"<li>{html.escape(n)}</li>" for n in lesson.notice)
    keys = "".join(
        f"<tr><td align=right style='padding-right:10px'><b>{html.escape(key_text(SPECS[k].shortcut))}</b></td>"
        f"<td>{html.escape(SPECS[k].text)}</td></tr>"
        for k in lesson.keys
        if k in SPECS and SPECS[k].shortcut
    )
    where = f"lesson {index + 1} of {count}" if index >= 0 else html.escape(lesson.source or "your lesson")
    return (
        f"<div style='font-size:{font_px}px'>"
        f"<p style='font-size:{font_px + 5}px;margin-bottom:2px'><b>{html.escape(lesson.title)}</b></p>"
        f"<p style='color:gray;margin-top:0'>{where}</p>{paras}"
        + (f"<p><b>What to notice</b></p><ul>{notice}</ul>" if notice else "")
        + (f"<p><b>Keys</b></p><table>{keys}</table>" if keys else "")
        + "</div>"
    )


class LessonPane(QtWidgets.QWidget):
    """Shows one lesson; the controller sets it and connects the two buttons."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.text = QtWidgets.QTextBrowser()
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        row = QtWidgets.QHBoxLayout()
        self.prev_button = QtWidgets.QPushButton("◀ Previous (PgUp)")
        self.next_button = QtWidgets.QPushButton("Next (PgDown) ▶")
        for b in (self.prev_button, self.next_button):
            b.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # keys stay with the window's actions
            row.addWidget(b)
        layout.addLayout(row)
        self.text.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.lesson: Lesson | None = None
        self.font_px = 16
        self._where = (-1, 0)

    def set_lesson(self, lesson: Lesson, index: int, count: int) -> None:
        self.lesson, self._where = lesson, (index, count)
        self.text.setHtml(lesson_html(lesson, index, count, self.font_px))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < count - 1)

    def set_font_size(self, px: int) -> None:
        self.font_px = px
        if self.lesson is not None:
            self.set_lesson(self.lesson, *self._where)
