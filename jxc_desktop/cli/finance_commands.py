"""jxc close YYYY-MM | jxc reopen YYYY-MM | jxc fx revalue YYYY-MM |
jxc voucher list|review|post|unreview|delete|print.

`jxc import vouchers FILE [--approve]` is registered in data_commands.IMPORTERS.
"""

from __future__ import annotations

import sys

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine.errors import JxcError, StateError
from jxc_desktop.engine.i18n import tr


def register(sub) -> None:
    p = add_command(
        sub,
        "close",
        "月末结账：检查、结转损益、锁定期间",
        "month-end close: checks, carry profit and loss forward, lock the month",
    )
    p.add_argument("period", help=h("要结账的期间 YYYY-MM", "the month to close, YYYY-MM"))
    p.set_defaults(func=cmd_close)
    p = add_command(
        sub, "reopen", "反结账：重新打开最近结账的月份", "re-open the latest closed month"
    )
    p.add_argument("period", help=h("要反结账的期间 YYYY-MM", "the month to re-open, YYYY-MM"))
    p.set_defaults(func=cmd_reopen)
    _register_fx(sub)
    _register_voucher(sub)


def _register_fx(sub) -> None:
    p = add_command(
        sub,
        "fx",
        "期末调汇：fx revalue YYYY-MM | fx flag 科目 [币种] | fx unflag 科目 | fx list",
        "period-end exchange revaluation: fx revalue YYYY-MM | fx flag CODE [CURRENCY] | "
        "fx unflag CODE | fx list",
    )
    p.add_argument(
        "action",
        choices=["revalue", "flag", "unflag", "list"],
        help=h(
            "revalue 调汇、flag 标记外币科目、unflag 取消标记、list 列出外币科目",
            "revalue, flag a foreign-currency account, unflag it, or list them",
        ),
    )
    p.add_argument(
        "target",
        nargs="?",
        help=h("期间 YYYY-MM（revalue）或科目编码", "YYYY-MM (revalue) or an account code"),
    )
    p.add_argument(
        "currency",
        nargs="?",
        default="",
        help=h("flag：该科目的币种，如 USD", "flag: the account's currency, e.g. USD"),
    )
    p.set_defaults(func=cmd_fx)


def _register_voucher(sub) -> None:
    p = add_command(
        sub,
        "voucher",
        "处理凭证：期间 凭证号，如 2026-01 记-0003",
        "act on a voucher: PERIOD NUMBER, e.g. 2026-01 3",
    )
    p.add_argument(
        "action",
        choices=["list", "review", "post", "unreview", "delete", "print", "renumber"],
        help=h(
            "list 列出、review 审核、post 记账、unreview 取消审核、delete 删除草稿、print 打印、"
            "renumber 凭证整理（按日期重排该期间的凭证号）",
            "list, review, post, unreview, delete (a draft), print, or renumber (the month's "
            "vouchers in date order)",
        ),
    )
    p.add_argument("period", nargs="?", help=h("期间 YYYY-MM", "the month, YYYY-MM"))
    p.add_argument(
        "number",
        nargs="?",
        help=h(
            "凭证号：记-0001 或 1（print 不填则打印全部）",
            "voucher number as shown, or just its digits: 1 (print: every voucher if omitted)",
        ),
    )
    p.add_argument("--output", "-o", help=h("print：输出的 PDF 文件", "print: the PDF to write"))
    p.add_argument(
        "--layout",
        default="a4",
        choices=["a4", "a5"],
        help=h(
            "print：a4 每张 A4 纸印两张凭证，a5 每张 A5 纸印一张",
            "print: a4 two vouchers per A4 page, a5 one per A5 page",
        ),
    )
    p.set_defaults(func=cmd_voucher)


def cmd_close(args) -> int:
    """Closes the month; the checklist's warnings (which the GUI asks about) go to stderr
    first: a script has nobody to ask, and the close is what it asked for."""
    from jxc_desktop.engine.finance.close_warnings import warnings
    from jxc_desktop.engine.finance.closing import close

    open_db(args)
    for text in warnings(args.period):
        print(tr("注意：{w}", "Note: {w}", w=text), file=sys.stderr)
    try:
        result = close(args.period)
    except StateError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    for line in result.messages:
        print(line)
    return 0


def cmd_fx(args) -> int:
    from jxc_desktop.engine.finance import fx

    open_db(args)
    if args.action == "list":
        for code, name, currency in fx.flagged_accounts():
            print(f"{code}\t{name}\t{currency}")
        return 0
    if not args.target:
        raise JxcError(tr("请给出期间或科目编码", "Give the period or the account code"))
    if args.action == "revalue":
        for line in fx.revalue(args.target):
            print(line)
        return 0
    fx.flag_account(args.target, args.currency, on=args.action == "flag")
    print(f"{args.action}: {args.target}")
    return 0


def cmd_reopen(args) -> int:
    from jxc_desktop.engine.finance.closing import reopen

    open_db(args)
    for line in reopen(args.period).messages:
        print(line)
    return 0


def _find(period: str, number: str):
    from jxc_desktop.models.finance import Voucher

    digits = number.split("-")[-1]
    voucher = None
    if digits.isdigit():
        voucher = Voucher.get_or_none((Voucher.period == period) & (Voucher.number == int(digits)))
    if voucher is None:
        raise JxcError(tr("找不到凭证 {p} {n}", "No voucher {p} {n}", p=period, n=number))
    return voucher


def cmd_voucher(args) -> int:
    from jxc_desktop.engine.finance import manual
    from jxc_desktop.models.finance import Voucher

    open_db(args)
    if args.action == "list":
        query = Voucher.select().order_by(Voucher.period, Voucher.number)
        if args.period:
            query = query.where(Voucher.period == args.period)
        for v in query:
            source = v.source.number if v.source_id else ""
            print(
                f"{v.period}\t{v.display_number}\t{v.date}\t{v.status}\t{v.kind}\t{source}\t{v.summary}"
            )
        return 0
    if args.action == "print":
        return _print(args)
    if args.action == "renumber":
        from jxc_desktop.engine.finance.renumber import renumber

        if not args.period:
            raise JxcError(tr("请给出期间", "Give the period"))
        for line in renumber(args.period).messages:
            print(line)
        return 0
    if not (args.period and args.number):
        raise JxcError(tr("请给出期间和凭证号", "Give the period and the voucher number"))
    voucher = _find(args.period, args.number)
    action = {
        "review": manual.review,
        "post": manual.post,
        "unreview": manual.unreview,
        "delete": manual.delete_draft,
    }[args.action]
    action(voucher.id)
    print(f"{args.action}: {voucher.period} {voucher.display_number}")
    return 0


def _print(args) -> int:
    """jxc voucher print PERIOD [NUMBER] --output FILE.pdf [--layout a4|a5]."""
    from jxc_desktop.engine.printing.voucher_pdf import render_vouchers
    from jxc_desktop.models.finance import Voucher

    if not (args.period and args.output):
        raise JxcError(tr("请给出期间和 --output", "Give the period and --output"))
    if args.number:
        ids = [_find(args.period, args.number).id]
    else:
        query = Voucher.select(Voucher.id).where(Voucher.period == args.period)
        ids = [v.id for v in query.order_by(Voucher.number)]
    path = render_vouchers(ids, args.output, args.layout)
    print(tr("已生成 {p}（{n} 张凭证）", "Written {p} ({n} vouchers)", p=path, n=len(ids)))
    return 0


def import_vouchers_cli(path, args) -> str:
    from jxc_desktop.engine.finance.import_vouchers import import_vouchers

    result = import_vouchers(path, approve=args.approve)
    return tr(
        "导入完成：{v} 张凭证，{n} 行，已记账 {p} 张",
        "Import done: {v} vouchers, {n} lines, {p} posted",
        v=result.vouchers,
        n=result.lines,
        p=result.posted,
    )
