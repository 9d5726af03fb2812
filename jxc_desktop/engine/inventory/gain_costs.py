"""The cost a 盘盈 (stocktake gain) is taken at when its cost pool has none.

A gain is a receipt at book cost: the pool's average, or its last unit cost once it is
empty. A pool that has never held the item has neither, and a gain there at 0.00 would
leave the next issue from that warehouse costless and the stock value short. Such a
gain is taken at the item's average over the pools that hold it now, else at its 采购价
(0 when it has neither), and written as a receipt of that fixed value, so re-valuing the
pool later keeps it. The variance list estimates with the same costs.
"""

from __future__ import annotations

from jxc_desktop.engine.inventory.pool_store import in_query
from jxc_desktop.engine.inventory.valuation import unit_cost_of


def costless_pools(keys: set[tuple]) -> set[tuple]:
    """Which of these pools (item, warehouse, batch) have no cost: no row yet, or nothing
    on hand and no last unit cost (they never held the item)."""
    costed = {
        (item_id, wh_id, batch)
        for item_id, wh_id, batch, qty, last in in_query(
            "SELECT item_id, warehouse_id, batch_no, qty, last_unit_cost FROM cost_group "
            "WHERE item_id IN ({})",
            sorted({k[0] for k in keys}),
        )
        if qty > 0 or last
    }
    return keys - costed


def fallback_unit_costs(item_ids: set[int]) -> dict[int, int]:
    """Unit cost (1e-6 yuan per base unit) of each item where its own pool has none: the
    average over the pools holding it, else its 采购价; absent when neither is known."""
    ids = sorted(item_ids)
    costs = {
        item_id: unit_cost_of(value, qty)
        for item_id, value, qty in in_query(
            "SELECT item_id, SUM(value), SUM(qty) FROM cost_group WHERE qty > 0 "
            "AND item_id IN ({}) GROUP BY item_id",
            ids,
        )
        if value > 0
    }
    for item_id, price in in_query("SELECT id, purchase_price FROM item WHERE id IN ({})", ids):
        if item_id not in costs and price:
            costs[item_id] = price
    return costs
