"""Builders for trade scenarios: partners, items, and approved trade documents."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, make_item, make_warehouse  # noqa: F401

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Partner


def customer(code="C1", limit="0", terms=30, grade="") -> Partner:
    return Partner.create(
        kind="customer",
        code=code,
        name=f"客户{code}",
        credit_limit=Decimal(limit),
        payment_terms_days=terms,
        price_grade=grade,
    )


def supplier(code="S1", terms=30) -> Partner:
    return Partner.create(
        kind="supplier", code=code, name=f"供应商{code}", payment_terms_days=terms
    )


def first_line(d) -> DocumentLine:
    return DocumentLine.get((DocumentLine.document == d) & (DocumentLine.line_no == 1))


def trade_doc(doc_type, date, partner, lines, warehouse=None, approve=True, **kw):
    """lines: (item, qty, price[, source_line]) tuples or LineInput."""
    inputs = []
    for line in lines:
        if isinstance(line, LineInput):
            inputs.append(line)
            continue
        code, qty, price, *rest = line
        inputs.append(
            LineInput(
                item=code,
                qty=str(qty),
                price=str(price),
                tax_rate="13",
                source_line=rest[0] if rest else None,
            )
        )
    d = documents.save_draft(
        DocumentInput(doc_type, date, inputs, partner=partner, warehouse=warehouse, **kw)
    )
    result = documents.approve(d.id) if approve else None
    return (d, result) if approve else d


def money_doc(doc_type, date, partner, amount, source_line=None, account="1002", approve=True):
    d = documents.save_draft(
        DocumentInput(
            doc_type,
            date,
            [LineInput(amount=str(amount), account=account, source_line=source_line)],
            partner=partner,
        )
    )
    result = documents.approve(d.id) if approve else None
    return d, result
