"""Helpers for the GUI tests: a main window on the test company, typing Chinese."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def ui_settings(tmp_path: Path) -> QSettings:
    """QSettings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, company: Path, tmp_path: Path, settings: QSettings | None = None):
    from jxc_desktop.ui.main_window import MainWindow

    window = MainWindow(str(company), settings or ui_settings(tmp_path))
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def type_text(widget: QWidget, text: str) -> None:
    """Types any text (Chinese too) the way an input method commits it.

    qtbot.keyClicks only handles ASCII; an input-method commit is how Chinese arrives.
    """
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def make_item(code: str, name: str, **extra):
    from jxc_desktop.engine import masterdata as md

    return md.save_item(md.ItemData(code=code, name=name, **extra))
