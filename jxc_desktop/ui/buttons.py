"""Small builders the tabs share: a named button wired to its slot, a figure shown as a
link (the 首页 counts and amounts), and a row of widgets pushed to the left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button(text: str, slot, name: str) -> QPushButton:
    """A push button with an object name (what tests and style sheets find it by)."""
    b = QPushButton(text)
    b.setObjectName(name)
    b.clicked.connect(slot)
    return b


def link_button(slot, name: str, tooltip: str) -> QPushButton:
    """A figure ("…" until it is read) that opens what it counts: a flat button the
    首页 style sheet underlines like a link (its homeAlert property)."""
    b = button("…", slot, name)
    b.setProperty("homeAlert", True)
    b.setFlat(True)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setToolTip(tooltip)
    return b


def row_box(*widgets) -> QHBoxLayout:
    """The widgets side by side, the spare width after them."""
    box = QHBoxLayout()
    for w in widgets:
        box.addWidget(w)
    box.addStretch(1)
    return box
