"""BOM cost roll-up (`jxc report bom-cost`).

cost(item, n) = material + operations, where
- material = for each component line of the BOM in force: a component with its own
  BOM contributes its own rolled-up cost for the extended quantity; any other one
  contributes money(extended qty × unit cost), its unit cost being the stock cost
  (total value ÷ total quantity over the warehouses' cost pools that hold stock),
  or its 采购价 per base unit when none is held;
- operations = Σ over the item's routing (setup hours + hours per unit × n) ×
  (labour rate + overhead rate of the work centre), rounded to the fen per operation.
Extended quantities include scrap (see bom.py). By-products (副产品) take their cost
share: each one money(cost × share %), the main product the rest (`by_products` is what
they take; `total` is the main product's cost after it). The cost run shares a work
order's completed cost the same way (`split_by_products`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.production import bom as bom_engine
from jxc_desktop.models.db import execute
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import BomByProduct, RoutingOperation


@dataclass
class RolledCost:
    item: Item
    qty: Decimal
    material: Decimal
    operations: Decimal
    by_products: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.material + self.operations - self.by_products

    @property
    def unit_cost(self) -> Decimal:
        return money.price(self.total / self.qty) if self.qty else Decimal(0)


def stock_unit_cost(item: Item) -> Decimal:
    """Average cost over the pools holding stock, else the purchase price."""
    row = execute(
        "SELECT COALESCE(SUM(qty), 0), COALESCE(SUM(value), 0) FROM cost_group "
        "WHERE item_id = ? AND qty > 0",
        (item.id,),
    ).fetchone()
    qty_units, value_fen = int(row[0]), int(row[1])
    if qty_units > 0:
        return money.price(money.from_scaled(value_fen, 2) / money.from_scaled(qty_units, 4))
    return item.purchase_price


def operations_cost(item: Item, qty: Decimal) -> Decimal:
    """Routing cost of qty units: (setup + hours per unit × qty) × rates, per operation."""
    total = Decimal(0)
    ops = RoutingOperation.select().where(RoutingOperation.item == item)
    for op in ops.order_by(RoutingOperation.seq):
        hours = op.setup_hours + op.hours_per_unit * qty
        rate = op.work_centre.labour_rate + op.work_centre.overhead_rate
        total += money.money(hours * rate)
    return total


def by_products(item: Item | int, on: dt.date | None = None) -> dict[int, Decimal]:
    """By-product item id → its cost share (percent) in the BOM in force."""
    bom = bom_engine.bom_for(item, on)
    if bom is None:
        return {}
    rows = BomByProduct.select().where(BomByProduct.bom == bom).order_by(BomByProduct.id)
    return {bp.item_id: bp.cost_share for bp in rows}


def by_products_memo(on: dt.date | None = None):
    """`by_products` for one date, each item asked once (the cost run asks per object)."""
    memo: dict[int, dict[int, Decimal]] = {}

    def get(item_id: int | None) -> dict[int, Decimal]:
        if item_id is None:
            return {}
        if item_id not in memo:
            memo[item_id] = by_products(item_id, on)
        return memo[item_id]

    return get


def split_by_products(
    total: Decimal, shares: dict[int, Decimal]
) -> tuple[Decimal, dict[int, Decimal]]:
    """(the main product's part, each by-product's part) of a cost, exact to the fen:
    a by-product takes money(total × share %), the main product the rest."""
    parts = {item_id: money.money(total * share / 100) for item_id, share in shares.items()}
    return total - sum(parts.values(), Decimal(0)), parts


def roll_up(item: Item, qty: Decimal = Decimal(1), on: dt.date | None = None) -> RolledCost:
    """The rolled-up cost of `qty` base units of an item (see the module docstring)."""
    material = Decimal(0)
    for comp, per, _line in bom_engine.components(item, on):
        extended = money.qty(qty * per)
        if bom_engine.bom_for(comp, on) is not None:
            material += roll_up(comp, extended, on).total
        else:
            material += money.money(extended * stock_unit_cost(comp))
    operations = operations_cost(item, money.D(qty))
    _main, parts = split_by_products(material + operations, by_products(item, on))
    return RolledCost(item, money.D(qty), material, operations, sum(parts.values(), Decimal(0)))
