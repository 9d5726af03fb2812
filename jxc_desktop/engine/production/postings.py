"""Approval rules of the production documents (a documents.on_validate hook).

A material issue (SCLL), a return (QTRK) or a receipt (CPRK) may not name a work order
that is closed or not released (still a draft, or void): the order must be approved
and open for the shop floor to book against it. Receipts of the order's product may
not take it past its ordered quantity unless the company allows that
(`over_completion`).
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.production import WorkOrderState

BOOKED = ("SCLL", "QTRK", "CPRK")


def _named_orders(doc: Document) -> list[tuple[int, Document]]:
    from jxc_desktop.engine.production.workorders import find_work_order

    out = []
    # plain SQL: this runs for every 1,000-line 其他入库 too, most of which name nothing
    for line_no, cost_object, source_line_id in execute(
        "SELECT line_no, cost_object, source_line_id FROM document_line WHERE document_id = ? "
        "AND (cost_object <> '' OR source_line_id IS NOT NULL) ORDER BY line_no",
        (doc.id,),
    ).fetchall():
        order = None
        if cost_object:
            order = find_work_order(cost_object)
        else:
            source = DocumentLine.get_by_id(source_line_id).document
            order = source if source.doc_type == "SCDD" else None
        if order is not None:
            out.append((line_no, order))
    return out


@documents.on_validate
def work_order_open(doc: Document) -> list[Problem]:
    """Refuses booking against a closed or unreleased work order."""
    if doc.doc_type not in BOOKED:
        return []
    problems = []
    for line_no, order in _named_orders(doc):
        state = WorkOrderState.get_or_none(WorkOrderState.document == order)
        if order.status != "approved" or (state is not None and state.status == "closed"):
            problems.append(
                Problem(
                    tr(
                        "生产订单 {n} 未下达或已关闭",
                        "Work order {n} is not released or is closed",
                        n=order.number,
                    ),
                    tr("第 {n} 行", "line {n}", n=line_no),
                )
            )
    return problems


@documents.on_validate
def within_ordered_quantity(doc: Document) -> list[Problem]:
    """Refuses a 产品入库 that would complete more of a work order's product than ordered."""
    if doc.doc_type != "CPRK" or settings.get("over_completion") == "allow":
        return []
    from jxc_desktop.engine.production.workorders import view

    named = dict(_named_orders(doc))  # line number -> work order
    if not named:
        return []
    views, received = {}, {}  # by work order id: its view, its product received here
    for line in DocumentLine.select().where(DocumentLine.document == doc):
        order = named.get(line.line_no)
        if order is None:
            continue
        if order.id not in views:
            views[order.id] = view(order)
        v = views[order.id]
        if line.item and line.item.code == v.item:  # by-products are not what was ordered
            received[order.id] = received.get(order.id, Decimal(0)) + line.base_qty
    return [
        Problem(
            tr(
                "生产订单 {n} 订购 {p}，已完工 {c}，本单再入库 {q} 将超出订单数量",
                "Work order {n} is for {p} and {c} are completed: receiving {q} more "
                "would exceed it",
                n=v.number,
                p=_qty(v.planned_qty),
                c=_qty(v.completed_qty),
                q=_qty(qty),
            ),
            tr("数量", "quantity"),
        )
        for v, qty in ((views[o], q) for o, q in received.items())
        if v.completed_qty + qty > v.planned_qty
    ]


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


# 委外 documents (WWFL / WWRK / WWTL) register their postings and hooks on import
from jxc_desktop.engine.production import outsourcing  # noqa: E402, F401
