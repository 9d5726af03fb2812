"""成本还原 report (`jxc report cost-restoration --period YYYY-MM`).

Without --period: the current month. Keys: step, item, element (semi_finished / material / labour / overhead / total),
unrestored, restored, rate (还原分配率 of the first producing step). One group of rows
per cost object that used semi-finished goods; see engine/production/cost_restoration.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.company import period_code
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.masterdata import Item

ZERO = Decimal(0)


def _period(params: ReportParams) -> str:
    """--period (its first day), else the current month."""
    return period_code(params.date_from or dt.date.today())


def restoration_rows(params: ReportParams) -> list[dict]:
    """Five rows per restored object: the semi-finished figure, the elements, the total."""
    from jxc_desktop.engine.production.cost_restoration import ELEMENTS, restore

    rows = []
    for r in restore(_period(params)):
        item = Item.get_or_none(Item.id == r.item_id) if r.item_id else None
        rate = next(iter(r.rates.values()), ZERO)
        base = {"step": r.key, "item": item.code if item else "", "rate": rate}
        rows.append(
            {**base, "element": "semi_finished", "unrestored": r.semi_finished, "restored": ZERO}
        )
        for e in ELEMENTS:
            rows.append({**base, "element": e, "unrestored": r.before[e], "restored": r.after[e]})
        rows.append(
            {
                **base,
                "element": "total",
                "unrestored": r.total(),
                "restored": sum(r.after.values(), ZERO),
            }
        )
    return rows


register(
    Report(
        "cost-restoration",
        "成本还原",
        "Cost restoration",
        [
            Column("step", "成本对象", "Cost object"),
            Column("item", "商品编码", "Item"),
            Column("element", "成本项目", "Element"),
            Column("unrestored", "还原前", "Before", "money"),
            Column("restored", "还原后", "Restored", "money"),
            Column("rate", "还原分配率", "Restoration rate", "price"),
        ],
        restoration_rows,
    )
)
