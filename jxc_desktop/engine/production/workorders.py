"""Work orders (生产订单 SCDD): status, issues (生产领料 SCLL), returns, receipts (CPRK), WIP.

Status. A draft work order is `planned`; approving it releases it (`released`); the
first approved material issue naming it puts it `in_progress`; it is `completed` once
its approved receipts reach the ordered quantity or a user marks it so, and `closed`
when a user closes it (a closed order is no longer a scheduled receipt for MRP, and
takes no more issues). Only completed and closed are stored (WorkOrderState); the
rest follows from the documents, so un-approving a document never leaves a stale
status behind.

Cost objects. A SCLL or CPRK line belongs to the cost object named in its 成本对象
(a work order by its own or external number, or a process step code); without one,
to the work order its source line (源单编号) belongs to. 退料 (material returned
from the shop floor) is an approved 其他入库 QTRK naming the work order the same way:
it comes back at its line price (the user gives the issue's unit cost) or at book
cost, and its value is deducted from the order's material. SCLL quantities stay
positive, as the inventory engine requires.

Values are the stock ledger's: a line's value is its moves plus the revaluations
that adjust them; a CPRK line's settled value adds the cost adjustments (成本调整
lines naming it) the cost run wrote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.errors import JxcError, NotFound, Problem, StateError, ValidationError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.production import WorkOrderState

ISSUE_TYPES = ("SCLL",)
RETURN_TYPES = ("QTRK",)
RECEIPT_TYPES = ("CPRK",)


@dataclass
class ObjectLine:
    """One approved SCLL / QTRK / CPRK line of a cost object."""

    line_id: int
    doc_type: str
    number: str
    date: dt.date
    item_id: int
    qty: Decimal  # base unit
    value: Decimal  # CNY, as the ledger shows it now (CPRK: settled incl. adjustments)


@dataclass
class WorkOrderView:
    number: str
    item: str
    planned_qty: Decimal
    completed_qty: Decimal
    status: str
    issued: Decimal = Decimal(0)
    returned: Decimal = Decimal(0)
    received: Decimal = Decimal(0)
    lines: list[ObjectLine] = field(default_factory=list)

    @property
    def wip(self) -> Decimal:
        """Issued − returned − completed value: what is still on the shop floor."""
        return self.issued - self.returned - self.received


# ---------------------------------------------------------------- cost objects


def find_work_order(number: str) -> Document | None:
    """A SCDD by its own or external number, or None."""
    if not number:
        return None
    # two indexed look-ups: an OR over both columns scans every document
    own = Document.get_or_none((Document.number == number) & (Document.doc_type == "SCDD"))
    if own is not None:
        return own
    query = Document.select().where(
        (Document.doc_type == "SCDD") & (Document.external_number == number)
    )
    return query.order_by(Document.id).first()


@dataclass
class WorkOrderIndex:
    """Every work order read once: own/external number → own number, and its product."""

    keys: dict[str, str]
    items: dict[str, int]

    def key(self, text: str) -> str:
        """As object_key, from the index."""
        text = (text or "").strip()
        return self.keys.get(text, text)


def work_order_index() -> WorkOrderIndex:
    """Two queries for what find_work_order / object_key answer one at a time."""
    keys: dict[str, str] = {}
    own: dict[str, str] = {}
    for number, external in execute(
        "SELECT number, external_number FROM document WHERE doc_type = 'SCDD' ORDER BY id"
    ).fetchall():
        own[number] = number
        if external and external not in keys:
            keys[external] = number
    keys.update(own)  # an own number wins over another order's external number
    items: dict[str, int] = {}
    for number, item_id in execute(
        "SELECT d.number, l.item_id FROM document_line l JOIN document d ON d.id = l.document_id "
        "WHERE d.doc_type = 'SCDD' ORDER BY l.line_no DESC"
    ).fetchall():
        items[number] = item_id  # the first line comes last and stays
    return WorkOrderIndex(keys, items)


def object_key(text: str) -> str:
    """The canonical cost object: a work order's own number, or the step code as given."""
    text = (text or "").strip()
    wo = find_work_order(text)
    return wo.number if wo else text


def line_values(line_ids: list[int]) -> dict[int, int]:
    """Current ledger value in fen per document line (own moves + revaluations)."""
    out: dict[int, int] = {}
    for chunk in range(0, len(line_ids), 500):
        ids = line_ids[chunk : chunk + 500]
        marks = ", ".join("?" * len(ids))
        for lid, value in execute(
            f"SELECT line_id, SUM(value) FROM stock_move WHERE line_id IN ({marks}) "
            "GROUP BY line_id",
            ids,
        ):
            out[lid] = out.get(lid, 0) + int(value)
        for lid, value in execute(
            "SELECT o.line_id, SUM(r.value) FROM stock_move r JOIN stock_move o "
            "ON r.adjusts_id = o.id WHERE r.kind = 'reval' AND r.line_id IS NULL "
            f"AND o.line_id IN ({marks}) GROUP BY o.line_id",
            ids,
        ):
            out[lid] = out.get(lid, 0) + int(value)
    return out


def adjustment_values(line_ids: list[int]) -> dict[int, int]:
    """Value of approved 成本调整 lines naming each receipt line (the cost run's work)."""
    if not line_ids:
        return {}
    marks = ", ".join("?" * len(line_ids))
    rows = execute(
        "SELECT a.source_line_id, a.id FROM document_line a JOIN document d ON d.id = a.document_id "
        f"WHERE d.doc_type = 'CBTZ' AND d.status = 'approved' AND a.source_line_id IN ({marks})",
        line_ids,
    ).fetchall()
    values = line_values([r[1] for r in rows])
    out: dict[int, int] = {}
    for source, adj in rows:
        out[source] = out.get(source, 0) + values.get(adj, 0)
    return out


def object_lines(
    date_from: dt.date | None = None, date_to: dt.date | None = None
) -> dict[str, list[ObjectLine]]:
    """Approved SCLL / QTRK / CPRK lines by cost object, in date order."""
    where, args = ["d.status = 'approved'", "d.doc_type IN ('SCLL', 'QTRK', 'CPRK')"], []
    if date_from:
        where.append("d.date >= ?")
        args.append(str(date_from))
    if date_to:
        where.append("d.date <= ?")
        args.append(str(date_to))
    rows = execute(
        "SELECT l.id, d.doc_type, d.number, d.date, l.item_id, l.base_qty, l.cost_object, "
        "sd.doc_type, sd.number FROM document_line l JOIN document d ON d.id = l.document_id "
        "LEFT JOIN document_line sl ON sl.id = l.source_line_id "
        "LEFT JOIN document sd ON sd.id = sl.document_id "
        f"WHERE {' AND '.join(where)} ORDER BY d.date, d.time, d.id, l.line_no",
        args,
    ).fetchall()
    index = work_order_index() if any(r[6] for r in rows) else None
    picked = []
    for r in rows:
        raw = r[6] or ""
        obj = index.key(raw) if raw else (r[8] if r[7] == "SCDD" else "")
        if obj:
            picked.append((obj, r))
    ids = [r[0] for _o, r in picked]
    values = line_values(ids)
    adjust = adjustment_values([r[0] for _o, r in picked if r[1] == "CPRK"])
    out: dict[str, list[ObjectLine]] = {}
    for obj, r in picked:
        value = values.get(r[0], 0) + adjust.get(r[0], 0)
        date = r[3] if isinstance(r[3], dt.date) else dt.date.fromisoformat(str(r[3]))
        qty_v = money.from_scaled(int(r[5]), 4)
        out.setdefault(obj, []).append(
            ObjectLine(r[0], r[1], r[2], date, r[4], qty_v, money.from_scaled(value, 2))
        )
    return out


def refreshed(lines: list[ObjectLine]) -> list[ObjectLine]:
    """The same lines with their values read again (after other adjustments were posted)."""
    ids = [line.line_id for line in lines]
    values = line_values(ids)
    adjust = adjustment_values([line.line_id for line in lines if line.doc_type == "CPRK"])
    return [
        replace(
            line,
            value=money.from_scaled(values.get(line.line_id, 0) + adjust.get(line.line_id, 0), 2),
        )
        for line in lines
    ]


# ---------------------------------------------------------------- status


def _stored_status(doc: Document) -> str | None:
    row = WorkOrderState.get_or_none(WorkOrderState.document == doc)
    return row.status if row else None


def view(doc: Document, lines: list[ObjectLine] | None = None) -> WorkOrderView:
    """A work order with its quantities, status and WIP value to date."""
    doc = Document.get_by_id(doc.id)  # the caller's copy may predate an approval
    if lines is None:
        lines = object_lines().get(doc.number, [])
    first = DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    first = first.first()
    planned = first.base_qty if first else Decimal(0)
    item = first.item if first else None
    v = WorkOrderView(doc.number, item.code if item else "", planned, Decimal(0), "planned")
    v.lines = lines
    for line in lines:
        if line.doc_type in ISSUE_TYPES:
            v.issued -= line.value  # issues are negative in the ledger
        elif line.doc_type in RETURN_TYPES:
            v.returned += line.value
        elif line.doc_type in RECEIPT_TYPES and item and line.item_id == item.id:
            v.completed_qty += line.qty
            v.received += line.value
    v.status = _status(doc, v)
    return v


def _status(doc: Document, v: WorkOrderView) -> str:
    if doc.status == "void":
        return "void"
    if doc.status == "draft":
        return "planned"
    stored = _stored_status(doc)
    if stored in ("completed", "closed"):
        return stored
    if v.planned_qty and v.completed_qty >= v.planned_qty:
        return "completed"
    if any(line.doc_type in ISSUE_TYPES + RECEIPT_TYPES for line in v.lines):
        return "in_progress"
    return "released"


def status_of(doc: Document) -> str:
    """planned / released / in_progress / completed / closed (void for a void order)."""
    return view(doc).status


def status_label(status: str) -> str:
    """The status in words, in the user's language (计划 / 已下达 / 生产中 / 已完工 / 已关闭)."""
    labels = {
        "planned": tr("计划", "Planned"),
        "released": tr("已下达", "Released"),
        "in_progress": tr("生产中", "In progress"),
        "completed": tr("已完工", "Completed"),
        "closed": tr("已关闭", "Closed"),
        "void": tr("已作废", "Void"),
    }
    return labels.get(status, status)


def create_work_order(
    item: str, qty, due_date: dt.date, warehouse: str = "", date: dt.date | None = None
) -> str:
    """Saves and approves (releases) a 生产订单 for `qty` base units of `item`; its number.

    The order is dated `date` (today by default) and due on `due_date`; the warehouse is
    where the finished goods are expected. Every problem is reported at once and
    nothing is written unless the order is approved.
    """
    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput

    date = date or dt.date.today()
    problems = _create_problems(item, qty, due_date, date)
    if problems:
        raise ValidationError(problems)
    line = LineInput(item=item.strip(), qty=money.qty(qty), due_date=due_date)
    data = DocumentInput("SCDD", date, [line], warehouse=warehouse or None)
    with write_transaction():
        doc = documents.save_draft(data)
        documents.approve(doc.id)
    return doc.number


def _create_problems(item: str, qty, due_date: dt.date | None, date: dt.date) -> list[Problem]:
    problems = []
    if not (item or "").strip():
        problems.append(Problem(tr("请输入产品编码", "Enter the product code"), field="item"))
    try:
        amount = money.qty(qty)
    except (ValueError, TypeError, ArithmeticError):
        amount = None
    if amount is None or amount <= 0:
        problems.append(
            Problem(tr("数量必须大于零", "The quantity must be above zero"), field="qty")
        )
    if due_date is None or due_date < date:
        problems.append(
            Problem(
                tr("交货日期不能早于单据日期", "The due date cannot be before the order date"),
                field="due_date",
            )
        )
    return problems


def set_status(number: str, status: str) -> None:
    """Marks an approved work order completed or closed, or re-opens it ('released')."""
    doc = find_work_order(number)
    if doc is None:
        raise NotFound(tr("找不到生产订单 {n}", "No work order {n}", n=number))
    if status not in ("completed", "closed", "released"):
        raise JxcError(tr("无效的状态 {s}", "Invalid status {s}", s=status))
    if doc.status != "approved":
        raise StateError(
            tr("生产订单 {n} 尚未审核（下达）", "Work order {n} is not released", n=doc.number)
        )
    with write_transaction():
        WorkOrderState.delete().where(WorkOrderState.document == doc).execute()
        if status != "released":
            WorkOrderState.create(document=doc, status=status, updated_at=now())
        audit(f"work_order.{status}", doc.number)


def work_orders(status: str | None = None) -> list[WorkOrderView]:
    """Every work order that is not void, with its status and WIP."""
    lines = object_lines()
    docs = Document.select().where((Document.doc_type == "SCDD") & (Document.status != "void"))
    out = [view(d, lines.get(d.number, [])) for d in docs.order_by(Document.date, Document.id)]
    return [v for v in out if status is None or v.status == status]


def variance(number: str) -> list[dict]:
    """Planned (BOM × ordered qty) against actual issued quantity and value per component."""
    from jxc_desktop.engine.production import bom as bom_engine
    from jxc_desktop.models.masterdata import Item

    doc = find_work_order(number)
    if doc is None:
        raise NotFound(tr("找不到生产订单 {n}", "No work order {n}", n=number))
    v = view(doc)
    parent = Item.get_or_none(Item.code == v.item)
    planned: dict[int, Decimal] = {}
    for comp, per, _line in bom_engine.components(parent, doc.date) if parent else []:
        planned[comp.id] = planned.get(comp.id, Decimal(0)) + money.qty(v.planned_qty * per)
    actual: dict[int, list[Decimal]] = {}
    for line in v.lines:
        sign = 1 if line.doc_type in ISSUE_TYPES else -1 if line.doc_type in RETURN_TYPES else 0
        if sign:
            got = actual.setdefault(line.item_id, [Decimal(0), Decimal(0)])
            got[0] += sign * line.qty
            got[1] -= line.value  # issues are negative, returns positive
    rows = []
    for item_id in list(planned) + [i for i in actual if i not in planned]:
        item = Item.get_by_id(item_id)
        qty_a, value_a = actual.get(item_id, [Decimal(0), Decimal(0)])
        plan = planned.get(item_id, Decimal(0))
        rows.append(
            {
                "item": item.code,
                "planned_qty": plan,
                "actual_qty": qty_a,
                "variance_qty": qty_a - plan,
                "actual_value": value_a,
            }
        )
    return rows
