"""Trade commands: `jxc print statement|contract`, and `jxc trade …` (next documents,
short close, price suggestions, requisition from alerts)."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal, InvalidOperation

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine.i18n import tr

# the trade papers (jxc_desktop.engine.printing.trade_papers.PAPERS; no reportlab import here)
PAPERS = ("contract", "quotation", "purchase-order", "delivery-note", "sales-slip")


def _what_help() -> str:
    return h(
        "要打印的内容：doc 单据、report 报表、statement 对账单、contract 合同、"
        "quotation 报价单、purchase-order 采购订单、delivery-note 送货单、sales-slip 销售单",
        "what to print: doc, report, statement (of account), contract, quotation, "
        "purchase-order, delivery-note, sales-slip",
    )


def _print_parser(sub) -> argparse.ArgumentParser | None:
    """The existing `print` parser, so `print statement|contract` sit beside `print doc`."""
    return sub.choices.get("print")


def register(sub) -> None:
    base = _print_parser(sub)
    if base is not None:
        # `print` takes a positional choice; widen it so statement / contract parse too
        for action in base._actions:
            if action.dest == "what":
                action.choices = [*action.choices, "statement", *PAPERS]
                action.help = _what_help()
            if action.dest == "name":  # `print statement --partner CODE` names no document
                action.nargs, action.default, action.required = "?", None, False
        previous = base.get_default("func")
        base.set_defaults(func=lambda args: _cmd_print(args, previous))
    _register_trade(sub)


def _register_trade(sub) -> None:
    p = add_command(
        sub,
        "trade",
        "采购与销售工具：生成下游单据、行关闭、建议价格、按预警生成申请、收款计划",
        "purchasing and sales tools: next documents, line close, prices, requisitions, plans",
    )
    p.add_argument(
        "action",
        choices=["next", "close-line", "reopen-line", "price", "requisition", "plan"],
        help=h(
            "next 生成下游单据（订单→出入库→发票→收付款）、close-line 关闭订单行、"
            "reopen-line 重新打开、price 建议价格、requisition 按库存预警生成采购申请、"
            "plan 收款计划",
            "next (order -> delivery -> invoice -> money), close-line, reopen-line, "
            "price (suggested), requisition (from stock alerts), plan (collection plan)",
        ),
    )
    p.add_argument(
        "number",
        nargs="?",
        help=h("单据编号（本系统或外部编号）", "document number (own or external)"),
    )
    p.add_argument("--line", type=int, help=h("订单行号（默认第 1 行）", "order line number"))
    p.add_argument("--reason", default="", help=h("close-line：关闭原因", "close-line: the reason"))
    p.add_argument(
        "--date", help=h("业务日期 YYYY-MM-DD，默认今天", "the date, YYYY-MM-DD; today by default")
    )
    p.add_argument(
        "--warehouse", help=h("next：出入库的仓库编码", "next: the warehouse of the delivery")
    )
    p.add_argument(
        "--partner", help=h("price：客户或供应商编码", "price: customer or supplier code")
    )
    p.add_argument("--item", help=h("price：商品编码", "price: item code"))
    p.add_argument(
        "--qty", default="1", help=h("price：数量（默认 1）", "price: quantity (1 by default)")
    )
    p.add_argument(
        "--instalment",
        action="append",
        default=[],
        metavar="DATE=AMOUNT",
        help=h(
            "plan：收款计划的一期，日期=金额（可重复；替换原计划）",
            "plan: one instalment of the collection plan (repeat; replaces the plan)",
        ),
    )
    p.set_defaults(func=cmd_trade)


def _cmd_print(args, previous) -> int:
    if args.what not in ("statement", *PAPERS):
        return previous(args)
    from jxc_desktop.cli.report_commands import params_from_args
    from jxc_desktop.engine.printing import trade_papers

    open_db(args)
    if args.what == "statement":
        # `jxc print statement --partner CODE`: the positional name is optional here
        params = params_from_args(args)
        params.partner = params.partner or args.name
        path = trade_papers.render_statement(params, args.output)
    else:
        from jxc_desktop.engine.documents import find_document

        path = trade_papers.render_paper(args.what, find_document(args.name).id, args.output)
    print(tr("已生成 {p}", "Written {p}", p=path))
    return 0


def _date(text):
    return dt.date.fromisoformat(text) if text else dt.date.today()


def cmd_trade(args) -> int:
    from jxc_desktop.engine.documents import find_document
    from jxc_desktop.engine.trade import execution, generate, pricing

    open_db(args)
    day = _date(args.date)
    if args.action == "requisition":
        doc = pricing.requisition_from_alerts(day)
        print(tr("已生成草稿 {n}", "Draft {n} saved", n=doc.number))
        return 0
    if args.action == "price":
        if args.partner and find_partner_kind(args.partner) == "supplier":
            value, source = pricing.suggest_purchase_price(args.partner, args.item, args.qty, day)
        else:
            value, source = pricing.suggest_sale_price(args.partner, args.item, args.qty, day)
        print(f"{value}\t{source}")
        return 0
    doc = find_document(args.number)
    if args.action == "plan":
        return _plan(doc, args.instalment)
    if args.action in ("close-line", "reopen-line"):
        line = doc.lines.where(doc.lines.model.line_no == (args.line or 1)).get()
        fn = execution.close_line if args.action == "close-line" else execution.reopen_line
        fn(line.id, args.reason, day) if args.action == "close-line" else fn(line.id)
        print(execution.status_label(execution.order_status(doc)))
        return 0
    if doc.doc_type in ("XSDD", "CGDD"):
        new = generate.order_to_delivery(doc.id, day, args.warehouse, save=True)
    elif doc.doc_type in generate.INVOICE_FOR:  # XSCK, CGRK, WWRK (its processing fee)
        new = generate.delivery_to_invoice(doc.id, day, save=True)
    else:
        new = generate.invoice_to_money(doc.id, day, save=True)
    print(tr("已生成草稿 {n}", "Draft {n} saved", n=new.number))
    return 0


def _plan(order, given: list[str]) -> int:
    """`jxc trade plan XSDD… [--instalment 2026-02-01=500 …]`: sets, then prints the plan."""
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.trade import collection_plan

    if given:
        instalments = []
        for text in given:
            day, _, amount = text.partition("=")
            try:
                instalments.append(
                    collection_plan.Instalment(dt.date.fromisoformat(day), Decimal(amount))
                )
            except (ValueError, InvalidOperation) as exc:
                raise JxcError(
                    tr("分期格式应为 日期=金额：{t}", "An instalment is DATE=AMOUNT: {t}", t=text)
                ) from exc
        collection_plan.set_plan(order.id, instalments)
    for inst in collection_plan.plan_of(order.id):
        print(f"{inst.due_date.isoformat()}\t{inst.amount}")
    return 0


def find_partner_kind(code: str) -> str:
    from jxc_desktop.engine import lookup

    return "customer" if lookup.partner_by_code(code, "customer") else "supplier"


def price_importer(kind: str):
    """`jxc import price-list|supplier-quotes FILE` (registered in data_commands)."""

    def run(path, args) -> str:
        from jxc_desktop.engine.trade.price_import import import_prices

        return tr("导入完成：{n} 条", "Import done: {n} rows", n=import_prices(kind, path))

    return run
