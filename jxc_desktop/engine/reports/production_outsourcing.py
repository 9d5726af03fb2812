"""委外对账 outsourcing reconciliation: per approved 委外订单 WWDD, one row for its
product (ordered, received, material consumed, processing fee, invoiced and not yet
invoiced by the subcontractor's 加工费发票 (CGFP lines naming the receipt lines), paid) and one
per material (sent, consumed by the receipts per BOM, returned, still at the
subcontractor, with values). Keys: see docs/REPORTS.md; kind is product / material, with
kind_label, partner_name and item_name beside the codes for people.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import lookup
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import from_scaled, money
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item

ZERO = Decimal(0)
NUMBERS = [
    "ordered_qty",
    "received_qty",
    "sent_qty",
    "sent_value",
    "consumed_qty",
    "consumed_value",
    "returned_qty",
    "returned_value",
    "held_qty",
    "held_value",
    "fee",
    "fee_tax",
    "fee_total",
    "invoiced_qty",
    "invoiced",
    "uninvoiced_qty",
    "uninvoiced",
    "paid",
]


def _orders(params: ReportParams) -> list[Document]:
    query = Document.select().where((Document.doc_type == "WWDD") & (Document.status == "approved"))
    if params.partner:
        partner = lookup.partner_by_code(params.partner)
        query = query.where(Document.partner == (partner.id if partner else 0))
    if params.date_from:
        query = query.where(Document.date >= params.date_from)
    if params.date_to:
        query = query.where(Document.date <= params.date_to)
    return list(query.order_by(Document.date, Document.id))


KIND_LABELS = {"product": ("产品", "Product"), "material": ("材料", "Material")}


def _row(order: Document, kind: str, item_id: int) -> dict:
    item = Item.get_by_id(item_id)
    row = {
        "order": order.number,
        "partner": order.partner.code if order.partner_id else "",
        "partner_name": order.partner.name if order.partner_id else "",
        "kind": kind,
        "kind_label": tr(*KIND_LABELS[kind]),
        "item": item.code,
        "item_name": item.name,
    }
    row.update({k: ZERO for k in NUMBERS})
    return row


def _receipt_lines(order: Document) -> list[DocumentLine]:
    """The approved 委外入库 lines naming one of the order's lines."""
    order_lines = DocumentLine.select(DocumentLine.id).where(DocumentLine.document == order)
    return list(
        DocumentLine.select()
        .join(Document, on=(DocumentLine.document == Document.id))
        .where(
            (Document.doc_type == "WWRK")
            & (Document.status == "approved")
            & DocumentLine.source_line.in_(order_lines)
        )
    )


def _invoiced(line_ids: list[int]) -> dict[int, tuple[Decimal, Decimal, list[int]]]:
    """Per receipt line: (base qty, total, invoice line ids) of the approved CGFP lines
    (加工费发票) naming it."""
    out: dict[int, tuple[Decimal, Decimal, list[int]]] = {}
    marks = ",".join("?" * len(line_ids))
    for src, inv_id, base_qty, total in execute(
        "SELECT l.source_line_id, l.id, l.base_qty, l.total FROM document_line l JOIN document d "
        "ON d.id = l.document_id WHERE d.doc_type = 'CGFP' AND d.status = 'approved' "
        f"AND l.source_line_id IN ({marks})",
        line_ids,
    ).fetchall():
        q, t, ids = out.get(src, (ZERO, ZERO, []))
        out[src] = (q + from_scaled(base_qty, 4), t + from_scaled(total, 2), [*ids, inv_id])
    return out


def _paid(line_ids: list[int]) -> Decimal:
    """Settled on the open items of these lines (receipt fees, their invoices), in CNY."""
    if not line_ids:
        return ZERO
    marks = ",".join("?" * len(line_ids))
    (paid,) = execute(
        "SELECT COALESCE(SUM(s.amount), 0) FROM settlement s JOIN open_item oi ON "
        f"oi.id = s.open_item_id WHERE oi.line_id IN ({marks}) AND s.reverses_id IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM settlement r WHERE r.reverses_id = s.id)",
        line_ids,
    ).fetchone()
    return from_scaled(int(paid), 2)


def _add_invoicing(row: dict, lines: list[DocumentLine]) -> None:
    """已开票 / 未开票 of the receipts' fee (quantity and 价税合计), and what was paid."""
    invoiced = _invoiced([line.id for line in lines])
    billed_lines = []
    for line in lines:
        q, total, ids = invoiced.get(line.id, (ZERO, ZERO, []))
        row["invoiced_qty"] += q
        row["invoiced"] += total
        billed_lines += ids
        left = line.base_qty - q if line.total else ZERO  # a receipt without a fee: nothing
        if left > 0:
            row["uninvoiced_qty"] += left
            row["uninvoiced"] += money(line.total * left / line.base_qty)
    row["paid"] = _paid([line.id for line in lines] + billed_lines)


def _product_rows(order: Document) -> list[dict]:
    from jxc_desktop.models.production import OutsourcingConsumption

    rows: dict[int, dict] = {}
    for line in DocumentLine.select().where(DocumentLine.document == order):
        rows.setdefault(line.item_id, _row(order, "product", line.item_id))
        rows[line.item_id]["ordered_qty"] += line.base_qty
    by_item: dict[int, list[DocumentLine]] = {}
    for line in _receipt_lines(order):
        row = rows.setdefault(line.item_id, _row(order, "product", line.item_id))
        row["received_qty"] += line.base_qty
        row["fee"] += line.amount
        row["fee_tax"] += line.tax
        row["fee_total"] += line.total
        by_item.setdefault(line.item_id, []).append(line)
        for c in OutsourcingConsumption.select().where(OutsourcingConsumption.line_id == line.id):
            row["consumed_value"] += c.value
    for item_id, lines in by_item.items():
        _add_invoicing(rows[item_id], lines)
    return list(rows.values())


def reconciliation_rows(params: ReportParams) -> list[dict]:
    """委外对账: the product row, then the material rows, per outsourcing order."""
    from jxc_desktop.engine.production.outsourcing import held

    orders = _orders(params)
    stock = held([o.id for o in orders])
    out = []
    for order in orders:
        out += _product_rows(order)
        for (order_id, item_id), h in sorted(stock.items()):
            if order_id != order.id:
                continue
            row = _row(order, "material", item_id)
            for name in ("sent", "returned", "consumed"):
                row[f"{name}_qty"] = from_scaled(getattr(h, f"{name}_qty"), 4)
                row[f"{name}_value"] = from_scaled(getattr(h, f"{name}_value"), 2)
            row["held_qty"], row["held_value"] = from_scaled(h.qty, 4), from_scaled(h.value, 2)
            out.append(row)
    return out


def _money(key, zh, en):
    return Column(key, zh, en, "money")


def _qty(key, zh, en):
    return Column(key, zh, en, "qty")


register(
    Report(
        "outsourcing-reconciliation",
        "委外对账",
        "Outsourcing reconciliation",
        [
            Column("order", "委外订单", "Order"),
            Column("partner", "加工商", "Subcontractor"),
            Column("partner_name", "加工商名称", "Subcontractor name"),
            Column("kind", "类别代码", "Kind code"),
            Column("kind_label", "类别", "Kind"),
            Column("item", "商品编码", "Item"),
            Column("item_name", "商品名称", "Item name"),
            _qty("ordered_qty", "订购数量", "Ordered"),
            _qty("received_qty", "入库数量", "Received"),
            _qty("sent_qty", "发料数量", "Sent"),
            _money("sent_value", "发料金额", "Sent value"),
            _qty("consumed_qty", "耗用数量", "Consumed"),
            _money("consumed_value", "耗用金额", "Consumed value"),
            _qty("returned_qty", "退料数量", "Returned"),
            _money("returned_value", "退料金额", "Returned value"),
            _qty("held_qty", "加工商结存", "At subcontractor"),
            _money("held_value", "结存金额", "Value there"),
            _money("fee", "加工费", "Fee"),
            _money("fee_tax", "加工费税额", "Fee VAT"),
            _money("fee_total", "加工费价税合计", "Fee incl. VAT"),
            _qty("invoiced_qty", "已开票数量", "Invoiced qty"),
            _money("invoiced", "已开票", "Invoiced"),
            _qty("uninvoiced_qty", "未开票数量", "Not invoiced qty"),
            _money("uninvoiced", "未开票加工费", "Fee not invoiced"),
            _money("paid", "已付款", "Paid"),
        ],
        reconciliation_rows,
    )
)
