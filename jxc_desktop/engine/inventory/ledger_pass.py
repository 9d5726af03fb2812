"""One ledger pass (a posting or a reversal): its pools, their stored moves, its writes.

`ledger.py` decides values; `_Pass` holds what one pass has read (cost groups, FIFO
layers, settled costs and stored moves of many pools, read in bulk through
pool_store), what it has decided (new values, revaluations, in / out flows) and the
problems it found, until the pass writes them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.inventory import ledger_messages as messages
from jxc_desktop.engine.inventory import ledger_months, pool_store
from jxc_desktop.engine.inventory.valuation import Pool, PoolState
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item


def group_key(item: Item, warehouse_id: int, batch_no: str) -> tuple[int, int, str]:
    batch = batch_no if item.valuation_method == "specific" else ""
    return (item.id, warehouse_id, batch)


# what a replay reads of each stored row (moves, revaluations and reversals alike)
_MOVE_COLUMNS = (
    "id, kind, qty, cost_source, value, linked_id, date, time, location_id, batch_no, adjusts_id"
)


@dataclass(slots=True)
class _Stored:
    """A stored move of a pool, with its current value (own + revaluations)."""

    id: int
    qty: int
    source: str
    value: int  # current value: own + revaluations
    own: int  # the value written with the move (the given value of a receipt)
    linked_id: int | None
    date: str
    time: str
    location_id: int
    batch_no: str

    @property
    def key(self):
        return (self.date, self.time, self.id)


class _Pass:
    """One posting or reversal: its pools, the values it decided, the rows it will write."""

    def __init__(self, doc: Document, refuse_negative: bool, month_filter=None):
        self.doc = doc
        self.refuse_negative = refuse_negative
        self.month_filter = month_filter  # ledger_months.clause(), read once (month_clause)
        self.items: dict[int, Item] = {}
        self.groups: dict[tuple, pool_store.Group] = {}
        self.overlay: dict[int, int] = {}  # stored move id -> its new value in this pass
        self.revals: list[tuple[_Stored, tuple, int]] = []  # (move, group key, delta)
        self.problems: list[Problem] = []
        self.states: dict[tuple, PoolState] = {}
        self.short_pools: set[tuple] = set()
        # preloaded for many pools at once (see `preload`); a pool not in them is read alone
        self.layers: dict[int, list[tuple]] = {}  # stored (seq, qty, value) by group id
        self.settled_costs: dict[int, dict[str, int]] = {}
        self.location_checks: list[tuple[tuple, list, str]] = []  # (pool, PlannedMoves, date)
        self.pool_rows: dict[tuple, list[tuple]] = {}  # see prefetch_moves
        self.flows: dict[tuple, list[int]] = {}  # pool -> [in qty, in value, out qty, out value]

    def flow(self, key: tuple, direction: int, qty: int, value: int) -> None:
        """Counts a row this pass writes into its pool's in / out flows (CostGroup)."""
        f = self.flows.get(key)
        if f is None:
            f = self.flows[key] = [0, 0, 0, 0]
        if direction >= 0:
            f[0] += qty
            f[1] += value
        else:
            f[2] -= qty
            f[3] -= value

    # ------------------------------------------------------------ pools
    def group(self, key: tuple) -> pool_store.Group:
        if key not in self.groups:
            self.preload([key])
        return self.groups[key]

    def preload(self, keys) -> None:
        """Reads (creating the missing) cost groups of many pools, with their FIFO layers and
        settled costs, in a few IN queries instead of three queries per pool."""
        wanted = [k for k in dict.fromkeys(keys) if k not in self.groups]
        if wanted:
            fifo, periodic = set(), set()
            for k in wanted:
                method = self.items[k[0]].valuation_method
                if method == "fifo":
                    fifo.add(k)
                elif method == "periodic":
                    periodic.add(k)
            groups, layers, settled = pool_store.load(wanted, fifo, periodic)
            self.groups.update(groups)
            self.layers.update(layers)
            self.settled_costs.update(settled)

    def method(self, key: tuple) -> str:
        return self.items[key[0]].valuation_method

    def saved_pool(self, key: tuple) -> Pool:
        """A Pool valuing from the pool's saved state (the append path: once per pool)."""
        method = self.items[key[0]].valuation_method
        g = self.groups.get(key) or self.group(key)
        if method == "fifo":
            layers = [[q, v] for _, q, v in self.stored_layers(g.id)]
            return Pool(method, PoolState(g.qty, g.value, g.last_unit_cost, layers), {})
        settled = self.settled(key) if method == "periodic" else {}
        return Pool(method, PoolState(g.qty, g.value, g.last_unit_cost), settled)

    def stored_layers(self, gid: int) -> list[tuple]:
        """A FIFO group's layers as stored: (seq, qty, value) in order."""
        if gid not in self.layers:
            self.layers[gid] = execute(
                "SELECT seq, qty, value FROM fifo_layer WHERE group_id = ? ORDER BY seq", (gid,)
            ).fetchall()
        return self.layers[gid]

    def settled(self, key: tuple) -> dict[str, int]:
        if self.method(key) != "periodic":  # only 月末一次加权平均 issues at a settled cost
            return {}
        gid = self.group(key).id
        if gid in self.settled_costs:
            return dict(self.settled_costs[gid])
        rows = execute("SELECT period, unit_cost FROM periodic_cost WHERE group_id = ?", (gid,))
        return dict(rows.fetchall())

    def month_clause(self) -> tuple[str, list[str]]:
        """The ledger's months for reading pools' stored moves: read once, as the
        database does not change during a pass."""
        if self.month_filter is None:
            self.month_filter = ledger_months.clause()
        return self.month_filter

    def prefetch_moves(self, keys) -> None:
        """Reads the stored rows of many pools with IN queries, so that replaying each
        (a reversal, a backdated document) does not query alone. The database does not
        change during a pass, so the rows stay current; `overlay` is applied on use."""
        keys = [k for k in dict.fromkeys(keys) if k not in self.pool_rows]
        if not keys:
            return
        for k in keys:
            self.pool_rows[k] = []
        whs = sorted({k[1] for k in keys})
        months, month_args = self.month_clause()
        rows = pool_store.in_query(
            f"SELECT item_id, warehouse_id, {_MOVE_COLUMNS} FROM stock_move WHERE {months} "
            f"AND warehouse_id IN ({', '.join('?' * len(whs))}) AND item_id IN ({{}}) "
            # the per-item index's own order, so no sort: each pool's rows still come in
            # (date, time, id) order, as a move's month follows from its date
            "ORDER BY month, item_id, warehouse_id, date, time, id",
            sorted({k[0] for k in keys}),
            (*month_args, *whs),
        )
        for r in rows:
            bucket = self.pool_rows.get(group_key(self.items[r[0]], r[1], r[11]))
            if bucket is not None:
                bucket.append(r[2:])

    def stored_moves(self, key: tuple) -> list[_Stored]:
        rows = self.pool_rows.get(key)
        if rows is None:
            item_id, wh_id, batch = key
            months, month_args = self.month_clause()
            where = f"{months} AND item_id = ? AND warehouse_id = ?"
            params = [*month_args, item_id, wh_id]
            if self.method(key) == "specific":
                where += " AND batch_no = ?"
                params.append(batch)
            # the pool's moves, revaluations and reversals: a short index range per month
            rows = execute(
                f"SELECT {_MOVE_COLUMNS} FROM stock_move WHERE {where} "
                "ORDER BY month, date, time, id",  # = (date, time, id), in index order
                params,
            ).fetchall()
        reversed_ids, revals = set(), {}
        for r in rows:
            if r[1] == "reval":
                revals[r[10]] = revals.get(r[10], 0) + r[4]
            elif r[1] == "reverse":
                reversed_ids.add(r[10])
        overlay = self.overlay
        return [
            _Stored(
                *(r[0], r[2], r[3], overlay.get(r[0], r[4] + revals.get(r[0], 0)), r[4], r[5]),
                *(str(r[6]), r[7], r[8] or 0, r[9]),
            )
            for r in rows
            if r[1] == "move" and r[0] not in reversed_ids
        ]

    def linked_values(self, ids: list[int]) -> dict[int, tuple[int, int]]:
        """Current (value, qty) of the moves that LINKED moves take their cost from."""
        out = {}
        missing = [i for i in ids if i not in self.overlay]
        for chunk_start in range(0, len(missing), 500):
            chunk = missing[chunk_start : chunk_start + 500]
            marks = ", ".join("?" * len(chunk))
            for mid, value, qty, reval in execute(
                f"SELECT m.id, m.value, m.qty, (SELECT COALESCE(SUM(r.value), 0) FROM stock_move r "
                f"WHERE r.adjusts_id = m.id AND r.kind = 'reval') FROM stock_move m "
                f"WHERE m.id IN ({marks})",
                chunk,
            ):
                out[mid] = (value + reval, qty)
        if len(out) < len(ids):
            qtys = dict(
                execute(
                    f"SELECT id, qty FROM stock_move WHERE id IN ({', '.join('?' * len(ids))})",
                    ids,
                ).fetchall()
            )
            for i in ids:
                if i in self.overlay:
                    out[i] = (self.overlay[i], qtys[i])
        return out

    # ------------------------------------------------------------ checks
    def shortage(self, key: tuple, date: str, qty: int, where: str = "", force=False) -> None:
        """Notes a shortage (once per pool) when the company refuses negative stock."""
        if not self.refuse_negative or (key in self.short_pools and not force):
            return
        self.short_pools.add(key)
        self.problems.append(messages.shortage(self.items[key[0]], key[1], where, date, -qty))

    def nothing_to_adjust(self, key: tuple, date: str) -> None:
        """A value-only adjustment needs stock to carry the value (else value without qty)."""
        self.problems.append(messages.nothing_to_adjust(self.items[key[0]], key[1], date))
