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
from jxc_desktop.engine.money import from_scaled, money
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


def _ledger_line(head: dict, kind: str, label: str, date=None, **figures) -> dict:
    return {
        SUMMARY: kind,
        "date": date,
        "number": label,
        "item": head.get("item"),
        "name": head.get("name"),
        "spec": head.get("spec"),
        "warehouse": head.get("warehouse"),
        "warehouse_label": head.get("warehouse_label"),
        **figures,
    }


def _ledger_group(head: dict, moves: list[dict], opening: tuple, params) -> list[dict]:
    """期初余额, the moves, 本期收入, 本期发出, 期末余额 of one item × warehouse."""
    in_qty = in_value = out_qty = out_value = ZERO
    for row in moves:
        if _is_in(row):
            in_qty, in_value = in_qty + row["qty"], in_value + row["value"]
        else:
            out_qty, out_value = out_qty + row["qty"], out_value + row["value"]
    closing = (moves[-1]["balance_qty"], moves[-1]["balance_value"]) if moves else opening
    start = params.date_from if params else None
    end = params.date_to if params else None
    lines = [
        _ledger_line(
            head,
            "opening",
            tr("期初余额", "Opening balance"),
            start,
            balance_qty=opening[0],
            balance_value=opening[1],
        ),
        # a cost adjustment or true-up moves no quantity: no unit cost to show (the
        # JSON keeps its 0.000000)
        *(row if row["qty"] else {**row, "unit_cost": None} for row in moves),
        _ledger_line(head, "in", tr("本期收入", "In"), qty=in_qty, value=in_value),
        _ledger_line(head, "out", tr("本期发出", "Out"), qty=out_qty, value=out_value),
        _ledger_line(
            head,
            "closing",
            tr("期末余额", "Closing balance"),
            end,
            balance_qty=closing[0],
            balance_value=closing[1],
        ),
    ]
    return lines


def _groups(rows: list[dict]) -> dict[tuple, list[dict]]:
    """The moves by item × warehouse, in the ledger's order (item, warehouse, time)."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(_group_of(row), []).append(row)
    return groups


def _idle_openings(params: ReportParams, busy: set) -> dict[tuple, tuple]:
    """For a one-item ledger from a date: the warehouses holding the item then with no
    move in the range, (item, warehouse) -> (head, opening qty, value)."""
    from jxc_desktop.engine.reports.stock import _filters
    from jxc_desktop.models.db import execute

    cond, args = _filters(params, "m", dates=(None, params.date_from))
    rows = execute(
        "SELECT i.code, i.name, i.spec, w.code, w.name, SUM(m.qty), SUM(m.value) "
        "FROM stock_move m JOIN item i ON i.id = m.item_id "
        "JOIN warehouse w ON w.id = m.warehouse_id "
        f"WHERE m.date < ? {cond} GROUP BY i.code, i.name, i.spec, w.code, w.name",
        [str(params.date_from), *args],
    ).fetchall()
    out = {}
    for code, name, spec, wh, wh_name, qty, value in rows:
        if (code, wh) not in busy and (qty or value):
            head = {
                "item": code,
                "name": name,
                "spec": spec or "",
                "warehouse": wh,
                "warehouse_label": wh_name,
            }
            out[code, wh] = (head, from_scaled(qty, 4), from_scaled(value, 2))
    return out


def ledger_display(rows: list[dict], params: ReportParams | None) -> list[dict]:
    """The ledger's moves framed per item and warehouse by opening and closing rows;
    asked for one item from a date, also the warehouses that held it without a move."""
    groups = _groups(rows)
    heads = {key: (moves[0], _opening_of(moves[0])) for key, moves in groups.items()}
    if params and params.item and params.date_from:
        idle = _idle_openings(params, set(groups))
        for key, (head, qty, value) in idle.items():
            groups[key], heads[key] = [], (head, (qty, value))
        if idle:  # in the ledger's order: item, then warehouse code
            groups = dict(sorted(groups.items()))
    out: list[dict] = []
    for key, moves in groups.items():
        head, opening = heads[key]
        out += _ledger_group(head, moves, opening, params)
    return out


def _opening_of(first: dict) -> tuple:
    """The balance before a move: its running balance less the move itself."""
    return first["balance_qty"] - first["qty"], first["balance_value"] - first["value"]


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
# the category shows in its 小计 rows: its own column goes to the end, so the closing
# value stays on a 1200 px screen beside the 规格型号 that tells like-named items apart
register_display("stock-summary", summary_display, trailing=("category",))
register_display("slow-moving", slow_moving_display)
