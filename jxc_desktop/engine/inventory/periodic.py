"""月末一次加权平均: settling a month's unit cost per cost pool at month-end close.

For every pool of a periodic-method item that moved in the month:
unit cost = (value before the month + value received in the month) ÷
(quantity before the month + quantity received in the month), to 1e-6 yuan. It is
stored in `periodic_cost`, and the pool is replayed by the inventory ledger, which
values that month's issues at the settled cost (valuation.Pool) and writes 'reval'
rows for every move whose value changes.

The 'reval' rows need a writing document: one 成本调整 CBTZ settlement document per
close, approved, without lines, dated the month's last day (time 23:59:59). Its voucher
(written by the finance engine like any document's) books the re-valuation of the
issues against their own counter-accounts (a delivery's cost: 5401 vs 1405).

This module uses the ledger's pass machinery (`_Pass`, `_replay`, `_run_cascade`, ...)
exactly as `ledger.reverse` does; it adds no moves, only re-values.
"""

from __future__ import annotations

from jxc_desktop.engine import money, settings
from jxc_desktop.engine.company import month_bounds
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import ledger, ledger_months
from jxc_desktop.engine.session import current_user
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.stock import CostGroup, PeriodicCost

SETTLE_TIME = "23:59:59"


def pools_moved(start: str, end: str) -> list[tuple[int, int, str]]:
    return execute(
        "SELECT DISTINCT m.item_id, m.warehouse_id, '' FROM stock_move m "
        "JOIN item i ON i.id = m.item_id WHERE i.valuation_method = 'periodic' "
        "AND m.kind = 'move' AND m.date >= ? AND m.date <= ? ORDER BY m.item_id, m.warehouse_id",
        (start, end),
    ).fetchall()


def month_unit_cost(item_id: int, wh_id: int, start: str, end: str) -> int | None:
    """(opening + receipts) value ÷ qty in 1e-6 yuan per base unit; None without stock."""
    months, month_args = ledger_months.clause(last=start)
    (q0, v0) = execute(
        "SELECT COALESCE(SUM(qty), 0), COALESCE(SUM(value), 0) FROM stock_move "
        f"WHERE {months} AND item_id = ? AND warehouse_id = ? AND date < ?",
        (*month_args, item_id, wh_id, start),
    ).fetchone()
    months, month_args = ledger_months.clause(start, end, "m.month")
    (q1, v1) = execute(
        "SELECT COALESCE(SUM(m.qty), 0), COALESCE(SUM(m.value), 0) FROM stock_move m "
        "LEFT JOIN stock_move o ON o.id = m.adjusts_id "
        f"WHERE {months} AND m.item_id = ? AND m.warehouse_id = ? AND m.date >= ? "
        "AND m.date <= ? AND COALESCE(o.qty, m.qty) > 0",
        (*month_args, item_id, wh_id, start, end),
    ).fetchone()
    qty, value = q0 + q1, v0 + v1
    if qty <= 0:
        return None
    return _per_unit(value, qty)


def _per_unit(value_fen: int, qty_units: int) -> int:
    """Fen over 1e-4 base units → 1e-6 yuan per base unit: fen × 1e4 × 1e4 ÷ qty, half-up."""
    return money.mul_div_round(value_fen, 10**8, qty_units)


def _settlement_document(period: str) -> Document:
    from jxc_desktop.engine.documents import next_number

    _, end = month_bounds(period)
    user = current_user()
    return Document.create(
        doc_type="CBTZ",
        number=next_number("CBTZ", end),
        date=end,
        time=SETTLE_TIME,
        status="approved",
        remarks=tr("月末一次加权平均结算 {p}", "Periodic average settlement {p}", p=period),
        maker=user,
        approver=user,
        approved_at=now(),
    )


def _store_cost(item_id: int, wh_id: int, period: str, unit_cost: int) -> bool:
    """Saves the month's unit cost; True when it is new or changed."""
    group = CostGroup.get((CostGroup.item == item_id) & (CostGroup.warehouse == wh_id))
    cost = money.from_scaled(unit_cost, 6)
    row = PeriodicCost.get_or_none((PeriodicCost.group == group) & (PeriodicCost.period == period))
    if row is None:
        PeriodicCost.create(group=group, period=period, unit_cost=cost)
        return True
    if row.unit_cost == cost:
        return False
    PeriodicCost.update(unit_cost=cost).where(PeriodicCost.id == row.id).execute()
    return True


def settle_periodic(period: str) -> list[str]:
    """Settles every periodic pool that moved in `period`; call inside a write transaction.

    Returns messages for the user. Writes nothing when no pool's cost changes.
    """
    start, end = (d.isoformat() for d in month_bounds(period))
    changed = []
    for item_id, wh_id, batch in pools_moved(start, end):
        unit_cost = month_unit_cost(item_id, wh_id, start, end)
        if unit_cost is not None and _store_cost(item_id, wh_id, period, unit_cost):
            changed.append((item_id, wh_id, batch))
    if not changed:
        return []
    doc = _settlement_document(period)
    p = ledger._Pass(doc, settings.get("negative_stock") == "refuse")
    cascade: set[tuple] = set()
    for item_id, wh_id, batch in changed:
        item = Item.get_by_id(item_id)
        p.items[item.id] = item
        cascade |= ledger._replay(p, ledger.group_key(item, wh_id, batch), [], {}, "", "")
    ledger._run_cascade(p, cascade)
    if p.problems:
        raise ValidationError(p.problems)
    ledger._insert_revals(p, "", [])
    ledger._save_pools(p, "", "")
    from jxc_desktop.engine.finance.document_vouchers import write_document_voucher

    write_document_voucher(doc)
    return [
        tr(
            "月末一次加权平均：{n} 个成本池已结算（{d}）",
            "Periodic average: {n} cost pools settled ({d})",
            n=len(changed),
            d=doc.number,
        )
    ]
