"""Any registered report as a PDF: fitted columns, right-aligned numbers, page numbers.

The paper turns to landscape when the columns need more room than a portrait A4 gives
(or there are many of them), and the font steps down a little before numbers would
have to wrap. The filters the report was run with are printed under the title.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing.formats import NUMERIC_KINDS
from jxc_desktop.engine.printing.layout import MARGIN_X, PageSetup, body_width, build_pdf
from jxc_desktop.engine.printing.tables import (
    TableColumn,
    data_table,
    fields_grid,
    measure_columns,
    para,
    raw_widths,
)
from jxc_desktop.engine.reports import Report, ReportParams
from jxc_desktop.engine.reports.display import (
    display_columns,
    display_rows,
    is_empty_column,
    is_summary,
    period_text,
    text_rows,
    when_text,
)

SIZES = (8.5, 8, 7.5, 7, 6.5, 6)  # font sizes tried, largest first
MANY_COLUMNS = 9  # from this many columns a report prints landscape


def render_report(
    report: Report, rows: list[dict], params: ReportParams | None, path: str | Path
) -> Path:
    """Writes `rows` of `report` (as its run() returns them) as a PDF at `path`, as
    people read it (reports/display.py): its summary rows shaded, words instead of
    codes, one number of decimals per column, rates as percent."""
    params = params or ReportParams()
    shown = display_rows(report.name, rows, params)
    report_columns = [
        c for c in display_columns(report.columns, report.name) if not is_empty_column(c, rows)
    ]
    columns = [_table_column(c) for c in report_columns]
    body = text_rows(report_columns, shown)
    wide, size = choose_layout(columns, body)
    setup = PageSetup(company=get_company().name, title=report.title, landscape=wide)
    width = body_width(setup)
    pairs = filter_summary(params, len(rows), report.name)
    story = [fields_grid(pairs, width, per_row=3), Spacer(1, 3 * mm)]
    if body:
        shaded = [n for n, row in enumerate(shown) if is_summary(row)]
        story.append(data_table(columns, body, width, size=size, shaded=shaded))
    else:
        story.append(para(tr("（无数据）", "(no rows)"), 9))
    build_pdf(path, setup, story)
    return Path(path)


def _table_column(column) -> TableColumn:
    return TableColumn(
        column.label,
        numeric=column.kind in NUMERIC_KINDS,
        centred=column.kind in ("date", "bool"),
    )


def choose_layout(columns: list[TableColumn], body: list[list[str]]) -> tuple[bool, float]:
    """(landscape?, font size): portrait when it fits, else landscape; then a smaller font."""
    portrait = A4[0] - 2 * MARGIN_X
    wide = landscape(A4)[0] - 2 * MARGIN_X
    raw = raw_widths(body)
    natural, _ = measure_columns(columns, raw, SIZES[0])
    is_wide = len(columns) >= MANY_COLUMNS or sum(natural) > portrait
    available = wide if is_wide else portrait
    for size in SIZES:
        _, minimum = measure_columns(columns, raw, size)
        if sum(minimum) <= available:
            return is_wide, size
    return is_wide, SIZES[-1]


def filter_summary(
    params: ReportParams, count: int, name: str | None = None
) -> list[tuple[str, str]]:
    """The filters as label/value pairs; every report shows its dates (截至 the as-of
    date for a report of balances on one day, else its period) and row count."""
    if name is None:
        pairs = [(tr("期间", "Period"), period_text(params.date_from, params.date_to))]
    else:
        pairs = [when_text(name, params)]
    named = (
        (tr("商品", "Item"), params.item),
        (tr("仓库", "Warehouse"), params.warehouse),
        (tr("往来单位", "Partner"), params.partner),
    )
    pairs += [(label, value) for label, value in named if value]
    pairs += [(str(k), str(v)) for k, v in (params.extra or {}).items() if v not in (None, "")]
    pairs.append((tr("行数", "Rows"), f"{count:,}"))
    return pairs
