"""产品成本汇总表 (product-cost): the month's cost of each product, over every work order
and process step that made it.

Keys: item, name, completed_qty, beginning_wip, added (this month's charges),
material, labour, overhead (the completed goods' cost by element), total, unit_cost
(total ÷ completed qty), ending_wip. The last row (item "") is the 合计 of the money
columns (its unit_cost null: products differ). The completed cost is what the month's cost run writes into the 产品入库
documents (and the 4001 → 1405 voucher), so after a run the total agrees with them.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production.costing import ELEMENTS
from jxc_desktop.engine.reports import Column, Report, ReportParams, production_cost, register
from jxc_desktop.models.masterdata import Item

ZERO = Decimal(0)
MONEY_KEYS = ("beginning_wip", "added", *ELEMENTS, "total", "ending_wip")


def _blank(code: str, name: str) -> dict:
    return {"item": code, "name": name, "completed_qty": ZERO, **dict.fromkeys(MONEY_KEYS, ZERO)}


def summary_rows(params: ReportParams) -> list[dict]:
    """One row per product costed in --period, then the 合计 row."""
    by_item: dict[int, dict] = {}
    for oc in production_cost.month_costs(params):
        if oc.item_id is None:  # a step with nothing received and no WIP: nothing to show
            continue
        row = by_item.get(oc.item_id)
        if row is None:
            item = Item.get_by_id(oc.item_id)
            row = by_item[oc.item_id] = _blank(item.code, item.name)
        row["completed_qty"] += oc.completed_qty
        row["beginning_wip"] += oc.total("beginning")
        row["added"] += oc.total("added")
        for e in ELEMENTS:
            row[e] += oc.transferred[e]
        row["total"] += oc.total("transferred")
        row["ending_wip"] += oc.total("ending")
    rows = sorted(by_item.values(), key=lambda r: r["item"])
    for row in rows:
        qty = row["completed_qty"]
        row["unit_cost"] = money.price(row["total"] / qty) if qty else ZERO
    if rows:
        total = _blank("", tr("合计", "Total"))
        for row in rows:
            for key in MONEY_KEYS:
                total[key] += row[key]
        total["completed_qty"] = sum((r["completed_qty"] for r in rows), ZERO)
        total["unit_cost"] = None  # products differ: a unit cost of them all means nothing
        rows.append(total)
    return rows


M = "money"
register(
    Report(
        "product-cost",
        "产品成本汇总表",
        "Product cost summary",
        [
            Column("item", "产品编码", "Item"),
            Column("name", "产品名称", "Name"),
            Column("completed_qty", "完工数量", "Completed", "qty"),
            Column("beginning_wip", "期初在产品", "Beginning WIP", M),
            Column("added", "本月投入", "Added", M),
            Column("material", "直接材料", "Material", M),
            Column("labour", "直接人工", "Labour", M),
            Column("overhead", "制造费用", "Overhead", M),
            Column("total", "完工总成本", "Completed cost", M),
            Column("unit_cost", "单位成本", "Unit cost", "price"),
            Column("ending_wip", "期末在产品", "Ending WIP", M),
        ],
        summary_rows,
    )
)
