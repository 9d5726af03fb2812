"""supplier-evaluation (供应商评估): one row per supplier with receipts in --from/--to.

- on_time_rate: approved 采购入库 lines that fulfil a 采购订单 line with a 交货日期,
  received on or before it, in percent of those lines.
- pass_rate: 来料检验 of the supplier's receipts in the period (accepted ÷ inspected).
- price_change: the supplier's prices this period against the previous period of the
  same length (ending the day before --from), over the items bought in both: Σ this
  period's amounts ÷ Σ (previous average price × this period's quantity) − 1, in
  percent. avg_price / prev_avg_price are shown when the rows cover one item (--item).
- purchase_amount / purchase_qty: receipts less returns, net of VAT, in CNY.
- score (0–100): on time 40 %, pass rate 40 %, price 20 % (100 when prices did not rise,
  5 points less per 1 % rise); a missing part is left out and the weights rescaled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.quality import stats
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Partner

WEIGHTS = {"on_time_rate": Decimal(40), "pass_rate": Decimal(40), "price_score": Decimal(20)}


@dataclass
class _Supplier:
    code: str
    name: str
    lines: int = 0
    on_time: int = 0
    amount: Decimal = Decimal(0)
    qty: Decimal = Decimal(0)
    items: dict = field(default_factory=dict)  # item id -> [amount, qty] of receipts
    prev: dict = field(default_factory=dict)


@dataclass(slots=True)
class _Line:
    supplier: str
    name: str
    doc_type: str
    date: dt.date
    item_id: int
    base_qty: Decimal
    amount: Decimal  # CNY, net of VAT
    source_line_id: int | None


def _lines(start: dt.date | None, end: dt.date | None, params: ReportParams) -> list[_Line]:
    """Approved CGRK / CGTH lines of suppliers in the range, as plain rows (one query)."""
    query = (
        DocumentLine.select(
            Partner.code,
            Partner.name,
            Document.doc_type,
            Document.date,
            Document.currency,
            Document.exchange_rate,
            DocumentLine.item,
            DocumentLine.base_qty,
            DocumentLine.amount,
            DocumentLine.source_line,
        )
        .join(Document)
        .join(Partner)
        .switch(DocumentLine)
        .join(Item)
        .where(
            (Document.status == "approved")
            & Document.doc_type.in_(["CGRK", "CGTH"])
            & (Partner.kind == "supplier")
        )
    )
    if start:
        query = query.where(Document.date >= start)
    if end:
        query = query.where(Document.date <= end)
    if params.item:
        query = query.where(Item.code == params.item)
    if params.partner:
        query = query.where(Partner.code == params.partner)
    out = []
    for code, name, doc_type, date, currency, rate, item, qty, amount, src in query.tuples():
        cny = amount if currency == "CNY" else money.money(amount * rate)
        out.append(_Line(code, name, doc_type, date, item, qty, cny, src))
    return out


def _due_dates(lines: list[_Line]) -> dict[int, dt.date]:
    """The 交货日期 of the order lines the receipt lines fulfil."""
    ids = list({line.source_line_id for line in lines if line.source_line_id})
    out = {}
    for start in range(0, len(ids), 500):
        query = DocumentLine.select(DocumentLine.id, DocumentLine.due_date).where(
            DocumentLine.id.in_(ids[start : start + 500]) & DocumentLine.due_date.is_null(False)
        )
        out.update(dict(query.tuples()))
    return out


def _add(acc: dict, line: _Line) -> None:
    pair = acc.setdefault(line.item_id, [Decimal(0), Decimal(0)])
    pair[0] += line.amount
    pair[1] += line.base_qty


def _collect(params: ReportParams) -> dict[str, _Supplier]:
    out: dict[str, _Supplier] = {}
    lines = _lines(params.date_from, params.date_to, params)
    due = _due_dates(lines)
    for line in lines:
        s = out.setdefault(line.supplier, _Supplier(line.supplier, line.name))
        sign = 1 if line.doc_type == "CGRK" else -1
        s.amount += sign * line.amount
        s.qty += sign * line.base_qty
        if sign > 0:
            _add(s.items, line)
            if line.source_line_id in due:
                s.lines += 1
                s.on_time += line.date <= due[line.source_line_id]
    if params.date_from:
        length = (params.date_to or dt.date.today()) - params.date_from
        prev_end = params.date_from - dt.timedelta(days=1)
        for line in _lines(prev_end - length, prev_end, params):
            if line.supplier in out and line.doc_type == "CGRK":
                _add(out[line.supplier].prev, line)
    return out


def _price_change(s: _Supplier) -> Decimal | None:
    now_amount, at_prev_prices = Decimal(0), Decimal(0)
    for item_id, (amount, qty) in s.items.items():
        prev = s.prev.get(item_id)
        if prev and prev[1] > 0 and qty > 0:
            now_amount += amount
            at_prev_prices += prev[0] * qty / prev[1]
    if not at_prev_prices:
        return None
    return money.quantize((now_amount / at_prev_prices - 1) * 100, 2)


def _avg(acc: dict) -> Decimal | None:
    if len(acc) != 1:
        return None
    ((amount, qty),) = acc.values()
    return money.price(amount / qty) if qty else None


def _score(parts: dict[str, Decimal | None]) -> Decimal | None:
    present = {k: v for k, v in parts.items() if v is not None}
    if not present:
        return None
    weight = sum(WEIGHTS[k] for k in present)
    return money.quantize(sum(WEIGHTS[k] * v for k, v in present.items()) / weight, 2)


def evaluation_rows(params: ReportParams) -> list[dict]:
    suppliers = _collect(params)
    inspected: dict[str, list[Decimal]] = {}
    for line in stats.inspected_lines(params.date_from, params.date_to, "incoming"):
        if params.item and line.item != params.item:
            continue
        acc = inspected.setdefault(line.supplier, [Decimal(0), Decimal(0)])
        acc[0] += line.inspected
        acc[1] += line.accepted
    out = []
    for code in sorted(suppliers):
        s = suppliers[code]
        on_time = money.quantize(Decimal(s.on_time * 100) / s.lines, 2) if s.lines else None
        ins, acc = inspected.get(code, [Decimal(0), Decimal(0)])
        pass_rate = stats.pass_rate(acc, ins)
        change = _price_change(s)
        price_score = None if change is None else min(Decimal(100), max(0, 100 - 5 * change))
        out.append(
            {
                "supplier": s.code,
                "supplier_name": s.name,
                "receipt_lines": s.lines,
                "on_time_lines": s.on_time,
                "on_time_rate": on_time,
                "inspected": ins,
                "accepted": acc,
                "pass_rate": pass_rate,
                "avg_price": _avg(s.items),
                "prev_avg_price": _avg(s.prev),
                "price_change": change,
                "purchase_qty": s.qty,
                "purchase_amount": s.amount,
                "score": _score(
                    {"on_time_rate": on_time, "pass_rate": pass_rate, "price_score": price_score}
                ),
            }
        )
    return out


register(
    Report(
        "supplier-evaluation",
        "供应商评估",
        "Supplier evaluation",
        [
            Column("supplier", "供应商", "Supplier"),
            Column("supplier_name", "供应商名称", "Supplier name"),
            Column("receipt_lines", "有交期的入库行", "Lines with a due date", "int"),
            Column("on_time_lines", "按期入库行", "On-time lines", "int"),
            Column("on_time_rate", "准时交货率", "On-time rate", "rate"),
            Column("inspected", "来料检验数量", "Inspected", "qty"),
            Column("accepted", "合格数量", "Accepted", "qty"),
            Column("pass_rate", "来料合格率", "Pass rate", "rate"),
            Column("avg_price", "本期均价", "Average price", "price"),
            Column("prev_avg_price", "上期均价", "Previous average price", "price"),
            Column("price_change", "价格变动", "Price change", "rate"),
            Column("purchase_qty", "采购数量", "Purchase qty", "qty"),
            Column("purchase_amount", "采购金额", "Purchase amount", "money"),
            Column("score", "综合评分(满分100)", "Score (of 100)", "qty"),
        ],
        evaluation_rows,
    )
)
