"""Writing report rows as a table, JSON, CSV or xlsx, with exact decimal text."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.reports import Column, Report, ReportParams, display

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
    """One cell on its own as people read it (display.cell_text without a column's
    shared decimals): money with separators, rates as percent."""
    return display.cell_text(column, value)


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
    """A plain text table with aligned columns (East Asian wide characters count as 2);
    a registered report as people read it (display.py): its summary rows added, the
    words instead of the codes beside them."""
    import unicodedata

    report = display.report_of(columns)
    if report is not None:
        rows = display.display_rows(report.name, rows)
        columns = display.display_columns(columns, report.name)

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    header = [c.label for c in columns]
    body = display.text_rows(columns, rows)
    widths = [max([width(h)] + [width(b[i]) for b in body]) for i, h in enumerate(header)]

    def line(cells):
        out = []
        for c, cell, w in zip(columns, cells, widths, strict=True):
            pad = " " * (w - width(cell))
            out.append(pad + cell if c.kind in PLACES or c.kind == "int" else cell + pad)
        return "  ".join(out).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(b) for b in body])


def to_xlsx(
    columns: list[Column],
    rows: list[dict],
    path: str,
    title: str = "",
    *,
    report: Report | None = None,
    params: ReportParams | None = None,
    heading: bool = False,
) -> None:
    """An xlsx sheet for people: exact numbers with a fixed-place number format per
    column, and for a registered report (`report`, or the one `columns` belongs to)
    its summary rows in bold and the words instead of codes (display.py).

    With `heading` (the 报表 screen's 导出 Excel) three lines above the column headings
    say what the sheet is: the report's name, the company, its dates (heading_lines).
    `jxc report --format xlsx` keeps its headings on row 1 for the scripts that read it.
    """
    report = report or display.report_of(columns)
    lines: tuple[str, ...] = ()
    if report is not None:
        if heading:
            lines = heading_lines(report, params)
        rows = display.display_rows(report.name, rows, params)
        columns = display.display_columns(columns, report.name)
    from jxc_desktop.engine.excel_export import write_report_sheet

    write_report_sheet(columns, rows, path, title, lines)


def heading_lines(report: Report, params: ReportParams | None) -> tuple[str, str, str]:
    """The report's name, the company and its dates (截至 … or 期间 …) for a sheet's top."""
    from jxc_desktop.engine.company import get_company
    from jxc_desktop.engine.i18n import tr

    label, value = display.when_text(report.name, params)
    return report.title, get_company().name, label + tr("：", ": ") + value
