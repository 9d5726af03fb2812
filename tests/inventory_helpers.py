"""Small builders for inventory scenarios: items, warehouses and approved documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.models.masterdata import Item, Location, Unit, Warehouse
from jxc_desktop.models.stock import CostGroup, StockBalance


def make_item(code="A", method="moving_average", batch=False, shelf_life=None, **kw) -> Item:
    unit = Unit.get(Unit.name == "个")
    return Item.create(
        code=code,
        name=f"商品{code}",
        base_unit=unit,
        valuation_method=method,
        batch_managed=batch,
        shelf_life_days=shelf_life,
        **kw,
    )


def make_warehouse(code="W1", locations=()) -> Warehouse:
    wh = Warehouse.create(code=code, name=f"仓库{code}")
    for loc in locations:
        Location.create(warehouse=wh, code=loc, name=loc)
    return wh


def day(n: int) -> dt.date:
    return dt.date(2026, 1, 1) + dt.timedelta(days=n - 1)


def doc(doc_type, date, lines, warehouse="W1", dest=None, approve=True, time=""):
    """Saves (and approves) a document; lines are (item code, qty[, price]) or LineInput."""
    inputs = []
    for line in lines:
        if isinstance(line, LineInput):
            inputs.append(line)
        else:
            code, qty, *rest = line
            inputs.append(LineInput(item=code, qty=str(qty), price=str(rest[0]) if rest else None))
    d = documents.save_draft(
        DocumentInput(doc_type, date, inputs, warehouse=warehouse, dest_warehouse=dest, time=time)
    )
    if approve:
        documents.approve(d.id)
    return d


def pool(item="A", wh="W1") -> tuple[Decimal, Decimal]:
    g = CostGroup.get(
        (CostGroup.item == Item.get(Item.code == item))
        & (CostGroup.warehouse == Warehouse.get(Warehouse.code == wh))
    )
    return g.qty, g.value


def on_hand(item="A", wh="W1") -> Decimal:
    return sum(
        (
            b.qty
            for b in StockBalance.select().where(
                (StockBalance.item == Item.get(Item.code == item))
                & (StockBalance.warehouse == Warehouse.get(Warehouse.code == wh))
            )
        ),
        Decimal(0),
    )
