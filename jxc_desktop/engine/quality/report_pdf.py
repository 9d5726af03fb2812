"""质检报告: a 质检单 printed with its results, the plan's criteria and the signatures.

Uses the printing framework (engine/printing): company header, header field grid, a
lines table with the heading repeated on every page, page x / n, a 草稿 watermark on
drafts. Quantities are in each line's unit; the pass rate is accepted ÷ inspected.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.documents import get_document
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing.formats import fmt_qty
from jxc_desktop.engine.printing.layout import PageSetup, body_width, build_pdf
from jxc_desktop.engine.printing.tables import TableColumn, data_table, fields_grid, signatures_row
from jxc_desktop.engine.quality import inspections, plans, stats
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Warehouse

STATUS = {
    "draft": ("草稿", "Draft"),
    "approved": ("已审核", "Approved"),
    "void": ("已作废", "Void"),
}


def _rate(accepted: Decimal, inspected: Decimal) -> str:
    rate = stats.pass_rate(accepted, inspected)
    return "" if rate is None else f"{rate}%"


def _rows(doc: Document) -> tuple[list[list[str]], list[str]]:
    lines = inspections.lines_of(doc)
    sources = inspections.source_lines(lines)
    results = inspections.results_of(doc)
    criteria = {}
    rows, sums = [], [Decimal(0)] * 4
    for line in lines:
        r, src = results.get(line.id), sources.get(line.source_line_id)
        if r is None or src is None:
            continue
        if r.stage and line.item_id not in criteria:
            plan = plans.plan_for(line.item_id, r.stage)
            criteria[line.item_id] = plan.criteria if plan else ""
        figures = [line.qty, r.accepted, r.rejected, r.concession]
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        rows.append(
            [
                str(line.line_no),
                f"{src.document.number} #{src.line_no}",
                line.item.code,
                line.item.name,
                f"{fmt_qty(line.qty)} / {fmt_qty(r.sample_size)}",
                *[fmt_qty(x) for x in figures[1:]],
                _rate(r.accepted, line.qty),
                r.defect_reason,
                criteria.get(line.item_id, ""),
            ]
        )
    totals = [tr("合计", "Total"), "", "", "", fmt_qty(sums[0])]
    totals += [fmt_qty(x) for x in sums[1:]] + [_rate(sums[1], sums[0]), "", ""]
    return rows, totals


def _quarantine_names(doc: Document) -> str:
    ids = {r.quarantine_warehouse_id for r in inspections.results_of(doc).values() if r.rejected}
    return "、".join(sorted(Warehouse.get_by_id(i).name for i in ids if i))


def _columns() -> list[TableColumn]:
    return [
        TableColumn(tr("序号", "No."), centred=True),
        TableColumn(tr("源单行", "Source line")),
        TableColumn(tr("商品编码", "Item")),
        TableColumn(tr("商品名称", "Name"), max_width=40 * mm),
        TableColumn(tr("检验/样本", "Inspected / sample"), True),
        TableColumn(tr("合格", "Accepted"), True),
        TableColumn(tr("不合格", "Rejected"), True),
        TableColumn(tr("让步接收", "Concession"), True),
        TableColumn(tr("合格率", "Pass rate"), True),
        TableColumn(tr("不良原因", "Defect reason"), max_width=35 * mm),
        TableColumn(tr("检验项目", "Criteria"), max_width=45 * mm),
    ]


def render_inspection(doc_id: int, path: str | Path) -> Path:
    """Writes the 质检单 `doc_id` as an A4 landscape 质检报告 at `path`."""
    doc = get_document(doc_id)
    if doc.doc_type != "ZJD":
        raise JxcError(tr("不是质检单：{n}", "Not an inspection: {n}", n=doc.number))
    setup = PageSetup(
        company=get_company().name,
        title=tr("质检报告", "Inspection report"),
        number=tr("单据编号：{n}", "No. {n}", n=doc.number),
        watermark="" if doc.status == "approved" else tr(*STATUS[doc.status]),
        landscape=True,
    )
    width = body_width(setup)
    rows, totals = _rows(doc)
    header = [
        (tr("日期", "Date"), doc.date.isoformat()),
        (tr("状态", "Status"), tr(*STATUS[doc.status])),
        (tr("供应商", "Supplier"), doc.partner.name if doc.partner_id else ""),
        (tr("源单", "Source"), doc.source.number if doc.source_id else ""),
        (tr("不合格品仓库", "Quarantine"), _quarantine_names(doc)),
    ]
    signatures = [
        (tr("检验员", "Inspector"), doc.maker.display_name if doc.maker_id else ""),
        (tr("审核", "Approved by"), doc.approver.display_name if doc.approver_id else ""),
        (tr("仓库", "Warehouse"), ""),
    ]
    story = [
        fields_grid(header, width),
        Spacer(1, 3 * mm),
        data_table(_columns(), rows, width, totals=totals),
        signatures_row(signatures, width),
    ]
    build_pdf(path, setup, story)
    return Path(path)
