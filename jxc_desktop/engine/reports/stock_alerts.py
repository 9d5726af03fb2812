"""Stock alerts (库存预警), slow-moving stock (呆滞料) and inventory turnover.

- below safety stock (低于安全库存) and above the maximum (超出最高库存), per item over all
  warehouses;
- batches expiring within `expiry_warning_days` (效期预警) and batches already expired;
- slow-moving stock: on hand in a warehouse with no issue for `slow_moving_days` days.
The reference date is --to, or today.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import settings
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import from_scaled, money, mul_div_round
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.db import execute

KINDS = {
    "below_safety": ("低于安全库存", "Below safety stock"),
    "above_max": ("超出最高库存", "Above maximum"),
    "expiring": ("即将过期", "Expiring soon"),
    "expired": ("已过期", "Expired"),
    "slow_moving": ("呆滞料", "Slow-moving"),
}


def _as_of(params: ReportParams) -> dt.date:
    return params.date_to or dt.date.today()


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _kind_label(kind: str) -> str:
    zh, en = KINDS[kind]
    return tr(zh, en)


def _level_alerts() -> list[dict]:
    rows = execute(
        "SELECT i.code, i.name, i.safety_stock, i.max_stock, COALESCE(SUM(b.qty), 0), "
        "(SELECT COALESCE(SUM(g.value), 0) FROM cost_group g WHERE g.item_id = i.id) "
        "FROM item i LEFT JOIN stock_balance b ON b.item_id = i.id "
        "WHERE i.active = ? AND (i.safety_stock > 0 OR i.max_stock > 0) "
        "GROUP BY i.id, i.code, i.name, i.safety_stock, i.max_stock",
        (True,),
    ).fetchall()
    out = []
    for code, name, safety, maximum, qty, value in rows:
        if safety and qty < safety:
            kind, limit = "below_safety", safety
        elif maximum and qty > maximum:
            kind, limit = "above_max", maximum
        else:
            continue
        out.append(
            {
                "kind": kind,
                "kind_label": _kind_label(kind),
                "item": code,
                "name": name,
                "warehouse": "",
                "batch": "",
                "qty": from_scaled(qty, 4),
                "limit": from_scaled(limit, 4),
                "expiry_date": None,
                "days": None,
                "value": from_scaled(value, 2),  # the item's stock value, all warehouses
            }
        )
    return out


def _expiry_alerts(as_of: dt.date) -> list[dict]:
    """Batches near or past expiry, each valued at its cost pool's unit cost (its own
    pool for 个别计价; otherwise the item's pool in the warehouse, shared by quantity)."""
    days = int(settings.get("expiry_warning_days"))
    rows = execute(
        "SELECT i.code, i.name, w.code, b.batch_no, SUM(b.qty), t.expiry_date, "
        "COALESCE(g.qty, 0), COALESCE(g.value, 0) "
        "FROM stock_balance b JOIN item i ON i.id = b.item_id "
        "JOIN warehouse w ON w.id = b.warehouse_id "
        "JOIN batch t ON t.item_id = b.item_id AND t.batch_no = b.batch_no "
        "LEFT JOIN cost_group g ON g.item_id = b.item_id AND g.warehouse_id = b.warehouse_id "
        "AND g.batch_no = CASE WHEN i.valuation_method = 'specific' THEN b.batch_no ELSE '' END "
        "WHERE b.qty > 0 AND t.expiry_date IS NOT NULL AND t.expiry_date <= ? "
        "GROUP BY i.code, i.name, w.code, b.batch_no, t.expiry_date, g.qty, g.value",
        (str(as_of + dt.timedelta(days=days)),),
    ).fetchall()
    out = []
    for code, name, wh, batch, qty, expiry, pool_qty, pool_value in rows:
        expiry = _date(expiry)
        left = (expiry - as_of).days
        kind = "expired" if left < 0 else "expiring"
        out.append(
            {
                "kind": kind,
                "kind_label": _kind_label(kind),
                "item": code,
                "name": name,
                "warehouse": wh,
                "batch": batch,
                "qty": from_scaled(qty, 4),
                "limit": None,
                "expiry_date": expiry,
                "days": left,
                "value": from_scaled(mul_div_round(pool_value, qty, pool_qty), 2)
                if pool_qty > 0
                else None,
            }
        )
    return out


def _pools() -> list[tuple]:
    """(item, warehouse, qty, value) of every cost pool, batches of an item added up."""
    return execute(
        "SELECT g.item_id, g.warehouse_id, SUM(g.qty), SUM(g.value) FROM cost_group g "
        "GROUP BY g.item_id, g.warehouse_id"
    ).fetchall()


def _positive_total(pools: list[tuple]) -> int:
    # a pool under water (negative stock allowed) is no stock value to share
    return sum(v for *_, v in pools if v > 0)


def stock_value() -> Decimal:
    """The whole stock value the slow-moving shares are of (pools with a positive value)."""
    return from_scaled(_positive_total(_pools()), 2)


def slow_moving_rows(params: ReportParams) -> list[dict]:
    """On-hand stock with no issue for `slow_moving_days` days; share is its percentage of all stock value (JSON "10.7100" is 10.71 %). Screen, PDF, xlsx and `--format table` show it as 10.71% and add a 合计 row: the slow stock's value and share."""
    as_of = _as_of(params)
    days = int(settings.get("slow_moving_days"))
    pools = _pools()
    total_value = _positive_total(pools)
    last_issue = {
        (r[0], r[1]): _date(r[2])
        for r in execute(
            "SELECT item_id, warehouse_id, MAX(date) FROM stock_move "
            "WHERE kind = 'move' AND qty < 0 AND date <= ? GROUP BY item_id, warehouse_id",
            (str(as_of),),
        )
    }
    first_in = {
        (r[0], r[1]): _date(r[2])
        for r in execute(
            "SELECT item_id, warehouse_id, MIN(date) FROM stock_move WHERE kind = 'move' "
            "AND qty > 0 GROUP BY item_id, warehouse_id"
        )
    }
    names = {r[0]: r[1:] for r in execute("SELECT id, code, name FROM item")}
    whs = dict(execute("SELECT id, code FROM warehouse").fetchall())
    out = []
    for item_id, wh_id, qty, value in pools:
        if qty <= 0:
            continue
        since = last_issue.get((item_id, wh_id)) or first_in.get((item_id, wh_id))
        idle = (as_of - since).days if since else None
        if idle is None or idle < days:
            continue
        share = money(Decimal(value) * 100 / Decimal(total_value)) if total_value else Decimal(0)
        out.append(
            {
                "item": names[item_id][0],
                "name": names[item_id][1],
                "warehouse": whs[wh_id],
                "qty": from_scaled(qty, 4),
                "value": from_scaled(value, 2),
                "last_issue": last_issue.get((item_id, wh_id)),
                "days_idle": idle,
                "share": share,
            }
        )
    out.sort(key=lambda r: (-r["value"], r["item"]))
    return out


def alert_rows(params: ReportParams) -> list[dict]:
    """kind is a code (below_safety, above_max, expiring, expired, slow_moving), kind_label its words (people see only the words); value is the item's stock value (all warehouses) for below_safety / above_max, the batch's value at its pool's unit cost for expiring / expired (null only when the pool's quantity is not positive), the pool's value for slow_moving."""
    as_of = _as_of(params)
    out = _level_alerts() + _expiry_alerts(as_of)
    for row in slow_moving_rows(params):
        out.append(
            {
                "kind": "slow_moving",
                "kind_label": _kind_label("slow_moving"),
                "item": row["item"],
                "name": row["name"],
                "warehouse": row["warehouse"],
                "batch": "",
                "qty": row["qty"],
                "limit": None,
                "expiry_date": None,
                "days": row["days_idle"],
                "value": row["value"],
            }
        )
    order = list(KINDS)
    out.sort(key=lambda r: (order.index(r["kind"]), r["item"], r["warehouse"], r["batch"]))
    return out


def alert_counts(as_of: dt.date | None = None) -> dict[str, int]:
    """How many alerts of each kind (for the 首页 dashboard)."""
    counts = dict.fromkeys(KINDS, 0)
    for row in alert_rows(ReportParams(date_to=as_of)):
        counts[row["kind"]] += 1
    return counts


def turnover_rows(params: ReportParams) -> list[dict]:
    """Inventory turnover per item: cost of issues ÷ average stock value, and days."""
    start = params.date_from or dt.date(_as_of(params).year, 1, 1)
    end = _as_of(params)
    rows = execute(
        "SELECT m.item_id, SUM(CASE WHEN m.date < ? THEN m.value ELSE 0 END), "
        "SUM(m.value), "
        "SUM(CASE WHEN m.date >= ? AND m.kind = 'move' AND m.qty < 0 THEN -m.value ELSE 0 END) "
        "FROM stock_move m WHERE m.date <= ? GROUP BY m.item_id",
        (str(start), str(start), str(end)),
    ).fetchall()
    names = {r[0]: r[1:] for r in execute("SELECT id, code, name FROM item")}
    days = (end - start).days + 1
    out = []
    for item_id, opening, closing, issued in rows:
        average = Decimal(opening + closing) / 2
        turns = Decimal(issued) / average if average > 0 else Decimal(0)
        out.append(
            {
                "item": names[item_id][0],
                "name": names[item_id][1],
                "opening_value": from_scaled(opening, 2),
                "closing_value": from_scaled(closing, 2),
                "average_value": money(average / 100),
                "issue_cost": from_scaled(issued, 2),
                "turnover": turns.quantize(Decimal("0.01")),
                "turnover_days": (Decimal(days) / turns).quantize(Decimal("0.1"))
                if turns
                else None,
            }
        )
    out.sort(key=lambda r: r["item"])
    return out


register(
    Report(
        "stock-alerts",
        "库存预警",
        "Stock alerts",
        [
            Column("kind", "预警类型", "Kind"),
            Column("kind_label", "说明", "Alert"),
            Column("item", "商品编码", "Item"),
            Column("name", "商品名称", "Name"),
            Column("warehouse", "仓库", "Warehouse"),
            Column("batch", "批次", "Batch"),
            Column("qty", "数量", "Qty", "qty"),
            Column("limit", "限额", "Limit", "qty"),
            Column("expiry_date", "有效期至", "Expires", "date"),
            Column("days", "天数", "Days", "int"),
            Column("value", "金额", "Value", "money"),
        ],
        alert_rows,
    )
)

register(
    Report(
        "slow-moving",
        "呆滞料分析",
        "Slow-moving stock",
        [
            Column("item", "商品编码", "Item"),
            Column("name", "商品名称", "Name"),
            Column("warehouse", "仓库", "Warehouse"),
            Column("qty", "数量", "Qty", "qty"),
            Column("value", "金额", "Value", "money"),
            Column("last_issue", "最后出库", "Last issue", "date"),
            Column("days_idle", "呆滞天数", "Days idle", "int"),
            Column("share", "占库存金额比例", "Share of stock value", "rate"),
        ],
        slow_moving_rows,
    )
)

register(
    Report(
        "stock-turnover",
        "存货周转率",
        "Inventory turnover",
        [
            Column("item", "商品编码", "Item"),
            Column("name", "商品名称", "Name"),
            Column("opening_value", "期初金额", "Opening value", "money"),
            Column("closing_value", "期末金额", "Closing value", "money"),
            Column("average_value", "平均库存", "Average stock", "money"),
            Column("issue_cost", "发出成本", "Cost of issues", "money"),
            Column("turnover", "周转次数", "Turns"),
            Column("turnover_days", "周转天数", "Days"),
        ],
        turnover_rows,
    )
)
