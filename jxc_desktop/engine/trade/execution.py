"""订单执行: what each order line has become, short closing, and over-delivery.

Per XSDD / CGDD line: ordered; delivered (received) = approved XSCK (CGRK) lines whose
source_line is the order line, less approved returns (XSTH / CGTH) of those lines;
invoiced = approved XSFP (CGFP) lines naming those deliveries (or the order line);
collected (paid) = SKD (FKD) settlements on their open items; open = ordered −
delivered, or 0 once the line is closed short (短缺关闭).

Over-delivery is refused: a delivery may not take an order line beyond its ordered
quantity, nor take anything from a closed line or an unapproved order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.errors import Problem, StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_qty, from_scaled
from jxc_desktop.engine.session import audit, current_user
from jxc_desktop.engine.trade import openitems
from jxc_desktop.engine.trade.linked import linked_lines
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.trade import ClosedLine

ORDER_OF = {"XSCK": "XSDD", "CGRK": "CGDD"}
DELIVERY_OF = {"XSDD": "XSCK", "CGDD": "CGRK"}
RETURN_OF = {"XSCK": "XSTH", "CGRK": "CGTH"}
INVOICE_OF = {"XSDD": "XSFP", "CGDD": "CGFP"}
STATUS_LABELS = {
    "open": ("未执行", "Not started"),
    "partial": ("部分执行", "Partly executed"),
    "done": ("已完成", "Completed"),
    "closed": ("已关闭", "Closed"),
}


def _marks(ids) -> str:
    return ",".join("?" * len(ids)) or "NULL"


def _sum_by(sql: str, ids: list[int], places: int = 4) -> dict[int, Decimal]:
    """sql grouped by line id, run over ids in chunks (bounded IN lists)."""
    out = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        params = chunk * sql.count("{marks}")
        rows = execute(sql.format(marks=_marks(chunk)), params).fetchall()
        out.update({r[0]: from_scaled(r[1] or 0, places) for r in rows})
    return out


def delivered(order_line_ids: list[int]) -> dict[int, Decimal]:
    """Base quantity delivered (received) per order line, net of returns."""
    out = _sum_by(
        "SELECT l.source_line_id, SUM(l.base_qty) FROM document_line l JOIN document d "
        "ON d.id = l.document_id WHERE d.status = 'approved' AND d.doc_type IN ('XSCK', 'CGRK') "
        "AND l.source_line_id IN ({marks}) GROUP BY l.source_line_id",
        order_line_ids,
    )
    returned = _sum_by(
        "SELECT dl.source_line_id, SUM(r.base_qty) FROM document_line r JOIN document d "
        "ON d.id = r.document_id JOIN document_line dl ON dl.id = r.source_line_id "
        "WHERE d.status = 'approved' AND d.doc_type IN ('XSTH', 'CGTH') "
        "AND dl.source_line_id IN ({marks}) GROUP BY dl.source_line_id",
        order_line_ids,
    )
    return {k: out.get(k, Decimal(0)) - returned.get(k, Decimal(0)) for k in order_line_ids}


def invoiced(order_line_ids: list[int]) -> dict[int, Decimal]:
    """Base quantity invoiced per order line (through its deliveries, or named directly)."""
    via = _sum_by(
        "SELECT dl.source_line_id, SUM(i.base_qty) FROM document_line i JOIN document d "
        "ON d.id = i.document_id JOIN document_line dl ON dl.id = i.source_line_id "
        "WHERE d.status = 'approved' AND d.doc_type IN ('XSFP', 'CGFP') "
        "AND dl.source_line_id IN ({marks}) GROUP BY dl.source_line_id",
        order_line_ids,
    )
    direct = _sum_by(
        "SELECT i.source_line_id, SUM(i.base_qty) FROM document_line i JOIN document d "
        "ON d.id = i.document_id WHERE d.status = 'approved' AND d.doc_type IN ('XSFP', 'CGFP') "
        "AND i.source_line_id IN ({marks}) GROUP BY i.source_line_id",
        order_line_ids,
    )
    return {k: via.get(k, Decimal(0)) + direct.get(k, Decimal(0)) for k in order_line_ids}


def closed_ids(line_ids: list[int]) -> set[int]:
    out = set()
    for start in range(0, len(line_ids), 500):  # bounded IN lists
        chunk = line_ids[start : start + 500]
        rows = execute(
            f"SELECT line_id FROM closed_line WHERE line_id IN ({_marks(chunk)})", chunk
        ).fetchall()
        out.update(r[0] for r in rows)
    return out


@dataclass
class LineState:
    line: DocumentLine
    ordered: Decimal
    delivered: Decimal
    invoiced: Decimal
    collected: Decimal
    closed: bool

    @property
    def open(self) -> Decimal:
        return Decimal(0) if self.closed else max(self.ordered - self.delivered, Decimal(0))


def collected(order_line_ids: list[int]) -> dict[int, Decimal]:
    """Money (SKD/FKD settlements, CNY) on the items of each order line's deliveries and
    their invoices."""
    return _sum_by(
        "SELECT m.ol, SUM(s.amount) FROM (SELECT l.source_line_id AS ol, l.id AS dl "
        "FROM document_line l WHERE l.source_line_id IN ({marks}) UNION ALL "
        "SELECT l.source_line_id, i.id FROM document_line i JOIN document_line l "
        "ON l.id = i.source_line_id WHERE l.source_line_id IN ({marks})) m "
        "JOIN open_item oi ON oi.line_id = m.dl JOIN settlement s ON s.open_item_id = oi.id "
        "JOIN document d ON d.id = s.document_id WHERE d.doc_type IN ('SKD', 'FKD') "
        f"AND {openitems.LIVE_SETTLEMENT} GROUP BY m.ol",
        order_line_ids,
        places=2,
    )


def states_of_lines(lines: list[DocumentLine]) -> list[LineState]:
    """The execution of many order lines with a handful of grouped queries."""
    ids = [line.id for line in lines]
    got, inv, closed, money = delivered(ids), invoiced(ids), closed_ids(ids), collected(ids)
    return [
        LineState(
            line,
            line.base_qty,
            got[line.id],
            inv[line.id],
            money.get(line.id, Decimal("0.00")),
            line.id in closed,
        )
        for line in lines
    ]


def line_states(order: Document) -> list[LineState]:
    """The execution of every line of an order."""
    return states_of_lines(
        list(
            DocumentLine.select()
            .where(DocumentLine.document == order)
            .order_by(DocumentLine.line_no)
        )
    )


def status_of(states: list[LineState]) -> str:
    """open (未执行) / partial (部分执行) / done (已完成) / closed (已关闭)."""
    if any(s.open > 0 for s in states):
        return "partial" if any(s.delivered > 0 or s.closed for s in states) else "open"
    return "closed" if any(s.closed for s in states) else "done"


def order_status(order: Document) -> str:
    """The status of an order from its lines' execution."""
    return status_of(line_states(order))


def status_label(status: str) -> str:
    return tr(*STATUS_LABELS[status])


def _order_line(line_id: int) -> DocumentLine:
    line = DocumentLine.get_or_none(DocumentLine.id == line_id)
    if line is None or line.document.doc_type not in DELIVERY_OF:
        raise StateError(tr("不是订单明细行", "Not an order line") + f": {line_id}")
    return line


def close_line(line_id: int, reason: str = "", date: dt.date | None = None) -> None:
    """短缺关闭: the order line takes no more deliveries; its open quantity becomes 0."""
    line = _order_line(line_id)
    with write_transaction():
        if ClosedLine.get_or_none(ClosedLine.line == line) is None:
            ClosedLine.create(
                line=line, date=date or dt.date.today(), reason=reason, user=current_user()
            )
            audit("order.close_line", line.document.number, str(line.line_no))


def reopen_line(line_id: int) -> None:
    """Undoes 短缺关闭 for an order line."""
    line = _order_line(line_id)
    with write_transaction():
        ClosedLine.delete().where(ClosedLine.line == line).execute()
        audit("order.reopen_line", line.document.number, str(line.line_no))


def returned(delivery_line_ids: list[int], exclude_doc: int) -> dict[int, Decimal]:
    """Base quantity already returned (approved XSTH / CGTH) per delivery line."""
    got = _sum_by(
        "SELECT r.source_line_id, SUM(r.base_qty) FROM document_line r JOIN document d "
        "ON d.id = r.document_id WHERE d.status = 'approved' AND d.doc_type IN ('XSTH', 'CGTH') "
        f"AND d.id <> {int(exclude_doc)} AND r.source_line_id IN ({{marks}}) "
        "GROUP BY r.source_line_id",
        delivery_line_ids,
    )
    return {k: got.get(k, Decimal(0)) for k in delivery_line_ids}


def validate_return(doc: Document) -> list[Problem]:
    """A return may not give back more than its delivery (receipt) line took."""
    wanted: dict[int, Decimal] = {}
    for line in DocumentLine.select().where(DocumentLine.document == doc):
        src = line.source_line
        if src is not None and src.document.doc_type in RETURN_OF:
            wanted[src.id] = wanted.get(src.id, Decimal(0)) + line.base_qty
    done = returned(list(wanted), doc.id)
    problems = []
    for src_id, this in wanted.items():
        src = DocumentLine.get_by_id(src_id)
        if done[src_id] + this > src.base_qty:
            problems.append(
                Problem(
                    tr(
                        "退货超出原单数量：{n} 第 {l} 行 数量 {q}，已退 {d}，本单 {t}",
                        "More returned than delivered: {n} line {l} qty {q}, returned {d}, "
                        "this {t}",
                        n=src.document.number,
                        l=src.line_no,
                        q=format_qty(src.base_qty),
                        d=format_qty(done[src_id]),
                        t=format_qty(this),
                    )
                )
            )
    return problems


def validate_against_orders(doc: Document) -> list[Problem]:
    """A delivery (receipt) may not exceed its order lines, nor use closed lines."""
    if doc.doc_type in ("XSTH", "CGTH"):
        return validate_return(doc)
    if doc.doc_type not in ORDER_OF:
        return []
    wanted: dict[int, Decimal] = {}
    sources = {}
    problems = []
    for line in linked_lines(doc.id):
        if line.source_type != ORDER_OF[doc.doc_type]:
            continue
        if line.source_status != "approved":
            problems.append(
                Problem(
                    tr("订单 {n} 未审核", "Order {n} is not approved", n=line.source_number),
                    tr("第 {n} 行", "line {n}", n=line.line_no),
                )
            )
        wanted[line.source_id] = wanted.get(line.source_id, Decimal(0)) + line.base_qty
        sources[line.source_id] = line
    got, closed = delivered(list(wanted)), closed_ids(list(wanted))
    for src_id, this in wanted.items():
        src = sources[src_id]
        label = f"{src.source_number} #{src.source_line_no}"
        if src_id in closed:
            problems.append(Problem(tr("订单行 {l} 已关闭", "Order line {l} is closed", l=label)))
        elif got[src_id] + this > src.source_base_qty:
            problems.append(
                Problem(
                    tr(
                        "超出订单数量：订单行 {l} 订购 {o}，已执行 {d}，本单 {t}",
                        "More than ordered: order line {l} ordered {o}, done {d}, this {t}",
                        l=label,
                        o=format_qty(src.source_base_qty),
                        d=format_qty(got[src_id]),
                        t=format_qty(this),
                    )
                )
            )
    return problems
