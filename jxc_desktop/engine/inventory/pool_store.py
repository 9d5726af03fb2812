"""Reading and writing the ledger's caches for many cost pools at once.

ledger.py decides values; this module moves its caches in and out of the database in
bulk. The cost groups of all a document's pools (created when missing), their FIFO
layers and settled periodic costs are read with a few IN queries, and written back,
with the new moves and the on-hand balances, through executemany: approving a
1,000-line document costs a handful of statements, not several per line.
"""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.models.db import action_cache, execute, executemany

CHUNK = 500  # ids per IN list: well inside every database's parameter limit

_MOVE_COLUMNS = (
    "kind, document_id, line_id, date, time, item_id, warehouse_id, location_id, batch_no, "
    "qty, value, unit_cost, adjusts_id, linked_id, cost_source"
)


@dataclass(slots=True)
class Group:
    """A cost group's stored row (quantities, values and costs as scaled integers)."""

    id: int
    qty: int
    value: int
    last_unit_cost: int
    last_date: str | None  # YYYY-MM-DD
    last_time: str


def in_query(sql: str, ids: list, params: tuple = ()) -> list[tuple]:
    """Runs `sql` (with one '{}' for the IN list) over `ids` in chunks; all rows."""
    out: list[tuple] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        out += execute(sql.format(", ".join("?" * len(chunk))), [*params, *chunk]).fetchall()
    return out


def warehouses_with_locations(warehouse_ids) -> set[int]:
    """Which of these warehouses have locations (库位) at all (read once per action)."""
    known = action_cache()
    ids = sorted({w for w in warehouse_ids if ("located", w) not in known})
    if ids:
        found = {
            r[0]
            for r in in_query(
                "SELECT DISTINCT warehouse_id FROM location WHERE warehouse_id IN ({})", ids
            )
        }
        known.update((("located", w), w in found) for w in ids)
    return {w for (kind, w), has in known.items() if kind == "located" and has}


def items_with_batches(item_ids) -> set[int]:
    """Which of these items have ever had a batch (every batch receipt makes a batch row)."""
    ids = sorted(set(item_ids))
    return {r[0] for r in in_query("SELECT DISTINCT item_id FROM batch WHERE item_id IN ({})", ids)}


def select_groups(keys: list[tuple]) -> dict[tuple, Group]:
    """The stored cost groups of these pool keys (item, warehouse, batch), by key."""
    wanted = set(keys)
    found = {}
    whs = sorted({k[1] for k in keys})
    for row in in_query(
        "SELECT item_id, warehouse_id, batch_no, id, qty, value, last_unit_cost, last_date, "
        f"last_time FROM cost_group WHERE warehouse_id IN ({', '.join('?' * len(whs))}) "
        "AND item_id IN ({})",
        sorted({k[0] for k in keys}),
        tuple(whs),
    ):
        key = (row[0], row[1], row[2])
        if key in wanted:
            last_date = row[7] if row[7] is None or type(row[7]) is str else str(row[7])
            found[key] = Group(row[3], row[4], row[5], row[6], last_date, row[8])
    return found


def load(keys: list[tuple], fifo_keys: set[tuple], periodic_keys: set[tuple]):
    """Groups (missing ones created empty), FIFO layers and settled costs of these pools
    (layers only for the FIFO ones, settled costs only for the periodic ones).

    Returns (groups by key, layers by group id, settled unit costs by group id).
    """
    groups = select_groups(keys)
    missing = [k for k in keys if k not in groups]
    if missing:
        executemany(
            "INSERT INTO cost_group (item_id, warehouse_id, batch_no, qty, value, "
            "last_unit_cost, last_time, in_qty, in_value, out_qty, out_value) "
            "VALUES (?, ?, ?, 0, 0, 0, '', 0, 0, 0, 0)",
            missing,
        )
        groups.update(select_groups(missing))
    fifo_ids = [groups[k].id for k in keys if k in fifo_keys]
    layers: dict[int, list[list[int]]] = {gid: [] for gid in fifo_ids}
    settled: dict[int, dict[str, int]] = {groups[k].id: {} for k in periodic_keys}
    for gid, q, v in in_query(
        "SELECT group_id, qty, value FROM fifo_layer WHERE group_id IN ({}) ORDER BY group_id, seq",
        fifo_ids,
    ):
        layers[gid].append([q, v])
    for gid, period, cost in in_query(
        "SELECT group_id, period, unit_cost FROM periodic_cost WHERE group_id IN ({})",
        [groups[k].id for k in keys if k in periodic_keys],
    ):
        settled[gid][period] = cost
    return groups, layers, settled


_ADD_FLOWS = (
    "in_qty = in_qty + ?, in_value = in_value + ?, out_qty = out_qty + ?, out_value = out_value + ?"
)


def save(updates: list[tuple], fifo_ids: list[int], layers: list[tuple]) -> None:
    """Writes pool states (qty, value, last_unit_cost, last_date, last_time, in qty, in
    value, out qty, out value, id; the flows are added) and replaces the FIFO layers
    (group_id, seq, qty, value) of the FIFO groups."""
    executemany(
        "UPDATE cost_group SET qty = ?, value = ?, last_unit_cost = ?, last_date = ?, "
        f"last_time = ?, {_ADD_FLOWS} WHERE id = ?",
        sorted(updates, key=_last),  # in page order: each page is found once, warm
    )
    for start in range(0, len(fifo_ids), CHUNK):
        chunk = fifo_ids[start : start + CHUNK]
        execute(f"DELETE FROM fifo_layer WHERE group_id IN ({', '.join('?' * len(chunk))})", chunk)
    executemany("INSERT INTO fifo_layer (group_id, seq, qty, value) VALUES (?, ?, ?, ?)", layers)


def add_flows(rows: list[tuple]) -> None:
    """Adds (in qty, in value, out qty, out value, id) to cost groups' flows."""
    executemany(f"UPDATE cost_group SET {_ADD_FLOWS} WHERE id = ?", rows)


def _last(row: tuple):
    return row[-1]


def insert_moves(rows: list[tuple]) -> None:
    """New moves with their reserved ids: the move columns, then id and created_at.

    In line order: a transfer's receipt names its issue, inserted before it."""
    executemany(
        f"INSERT INTO stock_move ({_MOVE_COLUMNS}, id, created_at) VALUES ({', '.join('?' * 17)})",
        rows,
    )


def insert_adjustments(rows: list[tuple]) -> None:
    """Revaluation, true-up and reversal rows: the move columns, then created_at."""
    executemany(
        f"INSERT INTO stock_move ({_MOVE_COLUMNS}, created_at) VALUES ({', '.join('?' * 16)})",
        rows,
    )


def apply_balances(deltas: list[tuple]) -> None:
    """Adds quantity deltas to the on-hand balances (upsert; standard SQL on both databases)."""
    merged: dict[tuple, int] = {}
    for item_id, wh_id, loc_id, batch, qty in deltas:
        k = (item_id, wh_id, loc_id, batch)
        merged[k] = merged.get(k, 0) + qty
    executemany(
        "INSERT INTO stock_balance (item_id, warehouse_id, location_id, batch_no, qty) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, warehouse_id, location_id, batch_no) "
        "DO UPDATE SET qty = stock_balance.qty + excluded.qty",
        sorted((*k, q) for k, q in merged.items() if q),
    )
