"""`jxc`: the command line, a thin client of the engine (see DOMAIN.md, Interchange).

Each command module adds its sub-commands with `register(subparsers)`; errors are
printed to stderr in the chosen language and end with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys

from peewee import DatabaseError

from jxc_desktop.cli import argparse_i18n
from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.engine.i18n import set_language, tr

COMMAND_MODULES = [
    "jxc_desktop.cli.base_commands",
    "jxc_desktop.cli.doc_commands",
    "jxc_desktop.cli.report_commands",
    "jxc_desktop.cli.print_commands",
    "jxc_desktop.cli.data_commands",
    "jxc_desktop.cli.production_commands",
    "jxc_desktop.cli.trade_commands",
    "jxc_desktop.cli.finance_commands",
    "jxc_desktop.cli.quality_commands",
    "jxc_desktop.cli.capacity_commands",
]


def build_parser() -> argparse.ArgumentParser:
    h = argparse_i18n.h
    parser = argparse.ArgumentParser(
        prog="jxc",
        formatter_class=argparse_i18n.WideHelpFormatter,
        description=h(
            "jxc_desktop 进销存命令行：建账、导入导出、单据、报表、打印、结账",
            "jxc_desktop command line: company files, import and export, documents, "
            "reports, printing, month-end close",
        ),
        epilog=h(
            "用 jxc 命令 --help 查看某个命令的用法；加 --lang en 显示英文。",
            "Run jxc COMMAND --help for one command's options; --lang zh_CN shows Chinese.",
        ),
    )
    parser.add_argument(
        "--db",
        help=h(
            "公司账套数据库文件（或 postgresql:// 地址）；不填则用默认账套",
            "company database file (or postgresql:// URL); the default company if omitted",
        ),
    )
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        default="zh_CN",
        help=h("界面语言：zh_CN 中文（默认）或 en 英文", "language: zh_CN Chinese (default) or en"),
    )
    sub = parser.add_subparsers(dest="command", required=True, help=h("命令", "command"))
    for name in COMMAND_MODULES:
        module = __import__(name, fromlist=["register"])
        module.register(sub)
    return parser


def db_target(args) -> str:
    from jxc_desktop.engine.session import default_db_path

    return args.db or str(default_db_path())


def open_db(args, create: bool = False):
    from jxc_desktop.engine.session import open_company

    return open_company(db_target(args), create=create)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    argparse_i18n.install(argparse_i18n.language_of(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print(
            tr(
                "发现 {n} 个问题，未写入任何数据：",
                "Problems found: {n}; nothing was written:",
                n=len(exc.problems),
            ),
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except JxcError as exc:
        print(tr("错误：", "Error: ") + exc.message, file=sys.stderr)
        return 1
    except DatabaseError as exc:  # not a company file, or damaged
        print(
            tr("错误：无法读取数据库（{e}）", "Error: cannot read the database ({e})", e=exc),
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:  # `jxc ... | head`: the reader has gone; not an error of ours
        sys.stderr.close()
        return 0
    finally:
        from jxc_desktop.models.db import close_database

        close_database()


if __name__ == "__main__":
    sys.exit(main())
