"""收款计划: a sales order's collection plan (dates and amounts), and what is still due.

A plan is a list of instalments in the order's currency that add up exactly to the
order's total (价税合计). It may be set on a draft or an approved order (not a void
one) and is replaced as a whole. What has been collected for the order (receipts
settling its deliveries' items, and advances received against it) pays the instalments
oldest first; the rest of each instalment is what the 首页 counts as due this week or
overdue, instead of the order's delivery items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.errors import Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, from_scaled, money
from jxc_desktop.engine.session import audit
from jxc_desktop.engine.trade import execution, openitems
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.trade import CollectionPlan


@dataclass
class Instalment:
    due_date: dt.date
    amount: Decimal  # order currency
    remarks: str = ""


@dataclass
class InstalmentState:
    order_id: int
    seq: int
    due_date: dt.date
    amount: Decimal  # CNY
    open: Decimal  # CNY, after what was collected


def _order_total(order) -> Decimal:
    return order.total_amount + order.total_tax


def set_plan(order_id: int, instalments: list[Instalment]) -> None:
    """Replaces an order's plan; every problem (row by row, and the sum) comes back at once."""
    order = documents.get_document(order_id)
    problems: list[Problem] = []
    if order.doc_type != "XSDD":
        problems.append(
            Problem(tr("只有销售订单有收款计划", "Only a sales order has a collection plan"))
        )
    if order.status == "void":
        problems.append(Problem(tr("订单已作废", "The order is void")))
    for no, inst in enumerate(instalments, start=1):
        if not isinstance(inst.due_date, dt.date):
            problems.append(Problem(tr("日期无效", "Not a valid date"), "date", row=no))
        if money(inst.amount) <= 0:
            problems.append(
                Problem(tr("金额必须大于 0", "The amount must be greater than 0"), "amount", row=no)
            )
    total = sum((money(i.amount) for i in instalments), Decimal(0))
    if instalments and total != _order_total(order):
        problems.append(
            Problem(
                tr(
                    "收款计划合计 {p} 与订单金额 {t} 不等",
                    "The plan adds up to {p}, the order total is {t}",
                    p=format_money(total),
                    t=format_money(_order_total(order)),
                ),
                "amount",
            )
        )
    require(problems)
    with write_transaction():
        CollectionPlan.delete().where(CollectionPlan.order == order_id).execute()
        ordered = sorted(instalments, key=lambda i: i.due_date)
        CollectionPlan.insert_many(
            [
                {
                    "order": order_id,
                    "seq": no,
                    "due_date": inst.due_date,
                    "amount": money(inst.amount),
                    "remarks": inst.remarks,
                }
                for no, inst in enumerate(ordered, start=1)
            ]
        ).execute()
        audit("trade.collection_plan", order.number)


def plan_of(order_id: int) -> list[Instalment]:
    """An order's instalments by date (empty: no plan)."""
    query = CollectionPlan.select().where(CollectionPlan.order == order_id)
    return [Instalment(p.due_date, p.amount, p.remarks) for p in query.order_by(CollectionPlan.seq)]


def collected_for(order_ids: list[int]) -> dict[int, Decimal]:
    """CNY collected per order: receipts on its deliveries' items plus advances named on it."""
    out: dict[int, Decimal] = {}
    for order_id in order_ids:
        ids = [
            r[0]
            for r in execute(
                "SELECT id FROM document_line WHERE document_id = ?", (order_id,)
            ).fetchall()
        ]
        settled = sum(execution.collected(ids).values(), Decimal(0))
        (advance,) = execute(
            "SELECT COALESCE(-SUM(oi.amount), 0) FROM open_item oi JOIN document_line l "
            "ON l.id = oi.line_id JOIN document_line o ON o.id = l.source_line_id "
            f"WHERE oi.is_advance = '1' AND o.document_id = ? AND {openitems.LIVE_ITEM}",
            (order_id,),
        ).fetchone()
        out[order_id] = settled + from_scaled(advance or 0, 2)
    return out


def open_instalments() -> list[InstalmentState]:
    """Every approved order's instalments with what is still to collect (CNY), oldest first."""
    rows = execute(
        "SELECT p.order_id, p.seq, p.due_date, p.amount, d.exchange_rate FROM collection_plan p "
        "JOIN document d ON d.id = p.order_id WHERE d.status = 'approved' "
        "ORDER BY p.order_id, p.seq"
    ).fetchall()
    orders = sorted({r[0] for r in rows})
    paid = collected_for(orders)
    out = []
    for order_id, seq, due, amount, rate in rows:
        cny = money(from_scaled(amount, 2) * from_scaled(rate, 6))
        take = min(paid[order_id], cny)
        paid[order_id] -= take
        due = due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due)[:10])
        out.append(InstalmentState(order_id, seq, due, cny, cny - take))
    return out


def planned_order_lines() -> set[int]:
    """Ids of the delivery lines (and their invoices' lines) of orders that have a plan:
    their items are followed through the plan, not by their own due dates."""
    rows = execute(
        "SELECT l.id FROM document_line l JOIN document_line o ON o.id = l.source_line_id "
        "WHERE o.document_id IN (SELECT DISTINCT order_id FROM collection_plan) "
        "UNION SELECT i.id FROM document_line i JOIN document_line l ON l.id = i.source_line_id "
        "JOIN document_line o ON o.id = l.source_line_id "
        "WHERE o.document_id IN (SELECT DISTINCT order_id FROM collection_plan)"
    ).fetchall()
    return {r[0] for r in rows}
