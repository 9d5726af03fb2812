"""jxc init | check | config | backup | restore."""

from __future__ import annotations

import sys

from jxc_desktop.cli import db_target, open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine.i18n import tr


def register(sub) -> None:
    p = add_command(sub, "init", "新建公司账套数据库", "create a company database")
    p.add_argument(
        "--demo",
        action="store_true",
        help=h("填入演示公司的数据（华兴商贸）", "fill it with the demo company"),
    )
    p.add_argument("--name", default=None, help=h("公司名称（默认：我的公司）", "company name"))
    p.add_argument(
        "--taxpayer",
        choices=["general", "small"],
        default="general",
        help=h(
            "纳税人类型：general 一般纳税人（默认）、small 小规模纳税人",
            "taxpayer type: general (default) or small (small-scale)",
        ),
    )
    p.add_argument(
        "--start-period",
        default="",
        help=h("启用期间 YYYY-MM，默认为本月", "YYYY-MM, this month by default"),
    )
    p.add_argument(
        "--valuation-method",
        default="moving_average",
        help=h(
            "新商品默认的计价方法（默认 moving_average 移动加权平均）",
            "default valuation method of new items (moving_average by default)",
        ),
    )
    p.add_argument(
        "--negative-stock",
        choices=["refuse", "allow"],
        default="refuse",
        help=h(
            "负库存：refuse 禁止（默认）或 allow 允许",
            "negative stock: refuse (default) or allow",
        ),
    )
    p.set_defaults(func=cmd_init)

    p = add_command(sub, "check", "检查账套：验证所有不变量", "verify every invariant")
    p.set_defaults(func=cmd_check)

    p = add_command(sub, "config", "查看或修改公司设置", "read or change company settings")
    p.add_argument(
        "action",
        choices=["get", "set", "list"],
        help=h("get 查看、set 修改、list 列出全部", "get, set, or list them all"),
    )
    p.add_argument(
        "key", nargs="?", help=h("设置项，如 negative_stock", "setting, e.g. negative_stock")
    )
    p.add_argument("value", nargs="?", help=h("新值（set 时）", "the new value (set)"))
    p.set_defaults(func=cmd_config)

    p = add_command(sub, "backup", "备份账套文件", "back up the company file")
    p.add_argument(
        "--output",
        "-o",
        default=None,
        help=h(
            "备份文件；不填则放在账套文件旁，名为 账套名-备份-日期-时间.sqlite",
            "the backup file; by default beside the company file, named "
            "NAME-backup-DATE-TIME.sqlite",
        ),
    )
    p.set_defaults(func=cmd_backup)

    p = add_command(
        sub,
        "restore",
        "用备份替换账套文件（原文件另存为 .bak；请先关闭正在使用该账套的程序）",
        "replace the company file with a backup (the old file is kept as .bak; close "
        "programs using the company first)",
    )
    p.add_argument("backup", help=h("备份文件", "the backup file"))
    p.set_defaults(func=cmd_restore)


def cmd_init(args) -> int:
    from jxc_desktop.engine.company import CompanySetup, init_company

    open_db(args, create=True)
    setup = CompanySetup(
        name=args.name or ("演示公司：华兴商贸有限公司" if args.demo else "我的公司"),
        taxpayer_type=args.taxpayer,
        start_period=args.start_period,
        valuation_method=args.valuation_method,
        negative_stock=args.negative_stock,
    )
    if args.demo:
        from jxc_desktop.engine.demo import build_demo

        build_demo(setup, close_past_months=True)
    else:
        init_company(setup)
    print(tr("已建账：{p}", "Company created: {p}", p=db_target(args)))
    return 0


def cmd_check(args) -> int:
    from jxc_desktop.engine.checks import run_all

    open_db(args)
    violations = run_all()
    if not violations:
        print(tr("检查通过：所有不变量成立。", "Check passed: every invariant holds."))
        return 0
    print(tr("发现 {n} 处违规：", "Violations found: {n}", n=len(violations)), file=sys.stderr)
    for name, text in violations:
        print(f"  [{name}] {text}", file=sys.stderr)
    return 1


def cmd_config(args) -> int:
    from jxc_desktop.engine import settings

    open_db(args)
    if args.action == "list":
        for key, value in settings.all_settings().items():
            print(f"{key}={value}")
    elif args.action == "get":
        if not args.key:
            raise SystemExit("jxc config get KEY")
        print(settings.get(args.key))
    else:
        if not args.key or args.value is None:
            raise SystemExit("jxc config set KEY VALUE")
        settings.set_value(args.key, args.value)
        print(f"{args.key}={settings.get(args.key)}")
    return 0


def cmd_backup(args) -> int:
    from pathlib import Path

    from jxc_desktop.engine import company_files

    source = db_target(args)
    target = args.output or str(Path(source).with_name(company_files.backup_name(source)))
    facts = company_files.backup(source, target)
    print(
        tr(
            "已备份账套“{c}”到 {p}（{s}，单据 {n} 张）",
            "Backed up company “{c}” to {p} ({s}, {n} documents)",
            c=facts.company,
            p=facts.path,
            s=facts.size_text,
            n=facts.documents,
        )
    )
    return 0


def cmd_restore(args) -> int:
    from pathlib import Path

    from jxc_desktop.engine import company_files

    target = db_target(args)
    facts = company_files.restorable(args.backup, target)
    if Path(target).is_file():
        current = company_files.inspect(target).company
        if current != facts.company:  # said, not refused: a script may mean it
            print(
                tr(
                    "注意：备份是另一个账套“{b}”，不是“{c}”",
                    "Note: the backup is of another company, “{b}”, not “{c}”",
                    b=facts.company,
                    c=current,
                ),
                file=sys.stderr,
            )
    kept = company_files.restore(args.backup, target)
    print(
        tr(
            "已用 {b} 恢复账套“{c}”到 {t}",
            "Restored company “{c}” from {b} to {t}",
            b=args.backup,
            c=facts.company,
            t=target,
        )
    )
    if kept is not None:
        print(tr("原账套文件另存为 {k}", "The replaced file is kept as {k}", k=kept))
    return 0
