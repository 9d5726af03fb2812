"""`jxc mrp firm`: planned orders become documents.

A planned production order becomes a work order SCDD (dated its release date, one
line due on its due date); planned purchase and outsourcing orders become one 采购申请
CGSQ per release date (lines in the purchase unit when the item has one, rounded up as
MRP shows them, due on their due dates; outsourcing lines say 委外 in their remarks).
They are written APPROVED: an approved SCDD is a released work order and an approved
CGSQ a firmed requisition, and MRP counts both as scheduled receipts, so running MRP
again does not propose them twice; their components stay in the plan as allocations
(mrp_allocations.py). Un-approve one to drop it back to a proposal.

What is firmed: the planned orders named by key (item code, kind, due date: an item
has at most one planned order a day), exactly those; or every planned order of the
items named; or all. MRP is run again first, so a key no longer in the plan (the data
changed since the grid was filled) is refused and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from jxc_desktop.engine import documents, money
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production.mrp import PlannedOrder, run_mrp
from jxc_desktop.models.db import write_transaction


def _requisition_line(order: PlannedOrder) -> LineInput:
    """A requisition line in the purchase unit, priced from the item's 采购价 (per base unit)."""
    item = order.item
    unit = order.purchase_unit if order.purchase_unit != item.base_unit.name else None
    qty = order.purchase_qty if unit else order.qty
    factor = item.purchase_unit_factor if unit and item.purchase_unit_factor else 1
    price = money.price(item.purchase_price * factor) if item.purchase_price else None
    remarks = "委外" if order.kind == "outsourcing" else ""
    return LineInput(
        item=item, qty=qty, unit=unit, price=price, due_date=order.due_date, remarks=remarks
    )


def _unknown_items(codes: set[str]) -> list[str]:
    from jxc_desktop.engine.lookup import item_by_code

    return sorted(code for code in codes if item_by_code(code) is None)


def order_key(order: PlannedOrder) -> tuple[str, str, dt.date]:
    """What names one planned order across runs: (item code, kind, due date)."""
    return (order.item.code, order.kind, order.due_date)


def _selected(
    planned: list[PlannedOrder], items: set[str], keys: list[tuple] | None
) -> list[PlannedOrder]:
    """The planned orders asked for: by key (all must still be planned), else by item."""
    if keys is None:
        return [o for o in planned if not items or o.item.code in items]
    wanted = {tuple(k) for k in keys}
    found = [o for o in planned if order_key(o) in wanted]
    missing = wanted - {order_key(o) for o in found}
    if missing:
        gone = ", ".join(f"{code} {due.isoformat()}" for code, _kind, due in sorted(missing))
        raise JxcError(
            tr(
                "以下计划订单已不在 MRP 结果中（数据已变化），请重新运行 MRP：{o}",
                "These planned orders are no longer in the MRP result (the data changed); "
                "run MRP again: {o}",
                o=gone,
            ),
            "orders",
        )
    return found


def firm(
    items: Iterable[str] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    warehouses: list[str] | None = None,
    orders: Iterable[tuple[str, str, dt.date]] | None = None,
) -> list[str]:
    """Writes planned orders as approved documents and returns their numbers: the
    orders whose `order_key` is in `orders` (exactly those), else every planned order
    of `items`, else all (see the module docstring)."""
    wanted = set(items)
    keys = list(orders) if orders is not None else None
    unknown = _unknown_items(wanted | {k[0] for k in keys or []})
    if unknown:
        raise JxcError(tr("商品不存在：{c}", "No such items: {c}", c=", ".join(unknown)), "items")
    chosen = _selected(run_mrp(date_from, date_to, warehouses).orders, wanted, keys)
    numbers = []
    with write_transaction():
        by_day: dict[dt.date, list[PlannedOrder]] = {}
        for order in chosen:
            if order.kind == "production":
                line = LineInput(item=order.item, qty=order.qty, due_date=order.due_date)
                data = DocumentInput("SCDD", order.release_date, [line], remarks="MRP")
                numbers.append(_save_approved(data))
            else:
                by_day.setdefault(order.release_date, []).append(order)
        for day, group in sorted(by_day.items()):
            data = DocumentInput("CGSQ", day, [_requisition_line(o) for o in group], remarks="MRP")
            numbers.append(_save_approved(data))
    return numbers


def _save_approved(data: DocumentInput) -> str:
    doc = documents.save_draft(data)
    documents.approve(doc.id)
    return doc.number
