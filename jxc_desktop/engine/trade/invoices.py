"""Invoices (XSFP / CGFP) against deliveries and receipts: what is left to invoice.

An invoice line names the delivery (receipt) line it invoices in source_line. It may
not invoice more than was delivered less what is already invoiced; its price may
differ (the difference report shows by how much, and the open items carry it).
A 采购发票 CGFP may also invoice a 委外入库 WWRK line: the subcontractor's 加工费发票.
Its price is the processing fee per unit; the line must carry the receipt's product,
and the receipt line must carry a fee.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_qty, from_scaled, money
from jxc_desktop.engine.trade.linked import linked_lines
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine

DELIVERY_FOR = {"XSFP": ("XSCK",), "CGFP": ("CGRK", "WWRK")}


def invoiced_base(delivery_line_ids: list[int], exclude_doc: int | None = None) -> dict:
    """Base quantity invoiced (approved invoices) per delivery line."""
    found = {}
    for start in range(0, len(delivery_line_ids), 500):  # bounded IN lists
        chunk = delivery_line_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = execute(
            "SELECT i.source_line_id, SUM(i.base_qty) FROM document_line i JOIN document d "
            "ON d.id = i.document_id WHERE d.status = 'approved' "
            f"AND d.doc_type IN ('XSFP', 'CGFP') AND i.source_line_id IN ({marks}) "
            "AND d.id <> ? GROUP BY i.source_line_id",
            [*chunk, exclude_doc or 0],
        ).fetchall()
        found.update({r[0]: from_scaled(r[1], 4) for r in rows})
    return {k: found.get(k, Decimal(0)) for k in delivery_line_ids}


def _fee_problems(line) -> list[Problem]:
    """A 加工费发票 line: the receipt's product, and a receipt line that carries a fee."""
    where = tr("第 {n} 行", "line {n}", n=line.line_no)
    problems = []
    if line.item_id != line.source_item_id:
        problems.append(
            Problem(
                tr(
                    "加工费发票的商品必须是委外入库 {n} 第 {l} 行的产品",
                    "A processing-fee invoice line must carry the product of {n} line {l}",
                    n=line.source_number,
                    l=line.source_line_no,
                ),
                where,
            )
        )
    if not line.source_total:
        problems.append(
            Problem(
                tr(
                    "委外入库 {n} 第 {l} 行没有加工费，无需开票",
                    "{n} line {l} carries no processing fee to invoice",
                    n=line.source_number,
                    l=line.source_line_no,
                ),
                where,
            )
        )
    return problems


def validate_invoice(doc: Document) -> list[Problem]:
    """Linked lines must name approved deliveries of the partner, within their quantity."""
    problems = []
    linked = linked_lines(doc.id)
    done = invoiced_base(sorted({x.source_id for x in linked}), doc.id)
    wanted: dict[int, Decimal] = {}
    sources = {}
    for line in linked:
        if line.source_type not in DELIVERY_FOR[doc.doc_type]:
            continue  # e.g. an order line: recorded, no quantity check
        if line.source_status != "approved" or line.source_partner_id != doc.partner_id:
            problems.append(
                Problem(
                    tr(
                        "源单 {n} 未审核或不是该往来单位的单据",
                        "Source {n} is not approved or belongs to another partner",
                        n=line.source_number,
                    ),
                    tr("第 {n} 行", "line {n}", n=line.line_no),
                )
            )
        if line.source_currency != doc.currency:  # a difference must be in one currency
            problems.append(
                Problem(
                    tr(
                        "发票币种 {c} 与源单 {n} 的币种 {s} 不同",
                        "The invoice currency {c} differs from {s} of {n}",
                        c=doc.currency,
                        n=line.source_number,
                        s=line.source_currency,
                    ),
                    tr("第 {n} 行", "line {n}", n=line.line_no),
                )
            )
        if line.source_type == "WWRK":
            problems += _fee_problems(line)
        wanted[line.source_id] = wanted.get(line.source_id, Decimal(0)) + line.base_qty
        sources[line.source_id] = line
    for src_id, this in wanted.items():
        src = sources[src_id]
        if done[src_id] + this > src.source_base_qty:
            problems.append(
                Problem(
                    tr(
                        "开票数量超出出入库数量：{n} 第 {l} 行 数量 {q}，已开票 {d}，本单 {t}",
                        "Invoiced beyond the delivery: {n} line {l} qty {q}, invoiced {d}, "
                        "this {t}",
                        n=src.source_number,
                        l=src.source_line_no,
                        q=format_qty(src.source_base_qty),
                        d=format_qty(done[src_id]),
                        t=format_qty(this),
                    )
                )
            )
    return problems


def invoicing_states(doc_ids: list[int]) -> dict[int, str]:
    """开票情况 of approved deliveries / receipts: doc id → none / partial / done (their
    lines' base quantities against approved invoices; 委外入库 lines without a fee and
    lines of nothing count for nothing), in a few IN queries for a whole list."""
    rows = []
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start : start + 500]
        rows += execute(
            "SELECT id, document_id, base_qty FROM document_line WHERE base_qty > 0 AND "
            f"total <> 0 AND document_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    done = invoiced_base([r[0] for r in rows])
    billed: dict[int, tuple[Decimal, Decimal]] = {}
    for line_id, doc_id, base_qty in rows:
        units = from_scaled(base_qty, 4)
        got, want = billed.get(doc_id, (Decimal(0), Decimal(0)))
        billed[doc_id] = (got + min(done[line_id], units), want + units)
    return {
        doc_id: "none" if not got else ("done" if got >= want else "partial")
        for doc_id, (got, want) in billed.items()
    }


def uninvoiced_lines(doc_type: str, partner_id: int | None = None) -> list[dict]:
    """Approved delivery (receipt) lines not fully invoiced: 已出库未开票."""
    sql = (
        "SELECT l.id FROM document_line l JOIN document d ON d.id = l.document_id "
        "WHERE d.status = 'approved' AND d.doc_type = ? AND l.base_qty > 0"
    )
    params: list = [doc_type]
    if partner_id:
        sql += " AND d.partner_id = ?"
        params.append(partner_id)
    ids = [r[0] for r in execute(sql + " ORDER BY d.date, d.id, l.line_no", params).fetchall()]
    done = invoiced_base(ids)
    out = []
    for line in DocumentLine.select().where(DocumentLine.id.in_(ids)) if ids else []:
        left = line.base_qty - done[line.id]
        if left > 0:
            value = money(line.total * left / line.base_qty)
            out.append({"line": line, "qty": left, "total": value})
    return out


def uninvoiced_documents(invoice_type: str, partner_id: int) -> list[dict]:
    """选源单: a partner's approved deliveries (receipts, 委外入库 with a fee) that still
    have something to invoice on an `invoice_type` invoice, oldest first: id, number,
    doc_type, date, currency, qty (base units left) and total (价税合计 left)."""
    found: dict[int, dict] = {}
    for doc_type in DELIVERY_FOR[invoice_type]:
        for row in uninvoiced_lines(doc_type, partner_id):
            line = row["line"]
            if doc_type == "WWRK" and not line.total:
                continue  # no processing fee on it: nothing to invoice
            entry = found.setdefault(
                line.document_id, {"id": line.document_id, "qty": Decimal(0), "total": Decimal(0)}
            )
            entry["qty"] += row["qty"]
            entry["total"] += row["total"]
    docs = Document.select().where(Document.id.in_(list(found))) if found else []
    for doc in docs:
        found[doc.id].update(
            number=doc.number, doc_type=doc.doc_type, date=doc.date, currency=doc.currency
        )
    return sorted(found.values(), key=lambda r: (r["date"], r["number"]))


def differences(invoice: Document) -> list[dict]:
    """差异: per linked line, invoiced vs delivered quantity, price and amount."""
    out = []
    for line in DocumentLine.select().where(DocumentLine.document == invoice):
        src = line.source_line
        if src is None or not src.base_qty:
            continue
        delivered_value = money(src.total * line.base_qty / src.base_qty)
        out.append(
            {
                "line": line.line_no,
                "source": src.document.number,
                "item": line.item.code if line.item else "",
                "delivered_qty": src.base_qty,
                "invoiced_qty": line.base_qty,
                "delivered_price": src.price,
                "invoiced_price": line.price,
                "delivered_total": delivered_value,
                "invoiced_total": line.total,
                "difference": line.total - delivered_value,
            }
        )
    return out
