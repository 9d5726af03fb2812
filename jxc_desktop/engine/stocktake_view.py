"""The stocktake counting screen's variance list, read in a few queries.

Same figures as `inventory.stocktake.variance` (book, counted, difference, its value
at the warehouse's book unit cost), but items, locations and costs are read once for
the whole document instead of once per line, and a single line can be re-read after a
scan: a 500-line stocktake shows in milliseconds and a scan updates one row. Once
approved, the values are the ones the approval posted (盘亏 at the valuation method's
cost may differ from the book unit cost).
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.documents import get_document
from jxc_desktop.engine.inventory import gain_costs
from jxc_desktop.engine.inventory.stocktake_rebase import book_changes
from jxc_desktop.engine.scanning import by_ids
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Item, Location
from jxc_desktop.models.stock import CostGroup


def unit_costs(warehouse_id: int, item_ids: list[int]) -> dict[int, Decimal]:
    """Book unit cost per item in a warehouse (its first cost pool, as `variance` does):
    the average on hand, else the last unit cost; for an item the warehouse never held,
    the cost a gain would be posted at (inventory/gain_costs.py)."""
    costs: dict[int, Decimal] = {}
    query = CostGroup.select().where(CostGroup.warehouse == warehouse_id).order_by(CostGroup.id)
    wanted = set(item_ids)
    for group in query:
        if group.item_id in wanted and group.item_id not in costs:
            if group.qty > 0:
                costs[group.item_id] = group.value / group.qty
            elif group.last_unit_cost:
                costs[group.item_id] = group.last_unit_cost
    bare = wanted - set(costs)
    if bare:
        fallback = gain_costs.fallback_unit_costs(bare)
        costs.update((i, money.from_scaled(c, money.PRICE_PLACES)) for i, c in fallback.items())
    return costs


def variance_row(
    line: DocumentLine,
    item: Item,
    location: str,
    unit_cost: Decimal,
    book_now=None,
    posted: Decimal | None = None,
) -> dict:
    """One line's figures; `book_now` is its current book when a document dated on or
    before the stocktake changed it after the freeze (else None); `posted` the value the
    approval posted (else it is estimated at `unit_cost`)."""
    book = line.book_qty if line.book_qty is not None else Decimal(0)
    diff = (line.base_qty - book) if line.counted else Decimal(0)
    value = posted if posted is not None else money.money(diff * unit_cost)
    return {
        "line": line.line_no,
        "line_id": line.id,
        "item": item.code,
        "name": item.name,
        "location": location,
        "batch": line.batch_no,
        "book_qty": book,
        "counted_qty": line.base_qty if line.counted else None,
        "diff_qty": diff,
        "diff_value": value,
        "counted": line.counted,
        "book_now": book_now,
    }


def variance_rows(doc_id: int, line_ids: list[int] | None = None) -> list[dict]:
    """The variance list of a stocktake in line order (or just the given lines)."""
    doc = get_document(doc_id)
    query = DocumentLine.select().where(DocumentLine.document == doc)
    if line_ids is not None:
        query = query.where(DocumentLine.id.in_(line_ids))
    lines = list(query.order_by(DocumentLine.line_no))
    item_ids = sorted({line.item_id for line in lines})
    items = {i.id: i for i in by_ids(Item, item_ids)}
    locations = {
        x.id: x.code for x in Location.select().where(Location.warehouse == doc.warehouse_id)
    }
    costs = unit_costs(doc.warehouse_id, item_ids)
    changed = {x.line_id: x.current for x in book_changes(doc_id)} if doc.status == "draft" else {}
    posted = _posted(doc)
    return [
        variance_row(
            line,
            items[line.item_id],
            locations.get(line.location_id, ""),
            costs.get(line.item_id, Decimal(0)),
            changed.get(line.id),
            posted.get(line.id, Decimal(0)) if posted is not None else None,
        )
        for line in lines
    ]


def _posted(doc) -> dict[int, Decimal] | None:
    """The posted value per line of an approved stocktake; None while it is a draft."""
    if doc.status != "approved":
        return None
    from jxc_desktop.engine.inventory.stocktake import posted_values

    return posted_values(doc.id)


def locations(doc_id: int) -> list[tuple[str, str]]:
    """(code, name) of the active locations of the stocktake's warehouse, by code."""
    doc = get_document(doc_id)
    query = (
        Location.select()
        .where((Location.warehouse == doc.warehouse_id) & Location.active)
        .order_by(Location.code)
    )
    return [(x.code, x.name) for x in query]
