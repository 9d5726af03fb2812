"""Inventory invariants for `jxc check`.

- the on-hand balances equal the ledger summed per item, warehouse, location, batch;
- each cost pool's quantity and value equal its moves (revaluations included);
- every posted move belongs to an approved document, or is reversed with its document;
- no balance is negative where the company refuses negative stock;
- a pool with no quantity holds no value (no rounding residue left behind);
- each pool's in / out flows (read by the 收发存 summary) equal its ledger rows;
- each move's month is its date's (queries by item look for it there).
"""

from __future__ import annotations

from jxc_desktop.engine import settings
from jxc_desktop.engine.checks import register
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import from_scaled
from jxc_desktop.models.db import execute
from jxc_desktop.models.stock import ledger_flows, month_of


def _qty(units: int) -> str:
    return str(from_scaled(units, 4))


def _codes() -> tuple[dict, dict, dict]:
    """Item, warehouse and location codes by id, so messages name what users know."""
    items = dict(execute("SELECT id, code FROM item").fetchall())
    whs = dict(execute("SELECT id, code FROM warehouse").fetchall())
    locs = dict(execute("SELECT id, code FROM location").fetchall())
    return items, whs, locs


@register("stock_balance")
def balances_equal_ledger() -> list[str]:
    ledger = {
        tuple(r[:4]): r[4]
        for r in execute(
            "SELECT item_id, warehouse_id, COALESCE(location_id, 0), batch_no, SUM(qty) "
            "FROM stock_move GROUP BY item_id, warehouse_id, COALESCE(location_id, 0), batch_no"
        )
    }
    cached = {
        tuple(r[:4]): r[4]
        for r in execute(
            "SELECT item_id, warehouse_id, location_id, batch_no, qty FROM stock_balance"
        )
    }
    out = []
    items, whs, locs = _codes()
    for key in set(ledger) | set(cached):
        a, b = ledger.get(key, 0), cached.get(key, 0)
        if a != b:
            out.append(
                tr(
                    "库存余额与流水不符：商品 {i} 仓库 {w} 库位 {l} 批次 {b}：流水 {a}，余额 {c}",
                    "balance differs from ledger: item {i} warehouse {w} location {l} "
                    "batch {b}: ledger {a}, balance {c}",
                    i=items.get(key[0], key[0]),
                    w=whs.get(key[1], key[1]),
                    l=locs.get(key[2], "-"),
                    b=key[3] or "-",
                    a=_qty(a),
                    c=_qty(b),
                )
            )
    return out


@register("stock_value")
def pools_equal_ledger() -> list[str]:
    out = []
    # the ledger summed per pool in one pass (batches apart only for 个别计价)
    pool_batch = "CASE WHEN i.valuation_method = 'specific' THEN m.batch_no ELSE '' END"
    ledger = {
        tuple(r[:3]): r[3:]
        for r in execute(
            f"SELECT m.item_id, m.warehouse_id, {pool_batch}, SUM(m.qty), SUM(m.value) "
            "FROM stock_move m JOIN item i ON i.id = m.item_id "
            f"GROUP BY m.item_id, m.warehouse_id, {pool_batch}"
        )
    }
    rows = execute(
        "SELECT g.item_id, g.warehouse_id, g.batch_no, g.qty, g.value, i.valuation_method "
        "FROM cost_group g JOIN item i ON i.id = g.item_id"
    ).fetchall()
    items, whs, _ = _codes()
    for item_id, wh_id, batch, qty, value, method in rows:
        lq, lv = ledger.get((item_id, wh_id, batch if method == "specific" else ""), (0, 0))
        item, wh = items.get(item_id, item_id), whs.get(wh_id, wh_id)
        if (qty, value) != (lq, lv):
            out.append(
                tr(
                    "成本池与流水不符：商品 {i} 仓库 {w} 批次 {b}：流水 {lq} / {lv}，成本池 {q} / {v}",
                    "cost pool differs from ledger: item {i} warehouse {w} batch {b}: "
                    "ledger {lq} / {lv}, pool {q} / {v}",
                    i=item,
                    w=wh,
                    b=batch or "-",
                    lq=_qty(lq),
                    lv=from_scaled(lv, 2),
                    q=_qty(qty),
                    v=from_scaled(value, 2),
                )
            )
        if qty == 0 and value != 0:
            out.append(
                tr(
                    "数量为 0 但金额为 {v}：商品 {i} 仓库 {w}",
                    "zero quantity but value {v}: item {i} warehouse {w}",
                    v=from_scaled(value, 2),
                    i=item,
                    w=wh,
                )
            )
    return out


@register("stock_flows")
def flows_equal_ledger() -> list[str]:
    """Each pool's in / out flows (what the 收发存 summary reads) equal its ledger rows."""
    ledger = {tuple(r[:3]): tuple(r[3:]) for r in ledger_flows()}
    kept = {
        tuple(r[:3]): tuple(r[3:])
        for r in execute(
            "SELECT item_id, warehouse_id, batch_no, in_qty, in_value, out_qty, out_value "
            "FROM cost_group"
        )
    }
    items, whs, _ = _codes()
    out = []
    for key in sorted(set(ledger) | set(kept)):
        a, b = ledger.get(key, (0, 0, 0, 0)), kept.get(key, (0, 0, 0, 0))
        if a != b:
            out.append(
                tr(
                    "成本池收发合计与流水不符：商品 {i} 仓库 {w} 批次 {b}：流水 {a}，成本池 {c}",
                    "cost pool in/out totals differ from ledger: item {i} warehouse {w} "
                    "batch {b}: ledger {a}, pool {c}",
                    i=items.get(key[0], key[0]),
                    w=whs.get(key[1], key[1]),
                    b=key[2] or "-",
                    a=_flows_text(a),
                    c=_flows_text(b),
                )
            )
    return out


def _flows_text(f: tuple) -> str:
    return f"+{_qty(f[0])} / {from_scaled(f[1], 2)}, -{_qty(f[2])} / {from_scaled(f[3], 2)}"


@register("stock_documents")
def moves_belong_to_approved_documents() -> list[str]:
    rows = execute(
        "SELECT d.number, d.status, COUNT(*) FROM stock_move m JOIN document d "
        "ON d.id = m.document_id WHERE m.kind = 'move' AND d.status <> 'approved' "
        "AND NOT EXISTS (SELECT 1 FROM stock_move r WHERE r.adjusts_id = m.id "
        "AND r.kind = 'reverse') GROUP BY d.number, d.status"
    ).fetchall()
    return [
        tr(
            "单据 {n} 状态为 {s}，却有 {c} 笔未冲回的库存流水",
            "document {n} is {s} but has {c} unreversed stock moves",
            n=n,
            s=s,
            c=c,
        )
        for n, s, c in rows
    ]


@register("stock_months")
def moves_in_their_month() -> list[str]:
    """Every move's month is its date's: a query by item looks for it only there."""
    rows = execute("SELECT month, MIN(date), MAX(date) FROM stock_move GROUP BY month").fetchall()
    return [
        tr(
            "月份为 {m} 的库存流水日期在 {a} ~ {b}，超出该月",
            "stock moves filed under month {m} are dated {a} to {b}, outside that month",
            m=month or "-",
            a=first,
            b=last,
        )
        for month, first, last in rows
        if month_of(first) != month or month_of(last) != month
    ]


@register("negative_stock")
def no_negative_where_refused() -> list[str]:
    if settings.get("negative_stock") != "refuse":
        return []
    rows = execute(
        "SELECT i.code, w.code, COALESCE(l.code, '-'), b.batch_no, b.qty FROM stock_balance b "
        "LEFT JOIN location l ON l.id = b.location_id "
        "JOIN item i ON i.id = b.item_id JOIN warehouse w ON w.id = b.warehouse_id "
        "WHERE b.qty < 0"
    ).fetchall()
    return [
        tr(
            "负库存：商品 {i} 仓库 {w} 库位 {l} 批次 {b}：{q}",
            "negative stock: item {i} warehouse {w} location {l} batch {b}: {q}",
            i=i,
            w=w,
            l=loc,
            b=b or "-",
            q=_qty(q),
        )
        for i, w, loc, b, q in rows
    ]


@register("stock_revaluation")
def revaluing_reproduces_ledger() -> list[str]:
    """Re-valuing every pool from its first move gives the values the ledger holds and,
    for FIFO, the layers stored."""
    from jxc_desktop.engine.inventory import ledger, ledger_months
    from jxc_desktop.models.masterdata import Item

    out = []
    groups = execute("SELECT item_id, warehouse_id, batch_no FROM cost_group").fetchall()
    items = {i.id: i for i in Item.select().where(Item.id.in_({g[0] for g in groups}))}
    whs = _codes()[1]
    month_filter = ledger_months.clause()
    for item_id, wh_id, batch in groups:
        p, key = ledger.revalue_alone(items[item_id], wh_id, batch, month_filter)
        for move, _key, delta in p.revals:
            out.append(
                tr(
                    "重新计价不一致：流水 {m}（商品 {i} 仓库 {w}）应调整 {d}",
                    "re-valuation differs: move {m} (item {i} warehouse {w}) off by {d}",
                    m=move.id,
                    i=items[item_id].code,
                    w=whs.get(wh_id, wh_id),
                    d=from_scaled(delta, 2),
                )
            )
        if p.method(key) == "fifo" and p.states[key].layers != [
            [q, v] for _, q, v in p.stored_layers(p.group(key).id)
        ]:
            out.append(
                tr(
                    "先进先出成本层与重新计价不符：商品 {i} 仓库 {w}",
                    "FIFO layers differ from re-valuation: item {i} warehouse {w}",
                    i=items[item_id].code,
                    w=whs.get(wh_id, wh_id),
                )
            )
    return out


@register("serial_numbers")
def serials_match_their_moves() -> list[str]:
    rows = execute(
        "SELECT s.serial, s.in_stock, COALESCE(SUM(m.direction), 0) FROM serial_number s "
        "LEFT JOIN serial_move m ON m.serial_id = s.id GROUP BY s.id, s.serial, s.in_stock"
    ).fetchall()
    return [
        tr(
            "序列号 {s} 状态与流水不符（在库 {a}，流水合计 {b}）",
            "serial {s} state differs from its moves (in stock {a}, moves sum {b})",
            s=serial,
            a=in_stock,
            b=total,
        )
        for serial, in_stock, total in rows
        if int(bool(in_stock)) != total
    ]
