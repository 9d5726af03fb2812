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
from jxc_desktop.models.documents import Document


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


def _work_orders() -> list[OpenOrder]:
    """Approved SCDD neither completed nor closed, with what was issued to each."""
    from jxc_desktop.engine.production import workorders

    docs = list(
        Document.select().where((Document.doc_type == "SCDD") & (Document.status == "approved"))
    )
    if not docs:
        return []
    lines = workorders.object_lines()
    ids = {code: item_id for item_id, code in execute("SELECT id, code FROM item").fetchall()}
    out = []
    for doc in docs:
        view = workorders.view(doc, lines.get(doc.number, []))
        if view.status in ("completed", "closed") or not view.item:
            continue
        product = ids[view.item]
        order = OpenOrder(doc.id, "SCDD", doc.number, doc.date, product, view.item)
        order.lines.append((product, view.planned_qty))
        for line in view.lines:
            sign = {"SCLL": 1, "QTRK": -1}.get(line.doc_type, 0)
            got = order.issued.get(line.item_id, Decimal(0))
            order.issued[line.item_id] = got + sign * line.qty
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
