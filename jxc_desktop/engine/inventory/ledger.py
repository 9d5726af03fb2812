"""Writing the stock ledger: new moves, re-valuation of later moves, reversals.

The ledger (`stock_move`) is append-only. A move's value as the ledger shows it is its
own value plus the 'reval' rows that adjust it. When a document lands at the end of a
cost pool's history its moves are valued from the pool's saved state; when it is dated
before later moves (backdated), or when a document is un-approved, the whole pool is
re-valued from its first move (`valuation.value_moves`) and every later move whose
value changes gets a 'reval' row for the difference, dated like the move it corrects.
Transfers carry their cost to the destination pool, so a change there cascades.

Balances (on-hand quantities: `placed_balance` rows, and the loose on-hand without
location or batch on its `cost_group` row; the pools' values and in / out flows, FIFO
layers) are updated in the same transaction; they are caches the `jxc check` command
compares to the ledger. What one pass reads and decides lives in `ledger_pass._Pass`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from operator import itemgetter

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.inventory import ledger_messages as messages
from jxc_desktop.engine.inventory import pool_store
from jxc_desktop.engine.inventory.ledger_pass import _Pass, _Stored, group_key
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


@dataclass(slots=True)  # one per line of a document: 1,000s per approval
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
    doc_id, flow = doc.id, p.flow
    for i, m in enumerate(planned):
        value, trueup = new_values[i]
        qty = m.qty
        flow(keys[i], qty, qty, value)
        rows.append(
            (
                "move",
                doc_id,
                m.line_id,
                date,
                time,
                m.item.id,
                m.warehouse_id,
                m.location_id,
                m.batch_no,
                qty,
                value,
                unit_cost_of(value, qty),
                None,
                ids[m.link] if m.link is not None else m.link_move,
                m.source,
                ids[i],
                stamp,
            )
        )
        if trueup:
            trueups.append((ids[i], m, trueup))
    if all(m.link is None for m in planned):
        # no move names another of this document: insert in (item, warehouse) order, so
        # the ledger index and the foreign-key lookups walk their pages once, in order
        rows.sort(key=_item_warehouse)
    pool_store.insert_moves(rows)
    _insert_revals(p, date, trueups)
    loose, placed = pool_store.split_places(
        [(m.item.id, m.warehouse_id, m.location_id or 0, m.batch_no, m.qty) for m in planned]
    )
    _save_pools(p, date, time, loose)
    pool_store.apply_placed(placed)
    result = PostResult(moves=len(planned), revalued=len(p.revals))
    result.messages = messages.revalued(p.items, p.revals)
    return result


_item_warehouse = itemgetter(5, 6)  # of a move row


_NO_DEPS: frozenset = frozenset()


def _group_order(planned: list[PlannedMove], keys: list[tuple]) -> list[tuple]:
    """Pools in an order where a LINKED move's source pool comes first."""
    pending = list(dict.fromkeys(keys))
    if all(m.link is None for m in planned):
        return pending
    order: list[tuple] = []
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
    pool = p.saved_pool(key)
    state, period = pool.s, _period(date)
    issues = False
    for i, m in moves:
        value = m.value if m.source != LINKED else _planned_link_value(p, m, new_values)
        if m.source == VALUE and state.qty <= 0:
            p.nothing_to_adjust(key, date)
        new_values[i] = pool.take(m.qty, m.source, value, period)
        if m.qty < 0:
            issues = True
            if state.qty < 0:
                p.shortage(key, date, state.qty)
    # only what takes stock out can leave a place (location, batch) short
    if issues and state.qty >= 0 and p.refuse_negative:
        p.location_checks.append((key, [m for _, m in moves], date))
    p.states[key] = state


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
    if checks:
        # A pool in a warehouse without locations, of one batch (个别计价) or of an item
        # that never had a batch, has one balance row: the pool's quantity, checked already.
        located = pool_store.warehouses_with_locations(c[0][1] for c in checks)
        batched = pool_store.items_with_batches(
            c[0][0] for c in checks if c[0][1] not in located and not c[0][2]
        )
        checks = [c for c in checks if c[0][1] in located or (not c[0][2] and c[0][0] in batched)]
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
        if qty < 0 and pool.s.qty < 0:
            p.shortage(key, d, pool.s.qty)
        elif qty < 0 and running[loc_key] < 0:  # the pool has it, but not at this place
            p.shortage(key, d, running[loc_key], messages.place(*loc_key))
    p.states[key] = pool.s
    return _dependents(changed_out)


def revalue_alone(item, warehouse_id: int, batch_no: str, month_filter=None) -> tuple[_Pass, tuple]:
    """Re-values one pool from its first move, writing nothing: the pass (its `revals`,
    its `states`) and the pool's key. For checks and repairs, which compare or keep it;
    one that re-values many pools reads the ledger's months once (ledger_months.clause())
    and passes them as month_filter."""
    p = _Pass(None, refuse_negative=False, month_filter=month_filter)
    p.items[item.id] = item
    key = group_key(item, warehouse_id, batch_no)
    _replay(p, key, [], {}, "", "")
    return p, key


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
        p.flow(key, s.qty, 0, delta)
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
        p.flow(group_key(m.item, m.warehouse_id, m.batch_no), m.qty, 0, delta)
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


def _save_pools(p: _Pass, date: str, time: str, loose: dict[tuple, int] | None = None) -> None:
    """Writes every touched pool's state back: one executemany UPDATE, FIFO layers'
    changes. `loose` adds on-hand without location or batch, by (item, warehouse), to
    the pool (item, warehouse, '') that keeps it (none for a pass that moves only value)."""
    loose_by_key = {(*k, ""): q for k, q in (loose or {}).items()}
    updates, layer_writes = [], pool_store.LayerWrites()
    groups, items, no_flows = p.groups, p.items, (0, 0, 0, 0)
    for key, state in p.states.items():
        g = groups.get(key) or p.group(key)
        last_date, last_time = g.last_date, g.last_time
        if date and (last_date is None or (date, time) > (last_date, last_time)):
            last_date, last_time = date, time
        f = p.flows.get(key) or no_flows
        updates.append(
            (
                state.qty,
                state.value,
                state.last_unit_cost,
                last_date,
                last_time,
                f[0],
                f[1],
                f[2],
                f[3],
                loose_by_key.get(key, 0),
                g.id,
            )
        )
        if items[key[0]].valuation_method == "fifo":
            layer_writes.add(g.id, p.stored_layers(g.id), state.layers)
    pool_store.save(updates, layer_writes)
    # a pool with rows but no new state (none so far: every writer replays or appends)
    rest = (p.flows.keys() | loose_by_key.keys()) - p.states.keys()
    pool_store.add_flows(
        [(*p.flows.get(k, (0, 0, 0, 0)), loose_by_key.get(k, 0), p.group(k).id) for k in rest]
    )


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
    for r in originals:
        p.flow(group_key(p.items[r[1]], r[2], r[4]), r[5], -r[5], -current[r[0]][0])
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
    loose, placed = pool_store.split_places(
        [(r[1], r[2], r[3] or 0, r[4], -r[5]) for r in originals]
    )
    _save_pools(p, "", "", loose)
    pool_store.apply_placed(placed)
    result = PostResult(moves=len(rows), revalued=len(p.revals))
    result.messages = messages.revalued(p.items, p.revals)
    return result
