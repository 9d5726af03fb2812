"""jxc print doc|report … --output FILE.pdf, and jxc labels … --output FILE.pdf."""

from __future__ import annotations

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr


def register(sub) -> None:
    p = add_command(sub, "print", "把单据或报表打印为 PDF", "print a document or a report to PDF")
    p.add_argument(
        "what",
        choices=["doc", "report"],
        help=h("要打印的内容：doc 单据、report 报表 ……", "what to print: doc, report, …"),
    )
    p.add_argument(
        "name",
        help=h(
            "单据编号（本系统或外部编号）/ 报表名",
            "document number (own or external) / report name",
        ),
    )
    p.add_argument("--output", "-o", required=True, help=h("输出的 PDF 文件", "the PDF to write"))
    p.add_argument(
        "--from", dest="date_from", help=h("开始日期 YYYY-MM-DD", "first day, YYYY-MM-DD")
    )
    p.add_argument("--to", dest="date_to", help=h("截止日期 YYYY-MM-DD", "last day, YYYY-MM-DD"))
    p.add_argument("--period", help=h("会计期间 YYYY-MM", "the month, YYYY-MM"))
    p.add_argument("--item", help=h("商品编码", "item code"))
    p.add_argument("--warehouse", help=h("仓库编码", "warehouse code"))
    p.add_argument("--partner", help=h("往来单位编码", "partner code"))
    p.add_argument(
        "--option",
        action="append",
        default=[],
        help=h("报表选项 KEY=VALUE（可重复）", "report option KEY=VALUE (repeatable)"),
    )
    p.set_defaults(func=cmd_print)
    _register_labels(sub)


def _register_labels(sub) -> None:
    p = add_command(sub, "labels", "把条码标签打印为 PDF", "print barcode labels to PDF")
    p.add_argument(
        "--doc", help=h("为该单据的每一行打印标签", "labels for every line of this document")
    )
    p.add_argument(
        "--item",
        action="append",
        default=[],
        help=h("商品编码（可重复）", "item code (repeatable)"),
    )
    p.add_argument(
        "--qty", type=int, default=1, help=h("每个 --item 的标签张数", "labels per --item")
    )
    p.add_argument(
        "--layout",
        help=h(
            "标签版式：roll-50x30 / roll-40x30 / a4-3x8，自定义单张 60x40（毫米），"
            "自定义整张 a4:3x8、a4:2x7 或 a4:3x8:63.5x33.9；不填则用图形界面上次所用的版式",
            "label layout: roll-50x30 / roll-40x30 / a4-3x8, a custom size 60x40 (mm), "
            "a custom sheet a4:3x8, a4:2x7 or a4:3x8:63.5x33.9; default: the one the GUI used last",
        ),
    )
    p.add_argument(
        "--margin",
        metavar="L,T",
        help=h("整张标签纸的页边距：左,上（毫米）", "page margins of a label sheet: left,top (mm)"),
    )
    p.add_argument(
        "--gap",
        metavar="X,Y",
        help=h(
            "整张标签纸上标签的间距：横,纵（毫米）",
            "gaps between the labels of a sheet: across,down (mm)",
        ),
    )
    p.add_argument(
        "--symbology",
        default="auto",
        choices=["auto", "code128", "ean13", "qr"],
        help=h(
            "条码类型（auto：EAN-13 条码用 EAN-13，中文用二维码）",
            "barcode type (auto: EAN-13 for EAN codes, QR for Chinese)",
        ),
    )
    p.add_argument("--no-price", action="store_true", help=h("不打印售价", "leave the price out"))
    p.add_argument("--output", "-o", required=True, help=h("输出的 PDF 文件", "the PDF to write"))
    p.set_defaults(func=cmd_labels)


def cmd_print(args) -> int:
    open_db(args)
    if args.what == "doc":
        from jxc_desktop.engine.documents import find_document
        from jxc_desktop.engine.printing.document_pdf import render_document

        path = render_document(find_document(args.name).id, args.output)
    else:
        from jxc_desktop.cli.report_commands import params_from_args
        from jxc_desktop.engine.printing.report_pdf import render_report
        from jxc_desktop.engine.reports import load_all

        report = load_all().get(args.name)
        if report is None:
            raise JxcError(tr("未知报表 {n}", "Unknown report {n}", n=args.name))
        params = params_from_args(args)
        path = render_report(report, report.run(params), params, args.output)
    print(tr("已生成 {p}", "Written {p}", p=path))
    return 0


def cmd_labels(args) -> int:
    from jxc_desktop.engine import lookup
    from jxc_desktop.engine.printing.labels import LabelOptions, labels_for_document, render_labels

    open_db(args)
    requests = []
    if args.doc:
        from jxc_desktop.engine.documents import find_document

        requests += labels_for_document(find_document(args.doc).id)
    for code in args.item:
        item = lookup.item_by_code(code)
        if item is None:
            raise JxcError(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=code))
        requests.append((item, args.qty))
    if not requests:
        raise JxcError(
            tr("请用 --doc 或 --item 指定要打印的标签", "Name labels with --doc or --item")
        )
    options = LabelOptions(symbology=args.symbology, show_price=not args.no_price)
    layout = label_spec(args)
    count = render_labels(requests, layout, args.output, options)
    print(tr("已生成 {n} 张标签：{p}", "{n} labels written: {p}", n=count, p=args.output))
    return 0


def label_spec(args) -> str:
    """The layout spec: --layout (else the one used last) with --margin / --gap added."""
    from jxc_desktop.engine import settings

    spec = args.layout or settings.get("label_layout")
    for key in ("margin", "gap"):
        value = getattr(args, key)
        if value:
            spec += f";{key}={value}"
    return spec
