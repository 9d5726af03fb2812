"""质检单 ZJD: inspecting a purchase receipt, a work order or a finished goods receipt.

A 质检单 is an ordinary document (see engine/documents.py). Each line names the line it
inspects (source_line: a CGRK, SCDD or CPRK line; the source decides the stage) and
carries the inspected quantity in `qty`, in the line's unit. Its results (sample size,
accepted, rejected, 让步接收 concession, defect reason, the quarantine warehouse) are an
`InspectionResult` row written with the draft: accepted + rejected + concession =
inspected, and a source line is never inspected beyond its quantity (approved
inspections count). Approving moves the rejected quantity of a receipt to the quarantine
warehouse (postings.py).

Results travel on `LineInput.extra["result"]` as a `ResultInput`, so the GUI, the
generator below and `jxc import documents` all save through `save_inspection`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents, money
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import Problem, ValidationError, require
from jxc_desktop.engine.excel_read import cell_number, cell_text
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.quality import plans
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Partner, Unit
from jxc_desktop.models.quality import InspectionResult

STOCK_SOURCES = ("CGRK", "CPRK")  # inspected goods sit in the source's warehouse


@dataclass
class ResultInput:
    """A line's results as a user or a sheet gives them, in the line's unit."""

    accepted: Decimal | str | int = 0
    rejected: Decimal | str | int = 0
    concession: Decimal | str | int = 0
    sample_size: Decimal | str | int | None = None  # None: from the item's plan
    defect_reason: str = ""


def _where(no: int) -> str:
    return tr("第 {n} 行", "line {n}", n=no)


def _qty(value, no: int, label: str, problems: list[Problem]) -> Decimal:
    try:
        d = money.D(value if value not in (None, "") else 0)
    except money.NotExactNumber:
        problems.append(Problem(f"{label}: " + tr("不是有效的数字", "not a number"), _where(no)))
        return Decimal(0)
    if d < 0 or money.places_of(d) > money.QTY_PLACES:
        problems.append(
            Problem(
                f"{label}: "
                + tr("应为不超过 4 位小数的非负数", "must be non-negative, at most 4 decimals"),
                _where(no),
            )
        )
        return Decimal(0)
    return d


def _read_results(data: DocumentInput, problems: list[Problem]) -> list[dict | None]:
    """Each line's results as field values; problems are collected, not raised."""
    out = []
    for no, line in enumerate(data.lines, start=1):
        r = line.extra.get("result")
        if r is None:
            problems.append(Problem(tr("未录入检验结果", "No inspection results"), _where(no)))
            out.append(None)
            continue
        start = len(problems)
        row = {
            "accepted": _qty(r.accepted, no, tr("合格数量", "accepted"), problems),
            "rejected": _qty(r.rejected, no, tr("不合格数量", "rejected"), problems),
            "concession": _qty(r.concession, no, tr("让步接收数量", "concession"), problems),
            "sample_size": None
            if r.sample_size in (None, "")
            else _qty(r.sample_size, no, tr("样本量", "sample size"), problems),
            "defect_reason": (r.defect_reason or "").strip(),
        }
        if line.extra.get("row"):  # an imported line: name its spreadsheet row
            problems[start:] = [
                Problem(p.message, p.field, line.extra["row"], p.column) for p in problems[start:]
            ]
        out.append(row)
    return out


def _supplier_of(data: DocumentInput):
    """The supplier of the receipts the lines inspect, when they all share one."""
    ids = {
        line.source_line.document.partner_id
        for line in data.lines
        if line.source_line is not None and line.source_line.document.doc_type == "CGRK"
    }
    return ids.pop() if len(ids) == 1 else None


def save_inspection(data: DocumentInput, doc_id: int | None = None) -> Document:
    """Saves a 质检单 draft with its results (LineInput.extra["result"]); all or nothing."""
    problems: list[Problem] = []
    results = _read_results(data, problems)
    if data.partner is None:
        supplier = _supplier_of(data)
        data.partner = None if supplier is None else Partner.get_by_id(supplier)
    with write_transaction():
        try:
            doc = documents.save_draft(data, doc_id)
        except ValidationError as exc:
            raise ValidationError(problems + exc.problems) from exc
        require(problems)
        lines = lines_of(doc)
        sources = source_lines(lines)
        _write_results(doc, results, lines, sources)
        require(check(doc, lines, sources))
    return doc


def _write_results(doc: Document, results: list[dict], lines: list, sources: dict) -> None:
    """One result row per line: the sample from the plan unless given, the quarantine
    warehouse from the header (调入仓库), else the plan, else the company default."""
    stages = {
        line.id: plans.STAGE_OF_SOURCE.get(sources[line.source_line_id].document.doc_type, "")
        if line.source_line_id in sources
        else ""
        for line in lines
    }
    by_stage = {
        stage: plans.plans_for([x.item_id for x in lines if stages[x.id] == stage], stage)
        for stage in set(stages.values())
        if stage
    }
    default = plans.default_quarantine()
    rows = []
    for line, row in zip(lines, results, strict=True):
        stage = stages[line.id]
        plan = by_stage.get(stage, {}).get(line.item_id)
        if row["sample_size"] is None:
            row["sample_size"] = plans.sample_size(plan, line.qty)
        quarantine = doc.dest_warehouse_id
        if quarantine is None and stage:
            quarantine = (plan.quarantine_warehouse_id if plan else None) or (
                default.id if default else None
            )
        rows.append({"line": line.id, "stage": stage, "quarantine_warehouse": quarantine, **row})
    for start in range(0, len(rows), 200):
        InspectionResult.insert_many(rows[start : start + 200]).execute()


def lines_of(doc: Document) -> list[DocumentLine]:
    """A document's lines with their items, in line order (one query)."""
    return list(
        DocumentLine.select(
            DocumentLine.id,
            DocumentLine.line_no,
            DocumentLine.item,
            DocumentLine.unit,
            DocumentLine.qty,
            DocumentLine.base_qty,
            DocumentLine.source_line,
            Item.id,
            Item.code,
            Item.name,
            Item.serial_managed,
            # the ledger values and allocates by these: a model left without them would
            # silently carry the field defaults (moving average, no batches)
            Item.valuation_method,
            Item.batch_managed,
            Item.shelf_life_days,
        )
        .join(Item)
        .where(DocumentLine.document == doc)
        .order_by(DocumentLine.line_no)
    )


# what the checks, the posting and the follow-up documents read of an inspected line
_SOURCE_FIELDS = (
    DocumentLine.id,
    DocumentLine.line_no,
    DocumentLine.item,
    DocumentLine.unit,
    DocumentLine.qty,
    DocumentLine.base_qty,
    DocumentLine.price,
    DocumentLine.tax_rate,
    DocumentLine.location,
    DocumentLine.batch_no,
    Document.id,
    Document.doc_type,
    Document.number,
    Document.status,
    Document.warehouse,
    Document.partner,
    Document.currency,
    Document.exchange_rate,
)


def source_lines(lines: list[DocumentLine]) -> dict[int, DocumentLine]:
    """The lines these lines name as source, with their documents, by id."""
    ids, out = sorted({x.source_line_id for x in lines if x.source_line_id}), {}
    for start in range(0, len(ids), 500):
        query = (
            DocumentLine.select(*_SOURCE_FIELDS)
            .join(Document)
            .where(DocumentLine.id.in_(ids[start : start + 500]))
        )
        out.update({src.id: src for src in query})
    return out


def results_of(doc: Document) -> dict[int, InspectionResult]:
    """The results of a 质检单's lines by line id."""
    ids = DocumentLine.select(DocumentLine.id).where(DocumentLine.document == doc)
    return {r.line_id: r for r in InspectionResult.select().where(InspectionResult.line.in_(ids))}


def inspected(source_line_ids: list[int], exclude_doc: int | None = None) -> dict[int, Decimal]:
    """Base quantity already inspected per source line by approved 质检单s."""
    out = {i: Decimal(0) for i in source_line_ids}
    for start in range(0, len(source_line_ids), 500):
        chunk = source_line_ids[start : start + 500]
        rows = execute(
            "SELECT l.source_line_id, SUM(l.base_qty) FROM document_line l JOIN document d "
            "ON d.id = l.document_id WHERE d.doc_type = 'ZJD' AND d.status = 'approved' "
            f"AND d.id <> ? AND l.source_line_id IN ({','.join('?' * len(chunk))}) "
            "GROUP BY l.source_line_id",
            [exclude_doc or 0, *chunk],
        ).fetchall()
        out.update({r[0]: money.from_scaled(r[1] or 0, money.QTY_PLACES) for r in rows})
    return out


def _line_problems(line: DocumentLine, src: DocumentLine | None, r) -> list[str]:
    if src is None or src.document.doc_type not in plans.STAGE_OF_SOURCE:
        return [
            tr(
                "须指明所检验的采购入库、生产订单或产品入库",
                "must name the purchase receipt, work order or finished goods receipt it inspects",
            )
        ]
    out = []
    if src.document.status != "approved":
        out.append(tr("源单 {n} 未审核", "source {n} is not approved", n=src.document.number))
    if src.item_id != line.item_id:
        out.append(tr("商品与源单行不一致", "the item differs from the source line's"))
    if r is None:
        return out + [tr("未录入检验结果", "no inspection results")]
    if line.qty <= 0:
        out.append(tr("检验数量必须大于 0", "the inspected quantity must be greater than 0"))
    if r.accepted + r.rejected + r.concession != line.qty:
        out.append(
            tr(
                "合格 {a} + 不合格 {r} + 让步接收 {c} 应等于检验数量 {q}",
                "accepted {a} + rejected {r} + concession {c} must equal the inspected {q}",
                a=money.format_qty(r.accepted),
                r=money.format_qty(r.rejected),
                c=money.format_qty(r.concession),
                q=money.format_qty(line.qty),
            )
        )
    if r.sample_size > line.qty:
        out.append(tr("样本量大于检验数量", "the sample is larger than the inspected quantity"))
    if r.rejected > 0 and src.document.doc_type in STOCK_SOURCES:
        out += _quarantine_problems(src, line.item, r)
    return out


def _quarantine_problems(src: DocumentLine, item: Item, r: InspectionResult) -> list[str]:
    if r.quarantine_warehouse_id is None:
        return [
            tr(
                "未设置不合格品仓库（检验方案或 quarantine_warehouse 设置）",
                "no quarantine warehouse (set it on the plan or as quarantine_warehouse)",
            )
        ]
    if r.quarantine_warehouse_id == src.document.warehouse_id:
        return [
            tr(
                "不合格品仓库与入库仓库相同",
                "the quarantine warehouse is the receipt's own warehouse",
            )
        ]
    if item.serial_managed:
        return [
            tr(
                "序列号商品的不合格品请用调拨单转入不合格品仓库",
                "move rejected serial-numbered goods with a transfer (调拨单)",
            )
        ]
    return []


def check(doc: Document, lines: list | None = None, sources: dict | None = None) -> list[Problem]:
    """Every problem of a 质检单: results, sources, and quantities not yet inspected."""
    problems: list[Problem] = []
    results = results_of(doc)
    wanted: dict[int, Decimal] = {}
    lines = lines_of(doc) if lines is None else lines
    sources = source_lines(lines) if sources is None else sources
    for line in lines:
        src = sources.get(line.source_line_id)
        for message in _line_problems(line, src, results.get(line.id)):
            problems.append(Problem(message, _where(line.line_no)))
        if src is not None:
            wanted[src.id] = wanted.get(src.id, 0) + line.base_qty
    done = inspected(list(wanted), doc.id)
    for src_id, this in wanted.items():
        src = sources[src_id]
        if done[src_id] + this > src.base_qty:
            problems.append(
                Problem(
                    tr(
                        "超出未检数量：{n} 第 {l} 行 数量 {q}，已检 {d}，本单 {t}",
                        "More than not yet inspected: {n} line {l} qty {q}, inspected {d}, "
                        "this {t}",
                        n=src.document.number,
                        l=src.line_no,
                        q=money.format_qty(src.base_qty),
                        d=money.format_qty(done[src_id]),
                        t=money.format_qty(this),
                    )
                )
            )
    return problems


def rejected_base(line: DocumentLine, r: InspectionResult) -> Decimal:
    """The rejected quantity in the item's base unit."""
    if line.qty == r.rejected:
        return line.base_qty
    return money.qty(r.rejected * line.base_qty / line.qty)


def from_source(number: str, date: dt.date | None = None) -> DocumentInput:
    """A 质检单 input for what a receipt or work order has not had inspected yet.

    Every line starts fully accepted with the plan's sample size; the user (or the
    caller) enters the rejected and concession quantities before saving.
    """
    src = documents.find_document(number)
    if src.doc_type not in plans.STAGE_OF_SOURCE or src.status != "approved":
        raise ValidationError(
            [
                Problem(
                    tr(
                        "只能对已审核的采购入库、生产订单或产品入库生成质检单：{n}",
                        "Only an approved purchase receipt, work order or finished goods "
                        "receipt can be inspected: {n}",
                        n=src.number,
                    )
                )
            ]
        )
    lines = list(
        DocumentLine.select(DocumentLine, Item, Unit)
        .join(Item)
        .switch(DocumentLine)
        .join(Unit)
        .where(DocumentLine.document == src)
        .order_by(DocumentLine.line_no)
    )
    done = inspected([line.id for line in lines])
    stage = plans.STAGE_OF_SOURCE[src.doc_type]
    by_item = plans.plans_for([line.item_id for line in lines], stage)
    inputs = []
    for line in lines:
        left_base = line.base_qty - done[line.id]
        if left_base <= 0:
            continue
        left = line.qty if done[line.id] == 0 else money.qty(left_base * line.qty / line.base_qty)
        sample = plans.sample_size(by_item.get(line.item_id), left)
        inputs.append(
            LineInput(
                item=line.item,
                qty=left,
                unit=line.unit,
                batch_no=line.batch_no,
                source_line=line,
                extra={"result": ResultInput(accepted=left, sample_size=sample)},
            )
        )
    if not inputs:
        raise ValidationError(
            [Problem(tr("{n} 已全部检验", "{n} is fully inspected", n=src.number))]
        )
    partner = src.partner if src.doc_type == "CGRK" else None
    return DocumentInput("ZJD", date or src.date, inputs, partner=partner, source=src)


# the extra columns of `jxc import documents` for 质检单 rows
IMPORT_COLUMNS = ["合格数量", "不合格数量", "让步接收数量", "不良原因"]


def result_cells(row, problems: list[Problem]) -> ResultInput:
    """A 质检单 row's results from its sheet cells; bad numbers are reported by column."""
    values = {}
    for col in IMPORT_COLUMNS[:3]:
        value = cell_number(row.cells.get(col))
        if isinstance(value, str) or (value is not None and value < 0):
            problems.append(
                Problem(
                    tr("应为非负数：{v}", "must be a non-negative number: {v}", v=value),
                    row=row.number,
                    column=col,
                )
            )
            value = None
        values[col] = value if value is not None else Decimal(0)
    return ResultInput(
        accepted=values["合格数量"],
        rejected=values["不合格数量"],
        concession=values["让步接收数量"],
        defect_reason=cell_text(row.cells.get("不良原因")),
    )


def load(doc_id: int) -> tuple[DocumentInput, str]:
    """A saved 质检单 as an input to edit (results on the lines) and its status."""
    doc = documents.get_document(doc_id)
    results = results_of(doc)
    lines = []
    for line in (
        DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    ):
        r = results.get(line.id)
        result = (
            ResultInput(r.accepted, r.rejected, r.concession, r.sample_size, r.defect_reason)
            if r
            else ResultInput()
        )
        lines.append(
            LineInput(
                item=line.item,
                qty=line.qty,
                unit=line.unit,
                batch_no=line.batch_no,
                source_line=line.source_line,
                remarks=line.remarks,
                extra={"result": result},
            )
        )
    data = DocumentInput(
        "ZJD",
        doc.date,
        lines,
        partner=doc.partner,
        dest_warehouse=doc.dest_warehouse,
        source=doc.source,
        remarks=doc.remarks,
        external_number=doc.external_number,
    )
    return data, doc.status
