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


def register(sub) -> None:
    p = sub.add_parser("import", help="import a spreadsheet (xlsx or UTF-8 csv)")
    p.add_argument("kind", help="items / customers / suppliers / warehouses / ...")
    p.add_argument("file")
    p.add_argument("--update", action="store_true", help="existing codes update their records")
    p.add_argument("--approve", action="store_true", help="approve imported documents")
    p.add_argument("--errors", metavar="FILE", help="also write the problems to this xlsx")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export a list to xlsx")
    p.add_argument("name", help="items / customers / suppliers / warehouses / units / ...")
    p.add_argument("file")
    p.add_argument("--search", default="", help="code prefix, name part or barcode")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("template", help="write an empty import template")
    p.add_argument("kind", help="items / customers / suppliers / warehouses")
    p.add_argument("file")
    p.set_defaults(func=cmd_template)


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
