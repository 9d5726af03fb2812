"""What the ledger tells the user: shortages, adjustments without stock, re-valuations.

Kept apart from ledger.py, which decides values; every text is translatable.
"""

from __future__ import annotations

from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, format_qty, from_scaled
from jxc_desktop.models.masterdata import Item, Location, Warehouse


def shortage(item: Item, warehouse_id: int, where: str, date: str, short_units: int) -> Problem:
    """Not enough stock: `short_units` (1e-4 base units, positive) missing on `date`."""
    return Problem(
        tr(
            "库存不足：商品 {c} {n}，仓库 {w}{where}，日期 {d}，短缺 {s}",
            "Not enough stock: item {c} {n}, warehouse {w}{where}, date {d}, short by {s}",
            c=item.code,
            n=item.name,
            w=Warehouse.get_by_id(warehouse_id).name,
            where=where,
            d=date,
            s=format_qty(from_scaled(short_units, 4)),
        ),
        "qty",
    )


def nothing_to_adjust(item: Item, warehouse_id: int, date: str) -> Problem:
    """A value-only adjustment needs stock to carry the value (else value without qty)."""
    return Problem(
        tr(
            "成本调整需要库存：商品 {c} 在仓库 {w} 于 {d} 没有库存",
            "A cost adjustment needs stock: item {c} has none in warehouse {w} on {d}",
            c=item.code,
            w=Warehouse.get_by_id(warehouse_id).name,
            d=date,
        ),
        "amount",
    )


def place(location_id: int, batch_no: str) -> str:
    """' 库位 A-01 批次 B1' for a shortage message; empty without location and batch."""
    parts = []
    if location_id:
        loc = Location.get_or_none(Location.id == location_id)
        parts.append(tr(" 库位 {c}", " location {c}", c=loc.code if loc else location_id))
    if batch_no:
        parts.append(tr(" 批次 {b}", " batch {b}", b=batch_no))
    return "".join(parts)


# a re-valuation message names this many documents of a pool, then "等 N 张"
NAMED_DOCUMENTS = 5


def revalued(items: dict[int, Item], revals: list[tuple]) -> list[str]:
    """One line per pool whose later moves a document re-valued (revals: move, key,
    delta): how many moves, how the cost of its issues and the value of its receipts
    changed (said apart: a ledger delta of -5.00 on an issue is 5.00 more cost), and
    which documents (the first few)."""
    pools: dict[tuple, list] = {}  # key -> [moves, issue cost change, receipt change, ids]
    for move, key, delta in revals:
        entry = pools.setdefault(key, [0, 0, 0, []])
        entry[0] += 1
        if move.qty < 0:
            entry[1] -= delta  # an issue's value is negative: more negative, more cost
        else:
            entry[2] += delta
        if len(entry[3]) < 10 * NAMED_DOCUMENTS:
            entry[3].append(move.id)
    numbers = _document_numbers([i for e in pools.values() for i in e[3]])
    out = []
    for key, (n, issued, received, ids) in pools.items():
        item = items[key[0]]
        docs = list(dict.fromkeys(numbers[i] for i in ids if i in numbers))
        named = "、".join(docs[:NAMED_DOCUMENTS])
        if n > len(ids) or len(docs) > NAMED_DOCUMENTS:
            named += tr(" 等", " and others")
        changes = []
        if issued:
            changes.append(tr("出库成本 {v}", "issue cost {v}", v=_signed_money(issued)))
        if received:
            changes.append(tr("入库金额 {v}", "receipt value {v}", v=_signed_money(received)))
        out.append(
            tr(
                "已重估 {n} 笔后续出入库（{changes}）：商品 {c} {name}，仓库 {w}（{docs}）",
                "Re-valued {n} later moves ({changes}): item {c} {name}, warehouse {w} ({docs})",
                n=n,
                changes=tr("，", ", ").join(changes) or tr("金额不变", "no change"),
                c=item.code,
                name=item.name,
                w=Warehouse.get_by_id(key[1]).name,
                docs=named,
            )
        )
    return out


def _signed_money(fen: int) -> str:
    text = format_money(from_scaled(fen, 2))
    return text if fen < 0 else "+" + text


def _document_numbers(move_ids: list[int]) -> dict[int, str]:
    """The numbers of the documents that own these moves, by move id."""
    from jxc_desktop.engine.inventory.pool_store import in_query

    rows = in_query(
        "SELECT m.id, d.number FROM stock_move m JOIN document d ON d.id = m.document_id "
        "WHERE m.id IN ({})",
        sorted(set(move_ids)),
    )
    return dict(rows)
