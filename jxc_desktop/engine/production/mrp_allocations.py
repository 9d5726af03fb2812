"""Allocations: what open orders still need of their components (dependent demand).

A firmed order is no longer a planned order, so the planner no longer explodes it. Its
components would drop out of the plan, and the requisitions just firmed for them would
look unneeded (cancel / defer). So every open order of a made or outsourced product
puts on each component what it still needs, on the order's start date (its document
date; a past start moves to the horizon start), pegged to the order's number:

- 生产订单 SCDD, approved and neither completed nor closed: BOM × ordered − issued
  (生产领料 SCLL naming the order, net of 退料 QTRK naming it).
- 委外订单 WWDD with product still to receive: BOM × ordered − sent (委外发料 WWFL net of
  委外退料 WWTL naming the order).
- 采购申请 CGSQ lines of an outsourced (委外) product not yet turned into an order:
  BOM × the open quantity (nothing is sent against a requisition).

Per component, never below zero. The BOM is the version in force on the start date and
each BOM line's quantity is rounded to 4 places, as the planner rounds its own
explosion: firming a planned order and running MRP again puts exactly the same
requirements on the components, only pegged to the new order instead of the demands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.production.mrp_data import Demand, _date, _done, _open_lines
from jxc_desktop.models.db import execute
from jxc_desktop.models.production import WorkOrderState


@dataclass
class OpenOrder:
    """An open order of a made or outsourced product, as the allocations see it."""

    doc_id: int
    doc_type: str
    number: str
    date: dt.date  # when it starts: its components are needed then
    product_id: int
    product_code: str
    lines: list[tuple[int, Decimal]] = field(default_factory=list)  # (product, base qty)
    issued: dict[int, Decimal] = field(default_factory=dict)  # component → base qty


def allocations(start: dt.date, end: dt.date | None) -> list[Demand]:
    """The components open work, outsourcing and firmed 委外 orders still need (see the
    module docstring), one requirement per order and component, starting up to `end`."""
    orders = _work_orders() + _outsourcing_orders()
    orders = [o for o in orders if end is None or o.date <= end]
    if not orders:
        return []
    from jxc_desktop.engine.production.bom import BomCache

    boms = BomCache()
    out = []
    for order in orders:
        for comp_id, need in _still_needed(order, boms).items():
            day = max(order.date, start)
            out.append(Demand(comp_id, day, need, order.number, order.product_code, order.date))
    return out


def _still_needed(order: OpenOrder, boms) -> dict[int, Decimal]:
    """Component → BOM quantity for the order's lines − what it already got (> 0 only)."""
    need: dict[int, Decimal] = {}
    for product_id, qty in order.lines:
        for comp, per in boms.components(product_id, order.date):
            need[comp.id] = need.get(comp.id, Decimal(0)) + money.qty(qty * per)
    out = {}
    for comp_id, qty in need.items():
        left = qty - order.issued.get(comp_id, Decimal(0))
        if left > 0:
            out[comp_id] = left
    return out


@dataclass
class WorkOrder:
    """An approved work order neither completed nor closed, read in bulk (the status
    rules are workorders.view's: a stored completed / closed, or received ≥ ordered)."""

    doc_id: int
    number: str
    date: dt.date
    product_id: int
    product_code: str
    planned: Decimal  # its first line: the product
    completed: Decimal = Decimal(0)  # received (CPRK of the product naming it)
    issued: dict[int, Decimal] = field(default_factory=dict)  # SCLL − QTRK per item


def open_work_orders() -> dict[str, WorkOrder]:
    """Open work orders by number, in a few queries whatever their number (MRP reads
    them both as scheduled receipts and for their allocations)."""
    orders: dict[str, WorkOrder] = {}
    for doc_id, number, date, item_id, code, units in execute(
        "SELECT d.id, d.number, d.date, l.item_id, i.code, l.base_qty FROM document d "
        "JOIN document_line l ON l.document_id = d.id JOIN item i ON i.id = l.item_id "
        "WHERE d.doc_type = 'SCDD' AND d.status = 'approved' ORDER BY d.id, l.line_no"
    ).fetchall():
        if number not in orders:
            qty = money.from_scaled(int(units), 4)
            orders[number] = WorkOrder(doc_id, number, _date(date), item_id, code, qty)
    if not orders:
        return {}
    _add_floor_lines(orders)
    stored = WorkOrderState.select(WorkOrderState.document).where(
        WorkOrderState.status.in_(["completed", "closed"])
    )
    shut = {doc_id for (doc_id,) in stored.tuples()}
    return {
        n: o
        for n, o in orders.items()
        if o.doc_id not in shut and not (o.planned and o.completed >= o.planned)
    }


def _add_floor_lines(orders: dict[str, WorkOrder]) -> None:
    """Issued, returned and received quantities of each order, from the approved SCLL /
    QTRK / CPRK lines naming it (成本对象, else the source line: as workorders does)."""
    from jxc_desktop.engine.production.workorders import work_order_index

    rows = execute(
        "SELECT d.doc_type, l.item_id, l.base_qty, l.cost_object, sd.doc_type, sd.number "
        "FROM document_line l JOIN document d ON d.id = l.document_id "
        "LEFT JOIN document_line sl ON sl.id = l.source_line_id "
        "LEFT JOIN document sd ON sd.id = sl.document_id "
        "WHERE d.status = 'approved' AND d.doc_type IN ('SCLL', 'QTRK', 'CPRK') "
        "AND l.item_id IS NOT NULL"
    ).fetchall()
    index = work_order_index() if any(r[3] for r in rows) else None
    for doc_type, item_id, units, raw, source_type, source in rows:
        number = index.key(raw) if raw else (source if source_type == "SCDD" else "")
        order = orders.get(number)
        if order is None:
            continue
        qty = money.from_scaled(int(units), 4)
        if doc_type == "CPRK":
            order.completed += qty if item_id == order.product_id else 0
        else:
            sign = 1 if doc_type == "SCLL" else -1
            order.issued[item_id] = order.issued.get(item_id, Decimal(0)) + sign * qty


def _work_orders() -> list[OpenOrder]:
    """Open work orders as OpenOrders: the product's BOM against what was issued."""
    out = []
    for wo in open_work_orders().values():
        order = OpenOrder(wo.doc_id, "SCDD", wo.number, wo.date, wo.product_id, wo.product_code)
        order.lines.append((wo.product_id, wo.planned))
        order.issued = wo.issued
        out.append(order)
    return out


def _outsourcing_orders() -> list[OpenOrder]:
    """Open WWDD (with what was sent) and open CGSQ lines of outsourced products."""
    rows = _open_lines(("WWDD", "CGSQ"))
    if not rows:
        return []
    outsourced = {i for (i,) in execute("SELECT id FROM item WHERE source = 'outsource'")}
    done = _done(rows)
    orders: dict[str, OpenOrder] = {}
    for line_id, doc_type, number, date, _due, item_id, base_qty, code, doc_id in rows:
        if doc_type == "CGSQ" and item_id not in outsourced:
            continue
        ordered = money.from_scaled(int(base_qty), 4)
        if ordered - (done.get(line_id) or Decimal(0)) <= 0:
            continue  # received (WWDD) or ordered (CGSQ) in full
        order = orders.get(number) or OpenOrder(
            doc_id, doc_type, number, _date(date), item_id, code
        )
        orders[number] = order
        # a WWDD's materials go out for the whole order; a requisition's only for the rest
        qty = ordered if doc_type == "WWDD" else ordered - (done.get(line_id) or Decimal(0))
        order.lines.append((item_id, qty))
    _add_sent([o for o in orders.values() if o.doc_type == "WWDD"])
    return list(orders.values())


def _add_sent(orders: list[OpenOrder]) -> None:
    """Sets what WWFL sent (net of WWTL returns) to each outsourcing order."""
    by_id = {o.doc_id: o for o in orders}
    ids = list(by_id)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ", ".join("?" * len(part))
        for order_id, item_id, doc_type, units in execute(
            "SELECT s.document_id, l.item_id, d.doc_type, SUM(l.base_qty) FROM document_line l "
            "JOIN document d ON d.id = l.document_id "
            "JOIN document_line s ON s.id = l.source_line_id "
            "WHERE d.status = 'approved' AND d.doc_type IN ('WWFL', 'WWTL') "
            f"AND s.document_id IN ({marks}) GROUP BY s.document_id, l.item_id, d.doc_type",
            part,
        ).fetchall():
            sign = 1 if doc_type == "WWFL" else -1
            issued = by_id[order_id].issued
            issued[item_id] = issued.get(item_id, Decimal(0)) + sign * money.from_scaled(
                int(units), 4
            )
