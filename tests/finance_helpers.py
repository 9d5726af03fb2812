"""Builders for finance scenarios: partners, documents with prices and tax, voucher lines."""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput, Posting
from jxc_desktop.models.finance import Voucher, VoucherLine
from jxc_desktop.models.masterdata import Partner
from tests.inventory_helpers import make_item, make_warehouse


def setup_basic():
    """Goods A (1405), material M (1403), warehouse W1, customer C1, supplier S1."""
    make_item("A")
    make_item("M", item_type="material")
    make_warehouse("W1")
    Partner.create(kind="customer", code="C1", name="客户一")
    Partner.create(kind="supplier", code="S1", name="供应商一")


def allow_money_documents(monkeypatch):
    """SKD/FKD/XSFP/CGFP postings belong to the trade module; stand in when it is absent."""
    documents._load_postings()
    for prefix in ("SKD", "FKD", "XSFP", "CGFP"):
        if documents.posting_for(prefix) is None:
            monkeypatch.setitem(documents._POSTINGS, prefix, Posting())


def trade_doc(doc_type, date, lines, partner=None, warehouse="W1", approve=True, **kw):
    """lines: (item, qty, price[, tax_rate]) tuples, or LineInput."""
    inputs = []
    for line in lines:
        if isinstance(line, LineInput):
            inputs.append(line)
            continue
        code, qty, price, *rest = line
        inputs.append(
            LineInput(item=code, qty=str(qty), price=str(price), tax_rate=rest[0] if rest else None)
        )
    d = documents.save_draft(
        DocumentInput(doc_type, date, inputs, partner=partner, warehouse=warehouse, **kw)
    )
    if approve:
        documents.approve(d.id)
    return d


def money_doc(doc_type, date, amount, partner, account="1002", approve=True, source=None):
    line = LineInput(amount=str(amount), account=account, source_line=source)
    d = documents.save_draft(DocumentInput(doc_type, date, [line], partner=partner))
    if approve:
        documents.approve(d.id)
    return d


def voucher_of(doc, kind="document") -> Voucher:
    return (
        Voucher.select()
        .where((Voucher.source == doc) & (Voucher.kind == kind))
        .order_by(Voucher.id.desc())
        .get()
    )


def lines_of(voucher) -> set[tuple]:
    """(account, debit, credit, partner code) of each line, amounts as text."""
    out = set()
    for line in VoucherLine.select().where(VoucherLine.voucher == voucher):
        partner = line.partner.code if line.partner_id else ""
        out.add((line.account.code, str(line.debit), str(line.credit), partner))
    return out


def D(text) -> Decimal:
    return Decimal(str(text))
