"""Expired batches: warnings when one is received or issued, and the FEFO preview.

Automatic allocation (batches.allocate_many with the document's date) never takes a
batch that expired before the document's day; a line that names an expired batch
issues it, and approving says so. Receiving an expired batch is allowed (returns,
stock found in a corner) but the GUI asks first (`approval_warnings`, also for an
issue that names an expired batch) and approving says so too, so an import or the CLI shows it as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents, money, settings
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import batches, serials
from jxc_desktop.engine.inventory.lines import as_date
from jxc_desktop.engine.inventory.pool_store import in_query
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, Location, Warehouse

RECEIPTS = serials.RECEIPTS
ISSUES = serials.ISSUES | {"DBD"}  # a transfer issues from its source warehouse


def expired_lines(doc: Document) -> list[tuple[int, str, str, dt.date]]:
    """(line no, item code, batch, expiry) of the lines naming a batch expired before the
    document's day. The expiry is the line's own, else the batch's, else production
    date + shelf life (a draft's new batch has no row yet)."""
    rows = execute(
        "SELECT l.line_no, i.code, l.batch_no, l.expiry_date, t.expiry_date, "
        "l.production_date, i.shelf_life_days FROM document_line l "
        "JOIN item i ON i.id = l.item_id "
        "LEFT JOIN batch t ON t.item_id = l.item_id AND t.batch_no = l.batch_no "
        "WHERE l.document_id = ? AND i.batch_managed = ? AND l.batch_no <> '' "
        "ORDER BY l.line_no",
        (doc.id, True),
    ).fetchall()
    out = []
    for line_no, code, batch, own, stored, made, shelf in rows:
        made = as_date(made)
        derived = made + dt.timedelta(days=shelf) if made and shelf else None
        expiry = as_date(own) or as_date(stored) or derived
        if expiry is not None and expiry < doc.date:
            out.append((line_no, code, batch, expiry))
    return out


def _messages(doc: Document) -> list[str]:
    receipt = doc.doc_type in RECEIPTS
    return [
        tr(
            "注意：第 {n} 行 商品 {c} 批次 {b} 已于 {d} 过期，仍然入库"
            if receipt
            else "注意：第 {n} 行 商品 {c} 批次 {b} 已于 {d} 过期，仍然出库",
            "Note: line {n}, item {c} batch {b} expired on {d} and was received anyway"
            if receipt
            else "Note: line {n}, item {c} batch {b} expired on {d} and was issued anyway",
            n=n,
            c=code,
            b=batch,
            d=expiry.isoformat(),
        )
        for n, code, batch, expiry in expired_lines(doc)
    ]


def receipt_warnings(doc_id: int) -> list[str]:
    """What the user should confirm before approving a saved receipt: each line receiving
    a batch that has already expired (empty for other types)."""
    return approval_warnings(doc_id, RECEIPTS)


def approval_warnings(doc_id: int, kinds: set[str] = RECEIPTS | ISSUES) -> list[str]:
    """What the user should confirm before approving a saved receipt or issue: each line
    naming a batch that expired before the document's date (empty for other types)."""
    doc = Document.get_by_id(doc_id)
    if doc.doc_type not in kinds:
        return []
    return [
        tr(
            "第 {n} 行 商品 {c} 批次 {b} 已于 {d} 过期",
            "Line {n}: item {c} batch {b} expired on {d}",
            n=n,
            c=code,
            b=batch,
            d=expiry.isoformat(),
        )
        for n, code, batch, expiry in expired_lines(doc)
    ]


def _after_approve(doc: Document, result) -> list[str] | None:
    if doc.doc_type not in RECEIPTS | ISSUES:
        return None
    read = getattr(doc, "_posting_lines", None)
    if read is not None and not any(x.item is not None and x.item.batch_managed for x in read):
        return None  # the posting's own lines say there is nothing to look at
    return _messages(doc) or None


def _refuse_expired_only(doc: Document) -> list[Problem]:
    """An issue line without a batch that only expired stock could cover: refused with
    the reason (the allocation will not take expired batches by itself), instead of a
    bare shortage. With negative stock allowed the shortage is allowed as well."""
    if doc.doc_type not in ISSUES:
        return []
    read = getattr(doc, "_posting_lines", None) or ()
    open_lines = [x for x in read if x.item is not None and x.item.batch_managed and not x.batch_no]
    if not open_lines or settings.get("negative_stock") != "refuse":
        return []
    stock = _on_hand(doc.warehouse_id, sorted({x.item.id for x in open_lines}))
    problems = []
    for item_id in sorted({x.item.id for x in open_lines}):
        lines = [x for x in open_lines if x.item.id == item_id]
        fresh = sum(q for _loc, _b, q, e in stock.get(item_id, ()) if not _before(e, doc.date))
        old = [(b, q) for _loc, b, q, e in stock.get(item_id, ()) if _before(e, doc.date)]
        need = sum(x.base_units for x in lines)
        if need > fresh and old:
            problems.append(_expired_only_problem(lines[0], fresh, need, old))
    return problems


def _before(expiry, day: dt.date) -> bool:
    expiry = as_date(expiry)
    return expiry is not None and expiry < day


def _on_hand(warehouse_id: int, item_ids: list[int]) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = {}
    for item_id, _wh, loc, batch, qty, expiry in batches.positive_balances(
        [warehouse_id], item_ids
    ):
        out.setdefault(item_id, []).append((loc, batch, qty, expiry))
    return out


def _expired_only_problem(line, fresh: int, need: int, old: list[tuple]) -> Problem:
    def q(units: int) -> str:
        return money.format_qty(Decimal(units) / 10000)

    listed = "、".join(f"{b} {q(units)}" for b, units in old[:5])
    return Problem(
        tr(
            "商品 {c} 未过期批次只有 {f}，需要 {n}；已过期批次（{old}）不会自动出库，"
            "如确需出库请在行上填写该批次",
            "Item {c}: {f} on hand in batches not expired, {n} needed; expired batches "
            "({old}) are not issued automatically: name the batch on the line to issue one",
            c=line.item.code,
            f=q(fresh),
            n=q(need),
            old=listed,
        ),
        tr("第 {n} 行", "line {n}", n=line.line_no),
    )


documents.on_approve(_after_approve)
documents.on_validate(_refuse_expired_only)


# ---------------------------------------------------------------- FEFO preview


@dataclass
class PreviewLine:
    """A form line as the preview needs it."""

    item_id: int
    base_qty: Decimal
    location: str = ""
    batch_no: str = ""


def fefo_preview(warehouse: str, on: dt.date, lines: list[PreviewLine]) -> list[str]:
    """For each line of an issue, what automatic allocation will take at approval: e.g.
    "B0105 ×12（至 2026-02-03）" ("" when the line names its batch or the item has no
    batches). Expired batches are skipped, as at approval; a shortage is said."""
    wh = Warehouse.get_or_none(Warehouse.code == warehouse) if warehouse else None
    if wh is None or not lines:
        return ["" for _ in lines]
    items = {i.id: i for i in Item.select().where(Item.id.in_({x.item_id for x in lines}))}
    locations = {x.code: x.id for x in Location.select().where(Location.warehouse == wh)}
    wanted = [
        i
        for i, x in enumerate(lines)
        if x.item_id in items and items[x.item_id].batch_managed and not x.batch_no
    ]
    requests = [
        (
            items[lines[i].item_id],
            wh.id,
            locations.get(lines[i].location),
            "",
            batches.units(lines[i].base_qty),
        )
        for i in wanted
    ]
    splits = batches.allocate_many(requests, on) if requests else []
    expiries = _expiries(
        {(r[0].id, b) for r, s in zip(requests, splits, strict=True) for _l, b, _u in s}
    )
    out = ["" for _ in lines]
    for i, request, split in zip(wanted, requests, splits, strict=True):
        out[i] = _hint(request[0].id, split, expiries)
    return out


def _expiries(keys: set[tuple[int, str]]) -> dict[tuple[int, str], dt.date | None]:
    if not keys:
        return {}
    rows = in_query(
        "SELECT item_id, batch_no, expiry_date FROM batch WHERE item_id IN ({})",
        sorted({k[0] for k in keys}),
    )
    return {(r[0], r[1]): as_date(r[2]) for r in rows}


def _hint(item_id: int, split: list[tuple], expiries: dict) -> str:
    parts = []
    for _loc, batch, units in split:
        qty = money.format_qty(Decimal(units) / 10000)
        if not batch:
            parts.append(tr("库存不足 {q}", "short by {q}", q=qty))
            continue
        expiry = expiries.get((item_id, batch))
        text = f"{batch} ×{qty}"
        if expiry is not None:
            text += tr("（至 {d}）", " (to {d})", d=expiry.isoformat())
        parts.append(text)
    return "；".join(parts)
