"""`jxc mrp firm`: planned orders become documents.

A planned production order becomes a work order SCDD (dated its release date, one
line due on its due date); planned purchase and outsourcing orders become one 采购申请
CGSQ per release date (lines in the purchase unit when the item has one, rounded up as
MRP shows them, due on their due dates; outsourcing lines say 委外 in their remarks).
They are written APPROVED: an approved SCDD is a released work order and an approved
CGSQ a firmed requisition, and MRP counts both as scheduled receipts, so running MRP
again does not propose them twice. Un-approve one to drop it back to a proposal.
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


def firm(
    items: Iterable[str] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    warehouses: list[str] | None = None,
) -> list[str]:
    """Writes the planned orders (of `items`, or all) as approved documents; their numbers."""
    wanted = set(items)
    unknown = _unknown_items(wanted)
    if unknown:
        raise JxcError(tr("商品不存在：{c}", "No such items: {c}", c=", ".join(unknown)), "items")
    orders = [
        o
        for o in run_mrp(date_from, date_to, warehouses).orders
        if not wanted or o.item.code in wanted
    ]
    numbers = []
    with write_transaction():
        by_day: dict[dt.date, list[PlannedOrder]] = {}
        for order in orders:
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
