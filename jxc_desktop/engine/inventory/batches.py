"""Batches (批次): their dates, and first-expiry-first-out allocation of issues."""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine.money import to_scaled
from jxc_desktop.models.db import execute
from jxc_desktop.models.masterdata import Batch, Item


def expiry_for(item: Item, production_date: dt.date | None, expiry: dt.date | None):
    """The expiry date given, or production date + shelf life."""
    if expiry is None and production_date and item.shelf_life_days:
        return production_date + dt.timedelta(days=item.shelf_life_days)
    return expiry


def ensure_batch(item: Item, batch_no: str, production_date=None, expiry_date=None) -> Batch:
    """The batch row of an item, created on its first receipt with its dates."""
    batch = Batch.get_or_none((Batch.item == item) & (Batch.batch_no == batch_no))
    if batch is None:
        batch = Batch.create(
            item=item,
            batch_no=batch_no,
            production_date=production_date,
            expiry_date=expiry_for(item, production_date, expiry_date),
        )
    return batch


def allocate(item: Item, warehouse_id: int, location_id, batch_no: str, qty_units: int):
    """Splits an issue over what is on hand when the line leaves location or batch open.

    Batches go first-expiry-first-out; stock without a location goes before located
    stock. Returns [(location_id or None, batch_no, units)]; what stock cannot cover stays
    on the first candidate so the negative-stock rule names the shortage.
    """
    open_batch = item.batch_managed and not batch_no
    if location_id is not None and not open_batch:
        return [(location_id, batch_no, qty_units)]
    where = "b.item_id = ? AND b.warehouse_id = ? AND b.qty > 0"
    params: list = [item.id, warehouse_id]
    if location_id is not None:
        where += " AND b.location_id = ?"
        params.append(location_id)
    if batch_no or not item.batch_managed:
        where += " AND b.batch_no = ?"
        params.append(batch_no)
    rows = execute(
        "SELECT b.location_id, b.batch_no, b.qty, t.expiry_date FROM stock_balance b "
        "LEFT JOIN batch t ON t.item_id = b.item_id AND t.batch_no = b.batch_no "
        f"WHERE {where}",
        params,
    ).fetchall()
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


def units(value) -> int:
    return to_scaled(value, 4)
