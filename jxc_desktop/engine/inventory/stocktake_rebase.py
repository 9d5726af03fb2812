"""A stocktake's frozen book after a backdated change, and re-basing it (重新冻结账面).

`create_stocktake` freezes each line's book quantity and records where the ledger stood
(the last move id). A document dated on or before the stocktake that is approved (or
un-approved) after that changes the book the count should be compared with, while the
line still holds the old figure: approving would post a wrong 盘盈 / 盘亏. `book_changes`
finds such lines (the moves written after the freeze, dated up to the stocktake's date
and time, of the line's item, location and batch); approving a stocktake returns one
warning per changed line, and `rebase` sets their book to the current one (counts kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.documents import get_document
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory.pool_store import in_query
from jxc_desktop.engine.money import format_qty, from_scaled
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.stock import StocktakeFreeze


@dataclass
class BookChange:
    """A stocktake line whose book changed after the freeze."""

    line_id: int
    line_no: int
    item: str
    name: str
    warehouse: str
    location: str
    batch: str
    frozen: Decimal
    current: Decimal
    counted: bool


def last_move_id() -> int:
    (top,) = execute("SELECT COALESCE(MAX(id), 0) FROM stock_move").fetchone()
    return top


def record_freeze(doc: Document) -> None:
    """Notes where the ledger stands as the stocktake's book is frozen (same transaction)."""
    StocktakeFreeze.create(document=doc, move_upto=last_move_id())


def _lines(doc: Document) -> list[tuple]:
    return execute(
        "SELECT l.id, l.line_no, l.item_id, COALESCE(l.location_id, 0), l.batch_no, l.book_qty, "
        "l.counted, i.code, i.name, COALESCE(c.code, '') FROM document_line l "
        "JOIN item i ON i.id = l.item_id LEFT JOIN location c ON c.id = l.location_id "
        "WHERE l.document_id = ? AND l.book_qty IS NOT NULL ORDER BY l.line_no",
        (doc.id,),
    ).fetchall()


def _deltas(doc: Document, lines: list[tuple], upto: int) -> dict[int, int]:
    """Line id -> book change (1e-4 units) from the moves written after the freeze."""
    by_key = {(r[2], r[3], r[4]): r[0] for r in lines}
    day, time = str(doc.date), doc.time or "~"
    deltas: dict[int, int] = {}
    for item_id, loc, batch, qty in in_query(
        "SELECT item_id, COALESCE(location_id, 0), batch_no, qty FROM stock_move "
        "WHERE warehouse_id = ? AND id > ? AND document_id <> ? AND kind IN ('move', 'reverse') "
        "AND (date < ? OR (date = ? AND time <= ?)) AND item_id IN ({})",
        sorted({r[2] for r in lines}),
        (doc.warehouse_id, upto, doc.id, day, day, time),
    ):
        line_id = by_key.get((item_id, loc, batch))
        if line_id is not None:
            deltas[line_id] = deltas.get(line_id, 0) + qty
    return {k: v for k, v in deltas.items() if v}


def book_changes(doc_id: int) -> list[BookChange]:
    """The lines of a stocktake whose book changed after it was frozen, in line order
    (none for a stocktake not made by `create_stocktake`)."""
    doc = get_document(doc_id)
    freeze = StocktakeFreeze.get_or_none(StocktakeFreeze.document == doc)
    if doc.doc_type != "PDD" or freeze is None:
        return []
    lines = _lines(doc)
    deltas = _deltas(doc, lines, freeze.move_upto) if lines else {}
    wh = doc.warehouse.code
    out = []
    for line_id, no, _item, _loc, batch, book, counted, code, name, loc_code in lines:
        if line_id in deltas:
            frozen = from_scaled(book, 4)
            current = from_scaled(book + deltas[line_id], 4)
            out.append(
                BookChange(line_id, no, code, name, wh, loc_code, batch, frozen, current, counted)
            )
    return out


def change_messages(changes: list[BookChange]) -> list[str]:
    """One warning per changed line, and what to do about it."""
    if not changes:
        return []
    out = [
        tr(
            "盘点冻结后账面已变：商品 {c} {n}，仓库 {w}{where}，冻结账面 {f}，当前账面 {cur}",
            "Book changed after the freeze: item {c} {n}, warehouse {w}{where}, "
            "frozen book {f}, current book {cur}",
            c=x.item,
            n=x.name,
            w=x.warehouse,
            where=_where(x),
            f=format_qty(x.frozen),
            cur=format_qty(x.current),
        )
        for x in changes
    ]
    out.append(
        tr(
            "以上 {k} 行按冻结账面计算盘盈盘亏；如需按当前账面，请先反审核并“重新冻结账面”",
            "The {k} lines above were posted against the frozen book; to use the current "
            "book, un-approve and re-base the stocktake",
            k=len(changes),
        )
    )
    return out


def _where(x: BookChange) -> str:
    text = tr("，库位 {l}", ", location {l}", l=x.location) if x.location else ""
    return text + (tr("，批次 {b}", ", batch {b}", b=x.batch) if x.batch else "")


def rebase(doc_id: int) -> list[BookChange]:
    """重新冻结账面: sets the book of every changed line of a draft stocktake to its
    current book (counted quantities are kept) and moves the freeze to now: the lines
    left alone had no change since the freeze, so their book is current too."""
    with write_transaction():
        doc = get_document(doc_id)
        if doc.doc_type != "PDD" or doc.status != "draft":
            raise StateError(tr("只能重新冻结草稿盘点单", "Only a draft stocktake can be re-based"))
        changes = book_changes(doc_id)
        for x in changes:
            DocumentLine.update(book_qty=x.current).where(DocumentLine.id == x.line_id).execute()
        StocktakeFreeze.update(move_upto=last_move_id()).where(
            StocktakeFreeze.document == doc
        ).execute()
        if changes:
            audit("stocktake.rebase", doc.number, f"{len(changes)}")
    return changes
