"""Writing the stock ledger: new moves, re-valuation of later moves, reversals.

The ledger (`stock_move`) is append-only. A move's value as the ledger shows it is its
own value plus the 'reval' rows that adjust it. When a document lands at the end of a
cost pool's history its moves are valued from the pool's saved state; when it is dated
before later moves (backdated), or when a document is un-approved, the whole pool is
re-valued from its first move (`valuation.value_moves`) and every later move whose
value changes gets a 'reval' row for the difference, dated like the move it corrects.
Transfers carry their cost to the destination pool, so a change there cascades.

Balances (`stock_balance` quantities, `cost_group` values, FIFO layers) are updated in
the same transaction; they are caches the `jxc check` command compares to the ledger.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.inventory import ledger_messages as messages
from jxc_desktop.engine.inventory import pool_store
from jxc_desktop.engine.inventory.valuation import (
    LINKED,
    VALUE,
    MoveIn,
    Pool,
    PoolState,
    unit_cost_of,
)
from jxc_desktop.engine.money import mul_div_round
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute, reserve_ids
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item

NEW_ID_BASE = 1 << 60  # sorts new moves after every stored move of the same date and time


@dataclass
class PlannedMove:
    """A move a document wants to write (quantities in 1e-4 base units, values in fen)."""

    line_id: int | None
    item: Item
    warehouse_id: int
    location_id: int | None
    batch_no: str
    qty: int
    source: str
    value: int = 0  # given value for FIXED and VALUE moves
    link: int | None = None  # index of the planned move a LINKED move takes its value from
    link_move: int | None = None  # or the id of a stored move (a return to its delivery)
    line_no: int = 0


@dataclass
class PostResult:
    moves: int = 0
    revalued: int = 0
    messages: list[str] = field(default_factory=list)


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

    def __init__(self, doc: Document, refuse_negative: bool):
        self.doc = doc
        self.refuse_negative = refuse_negative
        self.items: dict[int, Item] = {}
        self.groups: dict[tuple, pool_store.Group] = {}
        self.overlay: dict[int, int] = {}  # stored move id -> its new value in this pass
        self.revals: list[tuple[_Stored, tuple, int]] = []  # (move, group key, delta)
        self.problems: list[Problem] = []
        self.states: dict[tuple, PoolState] = {}
        self.short_pools: set[tuple] = set()
        # preloaded for many pools at once (see `preload`); a pool not in them is read alone
        self.layers: dict[int, list[list[int]]] = {}
        self.settled_costs: dict[int, dict[str, int]] = {}
        self.location_checks: list[tuple[tuple, list[PlannedMove], str]] = []
        self.pool_rows: dict[tuple, list[tuple]] = {}  # see prefetch_moves

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
            fifo = {k for k in wanted if self.method(k) == "fifo"}
            groups, layers, settled = pool_store.load(wanted, fifo)
            self.groups.update(groups)
            self.layers.update(layers)
            self.settled_costs.update(settled)

    def method(self, key: tuple) -> str:
        return self.items[key[0]].valuation_method

    def saved_state(self, key: tuple) -> PoolState:
        g = self.group(key)
        layers = []
        if self.method(key) == "fifo":
            if g.id in self.layers:
                layers = [list(x) for x in self.layers[g.id]]
            else:
                rows = execute(
                    "SELECT qty, value FROM fifo_layer WHERE group_id = ? ORDER BY seq", (g.id,)
                ).fetchall()
                layers = [[q, v] for q, v in rows]
        return PoolState(g.qty, g.value, g.last_unit_cost, layers)

    def settled(self, key: tuple) -> dict[str, int]:
        gid = self.group(key).id
        if gid in self.settled_costs:
            return dict(self.settled_costs[gid])
        rows = execute("SELECT period, unit_cost FROM periodic_cost WHERE group_id = ?", (gid,))
        return dict(rows.fetchall())

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
        rows = pool_store.in_query(
            f"SELECT item_id, warehouse_id, {_MOVE_COLUMNS} FROM stock_move "
            f"WHERE warehouse_id IN ({', '.join('?' * len(whs))}) AND item_id IN ({{}}) "
            "ORDER BY item_id, warehouse_id, date, time, id",
            sorted({k[0] for k in keys}),
            tuple(whs),
        )
        for r in rows:
            bucket = self.pool_rows.get(group_key(self.items[r[0]], r[1], r[11]))
            if bucket is not None:
                bucket.append(r[2:])

    def stored_moves(self, key: tuple) -> list[_Stored]:
        rows = self.pool_rows.get(key)
        if rows is None:
            item_id, wh_id, batch = key
            where = "item_id = ? AND warehouse_id = ?"
            params: list = [item_id, wh_id]
            if self.method(key) == "specific":
                where += " AND batch_no = ?"
                params.append(batch)
            # one scan of the pool in index order: its moves, revaluations and reversals
            rows = execute(
                f"SELECT {_MOVE_COLUMNS} FROM stock_move WHERE {where} ORDER BY date, time, id",
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


def _period(date: str) -> str:
    return date[:7]


def _linked_value(source_value: int, source_qty: int, qty: int) -> int:
    """The value a LINKED move takes: the source's value for the same quantity, sign flipped."""
    if source_qty == 0:
        return 0
    return mul_div_round(-source_value, qty, -source_qty)


# ---------------------------------------------------------------- posting


def post(doc: Document, planned: list[PlannedMove]) -> PostResult:
    """Values and writes a document's moves; re-values later moves when it is backdated."""
    p = _Pass(doc, settings.get("negative_stock") == "refuse")
    date, time = str(doc.date), doc.time or ""
    keys = []
    for m in planned:
        p.items[m.item.id] = m.item
        keys.append(group_key(m.item, m.warehouse_id, m.batch_no))
    new_values: dict[int, tuple[int, int]] = {}  # planned index -> (value, trueup)
    order = _group_order(planned, keys)
    cascade: set[tuple] = set()
    by_key: dict[tuple, list] = {}
    for i, k in enumerate(keys):
        by_key.setdefault(k, []).append((i, planned[i]))
    p.preload(order)
    backdated = {
        k
        for k in order
        if p.groups[k].last_date is not None
        and (date, time) < (p.groups[k].last_date, p.groups[k].last_time)
    }
    p.prefetch_moves([k for k in order if k in backdated])
    for key in order:
        if key in backdated:
            cascade |= _replay(p, key, by_key[key], new_values, date, time)
        else:
            _append(p, key, by_key[key], new_values, date)
    _check_locations(p)
    _run_cascade(p, cascade, by_key, new_values, date, time)
    if p.problems:
        raise ValidationError(p.problems)
    ids = reserve_ids("stock_move", len(planned))
    rows = []
    trueups = []
    stamp = str(now())
    for i, m in enumerate(planned):
        value, trueup = new_values[i]
        linked = ids[m.link] if m.link is not None else m.link_move
        rows.append(
            (
                "move",
                doc.id,
                m.line_id,
                date,
                time,
                m.item.id,
                m.warehouse_id,
                m.location_id,
                m.batch_no,
                m.qty,
                value,
                unit_cost_of(value, m.qty),
                None,
                linked,
                m.source,
                ids[i],
                stamp,
            )
        )
        if trueup:
            trueups.append((ids[i], m, trueup))
    pool_store.insert_moves(rows)
    _insert_revals(p, date, trueups)
    _save_pools(p, date, time)
    pool_store.apply_balances(
        [(m.item.id, m.warehouse_id, m.location_id or 0, m.batch_no, m.qty) for m in planned]
    )
    result = PostResult(moves=len(planned), revalued=len(p.revals))
    result.messages = messages.revalued(p.items, p.revals)
    return result


_NO_DEPS: frozenset = frozenset()


def _group_order(planned: list[PlannedMove], keys: list[tuple]) -> list[tuple]:
    """Pools in an order where a LINKED move's source pool comes first."""
    order: list[tuple] = []
    pending = list(dict.fromkeys(keys))
    needs: dict[tuple, set] = {}  # one pass over the moves, not one per pool
    for i, m in enumerate(planned):
        if m.link is not None and keys[m.link] != keys[i]:
            needs.setdefault(keys[i], set()).add(keys[m.link])
    done: set[tuple] = set()
    while pending:
        rest = []
        for key in pending:
            if needs.get(key, _NO_DEPS) <= done:
                done.add(key)
                order.append(key)
            else:
                rest.append(key)
        if len(rest) == len(pending):  # a cycle of links inside one document: keep the order
            order.extend(rest)
            break
        pending = rest
    return order


def _append(p: _Pass, key, moves, new_values, date) -> None:
    """Values moves that land after everything already in the pool."""
    pool = Pool(p.method(key), p.saved_state(key), p.settled(key))
    for i, m in moves:
        value = _planned_link_value(p, m, new_values)
        if m.source == VALUE and pool.s.qty <= 0:
            p.nothing_to_adjust(key, date)
        out = pool.apply(MoveIn(i, m.qty, m.source, value, _period(date)))
        new_values[i] = (out.value, out.trueup)
        if m.qty < 0 and pool.s.qty < 0:
            p.shortage(key, date, pool.s.qty)
    if pool.s.qty >= 0 and p.refuse_negative:
        p.location_checks.append((key, [m for _, m in moves], date))
    p.states[key] = pool.s


def _planned_link_value(p: _Pass, m: PlannedMove, new_values: dict) -> int:
    """A new move's given value; for LINKED moves, the value of the move it follows."""
    if m.source != LINKED:
        return m.value
    if m.link is not None:
        src_value, _ = new_values[m.link]
        return _linked_value(src_value, -m.qty, m.qty)
    return _linked_value(*p.linked_values([m.link_move])[m.link_move], m.qty)


def _check_locations(p: _Pass) -> None:
    """On-hand per location and batch may not go negative either (pools appended to).

    The balances of every pool that takes stock out are read in one IN query."""
    checks = []
    for key, moves, date in p.location_checks:
        deltas: dict[tuple, int] = {}
        for m in moves:
            k = (m.item.id, m.warehouse_id, m.location_id or 0, m.batch_no)
            deltas[k] = deltas.get(k, 0) + m.qty
        checks += [(key, k, delta, date) for k, delta in deltas.items() if delta < 0]
    if not checks:
        return
    whs = sorted({k[1] for _, k, _, _ in checks})
    have = {
        tuple(r[:4]): r[4]
        for r in pool_store.in_query(
            "SELECT item_id, warehouse_id, location_id, batch_no, qty FROM stock_balance "
            f"WHERE warehouse_id IN ({', '.join('?' * len(whs))}) AND item_id IN ({{}})",
            sorted({k[0] for _, k, _, _ in checks}),
            tuple(whs),
        )
    }
    for key, k, delta, date in checks:
        if have.get(k, 0) + delta < 0:
            p.shortage(key, date, have.get(k, 0) + delta, messages.place(k[2], k[3]), force=True)


def _replay(p: _Pass, key, moves, new_values, date, time, exclude: set[int] = frozenset()):
    """Re-values a whole pool with the new moves merged in at their date (or some moves
    taken out, for a reversal). Returns pools that must follow through transfers."""
    stored = [s for s in p.stored_moves(key) if s.id not in exclude]
    # stored moves come in valuation order; the new ones go after every stored move of
    # their date and time (as if their id were NEW_ID_BASE): a bisect, not a 100k sort
    at = bisect.bisect_right(stored, (date, time, NEW_ID_BASE), key=_Stored.key.fget)
    merged: list = [*stored[:at], *moves, *stored[at:]]
    linked_ids = [s.linked_id for s in stored if s.source == LINKED and s.linked_id]
    sources = p.linked_values(linked_ids) if linked_ids else {}
    pool = Pool(p.method(key), PoolState(), p.settled(key))
    running: dict[tuple, int] = {}
    changed_out: list[int] = []
    for entry in merged:
        if isinstance(entry, _Stored):
            d = entry.date
            value = entry.own
            if entry.source == LINKED and entry.linked_id in sources:
                value = _linked_value(*sources[entry.linked_id], entry.qty)
            if entry.source == VALUE and pool.s.qty <= 0:
                p.nothing_to_adjust(key, d)
            out = pool.apply(MoveIn(entry.id, entry.qty, entry.source, value, _period(d)))
            effective = out.value + out.trueup
            if entry.id in sources:  # a transfer inside this pool reads the new value
                sources[entry.id] = (effective, entry.qty)
            if effective != entry.value:
                p.revals.append((entry, key, effective - entry.value))
                p.overlay[entry.id] = effective
                if entry.qty < 0:
                    changed_out.append(entry.id)
            loc_key, qty = (entry.location_id, entry.batch_no), entry.qty
        else:
            i, m = entry
            d = date
            value = _planned_link_value(p, m, new_values)
            if m.source == VALUE and pool.s.qty <= 0:
                p.nothing_to_adjust(key, d)
            out = pool.apply(MoveIn(i, m.qty, m.source, value, _period(d)))
            new_values[i] = (out.value, out.trueup)
            loc_key, qty = (m.location_id or 0, m.batch_no), m.qty
        running[loc_key] = running.get(loc_key, 0) + qty
        if qty < 0 and (pool.s.qty < 0 or running[loc_key] < 0):
            p.shortage(key, d, min(pool.s.qty, running[loc_key]))
    p.states[key] = pool.s
    return _dependents(changed_out)


def _dependents(out_ids: list[int]) -> set[tuple]:
    """Pools holding LINKED moves that take their cost from these moves."""
    found: set[tuple] = set()
    for start in range(0, len(out_ids), 500):
        chunk = out_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for item_id, wh_id, batch in execute(
            f"SELECT DISTINCT item_id, warehouse_id, batch_no FROM stock_move "
            f"WHERE kind = 'move' AND linked_id IN ({marks})",
            chunk,
        ):
            found.add((item_id, wh_id, batch))
    return found


def _run_cascade(
    p: _Pass,
    cascade: set[tuple],
    new_moves=None,
    new_values=None,
    date="",
    time="",
    exclude: set[int] = frozenset(),
    limit: int = 1000,
) -> None:
    """Re-values the pools that take cost through transfers from pools that changed.

    A pool that also receives new moves in this pass is replayed with them again.
    """
    rounds = 0
    new_moves = new_moves or {}
    while cascade and rounds < limit:
        raw = cascade.pop()
        item = p.items.get(raw[0]) or Item.get_by_id(raw[0])
        p.items[item.id] = item
        key = group_key(item, raw[1], raw[2])
        mine = new_moves.get(key, [])
        cascade |= _replay(p, key, mine, new_values or {}, date, time, exclude)
        indexes = {i for i, _ in mine}
        for other, moves in new_moves.items():  # new transfers out of this pool follow too
            if other != key and any(m.link in indexes for _, m in moves):
                cascade.add(other)
        rounds += 1


def _insert_revals(p: _Pass, date: str, trueups: list) -> None:
    """Writes 'reval' rows: later moves re-valued, and receipts' negative-stock true-ups."""
    rows = []
    stamp = str(now())  # formatted once, not by the driver for every row
    for s, key, delta in p.revals:
        rows.append(
            (
                "reval",
                p.doc.id,
                None,
                s.date,
                s.time,
                key[0],
                key[1],
                s.location_id or None,
                s.batch_no,
                0,
                delta,
                0,
                s.id,
                None,
                "reval",
                stamp,
            )
        )
    for move_id, m, delta in trueups:
        rows.append(
            (
                "reval",
                p.doc.id,
                m.line_id,
                date,
                p.doc.time or "",
                m.item.id,
                m.warehouse_id,
                m.location_id,
                m.batch_no,
                0,
                delta,
                0,
                move_id,
                None,
                "trueup",
                stamp,
            )
        )
    pool_store.insert_adjustments(rows)


def _save_pools(p: _Pass, date: str, time: str) -> None:
    """Writes every touched pool's state back: one executemany UPDATE, FIFO layers replaced."""
    updates, fifo_ids, layers = [], [], []
    for key, state in p.states.items():
        g = p.group(key)
        last_date, last_time = g.last_date, g.last_time
        if date and (last_date is None or (date, time) > (last_date, last_time)):
            last_date, last_time = date, time
        updates.append((state.qty, state.value, state.last_unit_cost, last_date, last_time, g.id))
        if p.method(key) == "fifo":
            fifo_ids.append(g.id)
            layers += [(g.id, n, q, v) for n, (q, v) in enumerate(state.layers)]
    pool_store.save(updates, fifo_ids, layers)


# ---------------------------------------------------------------- reversal


def reverse(doc: Document) -> PostResult:
    """Un-approve: mirror rows for the document's moves, later moves re-valued without them."""
    p = _Pass(doc, settings.get("negative_stock") == "refuse")
    originals = execute(
        "SELECT m.id, m.item_id, m.warehouse_id, m.location_id, m.batch_no, m.qty, m.value, "
        "m.line_id, m.date, m.time FROM stock_move m WHERE m.document_id = ? AND m.kind = 'move' "
        "AND NOT EXISTS (SELECT 1 FROM stock_move r WHERE r.adjusts_id = m.id AND r.kind = 'reverse')",
        (doc.id,),
    ).fetchall()
    if not originals:
        return PostResult()
    ids = [r[0] for r in originals]
    current = p.linked_values(ids)
    item_ids = sorted({r[1] for r in originals})
    for start in range(0, len(item_ids), pool_store.CHUNK):  # the items in one query, not one each
        p.items.update(
            (i.id, i)
            for i in Item.select().where(Item.id.in_(item_ids[start : start + pool_store.CHUNK]))
        )
    keys = {group_key(p.items[r[1]], r[2], r[4]) for r in originals}
    p.preload(keys)
    p.prefetch_moves(keys)
    excluded = set(ids)
    cascade: set[tuple] = set()
    for key in sorted(keys):
        cascade |= _replay(p, key, [], {}, "", "", exclude=excluded)
    _run_cascade(p, cascade, exclude=excluded)
    if p.problems:
        raise ValidationError(p.problems)
    stamp = str(now())  # formatted once, not by the driver for every row
    rows = [
        (
            "reverse",
            doc.id,
            r[7],
            str(r[8]),
            r[9],
            r[1],
            r[2],
            r[3],
            r[4],
            -r[5],
            -current[r[0]][0],
            unit_cost_of(current[r[0]][0], r[5]),
            r[0],
            None,
            "reverse",
            stamp,
        )
        for r in originals
    ]
    pool_store.insert_adjustments(rows)
    _insert_revals(p, "", [])
    _save_pools(p, "", "")
    pool_store.apply_balances([(r[1], r[2], r[3] or 0, r[4], -r[5]) for r in originals])
    result = PostResult(moves=len(rows), revalued=len(p.revals))
    result.messages = messages.revalued(p.items, p.revals)
    return result
