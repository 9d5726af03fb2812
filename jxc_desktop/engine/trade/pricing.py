"""Prices: customer price grades, last prices, supplier quotes; purchase requisitions.

suggest_sale_price(customer, item, qty, date): the customer's grade price list (the row
with the largest quantity break not above qty, valid on date, discount applied); else
the general list (grade ""); else the last price sold to that customer; else the item's
销售价. suggest_purchase_price: the cheapest valid supplier quote for the quantity; else
the last price bought from that supplier; else the item's 采购价. Prices exclude tax,
per base unit, 6 places. Each returns (price, where it came from).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents, lookup
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import D, price
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Partner
from jxc_desktop.models.trade import PriceList, SupplierQuote


def _valid(model, date: dt.date):
    return ((model.valid_from.is_null()) | (model.valid_from <= date)) & (
        (model.valid_to.is_null()) | (model.valid_to >= date)
    )


def _item(item) -> Item:
    found = item if isinstance(item, Item) else lookup.item_by_code(item)
    if found is None:
        raise JxcError(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=item))
    return found


def _partner(partner, kind: str) -> Partner:
    found = partner if isinstance(partner, Partner) else lookup.partner_by_code(partner, kind)
    if found is None:
        raise JxcError(tr("往来单位“{c}”不存在", "Partner '{c}' does not exist", c=partner))
    return found


def last_price(partner: Partner, item: Item, doc_types: tuple[str, ...]) -> Decimal | None:
    """The price per base unit on the latest approved line for this partner and item."""
    line = (
        DocumentLine.select(DocumentLine)
        .join(Document)
        .where(
            (Document.partner == partner)
            & (DocumentLine.item == item)
            & (Document.status == "approved")
            & Document.doc_type.in_(list(doc_types))
            & (DocumentLine.base_qty > 0)
        )
        .order_by(Document.date.desc(), Document.time.desc(), Document.id.desc())
        .first()
    )
    return price(line.amount / line.base_qty) if line else None


def _grade_price(grade: str, item: Item, qty: Decimal, date: dt.date) -> Decimal | None:
    row = (
        PriceList.select()
        .where(
            (PriceList.grade == grade)
            & (PriceList.item == item)
            & (PriceList.min_qty <= qty)
            & _valid(PriceList, date)
        )
        .order_by(PriceList.min_qty.desc())
        .first()
    )
    return price(row.price * (100 - row.discount) / 100) if row else None


def suggest_sale_price(customer, item, qty, date: dt.date) -> tuple[Decimal, str]:
    """建议售价 for a customer, item, base quantity and date; returns (price, source)."""
    customer, item, qty = _partner(customer, "customer"), _item(item), D(qty)
    for grade in dict.fromkeys([customer.price_grade or "", ""]):
        found = _grade_price(grade, item, qty, date)
        if found is not None:
            return found, "price_list"
    last = last_price(customer, item, ("XSCK", "XSFP", "XSDD"))
    if last is not None:
        return last, "last_sale"
    return item.sale_price, "item"


def suggest_purchase_price(supplier, item, qty, date: dt.date) -> tuple[Decimal, str]:
    """建议进价 for a supplier, item, base quantity and date; returns (price, source)."""
    supplier, item, qty = _partner(supplier, "supplier"), _item(item), D(qty)
    quote = (
        SupplierQuote.select()
        .where(
            (SupplierQuote.supplier == supplier)
            & (SupplierQuote.item == item)
            & (SupplierQuote.min_qty <= qty)
            & _valid(SupplierQuote, date)
        )
        .order_by(SupplierQuote.price)
        .first()
    )
    if quote is not None:
        return quote.price, "quote"
    last = last_price(supplier, item, ("CGRK", "CGFP", "CGDD"))
    if last is not None:
        return last, "last_purchase"
    return item.purchase_price, "item"


def compare_quotes(item, qty, date: dt.date) -> list[dict]:
    """供应商报价比较: every supplier's best valid price for the quantity, cheapest first."""
    item, qty = _item(item), D(qty)
    best: dict[int, SupplierQuote] = {}
    for quote in SupplierQuote.select().where(
        (SupplierQuote.item == item) & (SupplierQuote.min_qty <= qty) & _valid(SupplierQuote, date)
    ):
        if quote.supplier_id not in best or quote.price < best[quote.supplier_id].price:
            best[quote.supplier_id] = quote
    rows = [
        {
            "supplier": q.supplier.code,
            "name": q.supplier.name,
            "price": q.price,
            "min_qty": q.min_qty,
            "valid_to": q.valid_to,
        }
        for q in best.values()
    ]
    return sorted(rows, key=lambda r: (r["price"], r["supplier"]))


def requisition_from_alerts(date: dt.date, save: bool = True):
    """CGSQ from items below safety stock: each up to its maximum (or its safety stock)."""
    rows = execute(
        "SELECT i.id, i.safety_stock, i.max_stock, COALESCE(SUM(b.qty), 0) FROM item i "
        "LEFT JOIN stock_balance b ON b.item_id = i.id WHERE i.active = ? AND i.safety_stock > 0 "
        "GROUP BY i.id, i.safety_stock, i.max_stock ORDER BY i.code",
        (True,),
    ).fetchall()
    data = DocumentInput("CGSQ", date, remarks=tr("库存预警生成", "From stock alerts"))
    for item_id, safety, maximum, on_hand in rows:
        if on_hand >= safety:
            continue
        target = maximum if maximum > safety else safety
        item = Item.get_by_id(item_id)
        data.lines.append(
            LineInput(item=item, qty=D(target - on_hand) / 10000, price=item.purchase_price)
        )
    if not data.lines:
        raise JxcError(tr("没有低于安全库存的商品", "No item is below its safety stock"))
    return documents.save_draft(data) if save else data
