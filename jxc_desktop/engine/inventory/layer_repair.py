"""Rebuilding FIFO layers that a file lost, by re-valuing their pools from the ledger.

Schema step 5 of earlier versions added columns to cost_group through a SQLite table
rebuild whose DROP TABLE cascaded: a file upgraded that way kept its ledger but lost
every FIFO layer. Such a pool has stock and no layers adding up to it; the ledger still
says what the layers are, so they are rebuilt from it (schema step 7 runs this).
"""

from __future__ import annotations

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
    from jxc_desktop.engine.inventory import ledger

    pools = damaged_fifo_pools()
    for group_id, item_id, wh_id, batch in pools:
        p = ledger._Pass(None, refuse_negative=False)
        item = p.items[item_id] = Item.get_by_id(item_id)
        key = ledger.group_key(item, wh_id, batch)
        ledger._replay(p, key, [], {}, "", "")
        execute("DELETE FROM fifo_layer WHERE group_id = ?", (group_id,))
        executemany(
            "INSERT INTO fifo_layer (group_id, seq, qty, value) VALUES (?, ?, ?, ?)",
            [(group_id, n, q, v) for n, (q, v) in enumerate(p.states[key].layers)],
        )
    return len(pools)
