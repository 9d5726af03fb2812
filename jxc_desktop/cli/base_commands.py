"""jxc init | check | config."""

from __future__ import annotations

import sys

from jxc_desktop.cli import db_target, open_db
from jxc_desktop.engine.i18n import tr


def register(sub) -> None:
    p = sub.add_parser("init", help="create a company database")
    p.add_argument("--demo", action="store_true", help="fill it with the demo company")
    p.add_argument("--name", default=None)
    p.add_argument("--taxpayer", choices=["general", "small"], default="general")
    p.add_argument("--start-period", default="", help="YYYY-MM, this month by default")
    p.add_argument("--valuation-method", default="moving_average")
    p.add_argument("--negative-stock", choices=["refuse", "allow"], default="refuse")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="verify every invariant")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("config", help="read or change company settings")
    p.add_argument("action", choices=["get", "set", "list"])
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_config)


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
