"""Writing report rows as a table, JSON, CSV or xlsx, with exact decimal text."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.reports import Column

PLACES = {"money": 2, "qty": 4, "price": 6, "rate": 4}


def plain_value(column: Column, value):
    """The JSON/CSV form: decimals as fixed-place strings, dates as ISO text."""
    if value is None:
        return None if column.kind in PLACES else ""
    if column.kind in PLACES:
        return money.format_plain(value, PLACES[column.kind])
    if isinstance(value, bool):
        return value  # JSON true/false; CSV writes it as text below
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def display_value(column: Column, value) -> str:
    """The on-screen / table form: money with thousands separators."""
    if value is None:
        return ""
    if column.kind == "money":
        return money.format_money(value)
    if column.kind == "qty":
        return money.format_qty(value)
    if column.kind == "bool":
        return "✓" if value else ""
    return str(plain_value(column, value))


def to_json(columns: list[Column], rows: list[dict]) -> str:
    by_key = {c.key: c for c in columns}
    out = []
    for row in rows:
        out.append({k: plain_value(by_key.get(k, Column(k, k, k)), v) for k, v in row.items()})
    return json.dumps(out, ensure_ascii=False, indent=1)


def to_csv(columns: list[Column], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([c.key for c in columns])
    for row in rows:
        values = [plain_value(c, row.get(c.key)) for c in columns]
        writer.writerow(["true" if v is True else "false" if v is False else v for v in values])
    return buf.getvalue()


def to_table(columns: list[Column], rows: list[dict]) -> str:
    """A plain text table with aligned columns (East Asian wide characters count as 2)."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    header = [c.label for c in columns]
    body = [[display_value(c, r.get(c.key)) for c in columns] for r in rows]
    widths = [max([width(h)] + [width(b[i]) for b in body]) for i, h in enumerate(header)]

    def line(cells):
        out = []
        for c, cell, w in zip(columns, cells, widths, strict=True):
            pad = " " * (w - width(cell))
            out.append(pad + cell if c.kind in PLACES or c.kind == "int" else cell + pad)
        return "  ".join(out).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(b) for b in body])


def to_xlsx(columns: list[Column], rows: list[dict], path: str, title: str = "") -> None:
    """An xlsx sheet; decimals go in as exact numbers with a fixed-place number format."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=(title or "report")[:31])
    ws.append([c.label for c in columns])
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c.key)
            if c.kind in PLACES and v is not None:
                cells.append(Decimal(money.format_plain(v, PLACES[c.kind])))
            elif hasattr(v, "isoformat"):
                cells.append(v)
            else:
                cells.append(v)
        ws.append(cells)
    wb.save(path)
