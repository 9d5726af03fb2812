"""What approving each warehouse document writes to the stock ledger.

期初库存 QCKC and 其他入库 QTRK receive at the line's unit cost (a 其他入库 line without a
price comes in at the current book cost); 其他出库 QTCK issues at the valuation method's
cost; 调拨单 DBD issues from one warehouse (or location) and receives the same value in
the other; 盘点单 PDD posts the difference between the counted and the book quantity
(盘盈 at book cost, 盘亏 at the method's cost); 成本调整 CBTZ changes value only.
"""

from __future__ import annotations

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.documents import Posting, register_posting
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import batches, gain_costs, ledger, pool_store
from jxc_desktop.engine.inventory.ledger_pass import group_key
from jxc_desktop.engine.inventory.lines import PostingLine, read_lines
from jxc_desktop.engine.inventory.valuation import (
    BOOK,
    COMPUTED,
    COST_TO_FEN,
    FIXED,
    LINKED,
    VALUE,
)
from jxc_desktop.engine.money import from_scaled, money, mul_div_round, to_scaled
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Location


def _lines(doc: Document) -> list[PostingLine]:
    """The document's lines with their items as plain values, in one query; read once per
    approval (validation and posting get the same Document object)."""
    cached = getattr(doc, "_posting_lines", None)
    if cached is None:
        cached = doc._posting_lines = read_lines(doc.id)
    return cached


def _where(line: PostingLine) -> str:
    return tr("第 {n} 行", "line {n}", n=line.line_no)


def _receipt_value(doc: Document, line: PostingLine, small_taxpayer: bool) -> int:
    """The cost of a receipt line in CNY fen: net of VAT for a general taxpayer."""
    fen = line.total_fen if line.tax_fen and small_taxpayer else line.amount_fen
    if doc.currency != "CNY":
        return to_scaled(money(from_scaled(fen, 2) * doc.exchange_rate), 2)
    return fen


def _issue_moves(doc: Document, lines: list[PostingLine], warehouse_id: int) -> list[list]:
    """Each line's issue moves, its open location or batch allocated from what is on hand
    (one balance query for the whole document)."""
    splits = batches.allocate_many(
        [(x.item, warehouse_id, x.location_id, x.batch_no, x.base_units) for x in lines],
        doc.date,
    )
    return [
        [
            ledger.PlannedMove(
                line.id, line.item, warehouse_id, loc, batch, -units, COMPUTED, line_no=line.line_no
            )
            for loc, batch, units in split
        ]
        for line, split in zip(lines, splits, strict=True)
    ]


# ---------------------------------------------------------------- validation


def _no_quantity(line: PostingLine) -> Problem:
    return Problem(tr("数量必须大于 0", "The quantity must be greater than 0"), _where(line))


def _validate_commitment(doc: Document) -> list[Problem]:
    """An order line of no quantity commits nothing and would show as 已完成 at once."""
    return [
        _no_quantity(line) for line in _lines(doc) if line.item is not None and line.qty_units <= 0
    ]


def _validate_common(doc: Document, receipts: bool) -> list[Problem]:
    problems = []
    homes = dict(
        Location.select(Location.id, Location.warehouse)
        .where(Location.warehouse.in_([doc.warehouse_id, doc.dest_warehouse_id]))
        .tuples()
    )
    for line in _lines(doc):
        if line.item is None:
            continue
        if line.qty_units <= 0 and doc.doc_type not in ("PDD", "CBTZ"):
            problems.append(_no_quantity(line))
        if receipts and line.item.batch_managed and not line.batch_no:
            problems.append(
                Problem(
                    tr(
                        "商品 {c} 实行批次管理，入库必须填写批次",
                        "Item {c} is batch-managed: a receipt needs a batch",
                        c=line.item.code,
                    ),
                    _where(line),
                )
            )
        for loc_id in (line.location_id, line.dest_location_id):
            if loc_id is not None and homes.get(loc_id) not in (
                doc.warehouse_id,
                doc.dest_warehouse_id,
            ):
                problems.append(
                    Problem(
                        tr("库位不属于该仓库", "The location is not in that warehouse"),
                        _where(line),
                    )
                )
    return problems


def _validate_receipt(doc):
    return _validate_common(doc, receipts=True)


def _validate_issue(doc):
    return _validate_common(doc, receipts=False)


def _validate_transfer(doc: Document) -> list[Problem]:
    problems = _validate_common(doc, receipts=False)
    dest = doc.dest_warehouse_id or doc.warehouse_id
    for line in _lines(doc):
        if dest == doc.warehouse_id and line.location_id == line.dest_location_id:
            problems.append(
                Problem(
                    tr("调出与调入的仓库和库位相同", "Source and destination are the same"),
                    _where(line),
                )
            )
    return problems


def _validate_adjustment(doc: Document) -> list[Problem]:
    problems = []
    for line in _lines(doc):
        if line.amount_fen == 0:
            problems.append(
                Problem(tr("调整金额不能为 0", "The adjustment amount cannot be 0"), _where(line))
            )
    return problems


# ---------------------------------------------------------------- planning


def _ensure_batches(lines: list[PostingLine]) -> None:
    """The batch rows of receipt lines, created on their first receipt (one query)."""
    batches.ensure_batches(
        [(x.item, x.batch_no, x.production_date, x.expiry_date) for x in lines if x.batch_no]
    )


def _receipt_moves(doc: Document, lines: list[PostingLine]) -> list[ledger.PlannedMove]:
    """Receipt lines' moves: at their cost, or at book cost when they have no price."""
    _ensure_batches(lines)
    small = get_company().taxpayer_type == "small"
    return [
        ledger.PlannedMove(
            line.id,
            line.item,
            doc.warehouse_id,
            line.location_id,
            line.batch_no,
            line.base_units,
            *((FIXED, _receipt_value(doc, line, small)) if line.price_units else (BOOK, 0)),
            line_no=line.line_no,
        )
        for line in lines
    ]


def _plan_receipt(doc: Document) -> list:
    return _receipt_moves(doc, _lines(doc))


def _plan_issue(doc: Document) -> list:
    return [m for moves in _issue_moves(doc, _lines(doc), doc.warehouse_id) for m in moves]


def _plan_transfer(doc: Document) -> list:
    planned = []
    dest_wh = doc.dest_warehouse_id or doc.warehouse_id
    lines = _lines(doc)
    for line, outs in zip(lines, _issue_moves(doc, lines, doc.warehouse_id), strict=True):
        for out in outs:
            planned.append(out)
            planned.append(
                ledger.PlannedMove(
                    line.id,
                    line.item,
                    dest_wh,
                    line.dest_location_id,
                    out.batch_no,
                    -out.qty,
                    LINKED,
                    link=len(planned) - 1,
                    line_no=line.line_no,
                )
            )
    return planned


def _plan_stocktake(doc: Document) -> list:
    from jxc_desktop.engine.inventory.stocktake import book_qty_units

    planned = []
    lines = _lines(doc)
    _ensure_batches(
        [x for x in lines if x.counted and x.book_units is not None and x.base_units > x.book_units]
    )
    for line in lines:
        if not line.counted:
            continue
        counted = line.base_units
        book = (
            line.book_units
            if line.book_units is not None
            else book_qty_units(
                line.item, doc.warehouse_id, line.location_id, line.batch_no, doc.date, doc.time
            )
        )
        diff = counted - book
        if diff > 0:
            if line.batch_no and line.book_units is None:
                batches.ensure_batch(
                    line.item, line.batch_no, line.production_date, line.expiry_date
                )
            planned.append(
                ledger.PlannedMove(
                    line.id,
                    line.item,
                    doc.warehouse_id,
                    line.location_id,
                    line.batch_no,
                    diff,
                    BOOK,
                    line_no=line.line_no,
                )
            )
        elif diff < 0:
            planned.append(
                ledger.PlannedMove(
                    line.id,
                    line.item,
                    doc.warehouse_id,
                    line.location_id,
                    line.batch_no,
                    diff,
                    COMPUTED,
                    line_no=line.line_no,
                )
            )
    _cost_bare_gains(planned)
    return planned


def _plan_adjustment(doc: Document) -> list:
    return [
        ledger.PlannedMove(
            line.id,
            line.item,
            doc.warehouse_id,
            line.location_id,
            line.batch_no,
            0,
            VALUE,
            line.amount_fen,
            line_no=line.line_no,
        )
        for line in _lines(doc)
    ]


def _cost_bare_gains(planned: list) -> None:
    """盘盈 in pools that never held the item: at the cost gain_costs finds, fixed."""
    gains = [
        (m, group_key(m.item, m.warehouse_id, m.batch_no)) for m in planned if m.source == BOOK
    ]
    if not gains:
        return
    bare = gain_costs.costless_pools({key for _, key in gains})
    if not bare:
        return
    costs = gain_costs.fallback_unit_costs({key[0] for key in bare})
    for move, key in gains:
        if key in bare:
            move.source = FIXED
            move.value = mul_div_round(move.qty, costs.get(move.item.id, 0), COST_TO_FEN)


def _post_stocktake(doc: Document):
    """Posts the differences; warns of lines whose book changed after the freeze."""
    from jxc_desktop.engine.inventory import stocktake_rebase

    changes = stocktake_rebase.book_changes(doc.id)  # before its own moves are written
    result = ledger.post(doc, _plan_stocktake(doc))
    result.messages += stocktake_rebase.change_messages(changes)
    return result


def _poster(plan):
    def post(doc: Document):
        return ledger.post(doc, plan(doc))

    return post


def _delivery_moves(lines: list[PostingLine]) -> dict[int, list[tuple]]:
    """The un-reversed delivery moves of the lines returns name, by delivery line id
    (id, item_id, batch_no, warehouse_id, location_id in id order), read in IN queries
    of 500 lines."""
    found: dict[int, list[tuple]] = {}
    for move_id, line_id, item_id, batch_no, wh_id, loc_id in pool_store.in_query(
        "SELECT m.id, m.line_id, m.item_id, m.batch_no, m.warehouse_id, m.location_id "
        "FROM stock_move m "
        "WHERE m.kind = 'move' AND NOT EXISTS (SELECT 1 FROM stock_move r "
        "WHERE r.adjusts_id = m.id AND r.kind = 'reverse') AND m.line_id IN ({}) ORDER BY m.id",
        sorted({x.source_line_id for x in lines if x.source_line_id}),
    ):
        found.setdefault(line_id, []).append((move_id, item_id, batch_no, wh_id, loc_id))
    return found


def _delivery_move(line: PostingLine, moves: dict[int, list[tuple]]) -> tuple | None:
    """The delivery move of the line a return names (of its item, matching its batch):
    (id, item_id, batch_no, warehouse_id, location_id)."""
    rows = [r for r in moves.get(line.source_line_id, ()) if r[1] == line.item_id]
    match = [r for r in rows if r[2] == line.batch_no] or rows
    return match[0] if match else None


def _plan_return(doc: Document) -> list:
    """销售退货: back at the cost it left with when the line names its delivery line."""
    lines = _lines(doc)
    deliveries = _delivery_moves(lines)
    planned = _receipt_moves(doc, lines)
    for line, move in zip(lines, planned, strict=True):
        source = _delivery_move(line, deliveries)
        # the line's price is the sale price, never the cost: without its delivery the
        # goods come back at the current book cost
        move.source, move.link_move, move.value = (
            (LINKED, source[0], 0) if source else (BOOK, None, 0)
        )
        if source and move.location_id is None and source[3] == move.warehouse_id:
            move.location_id = source[4]  # back to the shelf it left from, unless told
    return planned


RECEIPT = Posting(_validate_receipt, _poster(_plan_receipt), ledger.reverse)
ISSUE = Posting(_validate_issue, _poster(_plan_issue), ledger.reverse)

register_posting("QCKC", RECEIPT)
register_posting("QTRK", RECEIPT)
register_posting("QTCK", ISSUE)
register_posting("DBD", Posting(_validate_transfer, _poster(_plan_transfer), ledger.reverse))
register_posting("CGRK", RECEIPT)
register_posting("CPRK", RECEIPT)
register_posting("XSCK", ISSUE)
register_posting("CGTH", ISSUE)
register_posting("SCLL", ISSUE)
register_posting("XSTH", Posting(_validate_receipt, _poster(_plan_return), ledger.reverse))

# Orders, requisitions, quotations and forecasts move no stock: approving them commits them.
for _prefix in ("CGSQ", "CGDD", "XSBJ", "XSDD", "XSYC", "SCDD", "WWDD"):
    register_posting(_prefix, Posting(validate=_validate_commitment))
register_posting("PDD", Posting(lambda doc: [], _post_stocktake, ledger.reverse))
register_posting("CBTZ", Posting(_validate_adjustment, _poster(_plan_adjustment), ledger.reverse))
