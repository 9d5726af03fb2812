"""Order execution (订单执行), invoice differences and the 首页 trade counts.

order-execution: one row per line of approved XSDD / CGDD orders dated in --from/--to
(--option type=XSDD|CGDD to pick one side); keys: number, date, partner, line, item,
ordered, delivered, invoiced, collected (money SKD/FKD settled on what the line
became), open, closed, status (未执行/部分执行/已完成/已关闭 of the whole order).

invoice-differences: per invoice line linked to a delivery / receipt line.
"""

from __future__ import annotations

import datetime as dt

from peewee import JOIN

from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.engine.trade import collection_plan, execution, invoices, openitems
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Partner


def _orders(params: ReportParams, types: tuple[str, ...]):
    query = (
        Document.select(Document, Partner)
        .join(Partner, JOIN.LEFT_OUTER)
        .where((Document.status == "approved") & Document.doc_type.in_(list(types)))
    )
    if params.date_from:
        query = query.where(Document.date >= params.date_from)
    if params.date_to:
        query = query.where(Document.date <= params.date_to)
    if params.partner:
        query = query.where(Partner.code == params.partner)
    return query.order_by(Document.date, Document.number)


def execution_rows(params: ReportParams) -> list[dict]:
    kind = params.extra.get("type")
    types = (kind,) if kind in ("XSDD", "CGDD") else ("XSDD", "CGDD")
    orders = list(_orders(params, types))
    lines = list(
        DocumentLine.select(DocumentLine, Item)
        .join(Item, JOIN.LEFT_OUTER)
        .where(DocumentLine.document.in_([o.id for o in orders] or [0]))
        .order_by(DocumentLine.document, DocumentLine.line_no)
    )
    by_order: dict[int, list] = {}
    for st in execution.states_of_lines(lines):
        by_order.setdefault(st.line.document_id, []).append(st)
    out = []
    for order in orders:
        states = by_order.get(order.id, [])
        status = execution.status_label(execution.status_of(states))
        for st in states:
            if params.item and (st.line.item is None or st.line.item.code != params.item):
                continue
            out.append(
                {
                    "number": order.number,
                    "type": order.doc_type,
                    "date": order.date,
                    "partner": order.partner.code if order.partner else "",
                    "line": st.line.line_no,
                    "line_id": st.line.id,
                    "item": st.line.item.code if st.line.item else "",
                    "item_name": st.line.item.name if st.line.item else "",
                    "spec": (st.line.item.spec or "") if st.line.item else "",
                    "ordered": st.ordered,
                    "delivered": st.delivered,
                    "invoiced": st.invoiced,
                    "collected": st.collected,
                    "open": st.open,
                    "closed": st.closed,
                    "status": status,
                }
            )
    return out


register(
    Report(
        "order-execution",
        "订单执行情况",
        "Order execution",
        [
            Column("number", "订单编号", "Order"),
            Column("date", "日期", "Date", "date"),
            Column("partner", "往来单位", "Partner"),
            Column("line", "行号", "Line", "int"),
            Column("item", "商品", "Item"),
            Column("item_name", "商品名称", "Item name"),
            Column("spec", "规格型号", "Spec"),
            Column("ordered", "订购数量", "Ordered", "qty"),
            Column("delivered", "已出入库", "Delivered", "qty"),
            Column("invoiced", "已开票", "Invoiced", "qty"),
            Column("collected", "已收付款", "Collected", "money"),
            Column("open", "未执行", "Open", "qty"),
            Column("closed", "已关闭", "Closed", "bool"),
            Column("status", "订单状态", "Status"),
        ],
        execution_rows,
    )
)


def difference_rows(params: ReportParams) -> list[dict]:
    out = []
    for inv in _orders(params, ("XSFP", "CGFP")):
        for row in invoices.differences(inv):
            out.append({"number": inv.number, "date": inv.date, **row})
    return out


register(
    Report(
        "invoice-differences",
        "发票差异",
        "Invoice differences",
        [
            Column("number", "发票编号", "Invoice"),
            Column("date", "日期", "Date", "date"),
            Column("line", "行号", "Line", "int"),
            Column("source", "源单", "Source"),
            Column("item", "商品", "Item"),
            Column("delivered_qty", "出入库数量", "Delivered qty", "qty"),
            Column("invoiced_qty", "开票数量", "Invoiced qty", "qty"),
            Column("delivered_price", "出入库单价", "Delivered price", "price"),
            Column("invoiced_price", "开票单价", "Invoiced price", "price"),
            Column("delivered_total", "出入库金额", "Delivered total", "money"),
            Column("invoiced_total", "开票金额", "Invoiced total", "money"),
            Column("difference", "差额", "Difference", "money"),
        ],
        difference_rows,
    )
)


def plan_rows(params: ReportParams) -> list[dict]:
    """收款计划执行: every instalment of approved orders with what is collected (CNY),
    due dates within --from/--to, as of today (overdue = unpaid and due before today)."""
    from jxc_desktop.engine.i18n import tr

    today = dt.date.today()
    states = collection_plan.open_instalments()
    orders = {
        d.id: d
        for d in Document.select(Document, Partner)
        .join(Partner, JOIN.LEFT_OUTER, on=(Document.partner == Partner.id))
        .where(Document.id.in_(sorted({s.order_id for s in states}) or [0]))
    }
    out = []
    for st in states:
        order = orders[st.order_id]
        partner = order.partner if order.partner_id else None
        if params.partner and (partner is None or partner.code != params.partner):
            continue
        if (params.date_from and st.due_date < params.date_from) or (
            params.date_to and st.due_date > params.date_to
        ):
            continue
        if st.open == 0:
            status = tr("已收款", "Collected")
        elif st.due_date < today:
            status = tr("逾期", "Overdue")
        else:
            status = (
                tr("部分收款", "Partly collected") if st.open < st.amount else tr("未收款", "Open")
            )
        out.append(
            {
                "number": order.number,
                "partner": partner.code if partner else "",
                "name": partner.name if partner else "",
                "seq": st.seq,
                "due_date": st.due_date,
                "amount": st.amount,
                "collected": st.amount - st.open,
                "open": st.open,
                "status": status,
            }
        )
    return sorted(out, key=lambda r: (r["due_date"], r["number"], r["seq"]))


register(
    Report(
        "collection-plan",
        "收款计划执行",
        "Collection plan",
        [
            Column("number", "订单编号", "Order"),
            Column("partner", "客户", "Customer"),
            Column("name", "名称", "Name"),
            Column("seq", "期次", "Instalment", "int"),
            Column("due_date", "收款日期", "Due", "date"),
            Column("amount", "计划金额", "Planned", "money"),
            Column("collected", "已收", "Collected", "money"),
            Column("open", "未收", "Open", "money"),
            Column("status", "状态", "Status"),
        ],
        plan_rows,
    )
)


def dashboard_counts(today: dt.date | None = None) -> dict[str, int]:
    """首页: how many documents have deliveries not yet invoiced, collections due this
    week, overdue collections, payments due (the ones a click on the count lists).

    An order with a 收款计划 is followed by its instalments (what is left of each after
    the money collected for the order), not by its deliveries' own due dates.
    """
    return {key: len(found) for key, found in dashboard_documents(today).items()}


def dashboard_documents(today: dt.date | None = None) -> dict[str, list[int]]:
    """The documents behind each 首页 count (ids, sorted): deliveries not invoiced, the
    documents of open items due, the orders of instalments due. A document with several
    lines due counts once: the count is what a click on it lists."""
    today = today or dt.date.today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    found: dict[str, list[int]] = {k: [] for k in ("due_this_week", "overdue", "payments_due")}
    found["uninvoiced"] = sorted({x["line"].document_id for x in invoices.uninvoiced_lines("XSCK")})
    planned = collection_plan.planned_order_lines()
    for kind in ("receivable", "payable"):
        items = [o for each in openitems.all_open_items(kind).values() for o in each]
        for item in items:
            if item.open <= 0 or (kind == "receivable" and item.line_id in planned):
                continue
            if kind == "payable":
                if item.due_date <= week_end:
                    found["payments_due"].append(item.document_id)
            else:
                _add_due(found, item.document_id, item.due_date, today, week_end)
    for inst in collection_plan.open_instalments():
        if inst.open > 0:
            _add_due(found, inst.order_id, inst.due_date, today, week_end)
    return {key: sorted(set(ids)) for key, ids in found.items()}


def _add_due(found: dict, doc_id: int, due: dt.date, today: dt.date, week_end: dt.date) -> None:
    if due < today:
        found["overdue"].append(doc_id)
    elif due <= week_end:
        found["due_this_week"].append(doc_id)


def quote_rows(params: ReportParams) -> list[dict]:
    """供应商报价比较 for --item (--option qty=N, default 1; as of --to or today)."""
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.i18n import tr
    from jxc_desktop.engine.trade import pricing

    if not params.item:
        raise JxcError(tr("报价比较需要 --item", "The quote comparison needs --item"))
    day = params.date_to or dt.date.today()
    return pricing.compare_quotes(params.item, params.extra.get("qty", "1"), day)


register(
    Report(
        "quote-comparison",
        "供应商报价比较",
        "Supplier quote comparison",
        [
            Column("supplier", "供应商", "Supplier"),
            Column("name", "名称", "Name"),
            Column("price", "单价", "Price", "price"),
            Column("min_qty", "起订数量", "From qty", "qty"),
            Column("valid_to", "有效期至", "Valid to", "date"),
        ],
        quote_rows,
    )
)
