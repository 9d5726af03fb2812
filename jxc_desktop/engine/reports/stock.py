"""Inventory reports: balances, the stock ledger, the period summary (收发存汇总).

Values come from the ledger: a move's value is its own value plus the revaluations
that adjust it. Balances by location or batch share their cost pool's value in
proportion to quantity, the last row taking the rounding rest, so rows add up to the
pool exactly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.gc_pause import cycle_collection_paused
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import ledger_months
from jxc_desktop.engine.inventory.valuation import unit_cost_of
from jxc_desktop.engine.money import from_scaled, mul_div_round
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.db import execute
from jxc_desktop.models.masterdata import Warehouse
from jxc_desktop.models.stock import FLOW_DIRECTION


def _filters(params: ReportParams, alias: str = "m", dates=None) -> tuple[str, list]:
    """SQL conditions for --item and --warehouse (codes; an item may be given by barcode).

    On stock_move rows, `dates` is the (first, last) dates the query reads (None = the
    ledger's own ends): an item filter then also names those months, with which the
    per-item index begins (see ledger_months)."""
    where, args = [], []
    if params.item:
        from jxc_desktop.engine.lookup import item_by_code

        item = item_by_code(params.item)
        if item is None:
            raise JxcError(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=params.item))
        if dates is not None:
            months, month_args = ledger_months.clause(*dates, column=f"{alias}.month")
            where.append(months)
            args += month_args
        where.append(f"{alias}.item_id = ?")
        args.append(item.id)
    if params.warehouse:
        wh = Warehouse.get_or_none(Warehouse.code == params.warehouse)
        if wh is None:
            raise JxcError(
                tr("仓库“{c}”不存在", "Warehouse '{c}' does not exist", c=params.warehouse)
            )
        where.append(f"{alias}.warehouse_id = ?")
        args.append(wh.id)
    return (" AND " + " AND ".join(where)) if where else "", args


_ITEM_NAMES = (
    "SELECT i.id, i.code, i.name, i.spec, i.valuation_method, u.name "
    "FROM item i JOIN unit u ON u.id = i.base_unit_id"
)


def _names(item_ids=None):
    """Item, warehouse and location names; only the given items when a report is filtered
    (reading all 50,000 items costs more than a one-item ledger itself)."""
    if item_ids is None:
        items = {r[0]: r[1:] for r in execute(_ITEM_NAMES)}
    else:
        ids, items = sorted(set(item_ids)), {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = execute(f"{_ITEM_NAMES} WHERE i.id IN ({marks})", chunk)
            items.update((r[0], r[1:]) for r in rows)
    whs = {r[0]: r[1:] for r in execute("SELECT id, code, name FROM warehouse")}
    locs = {r[0]: r[1] for r in execute("SELECT id, code FROM location")}
    return items, whs, locs


_SCALES = {places: Decimal(1).scaleb(-places) for places in (2, 4, 6)}


def _dec(units: int, places: int) -> Decimal:
    """money.from_scaled without its quantize: Decimal(int) × 10**-places is exact and has
    exactly `places` decimals (same value and digits), at a third of the cost per cell."""
    return Decimal(units) * _SCALES[places]


# ---------------------------------------------------------------- stock balance


def balance_rows(params: ReportParams) -> list[dict]:
    """On-hand by item, warehouse, location and batch with value (as of --to if given). All rows of one cost pool (item × warehouse; × batch only for 个别计价) show the pool's unit cost and share its value by quantity (the last row takes the rounding rest): FIFO layers and average costs are kept per pool, not per batch or location, so a FIFO or average-cost batch has no cost of its own (a batch received at 6.00 shows the pool's cost, e.g. 6.074583). Items whose batches must keep their own cost use 个别计价."""
    with cycle_collection_paused():
        return _balance_rows(params)


def _balance_rows(params: ReportParams) -> list[dict]:
    if params.date_to:
        cond, args = _filters(params, "m", dates=(None, params.date_to))
        qty_rows = execute(
            "SELECT m.item_id, m.warehouse_id, COALESCE(m.location_id, 0), m.batch_no, SUM(m.qty) "
            f"FROM stock_move m WHERE m.date <= ? {cond} "
            "GROUP BY m.item_id, m.warehouse_id, COALESCE(m.location_id, 0), m.batch_no",
            [str(params.date_to), *args],
        ).fetchall()
        value_rows = execute(
            "SELECT m.item_id, m.warehouse_id, m.batch_no, SUM(m.qty), SUM(m.value) "
            f"FROM stock_move m WHERE m.date <= ? {cond} "
            "GROUP BY m.item_id, m.warehouse_id, m.batch_no",
            [str(params.date_to), *args],
        ).fetchall()
    else:
        cond, args = _filters(params, "m")
        qty_rows = execute(
            "SELECT m.item_id, m.warehouse_id, m.location_id, m.batch_no, m.qty "
            f"FROM stock_balance m WHERE 1 = 1 {cond}",
            args,
        ).fetchall()
        value_rows = execute(
            "SELECT m.item_id, m.warehouse_id, m.batch_no, m.qty, m.value "
            f"FROM cost_group m WHERE 1 = 1 {cond}",
            args,
        ).fetchall()
    items, whs, locs = _names(_ids(value_rows, qty_rows) if params.item else None)
    return _balance_dicts(_share_pools(items, locs, value_rows, qty_rows), items, whs, locs)


def _ids(*row_lists) -> set[int]:
    return {r[0] for rows in row_lists for r in rows}


def _share_pools(items, locs, value_rows, qty_rows) -> list[tuple]:
    """(item code, warehouse id, location code, batch, item id, qty, value, pool unit
    cost) per balance row: each pool's value shared over its rows in proportion to
    quantity, the last row taking the rounding rest."""
    pools: dict[tuple, list[int]] = {}
    for item_id, wh_id, batch, qty, value in value_rows:
        key = (item_id, wh_id, batch if items[item_id][3] == "specific" else "")
        acc = pools.setdefault(key, [0, 0])
        acc[0] += qty
        acc[1] += value
    members: dict[tuple, list] = {}
    for item_id, wh_id, loc_id, batch, qty in qty_rows:
        if qty == 0:
            continue
        key = (item_id, wh_id, batch if items[item_id][3] == "specific" else "")
        members.setdefault(key, []).append((locs.get(loc_id or 0, ""), batch, loc_id or 0, qty))
    out = []
    for key, rows in members.items():
        pool_qty, pool_value = pools.get(key, (0, 0))
        if len(rows) > 1:
            rows.sort()
        left = pool_value
        code = items[key[0]][0]
        # every row of a pool shows the pool's unit cost: FIFO layers and averages are
        # kept per pool, not per batch or location, so no row has a cost of its own
        unit_cost = unit_cost_of(pool_value, pool_qty)
        for n, (loc_code, batch, _loc_id, qty) in enumerate(rows):
            if n == len(rows) - 1:
                value = left
            else:
                value = mul_div_round(pool_value, qty, pool_qty) if pool_qty else 0
            left -= value
            out.append((code, key[1], loc_code, batch, key[0], qty, value, unit_cost))
    return out


def _balance_dicts(rows: list[tuple], items, whs, locs) -> list[dict]:
    wh_code = {w: v[0] for w, v in whs.items()}
    rows.sort(key=lambda r: (r[0], wh_code[r[1]], r[2], r[3]))
    out = []
    for code, wh_id, loc_code, batch, item_id, qty, value, unit_cost in rows:
        _code, name, spec, _method, unit = items[item_id]
        out.append(
            {
                "item": code,
                "name": name,
                "spec": spec,
                "unit": unit,
                "warehouse": whs[wh_id][0],
                "warehouse_name": whs[wh_id][1],
                "location": loc_code,
                "batch": batch,
                "qty": _dec(qty, 4),
                "unit_cost": _dec(unit_cost, 6),
                "value": _dec(value, 2),
            }
        )
    return out


register(
    Report(
        "stock-balance",
        "库存余额表",
        "Stock balance",
        [
            Column("item", "商品编码", "Item"),
            Column("name", "商品名称", "Name"),
            Column("spec", "规格型号", "Spec"),
            Column("unit", "单位", "Unit"),
            Column("warehouse", "仓库", "Warehouse"),
            Column("warehouse_name", "仓库名称", "Warehouse name"),
            Column("location", "库位", "Location"),
            Column("batch", "批次", "Batch"),
            Column("qty", "数量", "Qty", "qty"),
            Column("unit_cost", "单位成本", "Unit cost", "price"),
            Column("value", "金额", "Value", "money"),
        ],
        balance_rows,
    )
)


# ---------------------------------------------------------------- stock ledger

# A move's value with the revaluations that corrected it. A negative-stock true-up
# (cost_source 'trueup') is shown as its own row instead: folded into the receipt it
# rides on, it would give a receipt of 10 a negative value.
_EFFECTIVE = (
    "m.value + (SELECT COALESCE(SUM(r.value), 0) FROM stock_move r "
    "WHERE r.adjusts_id = m.id AND r.kind = 'reval' AND r.cost_source <> 'trueup')"
)


def _type_labels() -> dict[str, str]:
    """The document types' names (其他入库 …) by prefix, in the current language."""
    from jxc_desktop.engine.doctypes import DOC_TYPES

    return {prefix: doc_type.label for prefix, doc_type in DOC_TYPES.items()}


def ledger_rows(params: ReportParams) -> list[dict]:
    """One row per move in valuation order, with the running balance of item × warehouse; JSON and CSV carry exactly these rows. Screen, PDF, xlsx and `--format table` frame each item × warehouse with display-only rows that JSON and CSV never contain: 期初余额 (the balance before the first move shown), 本期收入 and 本期发出 (quantity and value; a reversal or true-up counts with the move it corrects, as in 收发存汇总) and 期末余额. With --item and --from, a warehouse that held the item but saw no move in the range shows its 期初余额 and 期末余额 too; without --item, only item × warehouse pairs with moves in the range appear."""
    with cycle_collection_paused():
        return _ledger_rows(params)


def _ledger_rows(params: ReportParams) -> list[dict]:
    cond, args = _filters(params, "m", dates=(None, params.date_to))
    opening: dict[tuple, list[int]] = {}
    if params.date_from:
        for item_id, wh_id, qty, value in execute(
            "SELECT m.item_id, m.warehouse_id, SUM(m.qty), SUM(m.value) FROM stock_move m "
            f"WHERE m.date < ? {cond} GROUP BY m.item_id, m.warehouse_id",
            [str(params.date_from), *args],
        ):
            opening[(item_id, wh_id)] = [qty, value]
    date_cond, date_args = "", []
    if params.date_from:
        date_cond += " AND m.date >= ?"
        date_args.append(str(params.date_from))
    if params.date_to:
        date_cond += " AND m.date <= ?"
        date_args.append(str(params.date_to))
    rows = execute(
        "SELECT m.item_id, m.warehouse_id, m.location_id, m.batch_no, m.date, m.time, m.kind, "
        f"m.qty, {_EFFECTIVE}, d.number, d.external_number, d.doc_type, m.id "
        "FROM stock_move m JOIN document d ON d.id = m.document_id "
        "WHERE (m.kind IN ('move', 'reverse') OR (m.kind = 'reval' AND m.cost_source = 'trueup'))"
        f" {cond}{date_cond}",
        [*args, *date_args],
    ).fetchall()
    items, whs, locs = _names(_ids(rows) if params.item else None)
    rows.sort(key=lambda r: (items[r[0]][0], whs[r[1]][0], str(r[4]), r[5], r[12]))
    out, type_labels = [], _type_labels()
    for item_id, wh_id, loc_id, batch, date, time, kind, qty, value, num, ext, dtype, _ in rows:
        bal = opening.setdefault((item_id, wh_id), [0, 0])
        bal[0] += qty
        bal[1] += value
        out.append(
            {
                "date": date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)),
                "time": time,
                "number": num,
                "external_number": ext or "",
                "type": dtype,
                "type_label": type_labels.get(dtype, dtype),
                "reversal": kind == "reverse",
                "trueup": kind == "reval",
                "item": items[item_id][0],
                "name": items[item_id][1],
                "spec": items[item_id][2] or "",
                "warehouse": whs[wh_id][0],
                "warehouse_label": whs[wh_id][1],
                "location": locs.get(loc_id, ""),
                "batch": batch,
                "qty": from_scaled(qty, 4),
                "unit_cost": from_scaled(unit_cost_of(value, qty), 6),
                "value": from_scaled(value, 2),
                "balance_qty": from_scaled(bal[0], 4),
                "balance_value": from_scaled(bal[1], 2),
            }
        )
    return out


register(
    Report(
        "stock-ledger",
        "出入库明细账",
        "Stock ledger",
        [
            Column("date", "日期", "Date", "date"),
            Column("time", "时间", "Time"),
            Column("number", "单据编号", "Number"),
            Column("external_number", "外部单号", "External no."),
            Column("type", "类型", "Type"),
            Column("type_label", "单据类型", "Document type"),
            Column("reversal", "冲回", "Reversal", "bool"),
            Column("trueup", "负库存调整", "Negative-stock true-up", "bool"),
            Column("item", "商品编码", "Item"),
            Column("name", "商品名称", "Name"),
            Column("spec", "规格型号", "Spec"),
            Column("warehouse", "仓库", "Warehouse"),
            Column("warehouse_label", "仓库名称", "Warehouse name"),
            Column("location", "库位", "Location"),
            Column("batch", "批次", "Batch"),
            Column("qty", "数量", "Qty", "qty"),
            Column("unit_cost", "单位成本", "Unit cost", "price"),
            Column("value", "金额", "Value", "money"),
            Column("balance_qty", "结存数量", "Balance qty", "qty"),
            Column("balance_value", "结存金额", "Balance value", "money"),
        ],
        ledger_rows,
    )
)


# ---------------------------------------------------------------- 收发存汇总


def summary_rows(params: ReportParams) -> list[dict]:
    """Opening, in, out and closing quantity and value per item and warehouse (JSON/CSV); screen, PDF, xlsx and `--format table` group them by category with a 小计 per category and a 合计.

    Reads no more of the ledger than the moves dated from the period's start on: the
    current balance and the all-time in / out of every pool are kept on its cost group
    (written with each move), so opening = current − (period + later moves), and a
    report without a start date reads only the moves after its end date.
    """
    with cycle_collection_paused():
        return _summary_rows(params)


def _pool_totals(params: ReportParams) -> dict[tuple, tuple]:
    """(item, warehouse) -> [qty, value, in qty, in value, out qty, out value], all time
    (one plain scan of the cost groups; batches of specific-cost items added up here)."""
    cond, args = _filters(params, "g")
    rows = execute(
        "SELECT g.item_id, g.warehouse_id, g.qty, g.value, g.in_qty, g.in_value, g.out_qty, "
        f"g.out_value FROM cost_group g WHERE 1 = 1 {cond}",
        args,
    ).fetchall()
    totals = {(r[0], r[1]): r[2:] for r in rows}
    if len(totals) < len(rows):  # several batch pools of one item and warehouse
        totals = {}
        for r in rows:
            have = totals.get((r[0], r[1]), _ZEROS[:6])
            totals[r[0], r[1]] = tuple(a + b for a, b in zip(have, r[2:], strict=True))
    return totals


_IN, _OUT = f"{FLOW_DIRECTION} >= 0", f"{FLOW_DIRECTION} < 0"


def _flow_sums(when: str) -> list[str]:
    """in qty, in value, out qty, out value of the rows matching `when`."""
    return [
        f"SUM(CASE WHEN {when} AND {direction} THEN {sign}m.{column} ELSE 0 END)"
        for direction, sign in ((_IN, ""), (_OUT, "-"))
        for column in ("qty", "value")
    ]


def _ledger_sums(params: ReportParams, where: str, sums: list[str], args: list, dates) -> dict:
    """(item, warehouse) -> the sums over the moves `where` selects (the date range
    `dates`, (first, last) with None for the ledger's own end)."""
    cond, filter_args = _filters(params, "m", dates=dates)
    # the date range is read through the covering date index (or, for one item, the
    # per-item index month by month)
    rows = execute(
        f"SELECT m.item_id, m.warehouse_id, {', '.join(sums)} FROM stock_move m "
        "LEFT JOIN stock_move o ON o.id = m.adjusts_id "
        f"WHERE {where} {cond} GROUP BY m.warehouse_id, m.item_id",
        [*args, *filter_args],
    ).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def _count(where: str, args: list) -> int:
    return execute(f"SELECT COUNT(*) FROM stock_move m WHERE {where}", args).fetchone()[0]


_ZEROS = (0,) * 8
_FIRST_DAY, _LAST_DAY = "0001-01-01", "9999-12-31"


def _period_figures(params: ReportParams) -> dict[tuple, tuple]:
    """(item, warehouse) -> (opening q, v, in q, v, out q, v) for a dated report.

    Whichever side of the ledger is smaller is read: the moves up to the end (opening
    and period summed directly, as a whole-ledger GROUP BY would), or the moves from the
    start on (opening = the pool's current balance less them; without a start, the
    period is all time less what came after the end)."""
    start = str(params.date_from) if params.date_from else None
    end = str(params.date_to) if params.date_to else _LAST_DAY
    totals = _pool_totals(params)
    # both ends bounded (with a one-sided range SQLite once walked an item index instead)
    after_where = "m.date >= ? AND m.date <= ?" if start else "m.date > ? AND m.date <= ?"
    after_args = [start or end, _LAST_DAY]
    upto_where, upto_args = "m.date >= ? AND m.date <= ?", [_FIRST_DAY, end]
    if _count(upto_where, upto_args) < _count(after_where, after_args):
        sums = ["SUM(CASE WHEN m.date < ? THEN m.qty ELSE 0 END)"]
        sums += ["SUM(CASE WHEN m.date < ? THEN m.value ELSE 0 END)"]
        sums += _flow_sums("m.date >= ?")
        first = start or _FIRST_DAY
        moves = _ledger_sums(params, upto_where, sums, [first] * 6 + upto_args, (None, end))
        return {key: moves.get(key, _ZEROS[:6]) for key in totals}
    moves = _ledger_sums(
        params,
        after_where,
        _flow_sums("m.date <= ?") + _flow_sums("m.date > ?"),
        [end] * 8 + after_args,
        (start or end, None),
    )
    out = {}
    for key, (qty, value, cum_iq, cum_iv, cum_xq, cum_xv) in totals.items():
        iq, iv, xq, xv, tiq, tiv, txq, txv = moves.get(key, _ZEROS)
        if start is None:  # everything up to the end: all time less what came after it
            out[key] = (0, 0, cum_iq - tiq, cum_iv - tiv, cum_xq - txq, cum_xv - txv)
        else:
            oq = qty - (iq - xq) - (tiq - txq)
            out[key] = (oq, value - (iv - xv) - (tiv - txv), iq, iv, xq, xv)
    return out


def _all_time(params: ReportParams) -> dict[tuple, tuple]:
    return {k: (0, 0, t[2], t[3], t[4], t[5]) for k, t in _pool_totals(params).items()}


def _summary_rows(params: ReportParams) -> list[dict]:
    dated = params.date_from is not None or params.date_to is not None
    figures = _period_figures(params) if dated else _all_time(params)
    items, whs, _ = _names()
    cats = dict(
        execute(
            "SELECT i.id, COALESCE(c.name, '') FROM item i LEFT JOIN item_category c "
            "ON c.id = i.category_id"
        ).fetchall()
    )
    q4, q2 = _SCALES[4], _SCALES[2]
    z4, z2 = Decimal(0) * q4, Decimal(0) * q2  # shared: most pools are idle in a period
    out = []
    for (item_id, wh_id), (oq, ov, iq, iv, xq, xv) in figures.items():
        if not (oq or ov or iq or iv or xq or xv):
            continue
        item = items[item_id]
        opening_qty = Decimal(oq) * q4 if oq else z4
        opening_value = Decimal(ov) * q2 if ov else z2
        moved = iq or iv or xq or xv
        out.append(
            {
                "item": item[0],
                "name": item[1],
                "spec": item[2] or "",
                "category": cats.get(item_id, ""),
                "warehouse": whs[wh_id][0],
                "opening_qty": opening_qty,
                "opening_value": opening_value,
                "in_qty": Decimal(iq) * q4 if iq else z4,
                "in_value": Decimal(iv) * q2 if iv else z2,
                "out_qty": Decimal(xq) * q4 if xq else z4,
                "out_value": Decimal(xv) * q2 if xv else z2,
                "closing_qty": Decimal(oq + iq - xq) * q4 if moved else opening_qty,
                "closing_value": Decimal(ov + iv - xv) * q2 if moved else opening_value,
            }
        )
    out.sort(key=lambda r: (r["item"], r["warehouse"]))
    return out


register(
    Report(
        "stock-summary",
        "收发存汇总表",
        "Stock movement summary",
        [
            Column("item", "商品编码", "Item"),
            Column("name", "商品名称", "Name"),
            Column("spec", "规格型号", "Spec"),
            Column("category", "分类", "Category"),
            Column("warehouse", "仓库", "Warehouse"),
            Column("opening_qty", "期初数量", "Opening qty", "qty"),
            Column("opening_value", "期初金额", "Opening value", "money"),
            Column("in_qty", "收入数量", "In qty", "qty"),
            Column("in_value", "收入金额", "In value", "money"),
            Column("out_qty", "发出数量", "Out qty", "qty"),
            Column("out_value", "发出金额", "Out value", "money"),
            Column("closing_qty", "结存数量", "Closing qty", "qty"),
            Column("closing_value", "结存金额", "Closing value", "money"),
        ],
        summary_rows,
    )
)

# the summary rows people see (display-only; registered here so every output has them)
from jxc_desktop.engine.reports import stock_display  # noqa: E402, F401
