"""Trade invariants for `jxc check`.

- each approved delivery / receipt / return (delivery basis) has live open items equal to
  its lines' totals in CNY, and no document that is not approved keeps live items;
- no item is settled beyond its amount, nor in the opposite direction;
- each approved SKD / FKD: settlements it made on positive items + its advances = its
  amount in CNY;
- order-line fulfilment: what deliveries took from an order line never exceeds it.
"""

from __future__ import annotations

from jxc_desktop.engine.checks import register
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.trade import execution, openitems
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine

LIVE_ITEM, LIVE_SETTLEMENT = openitems.LIVE_ITEM, openitems.LIVE_SETTLEMENT
SIGN = {"XSCK": 1, "XSTH": -1, "CGRK": 1, "CGTH": -1}


def _items_by_document() -> dict[int, int]:
    rows = execute(
        f"SELECT oi.document_id, SUM(oi.amount) FROM open_item oi WHERE {LIVE_ITEM} "
        "AND oi.is_advance = '' GROUP BY oi.document_id"
    ).fetchall()
    return {r[0]: r[1] for r in rows}


@register("open_items")
def open_items_equal_sources() -> list[str]:
    out = []
    found = _items_by_document()
    for doc in Document.select().where(Document.id.in_(list(found) or [0])):
        if doc.status != "approved":
            out.append(
                tr(
                    "未审核单据 {n} 仍有应收应付",
                    "{n} is not approved but has open items",
                    n=doc.number,
                )
            )
        elif doc.doc_type in SIGN:
            expected = sum(SIGN[doc.doc_type] * openitems.cny_fen(doc, x.total) for x in doc.lines)
            if expected != found[doc.id]:
                out.append(
                    tr(
                        "单据 {n} 的应收应付 {a} 不等于单据金额 {e}",
                        "{n}: open items {a} differ from the document total {e}",
                        n=doc.number,
                        a=found[doc.id] / 100,
                        e=expected / 100,
                    )
                )
    return out


@register("settlements")
def settlements_within_items() -> list[str]:
    rows = execute(
        "SELECT oi.id, d.number, oi.amount, COALESCE(SUM(s.amount), 0) FROM open_item oi "
        "JOIN document d ON d.id = oi.document_id LEFT JOIN settlement s ON "
        f"s.open_item_id = oi.id AND {LIVE_SETTLEMENT} WHERE {LIVE_ITEM} "
        "GROUP BY oi.id, d.number, oi.amount"
    ).fetchall()
    return [
        tr(
            "{n} 的应收应付项 {i} 核销 {s} 超出金额 {a}",
            "{n}: item {i} settled {s} beyond its amount {a}",
            n=number,
            i=item_id,
            s=settled / 100,
            a=amount / 100,
        )
        for item_id, number, amount, settled in rows
        if (amount >= 0 and not 0 <= settled <= amount)
        or (amount < 0 and not amount <= settled <= 0)
    ]


@register("money_documents")
def money_fully_applied() -> list[str]:
    out = []
    for doc in Document.select().where(
        Document.doc_type.in_(["SKD", "FKD"]) & (Document.status == "approved")
    ):
        (applied,) = execute(
            "SELECT COALESCE(SUM(s.amount), 0) FROM settlement s JOIN open_item oi "
            f"ON oi.id = s.open_item_id WHERE s.document_id = ? AND oi.amount > 0 AND {LIVE_SETTLEMENT}",
            (doc.id,),
        ).fetchone()
        (advance,) = execute(
            f"SELECT COALESCE(SUM(oi.amount), 0) FROM open_item oi WHERE oi.document_id = ? "
            f"AND oi.is_advance = '1' AND {LIVE_ITEM}",
            (doc.id,),
        ).fetchone()
        expected = sum(openitems.cny_fen(doc, x.amount) for x in doc.lines)
        if applied - advance != expected:
            out.append(
                tr(
                    "{n}：核销 {a} + 预收付 {b} 不等于金额 {e}",
                    "{n}: settled {a} + advance {b} differ from its amount {e}",
                    n=doc.number,
                    a=applied / 100,
                    b=-advance / 100,
                    e=expected / 100,
                )
            )
    return out


@register("order_fulfilment")
def orders_not_exceeded() -> list[str]:
    lines = list(
        DocumentLine.select()
        .join(Document)
        .where(Document.doc_type.in_(["XSDD", "CGDD"]) & (Document.status == "approved"))
    )
    got = execution.delivered([x.id for x in lines])
    return [
        tr(
            "订单 {n} 第 {l} 行执行 {d} 超出订购 {o}",
            "order {n} line {l}: {d} beyond {o} ordered",
            n=x.document.number,
            l=x.line_no,
            d=got[x.id],
            o=x.base_qty,
        )
        for x in lines
        if got[x.id] > x.base_qty
    ]
