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
from jxc_desktop.engine.money import from_scaled, money, to_scaled, yuan
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


def _cny_totals(doc_ids: list[int], column: str) -> dict[int, int]:
    """Per document: Σ over lines of money(line value × rate) in fen, signed by type."""
    out: dict[int, int] = {}
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start : start + 500]
        rows = execute(
            f"SELECT d.id, d.doc_type, d.exchange_rate, l.{column} FROM document d "
            "JOIN document_line l ON l.document_id = d.id "
            f"WHERE d.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        for doc_id, doc_type, rate, value in rows:
            fen = (
                value if rate == 10**6 else to_scaled(money(yuan(value) * from_scaled(rate, 6)), 2)
            )
            out[doc_id] = out.get(doc_id, 0) + SIGN.get(doc_type, 1) * fen
    return out


@register("open_items")
def open_items_equal_sources() -> list[str]:
    out = []
    found = _items_by_document()
    docs = list(
        Document.select(Document.id, Document.number, Document.doc_type, Document.status).where(
            Document.id.in_(list(found) or [0])
        )
    )
    expected = _cny_totals([d.id for d in docs if d.doc_type in SIGN], "total")
    for doc in docs:
        if doc.status != "approved":
            out.append(
                tr(
                    "未审核单据 {n} 仍有应收应付",
                    "{n} is not approved but has open items",
                    n=doc.number,
                )
            )
        elif doc.doc_type in SIGN and expected.get(doc.id) != found[doc.id]:
            out.append(
                tr(
                    "单据 {n} 的应收应付 {a} 不等于单据金额 {e}",
                    "{n}: open items {a} differ from the document total {e}",
                    n=doc.number,
                    a=yuan(found[doc.id]),
                    e=yuan(expected.get(doc.id, 0)),
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
            s=yuan(settled),
            a=yuan(amount),
        )
        for item_id, number, amount, settled in rows
        if (amount >= 0 and not 0 <= settled <= amount)
        or (amount < 0 and not amount <= settled <= 0)
    ]


@register("money_documents")
def money_fully_applied() -> list[str]:
    docs = list(
        Document.select(Document.id, Document.number).where(
            Document.doc_type.in_(["SKD", "FKD"]) & (Document.status == "approved")
        )
    )
    expected = _cny_totals([d.id for d in docs], "amount")
    applied = dict(
        execute(
            "SELECT s.document_id, SUM(s.amount) FROM settlement s JOIN open_item oi "
            f"ON oi.id = s.open_item_id WHERE oi.amount > 0 AND {LIVE_SETTLEMENT} "
            "GROUP BY s.document_id"
        ).fetchall()
    )
    advance = dict(
        execute(
            "SELECT oi.document_id, SUM(oi.amount) FROM open_item oi "
            f"WHERE oi.is_advance = '1' AND {LIVE_ITEM} GROUP BY oi.document_id"
        ).fetchall()
    )
    # exchange differences: the money's CNY value beyond the book value it cleared
    fx = dict(
        execute(
            "SELECT document_id, SUM(amount) FROM exchange_difference GROUP BY document_id"
        ).fetchall()
    )
    out = []
    for doc in docs:
        a, b, x = applied.get(doc.id, 0), advance.get(doc.id, 0), fx.get(doc.id, 0) or 0
        if a - b + x != expected.get(doc.id, 0):
            out.append(
                tr(
                    "{n}：核销 {a} + 预收付 {b} + 汇兑差额 {x} 不等于金额 {e}",
                    "{n}: settled {a} + advance {b} + exchange difference {x} differ "
                    "from its amount {e}",
                    n=doc.number,
                    a=yuan(a),
                    b=yuan(-b),
                    x=yuan(x),
                    e=yuan(expected.get(doc.id, 0)),
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
