"""Summary rows of the stock reports, for people (screen, paper, xlsx; never JSON/CSV).

- 出入库明细账 (stock-ledger): per item and warehouse a 期初余额 row (the balance before
  the first move shown), its moves, then 本期收入, 本期发出 and 期末余额. In and out are
  counted the way 收发存汇总 counts them: a reversal or a negative-stock true-up counts
  with the move it corrects (un-approving a receipt lowers 本期收入), a zero-quantity
  cost adjustment counts as in. So 期初 + 收入 + 发出 = 期末 for every group, and the
  figures agree with 收发存汇总 for the same dates.
- 收发存汇总 (stock-summary): rows grouped by item category, a 小计 per category and a
  合计 of everything.
- 呆滞料分析 (slow-moving): a 合计 row with the slow stock's value and its share of the
  whole stock value.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import money
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.display import SUMMARY, register_display

ZERO = Decimal(0)


# ---------------------------------------------------------------- stock ledger


def _is_in(row: dict) -> bool:
    """In or out as 收发存汇总 counts it: a reversal by the move it reverses."""
    qty = -row["qty"] if row.get("reversal") else row["qty"]
    return qty >= 0


def _group_of(row: dict) -> tuple:
    return row.get("item"), row.get("warehouse")


def _ledger_line(first: dict, kind: str, label: str, date=None, **figures) -> dict:
    return {
        SUMMARY: kind,
        "date": date,
        "number": label,
        "item": first.get("item"),
        "name": first.get("name"),
        "warehouse": first.get("warehouse"),
        "warehouse_label": first.get("warehouse_label"),
        **figures,
    }


def _ledger_group(moves: list[dict], params: ReportParams | None) -> list[dict]:
    first, last = moves[0], moves[-1]
    in_qty = in_value = out_qty = out_value = ZERO
    for row in moves:
        if _is_in(row):
            in_qty, in_value = in_qty + row["qty"], in_value + row["value"]
        else:
            out_qty, out_value = out_qty + row["qty"], out_value + row["value"]
    start = params.date_from if params else None
    end = params.date_to if params else None
    opening = _ledger_line(
        first,
        "opening",
        tr("期初余额", "Opening balance"),
        start,
        balance_qty=first["balance_qty"] - first["qty"],
        balance_value=first["balance_value"] - first["value"],
    )
    totals = [
        _ledger_line(first, "in", tr("本期收入", "In"), qty=in_qty, value=in_value),
        _ledger_line(first, "out", tr("本期发出", "Out"), qty=out_qty, value=out_value),
        _ledger_line(
            first,
            "closing",
            tr("期末余额", "Closing balance"),
            end,
            balance_qty=last["balance_qty"],
            balance_value=last["balance_value"],
        ),
    ]
    # a cost adjustment or true-up moves no quantity: no unit cost to show (the JSON
    # keeps its 0.000000)
    shown = [row if row["qty"] else {**row, "unit_cost": None} for row in moves]
    return [opening, *shown, *totals]


def ledger_display(rows: list[dict], params: ReportParams | None) -> list[dict]:
    """The ledger's moves framed per item and warehouse by opening and closing rows."""
    out: list[dict] = []
    group: list[dict] = []
    for row in rows:
        if group and _group_of(row) != _group_of(group[0]):
            out += _ledger_group(group, params)
            group = []
        group.append(row)
    if group:
        out += _ledger_group(group, params)
    return out


# ---------------------------------------------------------------- 收发存汇总

SUMMED = (
    "opening_qty",
    "opening_value",
    "in_qty",
    "in_value",
    "out_qty",
    "out_value",
    "closing_qty",
    "closing_value",
)


def _sums(rows: list[dict]) -> dict:
    return {key: sum((r[key] for r in rows), ZERO) for key in SUMMED}


def summary_display(rows: list[dict], params: ReportParams | None) -> list[dict]:
    """收发存汇总 by item category, a 小计 row after each and a 合计 row at the end."""
    if not rows:
        return rows
    by_category: dict[str, list[dict]] = {}
    for row in rows:
        by_category.setdefault(row.get("category") or "", []).append(row)
    out = []
    # named categories in name order, items without one last
    for category in sorted(by_category, key=lambda c: (c == "", c)):
        members = by_category[category]
        shown = category or tr("未分类", "Uncategorised")
        out += members
        out.append(
            {
                SUMMARY: "subtotal",
                "name": tr("{c} 小计", "{c} subtotal", c=shown),
                "category": shown,
                **_sums(members),
            }
        )
    out.append({SUMMARY: "total", "name": tr("合计", "Total"), **_sums(rows)})
    return out


# ---------------------------------------------------------------- 呆滞料


def slow_moving_display(rows: list[dict], params: ReportParams | None) -> list[dict]:
    """The slow-moving rows and a 合计: their value and its share of all stock value."""
    if not rows:
        return rows
    from jxc_desktop.engine.reports.stock_alerts import stock_value

    value = sum((r["value"] for r in rows), ZERO)
    whole = stock_value()
    share = money(value * 100 / whole) if whole else ZERO
    total = {SUMMARY: "total", "name": tr("合计", "Total"), "value": value, "share": share}
    return [*rows, total]


register_display("stock-ledger", ledger_display, trailing=("external_number", "reversal", "trueup"))
register_display("stock-summary", summary_display)
register_display("slow-moving", slow_moving_display)
