"""Two small builders the tabs share: a named button wired to its slot, and a row of
widgets pushed to the left."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button(text: str, slot, name: str) -> QPushButton:
    """A push button with an object name (what tests and style sheets find it by)."""
    b = QPushButton(text)
    b.setObjectName(name)
    b.clicked.connect(slot)
    return b


def row_box(*widgets) -> QHBoxLayout:
    """The widgets side by side, the spare width after them."""
    box = QHBoxLayout()
    for w in widgets:
        box.addWidget(w)
    box.addStretch(1)
    return box
