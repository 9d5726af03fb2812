"""Importing the items sheet: every row validated with the engine's own rules, in bulk.

The whole import runs in one transaction. Missing categories are created first (so
rows can refer to them), every row is checked against lookups loaded once
(ItemContext), rows accepted so far are registered so duplicates inside the file are
found, and only when no row has a problem are the items inserted with executemany.
Any problem rolls the transaction back: nothing of the file remains.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jxc_desktop.engine import excel_read as rd
from jxc_desktop.engine.errors import JxcError, Problem, ValidationError
from jxc_desktop.engine.excel_sheets import (
    ITEM_TYPES_ZH,
    ITEMS,
    LOT_RULE_ZH,
    SOURCE_ZH,
    VALUATION_ZH,
)
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata import (
    BarcodeData,
    ItemContext,
    ItemData,
    UnitData,
    check_item,
)
from jxc_desktop.engine.masterdata.items import CheckedItem
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import bulk_insert, database, placeholder
from jxc_desktop.models.masterdata import Item, ItemBarcode, ItemCategory, ItemUnit

# Where a problem with a dataclass field shows in the sheet.
FIELD_COLUMNS = {
    "code": "商品编码",
    "name": "商品名称",
    "spec": "规格型号",
    "category": "分类",
    "item_type": "类型",
    "base_unit": "基本单位",
    "barcodes": "条码",
    "tax_rate": "税率",
    "valuation_method": "计价方法",
    "batch_managed": "批次管理",
    "shelf_life_days": "保质期天数",
    "safety_stock": "安全库存",
    "max_stock": "最高库存",
    "purchase_price": "采购价",
    "sale_price": "销售价",
    "source": "物料来源",
    "lead_time_days": "提前期天数",
    "lot_rule": "批量规则",
    "lot_size": "批量",
    "lot_period_days": "批量周期天数",
    "min_order_qty": "最小订货量",
    "purchase_unit": "采购单位",
    "purchase_unit_factor": "采购单位换算",
    "units": "辅助单位",
}
NUMBER_COLUMNS = {
    "税率": "tax_rate",
    "安全库存": "safety_stock",
    "最高库存": "max_stock",
    "采购价": "purchase_price",
    "销售价": "sale_price",
    "批量": "lot_size",
    "最小订货量": "min_order_qty",
    "采购单位换算": "purchase_unit_factor",
    "保质期天数": "shelf_life_days",
    "提前期天数": "lead_time_days",
    "批量周期天数": "lot_period_days",
}
_LIST_SPLIT = re.compile(r"[,，;；、]")


def split_list(value: object) -> list[str]:
    return [p.strip() for p in _LIST_SPLIT.split(rd.cell_text(value)) if p.strip()]


def _choice(row: rd.SheetRow, header: str, mapping: dict, default: str, problems: list[Problem]):
    text = rd.cell_text(row.cells.get(header))
    if not text:
        return default
    if text in mapping:
        return mapping[text]
    if text in mapping.values():  # the English code is accepted too
        return text
    problems.append(
        Problem(
            tr(
                "无效的值 {v}，可选: {a}",
                "Invalid value {v}; allowed: {a}",
                v=text,
                a=" / ".join(mapping),
            ),
            row=row.number,
            column=header,
        )
    )
    return default


def _numbers(row: rd.SheetRow, problems: list[Problem]) -> dict:
    out = {}
    for header, field in NUMBER_COLUMNS.items():
        value = rd.cell_number(row.cells.get(header))
        if isinstance(value, str):
            problems.append(
                Problem(
                    tr(
                        "不是有效的数字: {v}（只能是普通小数，不能用科学计数法）",
                        "Not a plain decimal number: {v}",
                        v=value,
                    ),
                    row=row.number,
                    column=header,
                )
            )
            value = None
        if value is not None:
            out[field] = value
    return out


def _other_units(
    row: rd.SheetRow, problems: list[Problem]
) -> tuple[list[UnitData], list[BarcodeData]]:
    names = split_list(row.cells.get("辅助单位"))
    factors = split_list(row.cells.get("换算率"))
    if isinstance(row.cells.get("换算率"), (int, float)):
        factors = [str(rd.cell_number(row.cells["换算率"]))]
    # Positions matter here (the n-th code belongs to the n-th unit), so keep empty parts.
    codes = [p.strip() for p in _LIST_SPLIT.split(rd.cell_text(row.cells.get("辅助单位条码")))]
    codes = [] if codes == [""] else codes
    if len(factors) != len(names) or len(codes) > len(names):
        problems.append(
            Problem(
                tr(
                    "辅助单位、换算率、辅助单位条码的个数不一致",
                    "Other units, factors and unit barcodes do not pair up",
                ),
                row=row.number,
                column="换算率",
            )
        )
        return [], []
    units = [UnitData(n, f) for n, f in zip(names, factors, strict=True)]
    return units, [BarcodeData(code, names[i]) for i, code in enumerate(codes) if code]


def row_to_item(
    row: rd.SheetRow, categories: CategoryResolver, problems: list[Problem]
) -> ItemData:
    """An ItemData from a sheet row; conversion problems go to `problems` with row/column."""
    cells = row.cells
    batch = rd.cell_bool(cells.get("批次管理"))
    if batch is None:
        problems.append(
            Problem(tr("应为 是 或 否", "Must be 是 or 否"), row=row.number, column="批次管理")
        )
    units, unit_codes = _other_units(row, problems)
    category = rd.cell_text(cells.get("分类"))
    data = ItemData(
        code=rd.cell_text(cells.get("商品编码")),
        name=rd.cell_text(cells.get("商品名称")),
        spec=rd.cell_text(cells.get("规格型号")),
        category=categories.code_for(category),
        item_type=_choice(row, "类型", ITEM_TYPES_ZH, "goods", problems),
        base_unit=rd.cell_text(cells.get("基本单位")),
        valuation_method=_choice(row, "计价方法", VALUATION_ZH, None, problems),
        batch_managed=bool(batch),
        source=_choice(row, "物料来源", SOURCE_ZH, "purchase", problems),
        lot_rule=_choice(row, "批量规则", LOT_RULE_ZH, "lot_for_lot", problems),
        purchase_unit=rd.cell_text(cells.get("采购单位")) or None,
        barcodes=[BarcodeData(code) for code in split_list(cells.get("条码"))] + unit_codes,
        units=units,
    )
    for field, value in _numbers(row, problems).items():
        setattr(data, field, value)
    return data


def _category_part(part: str, parent):
    """One level of a category path: a code anywhere, or a name under `parent`."""
    row = ItemCategory.get_or_none(ItemCategory.code == part)
    if row is None:
        under = ItemCategory.parent.is_null() if parent is None else ItemCategory.parent == parent
        row = ItemCategory.select().where(under & (ItemCategory.name == part)).first()
    return row


class CategoryResolver:
    """Maps 分类 texts to category codes, creating missing categories on first use.

    A text is an existing code, else a unique existing name, else a "上级/下级" path
    whose levels are codes or names (missing levels are created, code = name). Created
    categories go into the item lookups at once; a refused import rolls them back.
    """

    def __init__(self, ctx: ItemContext):
        self.ctx = ctx
        self.cache: dict[str, str] = {}
        self.created = 0
        self.by_name: dict[str, list[str]] = {}
        for code, name in ItemCategory.select(ItemCategory.code, ItemCategory.name).tuples():
            self.by_name.setdefault(name, []).append(code)

    def code_for(self, text: str) -> str | None:
        if not text:
            return None
        if text not in self.cache:
            self.cache[text] = self._resolve(text)
        return self.cache[text]

    def _resolve(self, text: str) -> str:
        if text in self.ctx.categories:
            return text
        if len(self.by_name.get(text, [])) == 1:
            return self.by_name[text][0]
        parent = None
        for part in [p.strip() for p in text.split("/") if p.strip()]:
            row = _category_part(part, parent)
            if row is None:
                row = ItemCategory.create(code=part, name=part, parent=parent)
                self.ctx.categories[row.code] = row.id
                self.created += 1
            parent = row
        return parent.code if parent else text


def db_row(model, values: dict, names: list[str]) -> tuple:
    """One row of database values for executemany: given values, else the field default."""
    out = []
    for name in names:
        field = model._meta.fields[name]
        if name in values:
            value = values[name]
        else:
            value = field.default() if callable(field.default) else field.default
        out.append(field.db_value(value))
    return tuple(out)


ITEM_FIELDS = [f.name for f in Item._meta.sorted_fields if f.name != "id"]


def pending_row(checked: CheckedItem) -> tuple:
    """A validated new item in compact form (database values), to keep 50,000 cheaply."""
    units = tuple((uid, ItemUnit.factor.db_value(f)) for uid, f in checked.units)
    return (
        checked.values["code"],
        db_row(Item, checked.values, ITEM_FIELDS),
        units,
        tuple(checked.barcodes),
    )


def insert_items(pending: list[tuple]) -> None:
    """Bulk-inserts validated new items, then their units and barcodes (executemany)."""
    if not pending:
        return
    columns = [Item._meta.fields[n].column_name for n in ITEM_FIELDS]
    bulk_insert("item", columns, (row for _, row, _, _ in pending))
    codes = {code for code, _, _, _ in pending}
    ids = {code: i for code, i in Item.select(Item.code, Item.id).tuples() if code in codes}
    unit_rows = [(ids[code], uid, f) for code, _, units, _ in pending for uid, f in units]
    bulk_insert("item_unit", ["item_id", "unit_id", "factor"], unit_rows)
    code_rows = [(b, ids[code], uid) for code, _, _, bars in pending for b, uid in bars]
    bulk_insert("item_barcode", ["barcode", "item_id", "unit_id"], code_rows)


def _report(progress, should_stop, done: int, total: int | None) -> None:
    if progress:
        progress(done, total or 0)
    if should_stop and should_stop():
        # Raised inside the import's transaction, so nothing of the file is written.
        raise JxcError(tr("导入已取消，未写入任何数据", "Import cancelled; nothing was written"))


def update_items(updates: list[tuple[CheckedItem, int]]) -> None:
    """Writes validated changes to existing items: one executemany UPDATE, then their
    units and barcodes replaced in bulk (a few statements per 500 items)."""
    if not updates:
        return
    names = list(updates[0][0].values)  # every checked item has the same fields
    columns = ", ".join(f"{Item._meta.fields[n].column_name} = {placeholder()}" for n in names)
    sql = f'UPDATE "item" SET {columns} WHERE id = {placeholder()}'
    rows = [db_row(Item, c.values, names) + (item_id,) for c, item_id in updates]
    database.obj.cursor().executemany(sql, rows)
    for start in range(0, len(updates), 500):
        chunk = updates[start : start + 500]
        ids = [item_id for _, item_id in chunk]
        ItemBarcode.delete().where(ItemBarcode.item.in_(ids)).execute()
        ItemUnit.delete().where(ItemUnit.item.in_(ids)).execute()
        unit_rows = [
            (item_id, uid, ItemUnit.factor.db_value(f))
            for c, item_id in chunk
            for uid, f in c.units
        ]
        bulk_insert("item_unit", ["item_id", "unit_id", "factor"], unit_rows)
        code_rows = [(b, item_id, uid) for c, item_id in chunk for b, uid in c.barcodes]
        bulk_insert("item_barcode", ["barcode", "item_id", "unit_id"], code_rows)


def import_items(
    path,
    update: bool,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict:
    """Validates and writes the items sheet (call inside a write transaction).

    Rows are streamed: only the validated values are kept, not the sheet. Returns
    counts; raises ValidationError with every problem when any row is bad.
    """
    problems: list[Problem] = []
    ctx = ItemContext.load(preload_items=True)
    categories = CategoryResolver(ctx)
    new: list[tuple] = []
    updates: list[tuple[CheckedItem, int]] = []
    reader = rd.SheetReader(path, ITEMS.headers, ITEMS.required, problems)
    for done, row in enumerate(reader, 1):
        _check_row(row, ctx, categories, update, problems, new, updates)
        if done % 1000 == 0:
            _report(progress, should_stop, done, reader.total)
    if problems:
        raise ValidationError(rd.sorted_problems(problems, ITEMS.headers))
    insert_items(new)
    update_items(updates)
    audit("import.items", str(path), f"{len(new)} created, {len(updates)} updated")
    return {"created": len(new), "updated": len(updates), "categories_created": categories.created}


def _check_row(row, ctx, categories, update, problems, new, updates) -> None:
    """Checks one row; registers its code and barcodes so later rows cannot reuse them."""
    row_problems: list[Problem] = []
    data = row_to_item(row, categories, row_problems)
    existing = ctx.owner_of_code(data.code)
    label = tr("第 {n} 行", "row {n}", n=row.number)
    if isinstance(existing, int) and not update:
        problems.append(
            Problem(
                tr(
                    "商品编码 {c} 已存在（如需更新已有商品，请使用 --update）",
                    "Item code {c} already exists (use --update to change existing items)",
                    c=data.code,
                ),
                row=row.number,
                column="商品编码",
            )
        )
        ctx.item_codes[data.code] = label
        return
    item_id = existing if isinstance(existing, int) else None
    found, checked = check_item(data, ctx, item_id)
    for p in found:
        column = FIELD_COLUMNS.get(p.field, p.field)
        row_problems.append(Problem(p.message, row=row.number, column=column))
    problems.extend(row_problems)
    if data.code and not isinstance(ctx.item_codes.get(data.code), str):
        # Later rows with this code now clash with this row (also when it updates an item).
        ctx.item_codes[data.code] = label
    for code, _unit in checked.barcodes:
        ctx.barcodes.setdefault(code, item_id if item_id is not None else label)
    if row_problems:
        return
    if item_id is None:
        new.append(pending_row(checked))
    else:
        updates.append((checked, item_id))
