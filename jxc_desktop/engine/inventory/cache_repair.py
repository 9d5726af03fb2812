"""Rebuilding the pool caches a file lost, from the ledger.

Schema step 5 of earlier versions added columns to cost_group through a SQLite table
rebuild whose DROP TABLE cascaded: a file upgraded that way kept its ledger but lost
every FIFO layer and every settled 月末一次加权平均 cost. Schema step 7 rebuilds both:
- a FIFO pool whose layers do not add up to its quantity is re-valued from its first
  move, which gives its layers;
- a periodic pool that moved in a closed month and has no settled cost for it gets the
  cost the close computed: the month's opening value and receipts, which a closed
  month no longer changes (its issues already carry that cost in the ledger).
"""

from __future__ import annotations

from jxc_desktop.engine import money
from jxc_desktop.models.db import execute, executemany
from jxc_desktop.models.masterdata import Item


def damaged_fifo_pools() -> list[tuple]:
    """FIFO pools whose stored layers do not add up to the pool's quantity."""
    return execute(
        "SELECT g.id, g.item_id, g.warehouse_id, g.batch_no FROM cost_group g "
        "JOIN item i ON i.id = g.item_id WHERE i.valuation_method = 'fifo' "
        "AND g.qty <> COALESCE((SELECT SUM(l.qty) FROM fifo_layer l WHERE l.group_id = g.id), 0)"
    ).fetchall()


def rebuild_lost_fifo_layers() -> int:
    """Re-values each damaged FIFO pool from its first move and stores the layers that
    gives. Returns how many pools were rebuilt."""
    from jxc_desktop.engine.inventory import ledger, ledger_months

    pools = damaged_fifo_pools()
    month_filter = ledger_months.clause()  # read once: repairing writes no moves
    for group_id, item_id, wh_id, batch in pools:
        p, key = ledger.revalue_alone(Item.get_by_id(item_id), wh_id, batch, month_filter)
        execute("DELETE FROM fifo_layer WHERE group_id = ?", (group_id,))
        executemany(
            "INSERT INTO fifo_layer (group_id, seq, qty, value) VALUES (?, ?, ?, ?)",
            [(group_id, n, q, v) for n, (q, v) in enumerate(p.states[key].layers)],
        )
    return len(pools)


def rebuild_lost_periodic_costs() -> int:
    """Stores the settled cost of every periodic pool that moved in a closed month and
    has none for it. Returns how many costs were stored."""
    from jxc_desktop.engine.company import month_bounds
    from jxc_desktop.engine.inventory import periodic
    from jxc_desktop.models.company import Period
    from jxc_desktop.models.stock import CostGroup, PeriodicCost

    stored = 0
    for period in Period.select().where(Period.closed == True).order_by(Period.code):  # noqa: E712
        start, end = (d.isoformat() for d in month_bounds(period.code))
        for item_id, wh_id, _ in periodic.pools_moved(start, end):
            group = CostGroup.get(
                (CostGroup.item == item_id)
                & (CostGroup.warehouse == wh_id)
                & (CostGroup.batch_no == "")
            )
            if PeriodicCost.get_or_none(
                (PeriodicCost.group == group) & (PeriodicCost.period == period.code)
            ):
                continue
            unit_cost = periodic.month_unit_cost(item_id, wh_id, start, end)
            if unit_cost is not None:
                PeriodicCost.create(
                    group=group, period=period.code, unit_cost=money.from_scaled(unit_cost, 6)
                )
                stored += 1
    return stored
