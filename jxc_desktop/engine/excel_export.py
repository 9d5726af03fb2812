"""Writing xlsx files: templates, error reports and (streamed) exports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jxc_desktop.engine import listing
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.excel_sheets import (
    ITEM_TYPES_ZH,
    LOT_RULE_ZH,
    SOURCE_ZH,
    VALUATION_ZH,
    SheetFormat,
)
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata.items import plain
from jxc_desktop.engine.money import format_plain
from jxc_desktop.models.masterdata import (
    Item,
    ItemBarcode,
    ItemCategory,
    ItemUnit,
    Location,
    Partner,
    Unit,
    Warehouse,
)

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
VALIDATION_ROWS = 10000
CHUNK = 2000


def write_template(fmt: SheetFormat, path: Path) -> Path:
    """The header row (required columns shaded), drop-downs, and a 填写说明 sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = fmt.title
    ws.append(fmt.headers)
    ws.freeze_panes = "A2"
    for index, col in enumerate(fmt.columns, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index)
        cell.font = HEADER_FONT
        if col.required:
            cell.fill = REQUIRED_FILL
        ws.column_dimensions[letter].width = col.width
        ws.column_dimensions[letter].number_format = "@" if not col.choices else "General"
        if col.choices:
            dv = DataValidation(
                type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True
            )
            dv.error = "请从下拉列表中选择"
            dv.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            ws.add_data_validation(dv)
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for col in fmt.columns:
        notes.append([col.header, "必填" if col.required else "", col.note])
    notes.append([])
    for line in _general_notes():
        notes.append([line])
    for letter, width in (("A", 16), ("B", 10), ("C", 80)):
        notes.column_dimensions[letter].width = width
    for cell in notes[1]:
        cell.font = HEADER_FONT
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _general_notes() -> list[str]:
    return [
        "通用规则：",
        "1. 第 1 行是表头，列名必须与模板一致，列的顺序可以调整，不能有模板以外的列。",
        "2. 数字可以是数值单元格或文本（如 1234.50），不能使用科学计数法。",
        "3. 整个文件全部校验通过才会导入；有错误时列出所有错误行（行号与表格一致），不写入任何数据。",
        "4. 编码已存在的行默认拒绝；使用 jxc import ... --update 可更新已有资料。",
        "5. 也可以另存为 UTF-8 编码的 CSV 文件导入。",
    ]


def write_error_report(problems: list[Problem], path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = tr("错误", "Errors")
    ws.append([tr("行号", "Row"), tr("列", "Column"), tr("错误原因", "Reason")])
    for cell in ws[1]:
        cell.font = HEADER_FONT
    for p in problems:
        ws.append([p.row, p.column or p.field or "", p.message])
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 90
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _streamed(path: Path, title: str, headers: list[str], rows) -> int:
    """Writes rows with a write-only workbook (constant memory); returns the row count."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    ws.append(headers)
    n = 0
    for row in rows:
        ws.append(row)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n


def _cell(column: listing.ListColumn, value):
    if value is None:
        return None
    if column.kind == "bool":
        return "是" if value else "否"
    if column.choices:
        return column.display(value)
    if isinstance(value, Decimal):
        return plain(value)
    return value


def export_listing(name: str, path: Path, search: str = "") -> int:
    """Any list as shown on screen (its columns, in the current language)."""
    spec = listing.get_spec(name)
    cols = spec.columns

    def rows():
        for row in listing.iter_rows(name, search=search):
            yield [_cell(c, row.get(c.key)) for c in cols]

    return _streamed(path, spec.title, [c.label for c in cols], rows())


def export_sheet(fmt: SheetFormat, path: Path, search: str = "") -> int:
    """A base-data list in its import format (so it can be imported again)."""
    ids = listing.row_ids(fmt.kind, 0, None, "code", False, search)
    writer = {"items": _item_rows, "warehouses": _warehouse_rows}.get(fmt.kind, _partner_rows)

    def rows():
        for start in range(0, len(ids), CHUNK):
            yield from writer(ids[start : start + CHUNK])

    return _streamed(path, fmt.title, fmt.headers, rows())


def _reverse(mapping: dict) -> dict:
    return {v: k for k, v in mapping.items()}


_TYPE, _VALUATION = _reverse(ITEM_TYPES_ZH), _reverse(VALUATION_ZH)
_SOURCE, _LOT = _reverse(SOURCE_ZH), _reverse(LOT_RULE_ZH)


def _category_paths() -> dict[int, str]:
    """Category id -> "上级编码/编码" path, so an import elsewhere rebuilds the tree."""
    query = ItemCategory.select(ItemCategory.id, ItemCategory.code, ItemCategory.parent)
    rows = {i: (code, parent) for i, code, parent in query.tuples()}
    out = {}
    for cid in rows:
        parts, seen, current = [], set(), cid
        while current in rows and current not in seen:
            seen.add(current)
            parts.append(rows[current][0])
            current = rows[current][1]
        out[cid] = "/".join(reversed(parts))
    return out


def _item_rows(ids: list[int]):
    """Rows of the items sheet for some items (a few queries per chunk)."""
    units = dict(Unit.select(Unit.id, Unit.name).tuples())
    cats = _category_paths()
    others: dict[int, list] = {}
    for row in ItemUnit.select().where(ItemUnit.item.in_(ids)).order_by(ItemUnit.id):
        others.setdefault(row.item_id, []).append(row)
    codes: dict[int, list] = {}
    for row in ItemBarcode.select().where(ItemBarcode.item.in_(ids)).order_by(ItemBarcode.id):
        codes.setdefault(row.item_id, []).append(row)
    items = {i.id: i for i in Item.select().where(Item.id.in_(ids))}
    for item_id in ids:
        it = items[item_id]
        extra = others.get(item_id, [])
        unit_codes = {b.unit_id: b.barcode for b in codes.get(item_id, []) if b.unit_id}
        yield [
            it.code,
            it.name,
            it.spec or None,
            cats.get(it.category_id),
            _TYPE.get(it.item_type),
            units[it.base_unit_id],
            ",".join(b.barcode for b in codes.get(item_id, []) if not b.unit_id) or None,
            plain(it.tax_rate),
            _VALUATION.get(it.valuation_method),
            "是" if it.batch_managed else "否",
            it.shelf_life_days,
            plain(it.safety_stock),
            plain(it.max_stock),
            plain(it.purchase_price),
            plain(it.sale_price),
            _SOURCE.get(it.source),
            it.lead_time_days,
            _LOT.get(it.lot_rule),
            plain(it.lot_size),
            it.lot_period_days or None,
            plain(it.min_order_qty),
            units.get(it.purchase_unit_id),
            plain(it.purchase_unit_factor),
            ",".join(units[u.unit_id] for u in extra) or None,
            ",".join(str(plain(u.factor)) for u in extra) or None,
            _paired(unit_codes.get(u.unit_id, "") for u in extra),
        ]


def _paired(values) -> str | None:
    """Comma-joined, keeping empty places (codes pair with units by position)."""
    text = ",".join(values)
    return text if text.strip(",") else None


def _partner_rows(ids: list[int]):
    partners = {p.id: p for p in Partner.select().where(Partner.id.in_(ids))}
    for pid in ids:
        p = partners[pid]
        yield [
            p.code,
            p.name,
            p.contact,
            p.phone,
            p.address,
            p.tax_number,
            plain(p.credit_limit),
            p.bank_account,
            p.payment_terms_days,
            p.price_grade,
            p.credit_rating,
        ]


def _warehouse_rows(ids: list[int]):
    for wid in ids:
        wh = Warehouse.get_by_id(wid)
        quarantine = "是" if wh.is_quarantine else "否"
        locations = list(Location.select().where(Location.warehouse == wid).order_by(Location.code))
        if not locations:
            yield [wh.code, wh.name, quarantine, None, None]
        for loc in locations:
            yield [wh.code, wh.name, quarantine, loc.code, loc.name or None]


# ---------------------------------------------------------------- report sheets

_NUMBER_FORMATS = {"money": "#,##0.00", "int": "#,##0", "rate": '0.00"%"'}
_WIDTHS = {"money": 14, "qty": 12, "price": 12, "rate": 10, "int": 8, "date": 11, "bool": 6}
SUMMARY_FONT = Font(bold=True)
SUMMARY_FILL = PatternFill("solid", fgColor="F2F2F2")


def _places_format(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places else "")


def report_number_formats(columns, rows) -> dict[str, str]:
    """An Excel number format per numeric column: money 2 places, quantities and unit
    costs the places the column needs (the same for every row), rates as percent."""
    from jxc_desktop.engine.reports.display import column_places

    formats = {c.key: _NUMBER_FORMATS[c.kind] for c in columns if c.kind in _NUMBER_FORMATS}
    for key, places in column_places(columns, rows).items():
        formats[key] = _places_format(places)
    return formats


def write_report_sheet(
    columns, rows: list[dict], path, title: str = "", heading: tuple[str, ...] = ()
) -> None:
    """Report rows as a sheet (streamed): exact decimals under a number format, dates
    as dates, flags as 是, display-only summary rows bold on grey; `heading` lines (the
    report's name, company, dates) above the column headings, the first in bold."""
    from openpyxl.cell import WriteOnlyCell

    from jxc_desktop.engine.reports.display import is_summary
    from jxc_desktop.engine.reports.output import PLACES

    formats = report_number_formats(columns, rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=(title or "report")[:31])
    ws.freeze_panes = f"A{len(heading) + 2}"
    for index, c in enumerate(columns, start=1):
        width = _WIDTHS.get(c.kind, 24 if c.key in ("name", "warehouse_label") else 14)
        ws.column_dimensions[get_column_letter(index)].width = width
    for n, line in enumerate(heading):
        if n == 0:
            line = WriteOnlyCell(ws, value=line)
            line.font = TITLE_FONT
        ws.append([line])
    head = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c.label)
        cell.font = HEADER_FONT
        head.append(cell)
    ws.append(head)
    for row in rows:
        summary = is_summary(row)
        cells = []
        for c in columns:
            value = _report_value(c, row.get(c.key), PLACES)
            number_format = formats.get(c.key) or ("yyyy-mm-dd" if c.kind == "date" else None)
            if not summary and (value is None or number_format is None):
                cells.append(value)  # a plain cell: a styled one costs 3 times as much
                continue
            cell = WriteOnlyCell(ws, value=value)
            if number_format:
                cell.number_format = number_format
            if summary:
                cell.font, cell.fill = SUMMARY_FONT, SUMMARY_FILL
            cells.append(cell)
        ws.append(cells)
    wb.save(path)


def _report_value(column, value, places: dict):
    """The exact value a report cell holds (never a float)."""
    if value is None or value == "":
        return None
    if column.kind in places:
        return Decimal(format_plain(value, places[column.kind]))
    if column.kind == "bool":
        return "是" if value else ""
    return value
