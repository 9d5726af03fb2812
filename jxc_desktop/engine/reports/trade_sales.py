"""Sales and purchase analysis: summaries, gross profit, top customers and items.

Figures are CNY and come from approved deliveries (XSCK, less XSTH returns) and
receipts (CGRK, less CGTH) dated within --from/--to.
- sales-summary: --option group=customer|item|category|staff|month (default customer);
  keys: key, name, qty (base unit), amount (excl. tax), tax, total.
- purchase-summary: --option group=supplier|item|month (default supplier); same keys.
- gross-profit: --option by=item|customer (default item); keys: key, name, qty, revenue
  (excl. tax), cost (the delivery moves' values incl. revaluations, less returns),
  profit, margin (percent of revenue).
- top-customers / top-items: the sales summary by total, largest first
  (--option top=N, default 10).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from peewee import JOIN

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory.line_values import live_values
from jxc_desktop.engine.money import money, quantize, yuan
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Partner

SIGNS = {"sales": {"XSCK": 1, "XSTH": -1}, "purchase": {"CGRK": 1, "CGTH": -1}}


def _lines(side: str, params: ReportParams):
    query = (
        DocumentLine.select(DocumentLine, Document, Item, Partner)
        .join(Document)
        .join(Partner, JOIN.LEFT_OUTER)
        .switch(DocumentLine)
        .join(Item)
        .where(
            (Document.status == "approved")
            & (Document.doc_type.in_(list(SIGNS[side])))
            & DocumentLine.item.is_null(False)
        )
    )
    if params.date_from:
        query = query.where(Document.date >= params.date_from)
    if params.date_to:
        query = query.where(Document.date <= params.date_to)
    if params.partner:
        query = query.where(Partner.code == params.partner)
    if params.item:
        query = query.where(Item.code == params.item)
    return query


def _key(line: DocumentLine, group: str) -> tuple[str, str]:
    doc = line.document
    if group in ("customer", "supplier"):
        return (doc.partner.code, doc.partner.name) if doc.partner else ("", "")
    if group == "item":
        return line.item.code, line.item.name
    if group == "category":
        cat = line.item.category
        return (cat.code, cat.name) if cat else ("", tr("未分类", "Uncategorised"))
    if group == "staff":
        return (doc.staff.code, doc.staff.name) if doc.staff else ("", tr("未指定", "None"))
    return doc.date.strftime("%Y-%m"), doc.date.strftime("%Y-%m")


def summary_rows(side: str, params: ReportParams, default_group: str) -> list[dict]:
    group = params.extra.get("group", default_group)
    acc: dict = defaultdict(lambda: [Decimal(0)] * 4)
    for line in _lines(side, params):
        sign = SIGNS[side][line.document.doc_type]
        rate = line.document.exchange_rate
        row = acc[_key(line, group)]
        row[0] += sign * line.base_qty
        row[1] += sign * money(line.amount * rate)
        row[2] += sign * money(line.tax * rate)
        row[3] += sign * money(line.total * rate)
    return [
        {"key": k[0], "name": k[1], "qty": v[0], "amount": v[1], "tax": v[2], "total": v[3]}
        for k, v in sorted(acc.items())
    ]


SUMMARY_COLUMNS = [
    Column("key", "编码", "Key"),
    Column("name", "名称", "Name"),
    Column("qty", "数量", "Qty", "qty"),
    Column("amount", "不含税金额", "Amount", "money"),
    Column("tax", "税额", "Tax", "money"),
    Column("total", "价税合计", "Total", "money"),
]

register(
    Report(
        "sales-summary",
        "销售汇总",
        "Sales summary",
        SUMMARY_COLUMNS,
        lambda p: summary_rows("sales", p, "customer"),
    )
)
register(
    Report(
        "purchase-summary",
        "采购汇总",
        "Purchase summary",
        SUMMARY_COLUMNS,
        lambda p: summary_rows("purchase", p, "supplier"),
    )
)


def gross_profit_rows(params: ReportParams) -> list[dict]:
    group = params.extra.get("by", "item")
    lines = list(_lines("sales", params))
    costs = live_values([line.id for line in lines])
    acc: dict = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for line in lines:
        sign = SIGNS["sales"][line.document.doc_type]
        row = acc[_key(line, "customer" if group == "customer" else "item")]
        row[0] += sign * line.base_qty
        row[1] += sign * money(line.amount * line.document.exchange_rate)
        row[2] -= costs.get(line.id, 0)  # issues are negative values in the ledger
    out = []
    for (key, name), (qty, revenue, cost_fen) in sorted(acc.items()):
        cost = yuan(cost_fen)
        profit = revenue - cost
        margin = quantize(profit * 100 / revenue, 2) if revenue else Decimal(0)
        out.append(
            {
                "key": key,
                "name": name,
                "qty": qty,
                "revenue": revenue,
                "cost": cost,
                "profit": profit,
                "margin": margin,
            }
        )
    return out


register(
    Report(
        "gross-profit",
        "毛利分析",
        "Gross profit",
        [
            Column("key", "编码", "Key"),
            Column("name", "名称", "Name"),
            Column("qty", "数量", "Qty", "qty"),
            Column("revenue", "销售收入", "Revenue", "money"),
            Column("cost", "销售成本", "Cost", "money"),
            Column("profit", "毛利", "Profit", "money"),
            Column("margin", "毛利率%", "Margin %", "rate"),
        ],
        gross_profit_rows,
    )
)


def _top(params: ReportParams, group: str) -> list[dict]:
    params.extra = {**params.extra, "group": group}
    rows = summary_rows("sales", params, group)
    rows.sort(key=lambda r: (-r["total"], r["key"]))
    top = int(params.extra.get("top", 10))
    return [{"rank": i + 1, **r} for i, r in enumerate(rows[:top])]


TOP_COLUMNS = [Column("rank", "排名", "Rank", "int"), *SUMMARY_COLUMNS]
register(
    Report(
        "top-customers",
        "客户销售排行",
        "Top customers",
        TOP_COLUMNS,
        lambda p: _top(p, "customer"),
    )
)
register(Report("top-items", "商品销售排行", "Top items", TOP_COLUMNS, lambda p: _top(p, "item")))
