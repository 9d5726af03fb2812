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

import datetime as dt
from dataclasses import dataclass, field

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory.valuation import (
    LINKED,
    VALUE,
    MoveIn,
    Pool,
    PoolState,
    unit_cost_of,
)
from jxc_desktop.engine.money import from_scaled, mul_div_round
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute, executemany, reserve_ids
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, Warehouse
from jxc_desktop.models.stock import CostGroup

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


@dataclass
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
        self.groups: dict[tuple, CostGroup] = {}
        self.overlay: dict[int, int] = {}  # stored move id -> its new value in this pass
        self.revals: list[tuple[_Stored, tuple, int]] = []  # (move, group key, delta)
        self.problems: list[Problem] = []
        self.states: dict[tuple, PoolState] = {}
        self.short_pools: set[tuple] = set()

    # ------------------------------------------------------------ pools
    def group(self, key: tuple) -> CostGroup:
        if key not in self.groups:
            item_id, wh_id, batch = key
            group = CostGroup.get_or_none(
                (CostGroup.item == item_id)
                & (CostGroup.warehouse == wh_id)
                & (CostGroup.batch_no == batch)
            )
            if group is None:
                group = CostGroup.create(item=item_id, warehouse=wh_id, batch_no=batch)
            self.groups[key] = group
        return self.groups[key]

    def method(self, key: tuple) -> str:
        return self.items[key[0]].valuation_method

    def saved_state(self, key: tuple) -> PoolState:
        g = self.group(key)
        layers = []
        if self.method(key) == "fifo":
            rows = execute(
                "SELECT qty, value FROM fifo_layer WHERE group_id = ? ORDER BY seq", (g.id,)
            ).fetchall()
            layers = [[q, v] for q, v in rows]
        return PoolState(_raw(g, "qty"), _raw(g, "value"), _raw(g, "last_unit_cost"), layers)

    def settled(self, key: tuple) -> dict[str, int]:
        rows = execute(
            "SELECT period, unit_cost FROM periodic_cost WHERE group_id = ?", (self.group(key).id,)
        ).fetchall()
        return dict(rows)

    def stored_moves(self, key: tuple) -> list[_Stored]:
        item_id, wh_id, batch = key
        where = "item_id = ? AND warehouse_id = ?"
        params: list = [item_id, wh_id]
        if self.method(key) == "specific":
            where += " AND batch_no = ?"
            params.append(batch)
        reversed_ids = {
            r[0]
            for r in execute(
                f"SELECT adjusts_id FROM stock_move WHERE kind = 'reverse' AND {where}", params
            )
        }
        revals = dict(
            execute(
                f"SELECT adjusts_id, SUM(value) FROM stock_move WHERE kind = 'reval' AND {where} "
                "GROUP BY adjusts_id",
                params,
            ).fetchall()
        )
        rows = execute(
            "SELECT id, qty, cost_source, value, linked_id, date, time, location_id, batch_no "
            f"FROM stock_move WHERE kind = 'move' AND {where} ORDER BY date, time, id",
            params,
        ).fetchall()
        out = []
        for r in rows:
            if r[0] in reversed_ids:
                continue
            value = self.overlay.get(r[0], r[3] + revals.get(r[0], 0))
            out.append(
                _Stored(r[0], r[1], r[2], value, r[3], r[4], str(r[5]), r[6], r[7] or 0, r[8])
            )
        return out

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
        item = self.items[key[0]]
        wh = Warehouse.get_by_id(key[1])
        self.problems.append(
            Problem(
                tr(
                    "库存不足：商品 {c} {n}，仓库 {w}{where}，日期 {d}，短缺 {s}",
                    "Not enough stock: item {c} {n}, warehouse {w}{where}, date {d}, short by {s}",
                    c=item.code,
                    n=item.name,
                    w=wh.name,
                    where=where,
                    d=date,
                    s=_qty_text(-qty),
                ),
                "qty",
            )
        )

    def nothing_to_adjust(self, key: tuple, date: str) -> None:
        """A value-only adjustment needs stock to carry the value (else value without qty)."""
        item = self.items[key[0]]
        self.problems.append(
            Problem(
                tr(
                    "成本调整需要库存：商品 {c} 在仓库 {w} 于 {d} 没有库存",
                    "A cost adjustment needs stock: item {c} has none in warehouse {w} on {d}",
                    c=item.code,
                    w=Warehouse.get_by_id(key[1]).name,
                    d=date,
                ),
                "amount",
            )
        )


def _raw(model, name: str) -> int:
    """A scaled field's stored integer."""
    f = model._meta.fields[name]
    return f.db_value(getattr(model, name)) or 0


def _qty_text(units: int) -> str:
    from jxc_desktop.engine.money import format_qty

    return format_qty(from_scaled(units, 4))


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
    for key in order:
        g = p.group(key)
        backdated = g.last_date is not None and (date, time) < (str(g.last_date), g.last_time)
        if backdated:
            cascade |= _replay(p, key, by_key[key], new_values, date, time)
        else:
            _append(p, key, by_key[key], new_values, date)
    _run_cascade(p, cascade, by_key, new_values, date, time)
    if p.problems:
        raise ValidationError(p.problems)
    ids = reserve_ids("stock_move", len(planned))
    rows = []
    trueups = []
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
                now(),
            )
        )
        if trueup:
            trueups.append((ids[i], m, trueup))
    _insert_moves(rows)
    _insert_revals(p, date, trueups)
    _save_pools(p, date, time)
    _apply_balances(
        [(m.item.id, m.warehouse_id, m.location_id or 0, m.batch_no, m.qty) for m in planned]
    )
    result = PostResult(moves=len(planned), revalued=len(p.revals))
    result.messages = _reval_messages(p)
    return result


def _group_order(planned: list[PlannedMove], keys: list[tuple]) -> list[tuple]:
    """Pools in an order where a LINKED move's source pool comes first."""
    order: list[tuple] = []
    pending = list(dict.fromkeys(keys))
    while pending:
        progressed = False
        for key in list(pending):
            deps = {
                keys[m.link]
                for i, m in enumerate(planned)
                if keys[i] == key and m.link is not None and keys[m.link] != key
            }
            if deps <= set(order):
                order.append(key)
                pending.remove(key)
                progressed = True
        if not progressed:  # a cycle of links inside one document: keep the given order
            order.extend(pending)
            break
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
    if pool.s.qty >= 0:
        _check_locations(p, key, [m for _, m in moves], date)
    p.states[key] = pool.s


def _planned_link_value(p: _Pass, m: PlannedMove, new_values: dict) -> int:
    """A new move's given value; for LINKED moves, the value of the move it follows."""
    if m.source != LINKED:
        return m.value
    if m.link is not None:
        src_value, _ = new_values[m.link]
        return _linked_value(src_value, -m.qty, m.qty)
    return _linked_value(*p.linked_values([m.link_move])[m.link_move], m.qty)


def _check_locations(p: _Pass, key, moves: list[PlannedMove], date: str) -> None:
    """On-hand per location and batch may not go negative either."""
    if not p.refuse_negative:
        return
    deltas: dict[tuple, int] = {}
    for m in moves:
        k = (m.item.id, m.warehouse_id, m.location_id or 0, m.batch_no)
        deltas[k] = deltas.get(k, 0) + m.qty
    for k, delta in deltas.items():
        if delta >= 0:
            continue
        row = execute(
            "SELECT qty FROM stock_balance WHERE item_id = ? AND warehouse_id = ? "
            "AND location_id = ? AND batch_no = ?",
            k,
        ).fetchone()
        have = row[0] if row else 0
        if have + delta < 0:
            p.shortage(key, date, have + delta, _where(k), force=True)


def _where(k: tuple) -> str:
    from jxc_desktop.models.masterdata import Location

    parts = []
    if k[2]:
        loc = Location.get_or_none(Location.id == k[2])
        parts.append(tr(" 库位 {c}", " location {c}", c=loc.code if loc else k[2]))
    if k[3]:
        parts.append(tr(" 批次 {b}", " batch {b}", b=k[3]))
    return "".join(parts)


def _replay(p: _Pass, key, moves, new_values, date, time, exclude: set[int] = frozenset()):
    """Re-values a whole pool with the new moves merged in at their date (or some moves
    taken out, for a reversal). Returns pools that must follow through transfers."""
    stored = [s for s in p.stored_moves(key) if s.id not in exclude]
    merged: list[tuple[tuple, object]] = [(s.key, s) for s in stored]
    merged += [((date, time, NEW_ID_BASE + i), (i, m)) for i, m in moves]
    merged.sort(key=lambda x: x[0])
    linked_ids = [s.linked_id for s in stored if s.source == LINKED and s.linked_id]
    sources = p.linked_values(linked_ids) if linked_ids else {}
    pool = Pool(p.method(key), PoolState(), p.settled(key))
    running: dict[tuple, int] = {}
    changed_out: list[int] = []
    for sort_key, entry in merged:
        d = sort_key[0]
        if isinstance(entry, _Stored):
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


def _insert_moves(rows: list[tuple]) -> None:
    executemany(
        "INSERT INTO stock_move (kind, document_id, line_id, date, time, item_id, warehouse_id, "
        "location_id, batch_no, qty, value, unit_cost, adjusts_id, linked_id, cost_source, id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _insert_revals(p: _Pass, date: str, trueups: list) -> None:
    """Writes 'reval' rows: later moves re-valued, and receipts' negative-stock true-ups."""
    rows = []
    stamp = now()
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
    executemany(
        "INSERT INTO stock_move (kind, document_id, line_id, date, time, item_id, warehouse_id, "
        "location_id, batch_no, qty, value, unit_cost, adjusts_id, linked_id, cost_source, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _save_pools(p: _Pass, date: str, time: str) -> None:
    for key, state in p.states.items():
        g = p.group(key)
        last_date, last_time = g.last_date, g.last_time
        if date and (last_date is None or (date, time) > (str(last_date), last_time)):
            last_date, last_time = dt.date.fromisoformat(date), time
        CostGroup.update(
            qty=from_scaled(state.qty, 4),
            value=from_scaled(state.value, 2),
            last_unit_cost=from_scaled(state.last_unit_cost, 6),
            last_date=last_date,
            last_time=last_time,
        ).where(CostGroup.id == g.id).execute()
        if p.method(key) == "fifo":
            execute("DELETE FROM fifo_layer WHERE group_id = ?", (g.id,))
            executemany(
                "INSERT INTO fifo_layer (group_id, seq, qty, value) VALUES (?, ?, ?, ?)",
                [(g.id, n, q, v) for n, (q, v) in enumerate(state.layers)],
            )


def _apply_balances(deltas: list[tuple]) -> None:
    """Adds quantity deltas to the on-hand balances (upsert; standard SQL on both databases)."""
    merged: dict[tuple, int] = {}
    for item_id, wh_id, loc_id, batch, qty in deltas:
        k = (item_id, wh_id, loc_id, batch)
        merged[k] = merged.get(k, 0) + qty
    executemany(
        "INSERT INTO stock_balance (item_id, warehouse_id, location_id, batch_no, qty) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, warehouse_id, location_id, batch_no) "
        "DO UPDATE SET qty = stock_balance.qty + excluded.qty",
        [(*k, q) for k, q in merged.items() if q],
    )


def _reval_messages(p: _Pass) -> list[str]:
    if not p.revals:
        return []
    pools = {}
    for _, key, _delta in p.revals:
        pools[key] = pools.get(key, 0) + 1
    out = []
    for key, n in pools.items():
        item = p.items[key[0]]
        wh = Warehouse.get_by_id(key[1])
        out.append(
            tr(
                "已重估 {n} 笔后续出入库：商品 {c} {name}，仓库 {w}",
                "Re-valued {n} later moves: item {c} {name}, warehouse {w}",
                n=n,
                c=item.code,
                name=item.name,
                w=wh.name,
            )
        )
    return out


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
    keys = set()
    for r in originals:
        item = p.items.get(r[1]) or Item.get_by_id(r[1])
        p.items[item.id] = item
        keys.add(group_key(item, r[2], r[4]))
    excluded = set(ids)
    cascade: set[tuple] = set()
    for key in sorted(keys):
        cascade |= _replay(p, key, [], {}, "", "", exclude=excluded)
    _run_cascade(p, cascade, exclude=excluded)
    if p.problems:
        raise ValidationError(p.problems)
    stamp = now()
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
    executemany(
        "INSERT INTO stock_move (kind, document_id, line_id, date, time, item_id, warehouse_id, "
        "location_id, batch_no, qty, value, unit_cost, adjusts_id, linked_id, cost_source, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    _insert_revals(p, "", [])
    _save_pools(p, "", "")
    _apply_balances([(r[1], r[2], r[3] or 0, r[4], -r[5]) for r in originals])
    result = PostResult(moves=len(rows), revalued=len(p.revals))
    result.messages = _reval_messages(p)
    return result
