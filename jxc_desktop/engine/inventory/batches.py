"""Batches (批次): their dates, and first-expiry-first-out allocation of issues."""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine.inventory.pool_store import in_query, warehouses_with_locations
from jxc_desktop.engine.money import to_scaled
from jxc_desktop.models.db import executemany
from jxc_desktop.models.masterdata import Batch, Item


def expiry_for(item: Item, production_date: dt.date | None, expiry: dt.date | None):
    """The expiry date given, or production date + shelf life."""
    if expiry is None and production_date and item.shelf_life_days:
        return production_date + dt.timedelta(days=item.shelf_life_days)
    return expiry


def ensure_batch(item: Item, batch_no: str, production_date=None, expiry_date=None) -> Batch:
    """The batch row of an item, created on its first receipt with its dates."""
    batch = Batch.get_or_none((Batch.item == item.id) & (Batch.batch_no == batch_no))
    if batch is None:
        batch = Batch.create(
            item=item.id,
            batch_no=batch_no,
            production_date=production_date,
            expiry_date=expiry_for(item, production_date, expiry_date),
        )
    return batch


def batch_dates(item_id: int, batch_no: str) -> tuple[dt.date | None, dt.date | None] | None:
    """(production date, expiry) of a batch already known, or None (a new batch)."""
    batch = Batch.get_or_none((Batch.item == item_id) & (Batch.batch_no == batch_no))
    return (batch.production_date, batch.expiry_date) if batch is not None else None


def ensure_batches(wanted: list[tuple]) -> None:
    """Creates the missing batch rows of many (item, batch_no, production_date,
    expiry_date) at once: one IN query and one executemany for a whole document.

    The first line naming a new batch gives its dates (as if created line by line)."""
    if not wanted:
        return
    have = {
        (r[0], r[1])
        for r in in_query(
            "SELECT item_id, batch_no FROM batch WHERE item_id IN ({})",
            sorted({w[0].id for w in wanted}),
        )
    }
    rows = []
    for item, batch_no, production, expiry in wanted:
        if (item.id, batch_no) in have:
            continue
        have.add((item.id, batch_no))
        expiry = expiry_for(item, production, expiry)
        rows.append((item.id, batch_no, _day(production), _day(expiry)))
    executemany(
        "INSERT INTO batch (item_id, batch_no, production_date, expiry_date) VALUES (?, ?, ?, ?)",
        rows,
    )


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _needs_query(item, warehouse_id: int, location_id, batch_no: str, located: set) -> bool:
    """Whether an issue line leaves its place open: no location in a warehouse that has
    locations, or no batch for a batch-managed item. Otherwise only one balance row can
    serve it (a non-batch-managed item issues from its stock without a batch)."""
    return (location_id is None and warehouse_id in located) or (
        item.batch_managed and not batch_no
    )


def allocate(item: Item, warehouse_id: int, location_id, batch_no: str, qty_units: int, on=None):
    """Splits an issue over what is on hand when the line leaves location or batch open.

    Batches go first-expiry-first-out; stock without a location goes before located
    stock. With `on` (the document's date) batches expired before that day are skipped:
    an expired batch leaves only when the line names it. Returns [(location_id or None,
    batch_no, units)]; what stock cannot cover stays on the first candidate so the
    negative-stock rule names the shortage.
    """
    return allocate_many([(item, warehouse_id, location_id, batch_no, qty_units)], on)[0]


def positive_balances(warehouse_ids, item_ids) -> list[tuple]:
    """(item_id, warehouse_id, location_id, batch_no, qty, batch expiry) of the stock on
    hand of these items in these warehouses, read with IN queries of 500 items."""
    whs = sorted(set(warehouse_ids))
    if not whs:
        return []
    return in_query(
        "SELECT b.item_id, b.warehouse_id, b.location_id, b.batch_no, b.qty, t.expiry_date "
        "FROM stock_balance b LEFT JOIN batch t ON t.item_id = b.item_id "
        f"AND t.batch_no = b.batch_no WHERE b.warehouse_id IN ({', '.join('?' * len(whs))}) "
        "AND b.qty > 0 AND b.item_id IN ({})",
        sorted(set(item_ids)),
        tuple(whs),
    )


def allocate_many(requests: list[tuple], on: dt.date | None = None) -> list[list[tuple]]:
    """`allocate` for every (item, warehouse_id, location_id, batch_no, units) of a
    document, reading the on-hand balances of all its open lines in one IN query.

    Each request sees the stored balances (as when allocated one by one before posting)."""
    located = warehouses_with_locations(r[1] for r in requests)
    open_lines = [r for r in requests if _needs_query(*r[:4], located)]
    on_hand: dict[tuple, list] = {}
    for row in positive_balances({r[1] for r in open_lines}, {r[0].id for r in open_lines}):
        on_hand.setdefault((row[0], row[1]), []).append(row[2:])
    cutoff = on.isoformat() if on is not None else ""
    return [_split(on_hand, located, cutoff, *r) for r in requests]


def _split(
    on_hand, located, cutoff, item, warehouse_id, location_id, batch_no, qty_units
) -> list[tuple]:
    if not _needs_query(item, warehouse_id, location_id, batch_no, located):
        return [(location_id, batch_no, qty_units)]
    any_batch = item.batch_managed and not batch_no
    rows = [
        r
        for r in on_hand.get((item.id, warehouse_id), ())
        if (location_id is None or r[0] == location_id)
        and (any_batch or r[1] == batch_no)
        and not (any_batch and _expired(r[3], cutoff))
    ]
    rows.sort(key=lambda r: (r[3] is None, str(r[3] or ""), r[0], r[1]))
    out, need = [], qty_units
    for loc, batch, have, _expiry in rows:
        if need <= 0:
            break
        take = min(have, need)
        out.append([loc or None, batch, take])
        need -= take
    if need > 0:
        if out:
            out[0][2] += need
        else:
            out.append([location_id, batch_no, need])
    return [tuple(x) for x in out]


def _expired(expiry, cutoff: str) -> bool:
    """An expiry (a date or its ISO text) before the cutoff day ("" = no cutoff)."""
    return bool(cutoff and expiry and str(expiry)[:10] < cutoff)


def units(value) -> int:
    return to_scaled(value, 4)
