"""Figures of approved inspections, read in bulk for the quality reports.

Quantities are in the item's base unit. A line's rejected and concession quantities
are converted by the line's own factor (base_qty ÷ qty) and rounded once; accepted is
the rest, so accepted + rejected + concession = inspected exactly. The pass rate is
accepted ÷ inspected (让步接收 does not count as passed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.models.db import execute

Q = money.QTY_PLACES


@dataclass
class InspectedLine:
    date: dt.date
    item: str
    item_name: str
    supplier: str  # the receipt's supplier (incoming inspections), else ""
    stage: str
    inspected: Decimal
    accepted: Decimal
    rejected: Decimal
    concession: Decimal
    supplier_name: str = ""


def _base(part: int, qty: int, base_qty: int) -> Decimal:
    if qty == base_qty:
        return money.from_scaled(part, Q)
    return money.qty(Decimal(part) * base_qty / qty / 10**Q)


def inspected_lines(
    date_from: dt.date | None, date_to: dt.date | None, stage: str | None = None
) -> list[InspectedLine]:
    """Every line of approved 质检单s dated in the range, with its supplier."""
    where, args = ["d.doc_type = 'ZJD'", "d.status = 'approved'"], []
    if date_from:
        where.append("d.date >= ?")
        args.append(str(date_from))
    if date_to:
        where.append("d.date <= ?")
        args.append(str(date_to))
    if stage:
        where.append("r.stage = ?")
        args.append(stage)
    rows = execute(
        "SELECT d.date, i.code, i.name, COALESCE(p.code, ''), COALESCE(p.name, ''), r.stage, l.qty, l.base_qty, "
        "r.rejected, r.concession FROM document_line l JOIN document d ON d.id = l.document_id "
        "JOIN inspection_result r ON r.line_id = l.id JOIN item i ON i.id = l.item_id "
        "JOIN document_line s ON s.id = l.source_line_id JOIN document sd ON sd.id = s.document_id "
        "LEFT JOIN partner p ON p.id = sd.partner_id AND sd.doc_type = 'CGRK' "
        f"WHERE {' AND '.join(where)} ORDER BY d.date, d.id, l.line_no",
        args,
    ).fetchall()
    out = []
    for date, code, name, supplier, supplier_name, stg, qty, base_qty, rej, con in rows:
        inspected = money.from_scaled(base_qty, Q)
        rej, con = _base(rej, qty, base_qty), _base(con, qty, base_qty)
        out.append(
            InspectedLine(
                dt.date.fromisoformat(str(date)),
                code,
                name,
                supplier,
                stg,
                inspected,
                inspected - rej - con,
                rej,
                con,
                supplier_name,
            )
        )
    return out


def pass_rate(accepted: Decimal, inspected: Decimal) -> Decimal | None:
    """Percent to 2 places, half-up; None when nothing was inspected."""
    if not inspected:
        return None
    return money.quantize(accepted * 100 / inspected, 2)
