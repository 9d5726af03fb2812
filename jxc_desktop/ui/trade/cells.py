"""How trade forms and lists show numbers and statuses, and read typed cells back.

Money: right-aligned, thousands separators, 2 decimals. Prices: what was entered, up to
6 decimals, at least 2, no trailing noise (8.10, 8.125). Quantities: no trailing zeros.
Tax rates: "13%". Typed cells are read exactly (separators and % are dropped first).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import PRICE_PLACES, D, format_money, format_qty, quantize

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fmt_price(value) -> str:
    """8.1 → '8.10', 8.125 → '8.125', 1234.5 → '1,234.50' (never 1E+1)."""
    if value is None or value == "":
        return ""
    d = quantize(D(value), PRICE_PLACES)
    text = f"{d:,.{PRICE_PLACES}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(2, "0")
    return f"{whole}.{frac}"


def fmt_rate(value) -> str:
    """13 → '13%', 9.5 → '9.5%'."""
    if value is None or value == "":
        return ""
    return format_qty(value) + "%"


def fmt_qty(value) -> str:
    return format_qty(value)


def fmt_money(value) -> str:
    return format_money(value)


def plain(text: str) -> str:
    """A typed cell as the engine reads it: '1,234.50' → '1234.50', '13%' → '13'."""
    return (text or "").replace(",", "").replace("%", "").strip()


def number(text: str) -> Decimal | None:
    """The exact decimal in a cell, or None when it is not one."""
    try:
        return D(plain(text))
    except Exception:  # noqa: BLE001 - a half-typed cell is simply not a number yet
        return None


def cell(text, right: bool = False, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(RIGHT)
    return item


def status_label(status: str) -> str:
    return {
        "draft": tr("草稿", "Draft"),
        "approved": tr("已审核", "Approved"),
        "void": tr("已作废", "Void"),
    }[status]
