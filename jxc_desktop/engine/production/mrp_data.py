"""What MRP reads: open demands, scheduled receipts and on-hand stock.

- Demand: approved 销售订单 XSDD lines (ordered − delivered net of returns, as the
  trade module's order execution counts it; nothing once a line is closed short) and
  approved 销售预测 XSYC lines (their full quantity), due on 交货日期 (the document date
  when a line has none).
- Allocations (dependent demand of orders already firmed; mrp_allocations.py): the
  components an open work order or outsourcing order still needs, on its start date.
- Scheduled receipts: approved 采购订单 CGDD lines (ordered − received, as trade counts
  it), 委外订单 WWDD lines (ordered − received by approved receipts naming them),
  approved 采购申请 CGSQ lines not yet turned into orders (the firmed MRP proposals;
  `mrp firm` writes them approved), and approved work orders SCDD that are not
  completed or closed (ordered − received).
- On hand: the stock balances of the chosen warehouses (all by default).
Quantities are in base units, as Decimals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.models.db import execute


@dataclass
class Demand:
    item_id: int
    date: dt.date  # when it is needed (shifted to the horizon start when past due)
    qty: Decimal
    number: str  # the demand's document number ('' for safety stock)
    item_code: str
    peg_date: dt.date  # the date the demand itself names
    # a component requirement: the parent planned order it comes from (its pegging is
    # read through the parent's when asked for; see mrp.PlannedOrder.pegging)
    parent: object = None


@dataclass
class Receipt:
    item_id: int
    date: dt.date  # when it is usable (moved to the horizon start when past due)
    qty: Decimal
    number: str
    first_used: dt.date | None = None  # set by the planner: when it is first needed
    expedite: dt.date | None = None  # set by the planner: a shortage before it arrives
    named_due: dt.date | None = None  # the due date the order names (when moved)

    @property
    def due(self) -> dt.date:
        """The order's own due date, as action messages show it (现交货日期)."""
        return self.named_due or self.date


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# what fulfils a requisition or an outsourcing order (sales and purchase orders: trade)
FULFILLED_BY = {"CGSQ": ("CGDD", "WWDD"), "WWDD": ("CGRK", "QTRK", "CPRK", "WWRK")}


def _fulfilled(line_ids: list[int], doc_types: tuple[str, ...]) -> dict[int, Decimal]:
    """Base quantity of approved lines of `doc_types` that name each line as their source."""
    out: dict[int, Decimal] = {}
    types = ", ".join("?" * len(doc_types))
    for chunk in range(0, len(line_ids), 500):
        ids = line_ids[chunk : chunk + 500]
        marks = ", ".join("?" * len(ids))
        for source, units in execute(
            "SELECT l.source_line_id, SUM(l.base_qty) FROM document_line l "
            "JOIN document d ON d.id = l.document_id WHERE d.status = 'approved' "
            f"AND d.doc_type IN ({types}) AND l.source_line_id IN ({marks}) "
            "GROUP BY l.source_line_id",
            list(doc_types) + ids,
        ):
            out[source] = money.from_scaled(int(units), 4)
    return out


def _order_open(line_ids: list[int]) -> dict[int, Decimal | None]:
    """Delivered (received) per XSDD / CGDD line, net of returns; None once closed short."""
    from jxc_desktop.engine.trade import execution

    done: dict[int, Decimal | None] = dict(execution.delivered(line_ids))
    for closed in execution.closed_ids(line_ids):
        done[closed] = None
    return done


def _done(rows: list[tuple]) -> dict[int, Decimal | None]:
    orders = [r[0] for r in rows if r[1] in ("XSDD", "CGDD")]
    done = _order_open(orders) if orders else {}
    for doc_type, by in FULFILLED_BY.items():
        done.update(_fulfilled([r[0] for r in rows if r[1] == doc_type], by))
    return done


def _open_lines(doc_types: tuple[str, ...]) -> list[tuple]:
    marks = ", ".join("?" * len(doc_types))
    return execute(
        "SELECT l.id, d.doc_type, d.number, d.date, COALESCE(l.due_date, d.date), l.item_id, "
        "l.base_qty, i.code, d.id FROM document_line l JOIN document d ON d.id = l.document_id "
        "JOIN item i ON i.id = l.item_id "
        f"WHERE d.status = 'approved' AND d.doc_type IN ({marks}) AND l.item_id IS NOT NULL "
        "ORDER BY COALESCE(l.due_date, d.date), d.number, l.line_no",
        doc_types,
    ).fetchall()


def demands(start: dt.date, end: dt.date | None) -> list[Demand]:
    """Open sales-order and forecast lines due up to `end`, then the allocations of
    open work and outsourcing orders (mrp_allocations) starting up to `end`."""
    from jxc_desktop.engine.production.mrp_allocations import allocations

    rows = _open_lines(("XSDD", "XSYC"))
    done = _done(rows)
    out = []
    for r in rows:
        due = _date(r[4])
        if r[0] in done and done[r[0]] is None:
            continue  # closed short
        open_qty = money.from_scaled(int(r[6]), 4) - (done.get(r[0]) or Decimal(0))
        if open_qty <= 0 or (end is not None and due > end):
            continue
        out.append(Demand(r[5], max(due, start), open_qty, r[2], r[7], due))
    return out + allocations(start, end)


def scheduled_receipts(start: dt.date, end: dt.date | None) -> list[Receipt]:
    """Open purchase, outsourcing and work orders (and firmed requisitions)."""
    from jxc_desktop.engine.production.mrp_allocations import open_work_orders

    rows = _open_lines(("CGDD", "WWDD", "CGSQ", "SCDD"))
    done = _done(rows)
    work = open_work_orders() if any(r[1] == "SCDD" for r in rows) else {}
    out = []
    for r in rows:
        due = _date(r[4])
        if r[0] in done and done[r[0]] is None:
            continue  # closed short
        received = done.get(r[0]) or Decimal(0)
        if r[1] == "SCDD":
            if r[2] not in work:
                continue  # completed or closed
            received = work[r[2]].completed  # its issue lines name it too: not receipts
        open_qty = money.from_scaled(int(r[6]), 4) - received
        if open_qty <= 0 or (end is not None and due > end):
            continue
        out.append(Receipt(r[5], max(due, start), open_qty, r[2], named_due=due))
    return out


def on_hand(warehouse_ids: list[int] | None) -> dict[int, Decimal]:
    """Base quantity on hand per item in the chosen warehouses (all when None)."""
    sql = "SELECT item_id, SUM(qty) FROM stock_balance"
    args: list = []
    if warehouse_ids:
        sql += f" WHERE warehouse_id IN ({', '.join('?' * len(warehouse_ids))})"
        args = list(warehouse_ids)
    rows = execute(sql + " GROUP BY item_id", args).fetchall()
    return {item_id: money.from_scaled(int(units), 4) for item_id, units in rows}
