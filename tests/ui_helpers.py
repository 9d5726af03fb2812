"""Helpers for the GUI tests: a main window on the test company, typing Chinese."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError as QtBotTimeout


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
    try:
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    except QtBotTimeout:
        pass  # only the focus and shortcut tests need it; they assert on their own
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


ITEM_COLUMNS = (
    "code",
    "name",
    "spec",
    "item_type",
    "base_unit_id",
    "tax_rate",
    "purchase_price",
    "sale_price",
    "valuation_method",
    "batch_managed",
    "serial_managed",
    "safety_stock",
    "max_stock",
    "source",
    "lead_time_days",
    "lot_rule",
    "lot_size",
    "min_order_qty",
    "active",
    "created_at",
)


def bulk_items(count: int) -> None:
    """Many items by raw executemany (scaled integers: sale price n.00 yuan = n * 1e6)."""
    from jxc_desktop.models.db import bulk_insert, write_transaction
    from jxc_desktop.models.masterdata import Unit

    unit = Unit.get(Unit.name == "个").id
    rows = [
        (f"I{n:07d}", f"商品{n % 997}", "", "goods", unit, 130000, 0, n * 1_000_000)
        + ("moving_average", 0, 0, 0, 0, "purchase", 0, "lot_for_lot", 0, 0, 1)
        + ("2026-01-01 00:00:00",)
        for n in range(count)
    ]
    with write_transaction():
        bulk_insert("item", ITEM_COLUMNS, rows)
