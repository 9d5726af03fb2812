"""BOM cost roll-up (`jxc report bom-cost`).

cost(item, n) = material + operations, where
- material = for each component line of the BOM in force: a component with its own
  BOM contributes its own rolled-up cost for the extended quantity; any other one
  contributes money(extended qty × unit cost), its unit cost being the stock cost
  (total value ÷ total quantity over the warehouses' cost pools that hold stock),
  or its 采购价 per base unit when none is held;
- operations = Σ over the item's routing (setup hours + hours per unit × n) ×
  (labour rate + overhead rate of the work centre), rounded to the fen per operation.
Extended quantities include scrap (see bom.py). By-products are not deducted here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.production import bom as bom_engine
from jxc_desktop.models.db import execute
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import RoutingOperation


@dataclass
class RolledCost:
    item: Item
    qty: Decimal
    material: Decimal
    operations: Decimal

    @property
    def total(self) -> Decimal:
        return self.material + self.operations

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


def roll_up(item: Item, qty: Decimal = Decimal(1), on: dt.date | None = None) -> RolledCost:
    """The rolled-up cost of `qty` base units of an item (see the module docstring)."""
    material = Decimal(0)
    for comp, per, _line in bom_engine.components(item, on):
        extended = money.qty(qty * per)
        if bom_engine.bom_for(comp, on) is not None:
            material += roll_up(comp, extended, on).total
        else:
            material += money.money(extended * stock_unit_cost(comp))
    return RolledCost(item, money.D(qty), material, operations_cost(item, money.D(qty)))
