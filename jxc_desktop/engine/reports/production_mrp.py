"""MRP reports: mrp-plan (the planned orders), mrp-record (one item, by day or week) and
mrp-actions (messages for open orders).

mrp-plan: `net` is the need (demand and safety stock), `qty` the planned quantity after
the lot-size rule (the `jxc mrp run` key), `purchase_qty` / `purchase_unit` what firming
orders and `order_qty` that in base units.

mrp-record keys: period_start, gross, scheduled_receipts, projected_on_hand, net,
planned_receipts, planned_releases. A week starts on Monday; a receipt is available on
the day it is due (netting is daily, buckets only add up days); projected_on_hand is
the figure at the end of the period, planned receipts included; a release that falls
before the first period (past due) is shown in the first period. Planning covers
every open demand; --from/--to only choose the periods shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.engine.reports.production import require_item


def _buckets(start: dt.date, end: dt.date, bucket: str) -> list[dt.date]:
    if bucket == "week":
        first = start - dt.timedelta(days=start.weekday())
        step = 7
    else:
        first, step = start, 1
    out = []
    day = first
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=step)
    return out


def _sum_in(pairs, lo: dt.date, hi: dt.date) -> Decimal:
    return sum((q for d, q in pairs if lo <= d < hi), Decimal(0))


def record_rows(params: ReportParams) -> list[dict]:
    """The MRP record of --item by --bucket day|week from --from to --to."""
    from jxc_desktop.engine.production.mrp import run_mrp

    item = require_item(params.item)
    bucket = params.extra.get("bucket") or "week"
    if bucket not in ("day", "week"):
        raise JxcError(tr("--bucket 应为 day 或 week", "--bucket must be day or week"))
    start = params.date_from or dt.date.today()
    end = params.date_to or start + dt.timedelta(days=55)
    warehouses = [params.warehouse] if params.warehouse else None
    # planned over the whole horizon: a release inside the window may serve a later need
    plan = run_mrp(start, None, warehouses).plans[item.id]
    starts = _buckets(start, end, bucket)
    poh = plan.on_hand
    rows = []
    for i, lo in enumerate(starts):
        hi = starts[i + 1] if i + 1 < len(starts) else end + dt.timedelta(days=1)
        low = dt.date.min if i == 0 else lo
        gross = _sum_in(plan.gross, low, hi)
        receipts = _sum_in(plan.receipts, low, hi)
        due = [o for o in plan.orders if low <= o.due_date < hi]
        planned = sum((o.qty for o in due), Decimal(0))
        releases = sum((o.qty for o in plan.orders if low <= o.release_date < hi), Decimal(0))
        poh = poh + receipts + planned - gross
        rows.append(
            {
                "period_start": lo,
                "gross": gross,
                "scheduled_receipts": receipts,
                "projected_on_hand": poh,
                "net": sum((o.net for o in due), Decimal(0)),
                "planned_receipts": planned,
                "planned_releases": releases,
            }
        )
    return rows


def plan_rows(params: ReportParams) -> list[dict]:
    """The planned orders of an MRP run (as `jxc mrp run`), pegging as text."""
    from jxc_desktop.engine.production.mrp import run_mrp

    warehouses = [params.warehouse] if params.warehouse else None
    result = run_mrp(params.date_from or dt.date.today(), params.date_to, warehouses)
    rows = [{**o.as_row(), "net": o.net} for o in result.orders]
    kinds = {"purchase": tr("采购", "Purchase"), "production": tr("生产", "Production")}
    for row in rows:
        row["pegging"] = ", ".join(f"{p['number']}×{p['qty']}" for p in row["pegging"])
        row["kind_label"] = kinds.get(row["kind"], row["kind"])  # people read the words
    return [r for r in rows if not params.item or r["item"] == params.item]


def action_label(code: str) -> str:
    """An action message in words: 提前 / 推迟 / 取消 (Expedite / Defer / Cancel)."""
    labels = {
        "expedite": tr("提前", "Expedite"),
        "defer": tr("推迟", "Defer"),
        "cancel": tr("取消", "Cancel"),
    }
    return labels.get(code, code)


def action_rows(params: ReportParams) -> list[dict]:
    """Expedite / defer / cancel messages for open orders, from an MRP run: `action` in
    words (the column shown), `action_code` the stable English code (JSON only)."""
    from jxc_desktop.engine.production.mrp import run_mrp

    warehouses = [params.warehouse] if params.warehouse else None
    actions = run_mrp(params.date_from or dt.date.today(), params.date_to, warehouses).actions
    return [
        {**vars(a), "action": action_label(a.action), "action_code": a.action}
        for a in actions
        if not params.item or a.item == params.item
    ]


QTY = "qty"
register(
    Report(
        "mrp-actions",
        "MRP 例外信息",
        "MRP action messages",
        [
            Column("action", "建议", "Action"),
            Column("number", "单据编号", "Order"),
            Column("item", "商品编码", "Item"),
            Column("due_date", "现交货日期", "Due date", "date"),
            Column("new_date", "建议日期", "New date", "date"),
            Column("qty", "数量", "Quantity", QTY),
        ],
        action_rows,
    )
)
register(
    Report(
        "mrp-record",
        "MRP 记录",
        "MRP record",
        [
            Column("period_start", "期间开始", "Period start", "date"),
            Column("gross", "毛需求", "Gross requirements", QTY),
            Column("scheduled_receipts", "计划接收", "Scheduled receipts", QTY),
            Column("projected_on_hand", "预计库存", "Projected on hand", QTY),
            Column("net", "净需求", "Net requirements", QTY),
            Column("planned_receipts", "计划订单入库", "Planned receipts", QTY),
            Column("planned_releases", "计划订单下达", "Planned releases", QTY),
        ],
        record_rows,
    )
)
register(
    Report(
        "mrp-plan",
        "MRP 计划订单",
        "MRP planned orders",
        [
            Column("item", "商品编码", "Item"),
            Column("kind", "类型", "Kind"),
            Column("kind_label", "类型", "Kind"),
            Column("net", "需求数量", "Required", QTY),
            Column("qty", "计划数量", "Planned (lot-sized)", QTY),
            Column("unit", "基本单位", "Base unit"),
            Column("purchase_qty", "下达数量", "To order", QTY),
            Column("purchase_unit", "下达单位", "Order unit"),
            Column("order_qty", "折合基本单位", "In base units", QTY),
            Column("release_date", "下达日期", "Release date", "date"),
            Column("due_date", "需求日期", "Due date", "date"),
            Column("pegging", "需求来源", "Pegging"),
        ],
        plan_rows,
    )
)
