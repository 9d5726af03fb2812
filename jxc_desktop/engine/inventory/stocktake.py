"""Stocktake (盘点): freeze the book, count over several sessions, post the differences.

`create_stocktake` snapshots the book quantities of a scope (warehouse, optionally a
location or a category) into a draft 盘点单, one line per item, location and batch,
each marked uncounted. Counting (`count`, by scanner or keyboard) sets counted
quantities on the draft; lines never counted post nothing. Approving posts 盘盈 at
book cost and 盘亏 at the valuation method's cost (see postings.py); `posted_values`
reads back what it posted per line, so the screen and the printed paper show the
approved figures, not an estimate.

A batch-managed item is counted per batch: a count without a batch that would open a
new no-batch line is refused, and approval refuses a counted no-batch line that would
post a gain (stock with no batch could never be issued by batch or expiry).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.documents import (
    DocumentInput,
    LineInput,
    get_document,
    on_validate,
    save_draft,
)
from jxc_desktop.engine.errors import JxcError, Problem, StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import ledger_months
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, ItemCategory, Location, Warehouse


def book_qty_units(
    item: Item, warehouse_id: int, location_id, batch_no: str, date: dt.date, time: str = ""
) -> int:
    """On-hand quantity (1e-4 units) at the end of a date (and time) from the ledger."""
    months, month_args = ledger_months.clause(last=date)
    row = execute(
        f"SELECT COALESCE(SUM(qty), 0) FROM stock_move WHERE {months} AND item_id = ? "
        "AND warehouse_id = ? AND COALESCE(location_id, 0) = ? AND batch_no = ? "
        "AND kind IN ('move', 'reverse') AND (date < ? OR (date = ? AND time <= ?))",
        [*month_args, item.id, warehouse_id, location_id or 0, batch_no, str(date), str(date)]
        + [time or "~"],
    ).fetchone()
    return row[0]


def create_stocktake(
    warehouse: Warehouse | str,
    date: dt.date,
    location: str | None = None,
    category: str | None = None,
    remarks: str = "",
) -> Document:
    """A draft 盘点单 with the book quantities of the scope frozen now."""
    with write_transaction():  # the snapshot and the ledger position it was taken at
        return _create(warehouse, date, location, category, remarks)


def _create(warehouse, date, location, category, remarks) -> Document:
    from jxc_desktop.engine.inventory.stocktake_rebase import record_freeze

    if not isinstance(warehouse, Warehouse):
        found = lookup.warehouse_by_code(warehouse)
        if found is None:
            raise JxcError(tr("仓库“{c}”不存在", "Warehouse '{c}' does not exist", c=warehouse))
        warehouse = found
    where = "b.warehouse_id = ? AND b.qty <> 0"
    params: list = [warehouse.id]
    if location:
        loc = lookup.location_by_code(warehouse, location)
        if loc is None:
            raise JxcError(tr("库位“{c}”不存在", "Location '{c}' does not exist", c=location))
        where += " AND b.location_id = ?"
        params.append(loc.id)
    if category:
        cat = ItemCategory.get_or_none(ItemCategory.code == category)
        if cat is None:
            raise JxcError(tr("分类“{c}”不存在", "Category '{c}' does not exist", c=category))
        where += " AND i.category_id = ?"
        params.append(cat.id)
    rows = execute(
        "SELECT b.item_id, b.location_id, b.batch_no, b.qty FROM stock_balance b "
        f"JOIN item i ON i.id = b.item_id WHERE {where} ORDER BY i.code, b.location_id, b.batch_no",
        params,
    ).fetchall()
    if not rows:
        raise JxcError(tr("该范围内没有库存", "There is no stock in that scope"))
    items = {i.id: i for i in Item.select().where(Item.id.in_({r[0] for r in rows}))}
    locations = {x.id: x for x in Location.select().where(Location.warehouse == warehouse)}
    lines = [
        LineInput(
            item=items[item_id],
            qty=0,
            location=locations.get(loc_id),
            batch_no=batch,
            book_qty=money.from_scaled(qty, 4),
            counted=False,
        )
        for item_id, loc_id, batch, qty in rows
    ]
    doc = save_draft(DocumentInput("PDD", date, lines, warehouse=warehouse, remarks=remarks))
    record_freeze(doc)
    return doc


def count(
    doc_id: int,
    code: str,
    qty: Decimal | str = "1",
    location: str | None = None,
    batch_no: str = "",
    replace: bool = False,
) -> DocumentLine:
    """Adds a counted quantity (a scan, or a typed count) to a draft stocktake.

    `code` is an item code or a barcode (a box code counts its units); an item that is
    not on the book gets a new line with book quantity 0. With `replace` the counted
    quantity is set instead of added.
    """
    with write_transaction():
        doc = get_document(doc_id)
        if doc.doc_type != "PDD" or doc.status != "draft":
            raise StateError(tr("只能在草稿盘点单上盘点", "Counting needs a draft stocktake"))
        found = lookup.scan(code)
        if found is None:
            raise JxcError(
                tr("未知条码或商品编码：{c}", "Unknown barcode or item code: {c}", c=code)
            )
        item, unit = found
        factor = lookup.unit_factor(item, unit) or Decimal(1)
        amount = money.qty(money.D(qty) * factor)
        loc = lookup.location_by_code(doc.warehouse, location) if location else None
        line = (
            DocumentLine.select()
            .where(
                (DocumentLine.document == doc)
                & (DocumentLine.item == item)
                & (DocumentLine.location == loc if loc else DocumentLine.location.is_null())
                & (DocumentLine.batch_no == batch_no)
            )
            .first()
        )
        if item.batch_managed and not batch_no and (line is None or not _on_book(line)):
            # counted per batch: never guessed, even when one batch is on the book
            raise JxcError(_batch_needed(doc, item), "batch_no")
        if line is None and loc is None and not batch_no:
            line = _the_only_book_line(doc, item)
        if line is None:
            last = DocumentLine.select().where(DocumentLine.document == doc).count()
            line = DocumentLine.create(
                document=doc,
                line_no=last + 1,
                item=item,
                unit=item.base_unit,
                qty=0,
                base_qty=0,
                location=loc,
                batch_no=batch_no,
                book_qty=0,
                counted=False,
            )
        new_qty = amount if replace or not line.counted else line.base_qty + amount
        line.qty = line.base_qty = new_qty
        line.unit = item.base_unit
        line.counted = True
        line.save()
        audit("stocktake.count", doc.number, f"{item.code} {amount}")
    return line


def _on_book(line: DocumentLine) -> bool:
    """A line frozen from the book with stock on it (a no-batch line of a batch-managed
    item is then old stock from before batch management, which may be counted)."""
    return line.book_qty is not None and line.book_qty != 0


def _batch_needed(doc: Document, item: Item) -> str:
    """Why a count without a batch is refused, naming the batches on this stocktake."""
    batches = [
        b
        for (b,) in DocumentLine.select(DocumentLine.batch_no)
        .where((DocumentLine.document == doc) & (DocumentLine.item == item))
        .order_by(DocumentLine.line_no)
        .tuples()
        if b
    ]
    message = tr(
        "商品 {c} {n} 实行批次管理，请先填写正在盘点的批次号",
        "Item {c} {n} is batch-managed: enter the batch being counted first",
        c=item.code,
        n=item.name,
    )
    if batches:
        message += tr(
            "（本盘点单上的批次：{b}）",
            " (batches on this stocktake: {b})",
            b="、".join(dict.fromkeys(batches)),
        )
    return message


@on_validate
def no_batch_gains(doc: Document) -> list[Problem]:
    """Approval refuses a counted no-batch line of a batch-managed item that would post
    a gain: the stock would have no batch and no expiry (an import or an old draft
    can carry one; `count` refuses it at the scanner)."""
    if doc.doc_type != "PDD":
        return []
    query = (
        DocumentLine.select(DocumentLine, Item)
        .join(Item)
        .where(
            (DocumentLine.document == doc)
            & DocumentLine.counted
            & (DocumentLine.batch_no == "")
            & Item.batch_managed
        )
        .order_by(DocumentLine.line_no)
    )
    problems = []
    for line in query:
        book = line.book_qty if line.book_qty is not None else Decimal(0)
        if line.base_qty > book:
            problems.append(
                Problem(
                    tr(
                        "商品 {c} {n} 实行批次管理，盘盈必须填写批次",
                        "Item {c} {n} is batch-managed: a stock gain needs a batch",
                        c=line.item.code,
                        n=line.item.name,
                    ),
                    tr("第 {n} 行", "line {n}", n=line.line_no),
                )
            )
    return problems


def posted_values(doc_id: int) -> dict[int, Decimal]:
    """The value each line of an approved stocktake posted (signed, CNY), as the ledger
    shows it now: its moves not reversed, plus the 'reval' rows that corrected them."""
    rows = execute(
        "SELECT m.line_id, m.value + COALESCE((SELECT SUM(r.value) FROM stock_move r "
        "WHERE r.adjusts_id = m.id AND r.kind = 'reval'), 0) FROM stock_move m "
        "WHERE m.document_id = ? AND m.kind = 'move' AND NOT EXISTS (SELECT 1 FROM "
        "stock_move x WHERE x.adjusts_id = m.id AND x.kind = 'reverse')",
        (doc_id,),
    ).fetchall()
    values: dict[int, int] = {}
    for line_id, fen in rows:
        values[line_id] = values.get(line_id, 0) + fen
    return {line_id: money.from_scaled(fen, 2) for line_id, fen in values.items()}


def _the_only_book_line(doc: Document, item: Item) -> DocumentLine | None:
    """The line a scan without location or batch counts into when the item is on the
    book only at locations or in batches: its one line, or a refusal naming them all —
    a new unlocated line would post the count as a gain while the real lines stay
    uncounted."""
    lines = list(
        DocumentLine.select()
        .where((DocumentLine.document == doc) & (DocumentLine.item == item))
        .order_by(DocumentLine.line_no)
    )
    if len(lines) <= 1:
        return lines[0] if lines else None
    places = []
    for line in lines:
        where = line.location.code if line.location_id else tr("无库位", "no location")
        places.append(f"{where} {line.batch_no}".strip())
    raise JxcError(
        tr(
            "商品 {c} 在本盘点单上有 {n} 行（{p}），请先选择正在盘点的库位或批次",
            "Item {c} has {n} lines on this stocktake ({p}); choose the location or batch "
            "being counted first",
            c=item.code,
            n=len(lines),
            p="、".join(places),
        )
    )


def variance(doc_id: int) -> list[dict]:
    """The variance list: book, counted and difference per line, valued at book cost.

    One reader serves the engine and the counting screen (engine/stocktake_view.py reads
    items, locations and costs once per document).
    """
    from jxc_desktop.engine.stocktake_view import variance_rows

    return [{k: v for k, v in row.items() if k != "line_id"} for row in variance_rows(doc_id)]
