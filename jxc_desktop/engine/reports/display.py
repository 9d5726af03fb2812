"""The display layer of reports: what people see on screen, on paper and in xlsx.

A report's rows (`Report.run`) are the machine contract: JSON and CSV print them as they
are, one row per record with its stable keys. People get a little more:
- summary rows a report registers here (opening and closing balances of the stock
  ledger, category subtotals of 收发存汇总, a total of 呆滞料), marked with the key
  `SUMMARY` so every output can style them and no script ever sees them;
- the words instead of a code when the report carries both (`kind` / `kind_label`);
- one number of decimals per column (unit costs 2 places when every value fits, else up
  to 4 for every row; quantities as many places as the longest needs);
- rates as percentages with 2 decimals ("10.71%").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import REPORTS, Column, Report, ReportParams

# The key that marks a display-only row; its value says which kind of summary it is:
# opening / in / out / closing (stock ledger), subtotal / total (summaries).
SUMMARY = "_summary"

RowsFn = Callable[[list[dict], ReportParams | None], list[dict]]


@dataclass(frozen=True)
class Display:
    rows: RowsFn | None = None
    # columns moved to the end on screen and paper (rarely filled, they pushed the
    # quantities and values off a 1500 px screen)
    trailing: tuple[str, ...] = ()


DISPLAYS: dict[str, Display] = {}


def register_display(name: str, rows: RowsFn | None = None, trailing: tuple = ()) -> None:
    """Adds summary rows (`rows(report_rows, params)`) and a column order to report `name`."""
    DISPLAYS[name] = Display(rows, tuple(trailing))


def is_summary(row: dict) -> bool:
    return bool(row.get(SUMMARY))


def report_of(columns: list[Column]) -> Report | None:
    """The registered report whose column list this is (the CLI's table and xlsx writers
    get `report.columns` itself), or None for an ad-hoc column list."""
    return next((r for r in REPORTS.values() if r.columns is columns), None)


def display_rows(name: str, rows: list[dict], params: ReportParams | None = None) -> list[dict]:
    """The report's rows with its summary rows added (the rows themselves unchanged)."""
    spec = DISPLAYS.get(name)
    if spec is None or spec.rows is None:
        return rows
    return spec.rows(rows, params)


def totals_display(*keys: str, label: str = "name") -> RowsFn:
    """Summary rows for a list of balances: the rows, then a 合计 row adding up `keys`
    (its words in column `label`)."""

    def rows_fn(rows: list[dict], _params: ReportParams | None) -> list[dict]:
        if not rows:
            return rows
        total: dict = {SUMMARY: "total", label: tr("合计", "Total")}
        for key in keys:
            total[key] = sum((r[key] for r in rows if r.get(key) is not None), Decimal("0.00"))
        return [*rows, total]

    return rows_fn


def when_text(name: str, params: ReportParams | None) -> tuple[str, str]:
    """The dates a report was run for, as a label and a value: 截至 its as-of date for a
    report of balances on one day (应收账龄, 库存余额), else 期间 from / to."""
    from jxc_desktop.engine.reports.filters import filters_of

    params = params or ReportParams()
    if "as_of" in filters_of(name).keys:
        if params.date_to:
            return tr("截至", "As of"), params.date_to.isoformat()
        today = dt.date.today().isoformat()
        return tr("截至", "As of"), tr("当前（{d}）", "now ({d})", d=today)
    return tr("期间", "Period"), period_text(params.date_from, params.date_to)


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return tr("{a} 至 {b}", "{a} to {b}", a=start.isoformat(), b=end.isoformat())
    if start:
        return tr("{a} 起", "from {a}", a=start.isoformat())
    if end:
        return tr("截至 {b}", "up to {b}", b=end.isoformat())
    return tr("全部", "all")


CODED = {"kind", "stage", "status", "type"}


def has_label_beside(key: str, keys: set[str]) -> bool:
    """A value code with its readable label beside it (kind / kind_label): people see
    the label only; item and account codes stay, they are what users search by."""
    return f"{key}_label" in keys or (key in CODED and f"{key}_name" in keys)


def display_columns(columns: list[Column], name: str | None = None) -> list[Column]:
    """The columns people see: a code with its label beside it left out, and the
    report's rarely filled columns moved to the end."""
    keys = {c.key for c in columns}
    shown = [c for c in columns if not has_label_beside(c.key, keys)]
    trailing = DISPLAYS[name].trailing if name in DISPLAYS else ()
    if trailing:
        shown = [c for c in shown if c.key not in trailing] + [
            c for c in shown if c.key in trailing
        ]
    return shown


def is_empty_column(column: Column, rows: list[dict]) -> bool:
    """A text or flag column with nothing in any row (no batches, no external numbers):
    screen and paper leave it out; numbers always show, a 0 is information."""
    return (
        bool(rows)
        and column.kind in ("text", "bool")
        and not any(row.get(column.key) for row in rows)
    )


# ---------------------------------------------------------------- numbers

PRICE_PLACES = (2, 4)  # unit prices and costs on screen: at least 2, at most 4 places
QTY_PLACES = 4
RATE_PLACES = 2


_BOUNDS = {"price": PRICE_PLACES, "qty": (0, QTY_PLACES)}  # (least, most) places


def _needed(value, most: int) -> int:
    return min(most, money.places_of(money.quantize(Decimal(value), most)))


def column_places(columns: list[Column], rows: list[dict]) -> dict[str, int]:
    """Decimal places each price and quantity column shows, the same for every row: the
    most any of its values needs (prices 2 to 4, quantities 0 to 4)."""
    out = {}
    for c in columns:
        if c.kind not in _BOUNDS:
            continue
        places, most = _BOUNDS[c.kind]
        # distinct values only: a ledger of 200,000 rows has a few thousand quantities
        for value in {row.get(c.key) for row in rows}:
            if places >= most:
                break
            if value is not None and value != "":
                places = max(places, _needed(value, most))
        out[c.key] = places
    return out


def cell_text(column: Column, value, places: dict[str, int] | None = None) -> str:
    """A cell as people read it: separators, the column's decimals, rates as percent."""
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind == "money":
        return money.format_money(value)
    if kind in _BOUNDS:
        shown = (places or {}).get(column.key)
        if shown is None:  # one cell on its own: as many places as it needs
            least, most = _BOUNDS[kind]
            shown = max(least, _needed(value, most))
        return money.format_money(value, shown)
    if kind == "rate":
        return money.format_money(value, RATE_PLACES) + "%"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "bool":
        return "✓" if value else ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def text_rows(columns: list[Column], rows: list[dict]) -> list[list[str]]:
    """Every cell of `rows` as text, with one number of decimals per column."""
    places = column_places(columns, rows)
    return [[cell_text(c, row.get(c.key), places) for c in columns] for row in rows]
