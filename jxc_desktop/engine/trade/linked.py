"""A document's lines with the line each one names (source_line) and that line's
document, in one query as plain tuples: the approval checks and open-item postings
of a 2,750-line invoice read them without one query per line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.money import from_scaled
from jxc_desktop.models.db import execute


@dataclass(frozen=True)
class Linked:
    line_id: int
    line_no: int
    base_qty: Decimal
    total: Decimal
    source_id: int
    source_line_no: int
    source_qty: Decimal  # in the source line's unit
    source_base_qty: Decimal
    source_total: Decimal
    source_doc_id: int
    source_type: str
    source_status: str
    source_partner_id: int | None
    source_number: str
    item_id: int | None = None
    source_item_id: int | None = None
    source_currency: str = "CNY"


def linked_lines(doc_id: int) -> list[Linked]:
    """The document's lines that name a source line, in line order."""
    rows = execute(
        "SELECT l.id, l.line_no, l.base_qty, l.total, s.id, s.line_no, s.qty, s.base_qty, "
        "s.total, d.id, d.doc_type, d.status, d.partner_id, d.number, l.item_id, s.item_id, "
        "d.currency "
        "FROM document_line l "
        "JOIN document_line s ON s.id = l.source_line_id JOIN document d ON d.id = s.document_id "
        "WHERE l.document_id = ? ORDER BY l.line_no",
        (doc_id,),
    ).fetchall()
    return [
        Linked(
            r[0],
            r[1],
            from_scaled(r[2], 4),
            from_scaled(r[3], 2),
            r[4],
            r[5],
            from_scaled(r[6], 4),
            from_scaled(r[7], 4),
            from_scaled(r[8], 2),
            *r[9:],
        )
        for r in rows
    ]


def line_totals(doc_id: int) -> list[tuple[int, Decimal]]:
    """(line id, total) of every line of a document, in line order."""
    rows = execute(
        "SELECT id, total FROM document_line WHERE document_id = ? ORDER BY line_no", (doc_id,)
    ).fetchall()
    return [(r[0], from_scaled(r[1], 2)) for r in rows]
