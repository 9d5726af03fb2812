"""Serial numbers (序列号) for serial-managed items: each unit traceable.

A line of a serial-managed item names one serial per base unit. A receipt brings serials
into stock (a serial already in stock is refused: no duplicates); an issue takes serials
that are in stock in that warehouse; a transfer moves them. Every change is an
append-only `serial_move` row; un-approve writes mirror rows and restores the state.
The `serial_number` table is the current state (a cache `jxc check` verifies).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine, DocumentLineSerial
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.stock import SerialMove, SerialNumber

RECEIPTS = {"QCKC", "QTRK", "CGRK", "CPRK", "XSTH"}
ISSUES = {"QTCK", "XSCK", "CGTH", "SCLL"}
TRANSFERS = {"DBD"}


def _serial_lines(doc: Document) -> list[tuple[DocumentLine, list[str]]]:
    """The lines of serial-managed items with their serials (two queries in all; none
    when the lines the posting already read name no serial-managed item)."""
    read = getattr(doc, "_posting_lines", None)
    if read is not None and not any(x.item is not None and x.item.serial_managed for x in read):
        return []
    lines = list(
        DocumentLine.select(DocumentLine, Item)
        .join(Item, on=(DocumentLine.item == Item.id))
        .where((DocumentLine.document == doc) & (Item.serial_managed == True))  # noqa: E712
        .order_by(DocumentLine.line_no)
    )
    if not lines:
        return []
    serials: dict[int, list[str]] = {line.id: [] for line in lines}
    for line_id, serial in (
        DocumentLineSerial.select(DocumentLineSerial.line, DocumentLineSerial.serial)
        .where(DocumentLineSerial.line.in_(list(serials)))
        .order_by(DocumentLineSerial.id)
        .tuples()
    ):
        serials[line_id].append(serial)
    return [(line, serials[line.id]) for line in lines]


def _state(item_id: int, serial: str) -> SerialNumber | None:
    return SerialNumber.get_or_none(
        (SerialNumber.item == item_id) & (SerialNumber.serial == serial)
    )


def validate(doc: Document) -> list[Problem]:
    """Serials must match the quantity; receipts bring new ones, issues take stocked ones."""
    kinds = RECEIPTS | ISSUES | TRANSFERS
    if doc.doc_type not in kinds:
        return []
    problems = []
    for line, serials in _serial_lines(doc):
        where = tr("第 {n} 行", "line {n}", n=line.line_no)
        if Decimal(len(serials)) != line.base_qty:
            problems.append(
                Problem(
                    tr(
                        "商品 {c} 需要逐个登记序列号：数量 {q}，序列号 {s} 个",
                        "Item {c} needs one serial number per unit: quantity {q}, {s} serials",
                        c=line.item.code,
                        q=line.base_qty.normalize(),
                        s=len(serials),
                    ),
                    where,
                )
            )
            continue
        for serial in serials:
            state = _state(line.item_id, serial)
            if doc.doc_type in RECEIPTS and state is not None and state.in_stock:
                problems.append(
                    Problem(
                        tr(
                            "序列号 {s} 已在库，不能重复入库",
                            "Serial {s} is already in stock",
                            s=serial,
                        ),
                        where,
                    )
                )
            elif doc.doc_type not in RECEIPTS and (
                state is None or not state.in_stock or state.warehouse_id != doc.warehouse_id
            ):
                problems.append(
                    Problem(
                        tr(
                            "序列号 {s} 不在该仓库库存中",
                            "Serial {s} is not in stock in that warehouse",
                            s=serial,
                        ),
                        where,
                    )
                )
    return problems


def _set(item_id: int, serial: str, in_stock: bool, warehouse_id, doc: Document) -> SerialNumber:
    state = _state(item_id, serial)
    if state is None:
        state = SerialNumber.create(
            item=item_id,
            serial=serial,
            warehouse=warehouse_id,
            in_stock=int(in_stock),
            last_document=doc,
        )
    else:
        state.in_stock = int(in_stock)
        state.warehouse = warehouse_id
        state.last_document = doc
        state.save()
    return state


def post(doc: Document, result) -> None:
    if doc.doc_type not in RECEIPTS | ISSUES | TRANSFERS:
        return None
    for line, serials in _serial_lines(doc):
        for serial in serials:
            if doc.doc_type in RECEIPTS:
                state = _set(line.item_id, serial, True, doc.warehouse_id, doc)
                SerialMove.create(line=line, serial=state, direction=1)
            elif doc.doc_type in ISSUES:
                state = _set(line.item_id, serial, False, doc.warehouse_id, doc)
                SerialMove.create(line=line, serial=state, direction=-1)
            else:
                state = _set(
                    line.item_id, serial, True, doc.dest_warehouse_id or doc.warehouse_id, doc
                )
                SerialMove.create(line=line, serial=state, direction=-1)
                SerialMove.create(line=line, serial=state, direction=1)
    return None


def refuse_unapprove(doc: Document) -> list[str]:
    """Serials a receipt brought in that have moved on since (so it cannot be undone yet)."""
    out = []
    for line, serials in _serial_lines(doc):
        for serial in serials:
            state = _state(line.item_id, serial)
            if state is not None and state.last_document_id != doc.id:
                out.append(serial)
    return out


def unpost(doc: Document, result) -> None:
    if doc.doc_type not in RECEIPTS | ISSUES | TRANSFERS:
        return None
    moved = refuse_unapprove(doc)
    if moved:
        from jxc_desktop.engine.errors import StateError

        raise StateError(
            tr(
                "序列号 {s} 已有后续单据，请先反审核后续单据",
                "Serials {s} moved on in later documents; un-approve those first",
                s=", ".join(moved[:10]),
            )
        )
    for line, serials in _serial_lines(doc):
        for serial in serials:
            state = _state(line.item_id, serial)
            back_in = doc.doc_type in ISSUES
            warehouse = doc.warehouse_id if doc.doc_type in ISSUES | TRANSFERS else None
            previous = _previous_document(state, line)
            state.in_stock = int(back_in or doc.doc_type in TRANSFERS)
            state.warehouse = warehouse
            state.last_document = previous
            state.save()
            for move in SerialMove.select().where(
                (SerialMove.line == line)
                & (SerialMove.serial == state)
                & SerialMove.reverses.is_null()
            ):
                if not SerialMove.select().where(SerialMove.reverses == move).exists():
                    SerialMove.create(
                        line=line, serial=state, direction=-move.direction, reverses=move
                    )
    return None


def _previous_document(state: SerialNumber, line: DocumentLine):
    row = execute(
        "SELECT l.document_id FROM serial_move m JOIN document_line l ON l.id = m.line_id "
        "WHERE m.serial_id = ? AND m.line_id <> ? ORDER BY m.id DESC",
        (state.id, line.id),
    ).fetchone()
    return row[0] if row else None


documents.on_validate(validate)
documents.on_approve(post)
documents.on_unapprove(unpost)


# ---------------------------------------------------------------- entry (form, sheet)

SEPARATORS = re.compile(r"[\s,，、;；]+")


def parse_serials(text: str) -> list[str]:
    """Serials typed or pasted in one cell: separated by comma, space, 、 or semicolon."""
    return [s for s in SEPARATORS.split(text or "") if s]


def needs_serials(doc_type: str) -> bool:
    """Whether lines of this type name their serials (receipts, issues, transfers)."""
    return doc_type in RECEIPTS | ISSUES | TRANSFERS


def in_stock(item_id: int, warehouse_id: int | None) -> list[str]:
    """The serials of an item on hand in a warehouse, sorted (an issue's pick list)."""
    if warehouse_id is None:
        return []
    query = (
        SerialNumber.select(SerialNumber.serial)
        .where(
            (SerialNumber.item == item_id)
            & (SerialNumber.warehouse == warehouse_id)
            & (SerialNumber.in_stock == True)  # noqa: E712
        )
        .order_by(SerialNumber.serial)
    )
    return [serial for (serial,) in query.tuples()]


def check_entry(
    doc_type: str, item_id: int, warehouse_id: int | None, serial: str, entered: list[str]
) -> str:
    """Why one scanned serial cannot go on a line ("" when it can): empty, already on
    this document, already in stock (receipts), not in that warehouse (issues)."""
    serial = (serial or "").strip()
    if not serial:
        return tr("请扫描序列号", "Scan a serial number")
    if serial in entered:
        return tr("序列号 {s} 已录入，不能重复", "Serial {s} is already entered", s=serial)
    state = _state(item_id, serial)
    if doc_type in RECEIPTS:
        if state is not None and state.in_stock:
            return tr("序列号 {s} 已在库，不能重复入库", "Serial {s} is already in stock", s=serial)
        return ""
    if state is None or not state.in_stock or state.warehouse_id != warehouse_id:
        return tr(
            "序列号 {s} 不在该仓库库存中", "Serial {s} is not in stock in that warehouse", s=serial
        )
    return ""


def item_of_serial(serial: str, warehouse_id: int | None) -> int | None:
    """The item whose unit with this serial is on hand in the warehouse (an issue scans
    the serial itself instead of the item's barcode), or None."""
    if warehouse_id is None or not serial:
        return None
    row = (
        SerialNumber.select(SerialNumber.item)
        .where(
            (SerialNumber.serial == serial)
            & (SerialNumber.warehouse == warehouse_id)
            & (SerialNumber.in_stock == True)  # noqa: E712
        )
        .tuples()
        .first()
    )
    return row[0] if row else None
