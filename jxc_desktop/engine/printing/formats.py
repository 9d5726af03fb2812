"""How numbers, dates and flags print on paper: exact, with thousands separators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import money

NUMERIC_KINDS = ("money", "qty", "price", "rate", "int")


def fmt_qty(value) -> str:
    """A quantity without trailing zeros and with separators: '1,234.5'."""
    d = money.qty(value).normalize()
    text = f"{d:,f}"
    return "0" if text in ("-0", "0") else text


def fmt_price(value) -> str:
    """A unit price: at least 2 decimals, up to 6 when the price needs them."""
    d = money.price(value)
    places = max(2, money.places_of(d))
    return f"{money.quantize(d, places):,.{places}f}"


def fmt_rate(value) -> str:
    """A percentage such as a tax rate: '13%', '5.5%'."""
    return fmt_qty(value) + "%"


def fmt_cell(kind: str, value) -> str:
    """A report cell as printed, by the column kind of the report registry."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return money.format_money(value)
    if kind == "qty":
        return fmt_qty(value)
    if kind == "price":
        return fmt_price(value)
    if kind == "rate":
        return fmt_rate(value)
    if kind == "int":
        return f"{int(value):,}"
    if kind == "bool":
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
