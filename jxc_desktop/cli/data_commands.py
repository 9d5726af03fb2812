"""jxc import KIND FILE | jxc export NAME FILE | jxc template KIND FILE.

`jxc import` looks KIND up in IMPORTERS, so other modules add their kinds
("documents", "vouchers", "boms", ...) with one line: IMPORTERS["boms"] = fn, where
fn(path, args) does the import and returns the summary line to print. `--approve`
is accepted here for those kinds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.cli.finance_commands import import_vouchers_cli
from jxc_desktop.cli.trade_commands import price_importer
from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.engine.i18n import tr


def _sheet_importer(kind: str) -> Callable:
    def run(path: Path, args) -> str:
        from jxc_desktop.engine.excel_io import import_file

        result = import_file(kind, path, update=args.update)
        text = tr(
            "导入完成：新增 {c} 条，更新 {u} 条",
            "Import done: {c} created, {u} updated",
            c=result.created,
            u=result.updated,
        )
        if result.categories_created:
            text += tr("，新建分类 {n} 个", ", {n} categories created", n=result.categories_created)
        return text

    return run


def _documents_importer(path: Path, args) -> str:
    from jxc_desktop.engine.interchange.documents import import_documents

    result = import_documents(path, approve=args.approve)
    lines = [
        tr(
            "导入完成：{d} 张单据，{n} 行，已审核 {a} 张",
            "Import done: {d} documents, {n} lines, {a} approved",
            d=result.documents,
            n=result.lines,
            a=result.approved,
        )
    ]
    return "\n".join(lines + result.messages)


IMPORTERS: dict[str, Callable] = {
    "documents": _documents_importer,
    "items": _sheet_importer("items"),
    "customers": _sheet_importer("customers"),
    "suppliers": _sheet_importer("suppliers"),
    "warehouses": _sheet_importer("warehouses"),
    "vouchers": import_vouchers_cli,
}
IMPORTERS.update(__import__("jxc_desktop.cli.production_commands", fromlist=["x"]).IMPORTERS)
IMPORTERS.update(__import__("jxc_desktop.cli.capacity_commands", fromlist=["x"]).IMPORTERS)
IMPORTERS["price-list"] = price_importer("price-list")
IMPORTERS["supplier-quotes"] = price_importer("supplier-quotes")
IMPORTERS["inspection-plans"] = __import__(
    "jxc_desktop.cli.quality_commands", fromlist=["x"]
).import_plans


# the Chinese names of the import kinds, for `jxc import --help` (a kind added without
# one is listed by its code alone)
_KIND_NAMES = {
    "documents": "单据",
    "items": "商品",
    "customers": "客户",
    "suppliers": "供应商",
    "warehouses": "仓库",
    "vouchers": "凭证",
    "boms": "物料清单",
    "work-hours": "工时",
    "wip": "在产品",
    "work-calendar": "工作日历",
    "price-list": "价目表",
    "supplier-quotes": "供应商报价",
    "inspection-plans": "检验方案",
}


def register(sub) -> None:
    _register_import(sub)
    p = add_command(sub, "export", "把列表导出为 xlsx", "export a list to xlsx")
    p.add_argument(
        "name",
        help=h(
            "列表：items 商品 / customers 客户 / suppliers 供应商 / warehouses 仓库 / "
            "units 单位 / ……",
            "items / customers / suppliers / warehouses / units / ...",
        ),
    )
    p.add_argument("file", help=h("要写入的 xlsx 文件", "the xlsx to write"))
    p.add_argument(
        "--search",
        default="",
        help=h("编码前缀、名称片段或条码", "code prefix, name part or barcode"),
    )
    p.set_defaults(func=cmd_export)

    p = add_command(sub, "template", "生成空白导入模板", "write an empty import template")
    p.add_argument(
        "kind",
        help=h(
            "模板：items 商品 / customers 客户 / suppliers 供应商 / warehouses 仓库",
            "items / customers / suppliers / warehouses",
        ),
    )
    p.add_argument("file", help=h("要写入的模板文件", "the template file to write"))
    p.set_defaults(func=cmd_template)


def _register_import(sub) -> None:
    p = add_command(
        sub,
        "import",
        "导入电子表格（xlsx 或 UTF-8 编码的 csv）",
        "import a spreadsheet (xlsx or UTF-8 csv)",
    )
    zh = " / ".join(f"{k} {_KIND_NAMES.get(k, '')}".strip() for k in IMPORTERS)
    en = " / ".join(IMPORTERS)
    p.add_argument("kind", help=h(f"导入的内容：{zh}", f"what the sheet holds: {en}"))
    p.add_argument("file", help=h("xlsx 或 csv 文件", "the xlsx or csv file"))
    p.add_argument(
        "--update",
        action="store_true",
        help=h("编码已存在的记录按表格更新", "existing codes update their records"),
    )
    p.add_argument(
        "--approve",
        action="store_true",
        help=h(
            "导入后审核单据（凭证：审核并记账）",
            "approve imported documents (vouchers: review and post)",
        ),
    )
    p.add_argument(
        "--errors",
        metavar="FILE",
        help=h("同时把问题清单写入这个 xlsx", "also write the problems to this xlsx"),
    )
    p.set_defaults(func=cmd_import)


def _unknown(kind: str, known) -> JxcError:
    return JxcError(
        tr("未知的类型 {k}；可用: {a}", "Unknown kind {k}; known: {a}", k=kind, a=", ".join(known))
    )


def cmd_import(args) -> int:
    if args.kind not in IMPORTERS:
        raise _unknown(args.kind, IMPORTERS)
    open_db(args)
    path = Path(args.file)
    try:
        summary = IMPORTERS[args.kind](path, args)
    except ValidationError as exc:
        if args.errors:
            from jxc_desktop.engine.excel_io import write_error_report

            report = write_error_report(exc.problems, Path(args.errors))
            print(tr("错误报告：{p}", "Error report: {p}", p=report), file=sys.stderr)
        raise
    print(summary)
    return 0


def cmd_export(args) -> int:
    from jxc_desktop.engine import excel_io, listing

    if args.name not in listing.LISTS:
        raise _unknown(args.name, sorted(listing.LISTS))
    open_db(args)
    n = excel_io.export_list(args.name, Path(args.file), args.search)
    print(tr("已导出 {n} 行：{p}", "Exported {n} rows: {p}", n=n, p=args.file))
    return 0


def cmd_template(args) -> int:
    from jxc_desktop.engine import excel_io

    if args.kind not in excel_io.SHEET_KINDS:
        raise _unknown(args.kind, excel_io.SHEET_KINDS)
    path = excel_io.write_template(args.kind, Path(args.file))
    print(tr("已生成模板：{p}", "Template written: {p}", p=path))
    return 0
