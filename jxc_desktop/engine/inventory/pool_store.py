"""Reading and writing the ledger's caches for many cost pools at once.

ledger.py decides values; this module moves its caches in and out of the database in
bulk. The cost groups of all a document's pools (created when missing), their FIFO
layers and settled periodic costs are read with a few IN queries, and written back,
with the new moves and the on-hand balances (the loose on-hand with the pool's own row),
through executemany: approving a
1,000-line document costs a handful of statements, not several per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from jxc_desktop.models.db import action_cache, execute, executemany
from jxc_desktop.models.stock import month_of

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

    Returns (groups by key, stored layers (seq, qty, value) by group id, settled unit
    costs by group id).
    """
    groups = select_groups(keys)
    missing = [k for k in keys if k not in groups]
    if missing:
        executemany(
            "INSERT INTO cost_group (item_id, warehouse_id, batch_no, qty, value, "
            "last_unit_cost, last_time, in_qty, in_value, out_qty, out_value, loose_qty) "
            "VALUES (?, ?, ?, 0, 0, 0, '', 0, 0, 0, 0, 0)",
            missing,
        )
        groups.update(select_groups(missing))
    fifo_ids = [groups[k].id for k in keys if k in fifo_keys]
    layers: dict[int, list[tuple]] = {gid: [] for gid in fifo_ids}
    settled: dict[int, dict[str, int]] = {groups[k].id: {} for k in periodic_keys}
    for gid, seq, q, v in in_query(
        "SELECT group_id, seq, qty, value FROM fifo_layer WHERE group_id IN ({}) "
        "ORDER BY group_id, seq",
        fifo_ids,
    ):
        layers[gid].append((seq, q, v))
    for gid, period, cost in in_query(
        "SELECT group_id, period, unit_cost FROM periodic_cost WHERE group_id IN ({})",
        [groups[k].id for k in keys if k in periodic_keys],
    ):
        settled[gid][period] = cost
    return groups, layers, settled


_ADD_FLOWS = (
    "in_qty = in_qty + ?, in_value = in_value + ?, out_qty = out_qty + ?, out_value = out_value + ?"
)


def save(updates: list[tuple], layer_writes: LayerWrites) -> None:
    """Writes pool states (qty, value, last_unit_cost, last_date, last_time, in qty, in
    value, out qty, out value, loose qty, id; the flows and the loose on-hand are added)
    and the FIFO layers' changes."""
    executemany(
        "UPDATE cost_group SET qty = ?, value = ?, last_unit_cost = ?, last_date = ?, "
        f"last_time = ?, {_ADD_FLOWS}, loose_qty = loose_qty + ? WHERE id = ?",
        sorted(updates, key=_last),  # in page order: each page is found once, warm
    )
    w = layer_writes
    executemany("DELETE FROM fifo_layer WHERE group_id = ? AND seq <= ?", sorted(w.deletes))
    executemany(
        "UPDATE fifo_layer SET qty = ?, value = ? WHERE group_id = ? AND seq = ?",
        sorted(w.updates, key=_group_seq),
    )
    executemany("INSERT INTO fifo_layer (group_id, seq, qty, value) VALUES (?, ?, ?, ?)", w.inserts)


@dataclass(slots=True)
class LayerWrites:
    """What turns stored FIFO layers into new ones: (group, last seq deleted) for a
    consumed head, (qty, value, group, seq) for a changed layer, (group, seq, qty, value)
    for a new one."""

    deletes: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)
    inserts: list[tuple] = field(default_factory=list)

    def add(self, gid: int, stored: list[tuple], new: list[list[int]]) -> None:
        """The writes for one group. FIFO consumes layers from the head and receives at the
        tail, so the new layers are mostly the stored ones less a consumed head, the first
        left maybe reduced, plus received ones: only those rows are written (a document
        receiving 1,000 FIFO items used to delete and re-insert every layer they had)."""
        n = len(stored)
        for k in range(n + 1):  # k = stored layers consumed; k = n always fits (rewrite)
            kept = n - k
            if kept > len(new) or any(
                new[j][0] != stored[k + j][1] or new[j][1] != stored[k + j][2]
                for j in range(1, kept)
            ):
                continue
            if k:
                self.deletes.append((gid, stored[k - 1][0]))
            if kept and (new[0][0], new[0][1]) != stored[k][1:]:
                self.updates.append((new[0][0], new[0][1], gid, stored[k][0]))
            seq = stored[-1][0] + 1 if stored else 0
            self.inserts += [(gid, seq + i, q, v) for i, (q, v) in enumerate(new[kept:])]
            return


_group_seq = itemgetter(2, 3)  # of a layer update row


def add_flows(rows: list[tuple]) -> None:
    """Adds (in qty, in value, out qty, out value, loose qty, id) to cost groups' flows
    and loose on-hand."""
    executemany(f"UPDATE cost_group SET {_ADD_FLOWS}, loose_qty = loose_qty + ? WHERE id = ?", rows)


_last = itemgetter(-1)


def insert_moves(rows: list[tuple]) -> None:
    """New moves with their reserved ids: the move columns, then id and created_at.

    In line order: a transfer's receipt names its issue, inserted before it."""
    executemany(
        f"INSERT INTO stock_move ({_MOVE_COLUMNS}, id, created_at, month) "
        f"VALUES ({', '.join('?' * 18)})",
        [(*r, month_of(r[3])) for r in rows],
    )


def insert_adjustments(rows: list[tuple]) -> None:
    """Revaluation, true-up and reversal rows: the move columns, then created_at."""
    executemany(
        f"INSERT INTO stock_move ({_MOVE_COLUMNS}, created_at, month) "
        f"VALUES ({', '.join('?' * 17)})",
        [(*r, month_of(r[3])) for r in rows],
    )


def split_places(deltas: list[tuple]) -> tuple[dict[tuple, int], list[tuple]]:
    """Quantity deltas (item, warehouse, location or 0, batch, qty) merged per place and
    split: the loose ones (no location, no batch) by (item, warehouse), kept on the cost
    pool (item, warehouse, ''); the placed ones as rows for apply_placed."""
    loose: dict[tuple, int] = {}
    placed: dict[tuple, int] = {}
    for item_id, wh_id, loc_id, batch, qty in deltas:
        if loc_id or batch:
            k = (item_id, wh_id, loc_id, batch)
            placed[k] = placed.get(k, 0) + qty
        else:
            loose[item_id, wh_id] = loose.get((item_id, wh_id), 0) + qty
    return {k: q for k, q in loose.items() if q}, sorted((*k, q) for k, q in placed.items() if q)


def apply_placed(rows: list[tuple]) -> None:
    """Adds (item, warehouse, location, batch, qty) to the on-hand at locations and of
    batches (upsert; standard SQL on both databases)."""
    executemany(
        "INSERT INTO placed_balance (item_id, warehouse_id, location_id, batch_no, qty) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, warehouse_id, location_id, batch_no) "
        "DO UPDATE SET qty = placed_balance.qty + excluded.qty",
        rows,
    )
