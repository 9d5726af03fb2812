"""`jxc import documents`: the one sheet format that carries every document type.

Rows with the same 单据类型 + 单据编号 form one document, in file order; 单据编号 is kept
as the document's external number. The whole file is validated first and every bad
row reported (row, column, reason); then, in one transaction, the documents are saved
and, with `approve`, approved in date-and-time order, so a backdated document
re-values later ones exactly as in the GUI. Any refusal leaves nothing of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from jxc_desktop.engine import documents, lookup, money
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.errors import FIELD_NAMES, JxcError, Problem, ValidationError
from jxc_desktop.engine.excel_read import SheetRow, cell_number, cell_text, read_rows
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import serials as serial_rules
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine

COLUMNS = [
    "单据类型",
    "单据编号",
    "日期",
    "时间",
    "往来单位",
    "仓库",
    "调入仓库",
    "库位",
    "调入库位",
    "商品编码",
    "数量",
    "单位",
    "单价",
    "含税单价",
    "税率",
    "批次",
    "生产日期",
    "有效期至",
    "序列号",
    "金额",
    "账户",
    "源单编号",
    "交货日期",
    "成本对象",
    "币种",
    "汇率",
    "备注",
    *["合格数量", "不合格数量", "让步接收数量", "不良原因"],  # 质检单 ZJD results (quality)
]
REQUIRED = ["单据类型", "单据编号", "日期"]
# header fields: all rows of one document must agree on them
HEADER_COLUMNS = ["日期", "时间", "往来单位", "仓库", "调入仓库", "币种", "汇率"]
# documents whose lines name other items than the ones that follow them: a material issue
# names its work order (the product), an outsourcing send names its outsourcing order
ORDERS_FOR_OTHER_ITEMS = {"SCDD", "WWDD"}
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")


@dataclass
class ImportResult:
    documents: int = 0
    lines: int = 0
    approved: int = 0
    numbers: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass
class _Group:
    doc_type: str
    external: str
    rows: list[SheetRow] = field(default_factory=list)
    order: int = 0
    serials: set = field(default_factory=set)  # (item id, serial) named so far


def _text(row: SheetRow, col: str) -> str:
    return cell_text(row.cells.get(col))


def _date(row: SheetRow, col: str, problems: list[Problem], required=False) -> dt.date | None:
    value = row.cells.get(col)
    if value is None:
        if required:
            problems.append(Problem(tr("必填", "required"), row=row.number, column=col))
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(cell_text(value))
    except ValueError:
        problems.append(
            Problem(
                tr("日期应为 YYYY-MM-DD", "a date must be YYYY-MM-DD"), row=row.number, column=col
            )
        )
        return None


def _number(row: SheetRow, col: str, problems: list[Problem], places: int, negative=False):
    value = cell_number(row.cells.get(col))
    if value is None:
        return None
    if isinstance(value, str):
        problems.append(
            Problem(
                tr("不是有效的数字：{v}", "not a plain decimal number: {v}", v=value),
                row=row.number,
                column=col,
            )
        )
        return None
    if value < 0 and not negative:
        problems.append(Problem(tr("不能为负数", "cannot be negative"), row=row.number, column=col))
        return None
    if money.places_of(value) > places:
        problems.append(
            Problem(
                tr("最多 {p} 位小数", "at most {p} decimal places", p=places),
                row=row.number,
                column=col,
            )
        )
        return None
    return value


def _group_rows(rows: list[SheetRow], problems: list[Problem]) -> list[_Group]:
    groups: dict[tuple, _Group] = {}
    for row in rows:
        doc_type = _text(row, "单据类型").upper()
        external = _text(row, "单据编号")
        if doc_type not in DOC_TYPES:
            problems.append(
                Problem(
                    tr("未知的单据类型 {t}", "unknown document type {t}", t=doc_type or "-"),
                    row=row.number,
                    column="单据类型",
                )
            )
            continue
        if not external:
            problems.append(Problem(tr("必填", "required"), row=row.number, column="单据编号"))
            continue
        group = groups.setdefault(
            (doc_type, external), _Group(doc_type, external, order=len(groups))
        )
        group.rows.append(row)
    return list(groups.values())


def _check_group_header(group: _Group, problems: list[Problem]) -> None:
    first = group.rows[0]
    for row in group.rows[1:]:
        for col in HEADER_COLUMNS:
            a, b = cell_text(first.cells.get(col)), cell_text(row.cells.get(col))
            if b and a != b:
                problems.append(
                    Problem(
                        tr(
                            "与本单第一行（第 {r} 行）不一致：{a}",
                            "differs from the document's first row (row {r}): {a}",
                            r=first.number,
                            a=a or "-",
                        ),
                        row=row.number,
                        column=col,
                    )
                )
    exists = (
        Document.select()
        .where((Document.doc_type == group.doc_type) & (Document.external_number == group.external))
        .exists()
    )
    if exists:
        problems.append(
            Problem(
                tr("该外部单号已导入过", "this external number was already imported"),
                row=first.number,
                column="单据编号",
            )
        )


def _source_line(
    number: str, item, row: SheetRow, problems: list[Problem], created: dict
) -> DocumentLine | None:
    """The line of the source document (by own or external number) for this item."""
    doc = created.get(number)
    if doc is None:
        try:
            doc = documents.find_document(number)
        except JxcError:
            problems.append(
                Problem(
                    tr("源单 {n} 不存在", "source document {n} does not exist", n=number),
                    row=row.number,
                    column="源单编号",
                )
            )
            return None
    query = DocumentLine.select().where(DocumentLine.document == doc)
    if item is not None and doc.doc_type not in ORDERS_FOR_OTHER_ITEMS:
        query = query.where(DocumentLine.item == item)
    line = query.order_by(DocumentLine.line_no).first()
    if line is None and doc.doc_type == "SCDD":  # a material issue names its work order
        line = DocumentLine.select().where(DocumentLine.document == doc).first()
    if line is None:
        problems.append(
            Problem(
                tr(
                    "源单 {n} 中没有该商品",
                    "source document {n} has no line for this item",
                    n=number,
                ),
                row=row.number,
                column="源单编号",
            )
        )
    return line


def _line(group: _Group, row: SheetRow, header: dict, problems: list[Problem], created: dict):
    dtype = DOC_TYPES[group.doc_type]
    line = documents.LineInput(extra={"row": row.number})
    line.remarks = _text(row, "备注")
    if not dtype.item_lines:
        line.amount = _number(row, "金额", problems, 2)
        if "金额" not in row.cells:
            problems.append(Problem(tr("必填", "required"), row=row.number, column="金额"))
        line.account = _text(row, "账户")
        source = _text(row, "源单编号")
        if source:  # the invoice / delivery / order this money settles: its first line
            line.source_line = _source_line(source, None, row, problems, created)
        return line
    code = _text(row, "商品编码")
    item = lookup.item_by_code(code) if code else None
    if item is None:
        problems.append(
            Problem(
                tr("商品“{c}”不存在", "item '{c}' does not exist", c=code)
                if code
                else tr("必填", "required"),
                row=row.number,
                column="商品编码",
            )
        )
        _check_numbers(row, problems)  # the rest of the row is still checked
        return None
    line.item = item
    unit = _text(row, "单位")
    if unit:
        found = lookup.unit_by_name(unit)
        if found is None or lookup.unit_factor(item, found) is None:
            problems.append(
                Problem(
                    tr("不是该商品的单位：{u}", "not a unit of this item: {u}", u=unit),
                    row=row.number,
                    column="单位",
                )
            )
        line.unit = found
    qty = _number(row, "数量", problems, money.QTY_PLACES)
    if dtype.value_only:
        line.amount = _number(row, "金额", problems, 2, negative=True)
        if "金额" not in row.cells:
            problems.append(Problem(tr("必填", "required"), row=row.number, column="金额"))
    elif "数量" not in row.cells:
        problems.append(Problem(tr("必填", "required"), row=row.number, column="数量"))
    elif qty == 0 and group.doc_type != "PDD":
        problems.append(
            Problem(tr("数量必须大于 0", "must be greater than 0"), row=row.number, column="数量")
        )
    line.qty = qty if qty is not None else 0
    line.price = _number(row, "单价", problems, money.PRICE_PLACES)
    line.price_incl = _number(row, "含税单价", problems, money.PRICE_PLACES)
    line.tax_rate = _number(row, "税率", problems, money.RATE_PLACES)
    if line.price is not None and line.price_incl is not None:
        problems.append(
            Problem(
                tr("单价与含税单价只能填一个", "give 单价 or 含税单价, not both"),
                row=row.number,
                column="含税单价",
            )
        )
    line.batch_no = _text(row, "批次")
    line.production_date = _date(row, "生产日期", problems)
    line.expiry_date = _date(row, "有效期至", problems)
    line.due_date = _date(row, "交货日期", problems)
    line.cost_object = _text(row, "成本对象")
    if (
        item.batch_managed
        and not line.batch_no
        and qty
        and group.doc_type in ("QCKC", "QTRK", "CGRK", "CPRK", "XSTH")
    ):
        problems.append(
            Problem(
                tr("批次管理的商品必须填写批次", "a batch-managed item needs a batch"),
                row=row.number,
                column="批次",
            )
        )
    for col, wh_key, attr in (
        ("库位", "warehouse", "location"),
        ("调入库位", "dest_warehouse", "dest_location"),
    ):
        code = _text(row, col)
        if not code:
            continue
        wh = header.get(wh_key) or (header.get("warehouse") if wh_key == "dest_warehouse" else None)
        loc = lookup.location_by_code(wh, code) if wh else None
        if loc is None:
            problems.append(
                Problem(
                    tr("库位“{c}”不存在", "location '{c}' does not exist", c=code),
                    row=row.number,
                    column=col,
                )
            )
        setattr(line, attr, loc)
    line.serials = _serials(group, row, item, qty, line.unit, problems)
    source = _text(row, "源单编号")
    if source:
        line.source_line = _source_line(source, item, row, problems, created)
    if group.doc_type == "ZJD":  # 质检单: the results travel with the line
        line.extra["result"] = _quality().result_cells(row, problems)
    if group.doc_type == "PDD":
        line.book_qty = None  # frozen at approval, as of the stocktake's date
    return line


def _serials(group: _Group, row: SheetRow, item, qty, unit, problems: list[Problem]) -> list:
    """The row's 序列号 (comma / space / 、 separated): one per base unit of 数量, none
    repeated in the document; a serial-managed item's stock rows must name them."""
    found = serial_rules.parse_serials(_text(row, "序列号"))

    def bad(message: str) -> list:
        problems.append(Problem(message, row=row.number, column="序列号"))
        return []

    if found and not item.serial_managed:
        return bad(tr("商品 {c} 未启用序列号管理", "item {c} does not track serial numbers",
                      c=item.code))  # fmt: skip
    if not item.serial_managed or not serial_rules.needs_serials(group.doc_type) or not qty:
        return found
    factor = lookup.unit_factor(item, unit) if unit is not None else 1
    base = money.qty(qty * (factor or 1))
    if money.D(len(found)) != base:
        return bad(
            tr(
                "数量 {q} 需要 {b} 个序列号（每件一个），本行填了 {n} 个",
                "quantity {q} needs {b} serial numbers (one per unit); the row gives {n}",
                q=money.format_qty(qty),
                b=money.format_qty(base),
                n=len(found),
            )
        )
    counts = Counter(found)
    repeated = sorted(s for s in counts if counts[s] > 1 or (item.id, s) in group.serials)
    if repeated:
        return bad(tr("序列号重复：{s}", "serial numbers repeated: {s}", s=", ".join(repeated)))
    group.serials.update((item.id, s) for s in found)
    return found


def _check_numbers(row: SheetRow, problems: list[Problem]) -> None:
    """The number and date cells of a row whose item is unknown, so every problem shows."""
    _number(row, "数量", problems, money.QTY_PLACES)
    for col in ("单价", "含税单价"):
        _number(row, col, problems, money.PRICE_PLACES)
    _number(row, "税率", problems, money.RATE_PLACES)
    for col in ("生产日期", "有效期至", "交货日期"):
        _date(row, col, problems)


def _header(group: _Group, problems: list[Problem]) -> dict:
    row = group.rows[0]
    dtype = DOC_TYPES[group.doc_type]
    header = {"date": _date(row, "日期", problems, required=True)}
    time = _text(row, "时间")
    if time and not TIME.match(time):
        problems.append(
            Problem(
                tr("时间应为 HH:MM[:SS]", "a time must be HH:MM[:SS]"),
                row=row.number,
                column="时间",
            )
        )
    header["time"] = (time + ":00" if len(time) == 5 else time) if TIME.match(time or "x") else ""
    partner = _text(row, "往来单位")
    if dtype.partner_kind:
        found = lookup.partner_by_code(partner, dtype.partner_kind) if partner else None
        if found is None:
            problems.append(
                Problem(
                    tr("往来单位“{c}”不存在", "partner '{c}' does not exist", c=partner)
                    if partner
                    else tr("必填", "required"),
                    row=row.number,
                    column="往来单位",
                )
            )
        header["partner"] = found
    for col, key, needed in (
        ("仓库", "warehouse", dtype.needs_warehouse),
        ("调入仓库", "dest_warehouse", dtype.needs_dest_warehouse),
    ):
        code = _text(row, col)
        found = lookup.warehouse_by_code(code) if code else None
        if (code and found is None) or (needed and not code):
            problems.append(
                Problem(
                    tr("仓库“{c}”不存在", "warehouse '{c}' does not exist", c=code)
                    if code
                    else tr("必填", "required"),
                    row=row.number,
                    column=col,
                )
            )
        header[key] = found
    currency = _text(row, "币种") or "CNY"
    rate = _number(row, "汇率", problems, 6)
    if currency != "CNY" and rate is None:
        problems.append(
            Problem(
                tr("外币单据需要汇率", "a foreign-currency document needs a rate"),
                row=row.number,
                column="汇率",
            )
        )
    header["currency"], header["exchange_rate"] = currency, rate or money.D(1)
    header["remarks"] = _text(row, "备注") if len(group.rows) == 1 else ""
    return header


def import_documents(
    path, approve: bool = False, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Imports a document sheet (xlsx or csv); all or nothing. See the module doc."""
    problems: list[Problem] = []
    rows = list(read_rows(path, COLUMNS, REQUIRED, problems))
    groups = _group_rows(rows, problems) if not problems else []
    result = ImportResult()
    with write_transaction():
        created: dict[str, Document] = {}
        saved = []
        for group in groups:
            doc = _save_group(group, problems, created)
            if doc is not None:
                created[group.external] = doc
                saved.append((group, doc))
        if problems:
            raise ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
        result.documents = len(saved)
        result.lines = sum(len(g.rows) for g, _ in saved)
        result.numbers = [d.number for _, d in saved]
        if approve:
            _approve_all(saved, result, progress)
    return result


def _save_group(group: _Group, problems: list[Problem], created: dict) -> Document | None:
    """Validates one document's rows and saves it as a draft when they are all good.

    Saving goes on after problems elsewhere in the file, so later documents can still
    name earlier ones as their source; the transaction is rolled back at the end.
    """
    own: list[Problem] = []
    _check_group_header(group, own)
    header = _header(group, own)
    lines = [_line(group, row, header, own, created) for row in group.rows]
    problems.extend(own)
    if own:
        return None
    data = documents.DocumentInput(
        group.doc_type, header.pop("date"), lines, external_number=group.external, **header
    )
    save = _quality().save_inspection if group.doc_type == "ZJD" else documents.save_draft
    try:
        return save(data)
    except ValidationError as exc:
        problems.extend(_at_row(exc.problems, group))
        return None


def _quality():
    from jxc_desktop.engine.quality import inspections

    return inspections


def _at_row(problems: list[Problem], group: _Group) -> list[Problem]:
    """The engine's problems about a document, placed on the sheet: a problem about
    "第 n 行" on the row that made line n; a field on its column (日期, 商品编码 …)."""
    out = []
    for p in problems:
        if p.row:
            out.append(p)
            continue
        row = _line_row(group, p.field)
        column = p.column or _column_of(p.field)
        field = None if row else p.field  # "第 n 行" of the document is said by the row
        out.append(Problem(p.message, field, (row or group.rows[0]).number, column))
    return out


# a field in the engine's words → the sheet's column header, where the two differ
FIELD_COLUMNS = {"item": "商品编码", "account": "账户", "external_number": "单据编号"}
_LINE_FIELD = re.compile(r"^(?:第 (\d+) 行|line (\d+))$")


def _column_of(field: str | None) -> str | None:
    """The sheet column a field names (its Chinese words are the header), else None."""
    if not field:
        return None
    if field in FIELD_COLUMNS:
        return FIELD_COLUMNS[field]
    zh = FIELD_NAMES.get(field, ("",))[0]
    return zh if zh in COLUMNS else None


def _line_row(group: _Group, field: str | None) -> SheetRow | None:
    """The sheet row of the line a "第 n 行" / "line n" field names (lines follow rows)."""
    found = _LINE_FIELD.match(field or "")
    if not found:
        return None
    n = int(found.group(1) or found.group(2))
    return group.rows[n - 1] if 0 < n <= len(group.rows) else None


def _approval_problems(problems: list[Problem], group: _Group, doc: Document) -> list[Problem]:
    """Approval refusals on the sheet: a serial refused (already in stock, not in that
    warehouse) under 序列号 on its row, the rest under their field or 单据编号."""
    serial_messages = _serial_messages(group, doc)
    placed = []
    for p in _at_row(problems, group):
        column = p.column
        if p.message in serial_messages.get(p.row, ()):
            column = "序列号"
        prefixed = tr("单据 {e}：", "document {e}: ", e=group.external) + p.message
        placed.append(Problem(prefixed, p.field, p.row, column or "单据编号"))
    return placed


def _serial_messages(group: _Group, doc: Document) -> dict[int, set[str]]:
    """Per sheet row, what the serial rules say against each of its serials now."""
    out: dict[int, set[str]] = {}
    warehouse = doc.warehouse_id
    lines = DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    for row, line in zip(group.rows, lines, strict=False):
        serials = serial_rules.parse_serials(_text(row, "序列号"))
        for serial in serials:
            reason = serial_rules.check_entry(doc.doc_type, line.item_id, warehouse, serial, [])
            if reason:
                out.setdefault(row.number, set()).add(reason)
    return out


def _approve_all(saved, result: ImportResult, progress) -> None:
    ordered = sorted(saved, key=lambda x: (x[1].date, x[1].time, x[0].order))
    for n, (group, doc) in enumerate(ordered):
        try:
            posted = documents.approve(doc.id)
        except ValidationError as exc:
            raise ValidationError(_approval_problems(exc.problems, group, doc)) from exc
        except JxcError as exc:
            raise ValidationError(
                [Problem(exc.message, row=group.rows[0].number, column="单据编号")]
            ) from exc
        result.approved += 1
        result.messages.extend(getattr(posted, "messages", None) or [])
        if progress:
            progress(n + 1, len(ordered))
