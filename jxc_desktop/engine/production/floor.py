"""Shop-floor documents made from a work order: 生产领料 and 产品入库 in one action.

The planner picks a released order and says "issue its materials" or "receive N
finished": the lines come from the order (what the BOM still needs, what was made),
name the order as their cost object, and are saved and approved in one transaction —
the same documents a clerk could type or import (docs/PRODUCTION.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents, money
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import NotFound, Problem, StateError, ValidationError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import workorders
from jxc_desktop.models.db import write_transaction


def _released(number: str):
    doc = workorders.find_work_order(number)
    if doc is None:
        raise NotFound(tr("找不到生产订单 {n}", "No work order {n}", n=number))
    status = workorders.status_of(doc)
    if status not in ("released", "in_progress"):
        raise StateError(
            tr(
                "生产订单 {n} 的状态是{s}，不能领料或入库",
                "Work order {n} is {s}: nothing can be issued or received",
                n=doc.number,
                s=workorders.status_label(status),
            )
        )
    return doc


def to_issue(number: str) -> list[tuple[str, Decimal]]:
    """(component code, quantity) the BOM still needs for the order: planned − issued."""
    rows = workorders.variance(number)
    return [
        (r["item"], r["planned_qty"] - r["actual_qty"])
        for r in rows
        if r["planned_qty"] - r["actual_qty"] > 0
    ]


def issue_materials(number: str, warehouse: str, date: dt.date | None = None) -> str:
    """Saves and approves one 生产领料 SCLL of everything still to issue; its number."""
    doc = _released(number)
    if not (warehouse or "").strip():
        raise ValidationError([Problem(tr("请选择发料仓库", "Choose the warehouse"), "warehouse")])
    wanted = to_issue(doc.number)
    if not wanted:
        raise StateError(
            tr(
                "生产订单 {n} 的材料已按 BOM 领齐",
                "Work order {n} has had all its BOM materials",
                n=doc.number,
            )
        )
    lines = [LineInput(item=code, qty=qty, cost_object=doc.number) for code, qty in wanted]
    return _save_and_approve(
        DocumentInput("SCLL", date or dt.date.today(), lines, warehouse=warehouse)
    )


def receive_warnings(number: str) -> list[str]:
    """What the user should confirm before 完工入库 on the order (empty: nothing).

    A receipt on an order with no material issued is allowed (the materials may follow
    before the cost run), but left so it would enter stock at zero cost."""
    doc = workorders.find_work_order(number)
    if doc is None:
        raise NotFound(tr("找不到生产订单 {n}", "No work order {n}", n=number))
    lines = workorders.view(doc).lines  # the order's status is receive_finished's to check
    if any(line.doc_type in workorders.ISSUE_TYPES and line.qty > 0 for line in lines):
        return []
    return [
        tr(
            "生产订单 {n} 尚未领料：现在完工入库，成本计算后产品成本将为 0。请先领料，或确认继续",
            "Work order {n} has no material issued: receiving now, the products will be "
            "costed at 0 by the cost run. Issue the materials first, or confirm",
            n=doc.number,
        )
    ]


def receive_finished(number: str, qty, warehouse: str, date: dt.date | None = None) -> str:
    """Saves and approves one 产品入库 CPRK of `qty` finished units (at book cost until
    the month's cost run settles it); its number. Callers show `receive_warnings`
    first (the GUI asks the user to confirm them)."""
    doc = _released(number)
    problems = []
    try:
        amount = money.qty(qty)
    except (ValueError, TypeError, ArithmeticError):
        amount = None
    if amount is None or amount <= 0:
        problems.append(Problem(tr("数量必须大于零", "The quantity must be above zero"), "qty"))
    if not (warehouse or "").strip():
        problems.append(Problem(tr("请选择入库仓库", "Choose the warehouse"), "warehouse"))
    if problems:
        raise ValidationError(problems)
    item = workorders.view(doc).item
    line = LineInput(item=item, qty=amount, cost_object=doc.number)
    return _save_and_approve(
        DocumentInput("CPRK", date or dt.date.today(), [line], warehouse=warehouse)
    )


def _save_and_approve(data: DocumentInput) -> str:
    with write_transaction():
        draft = documents.save_draft(data)
        documents.approve(draft.id)
    return draft.number
