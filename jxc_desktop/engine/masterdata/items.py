"""Items (商品/物料): input dataclasses, validation of every rule at once, save, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import barcodes as bc
from jxc_desktop.engine.errors import Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import ledger_months
from jxc_desktop.engine.masterdata import common as c
from jxc_desktop.engine.masterdata.context import ItemContext
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import (
    ITEM_SOURCES,
    ITEM_TYPES,
    LOT_RULES,
    VALUATION_METHODS,
    Batch,
    Item,
    ItemBarcode,
    ItemUnit,
    Unit,
)

FACTOR_PLACES = 6


@dataclass
class BarcodeData:
    barcode: str
    unit: str | None = None  # None = the base unit


@dataclass
class UnitData:
    unit: str
    factor: Decimal | str | int  # 1 unit = factor base units


@dataclass
class ItemData:
    code: str
    name: str
    spec: str = ""
    category: str | None = None  # category code
    item_type: str = "goods"
    base_unit: str = "个"
    tax_rate: Decimal | str | int = Decimal("13")
    purchase_price: Decimal | str | int = Decimal(0)
    sale_price: Decimal | str | int = Decimal(0)
    valuation_method: str | None = None  # None -> the company setting
    batch_managed: bool = False
    shelf_life_days: int | str | None = None
    serial_managed: bool = False
    safety_stock: Decimal | str | int = Decimal(0)
    max_stock: Decimal | str | int = Decimal(0)
    default_warehouse: str | None = None  # warehouse code
    barcodes: list[BarcodeData] = field(default_factory=list)
    units: list[UnitData] = field(default_factory=list)
    source: str = "purchase"
    lead_time_days: int | str = 0
    lot_rule: str = "lot_for_lot"
    lot_size: Decimal | str | int = Decimal(0)
    lot_period_days: int | str = 0
    min_order_qty: Decimal | str | int = Decimal(0)
    purchase_unit: str | None = None
    purchase_unit_factor: Decimal | str | int | None = None


@dataclass
class CheckedItem:
    """A validated item: model field values plus its other units and barcodes (by id)."""

    values: dict
    units: list[tuple[int, Decimal]]  # (unit id, factor)
    barcodes: list[tuple[str, int | None]]  # (barcode, unit id or None)


def duplicate_text(owner) -> tuple[str, str]:
    """(zh, en) suffix naming who already holds a code: the database or an earlier row."""
    if isinstance(owner, str):
        return f"（与 {owner} 重复）", f" (duplicates {owner})"
    return "（已存在）", " (already exists)"


def _label(zh: str, en: str) -> str:
    return tr(zh, en)


def _check_code(data: ItemData, ctx: ItemContext, item_id, problems) -> str:
    code = c.required_code(problems, "code", data.code, _label("商品编码", "Item code"))
    owner = ctx.owner_of_code(code) if code else None
    if owner is not None and owner != item_id:
        zh, en = duplicate_text(owner)
        problems.append(
            Problem(tr("商品编码 {c} 重复", "Item code {c} is taken", c=code) + tr(zh, en), "code")
        )
    return code


def _lookup(problems, fieldname, value, table: dict, zh: str, en: str, required=False):
    """The id of a named row (unit, category, warehouse), or None with a problem."""
    key = c.text_of(value)
    if not key:
        if required:
            problems.append(Problem(tr("{l}不能为空", "{l} is required", l=tr(zh, en)), fieldname))
        return None
    if key not in table:
        problems.append(
            Problem(
                tr(
                    "{l} {k} 不存在或已停用",
                    "{l} {k} does not exist or is inactive",
                    l=tr(zh, en),
                    k=key,
                ),
                fieldname,
            )
        )
        return None
    return table[key]


def _check_numbers(data: ItemData, ctx: ItemContext, problems, v: dict) -> None:
    rate = c.number(
        problems, "tax_rate", data.tax_rate, 4, _label("税率", "Tax rate"), maximum=Decimal(100)
    )
    v["tax_rate"] = rate
    v["purchase_price"] = c.number(
        problems, "purchase_price", data.purchase_price, 6, _label("采购价", "Purchase price")
    )
    v["sale_price"] = c.number(
        problems, "sale_price", data.sale_price, 6, _label("销售价", "Sale price")
    )
    v["safety_stock"] = c.number(
        problems, "safety_stock", data.safety_stock, 4, _label("安全库存", "Safety stock")
    )
    v["max_stock"] = c.number(
        problems, "max_stock", data.max_stock, 4, _label("最高库存", "Maximum stock")
    )
    v["lot_size"] = c.number(problems, "lot_size", data.lot_size, 4, _label("批量", "Lot size"))
    v["min_order_qty"] = c.number(
        problems,
        "min_order_qty",
        data.min_order_qty,
        4,
        _label("最小订货量", "Minimum order quantity"),
    )
    v["lead_time_days"] = c.whole_number(
        problems, "lead_time_days", data.lead_time_days, _label("提前期天数", "Lead time days")
    )
    v["lot_period_days"] = c.whole_number(
        problems, "lot_period_days", data.lot_period_days, _label("批量周期天数", "Lot period days")
    )
    safety, maximum = v["safety_stock"], v["max_stock"]
    if safety and maximum and safety > maximum:
        problems.append(
            Problem(
                tr("安全库存不能大于最高库存", "Safety stock must not exceed the maximum stock"),
                "safety_stock",
            )
        )


def _check_kinds(data: ItemData, ctx: ItemContext, problems, v: dict) -> None:
    v["item_type"] = c.choice(
        problems, "item_type", data.item_type, ITEM_TYPES, _label("类型", "Item type")
    )
    method = data.valuation_method or ctx.default_valuation
    v["valuation_method"] = c.choice(
        problems,
        "valuation_method",
        method,
        VALUATION_METHODS,
        _label("计价方法", "Valuation method"),
    )
    v["source"] = c.choice(
        problems, "source", data.source, ITEM_SOURCES, _label("物料来源", "Source")
    )
    v["lot_rule"] = c.choice(
        problems, "lot_rule", data.lot_rule, LOT_RULES, _label("批量规则", "Lot rule")
    )
    v["batch_managed"] = bool(data.batch_managed)
    v["serial_managed"] = bool(data.serial_managed)
    shelf = c.whole_number(
        problems,
        "shelf_life_days",
        data.shelf_life_days,
        _label("保质期天数", "Shelf life days"),
        optional=True,
    )
    v["shelf_life_days"] = shelf
    if shelf is not None and shelf <= 0:
        problems.append(
            Problem(
                tr("保质期天数必须大于 0", "Shelf life days must be greater than 0"),
                "shelf_life_days",
            )
        )
    if shelf and not data.batch_managed:
        # Expiry dates are kept per batch, so a shelf life needs batch management.
        problems.append(
            Problem(
                tr("设置保质期需要启用批次管理", "A shelf life needs batch management"),
                "shelf_life_days",
            )
        )
    if v["valuation_method"] == "specific" and not data.batch_managed:
        problems.append(
            Problem(
                tr("个别计价需要启用批次管理", "Specific identification needs batch management"),
                "valuation_method",
            )
        )
    if v["lot_rule"] == "fixed" and not v.get("lot_size"):
        problems.append(
            Problem(tr("固定批量规则需要填写批量", "A fixed lot rule needs a lot size"), "lot_size")
        )
    if v["lot_rule"] == "period" and not (v.get("lot_period_days") or 0) > 0:
        problems.append(
            Problem(
                tr(
                    "固定周期规则需要填写批量周期天数", "A period lot rule needs the period in days"
                ),
                "lot_period_days",
            )
        )


def _check_units(data: ItemData, ctx: ItemContext, problems) -> list[tuple[int, Decimal]]:
    out: list[tuple[int, Decimal]] = []
    seen: set[str] = {c.text_of(data.base_unit)}
    for entry in data.units:
        name = c.text_of(entry.unit)
        uid = _lookup(problems, "units", name, ctx.units, "单位", "Unit", required=True)
        factor = c.number(
            problems,
            "units",
            entry.factor,
            FACTOR_PLACES,
            tr("换算率", "Factor") + f" ({name})",
            positive=True,
        )
        if name and name in seen:
            problems.append(
                Problem(
                    tr(
                        "单位 {u} 重复（或与基本单位相同）",
                        "Unit {u} is repeated (or is the base unit)",
                        u=name,
                    ),
                    "units",
                )
            )
        seen.add(name)
        if uid is not None and factor is not None:
            out.append((uid, factor))
    return out


def _check_barcodes(
    data: ItemData, ctx: ItemContext, item_id, problems
) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    allowed_units = {c.text_of(data.base_unit)} | {c.text_of(u.unit) for u in data.units}
    seen: set[str] = set()
    for entry in data.barcodes:
        code = c.text_of(entry.barcode)
        bad = bc.problem_text(code) if code else ("条码不能为空", "A barcode is empty")
        if bad:
            problems.append(Problem(tr(*bad), "barcodes"))
            continue
        owner = ctx.owner_of_barcode(code)
        if code in seen or (owner is not None and owner != item_id):
            zh, en = duplicate_text(owner) if owner is not None and owner != item_id else ("", "")
            problems.append(
                Problem(
                    tr("条码 {b} 重复", "Barcode {b} is taken", b=code) + tr(zh, en), "barcodes"
                )
            )
        code_owner = ctx.owner_of_code(code)
        if code_owner is not None and code_owner != item_id and code != c.text_of(data.code):
            problems.append(
                Problem(
                    tr(
                        "条码 {b} 与其他商品的编码相同",
                        "Barcode {b} equals another item's code",
                        b=code,
                    ),
                    "barcodes",
                )
            )
        seen.add(code)
        unit_name = c.text_of(entry.unit) or None
        if unit_name and unit_name not in allowed_units:
            problems.append(
                Problem(
                    tr(
                        "条码 {b} 的单位 {u} 不是该商品的单位",
                        "Barcode {b}: unit {u} is not one of the item's units",
                        b=code,
                        u=unit_name,
                    ),
                    "barcodes",
                )
            )
            continue
        uid = (
            None
            if not unit_name or unit_name == c.text_of(data.base_unit)
            else ctx.units.get(unit_name)
        )
        out.append((code, uid))
    return out


def _check_purchase_unit(data: ItemData, ctx: ItemContext, problems, v: dict, units) -> None:
    name = c.text_of(data.purchase_unit)
    v["purchase_unit"] = None
    v["purchase_unit_factor"] = None
    if not name:
        return
    uid = _lookup(problems, "purchase_unit", name, ctx.units, "采购单位", "Purchase unit")
    given = None
    if data.purchase_unit_factor not in (None, ""):
        given = c.number(
            problems,
            "purchase_unit_factor",
            data.purchase_unit_factor,
            FACTOR_PLACES,
            _label("采购单位换算", "Purchase unit factor"),
            positive=True,
        )
    known = {unit_id: f for unit_id, f in units}
    if uid is not None and name == c.text_of(data.base_unit):
        known[uid] = Decimal(1)
    factor = known.get(uid, given)
    if uid is not None and factor is None:
        problems.append(
            Problem(
                tr(
                    "采购单位需要填写换算（1 采购单位 = ? 基本单位）",
                    "The purchase unit needs a factor (base units in one purchase unit)",
                ),
                "purchase_unit_factor",
            )
        )
    elif given is not None and uid in known and given != known[uid]:
        problems.append(
            Problem(
                tr(
                    "采购单位换算与该单位的换算率 {f} 不一致",
                    "The purchase unit factor differs from the unit's factor {f}",
                    f=known[uid],
                ),
                "purchase_unit_factor",
            )
        )
    v["purchase_unit"] = uid
    v["purchase_unit_factor"] = factor


def _usage_problems(item_id: int, values: dict, unit_ids: list[int]) -> list[Problem]:
    """Changes that would corrupt the ledgers of an item already in use."""
    problems = []
    item = Item.get_by_id(item_id)
    if values.get("base_unit") is not None and values["base_unit"] != item.base_unit_id:
        problems.append(
            Problem(
                tr(
                    "商品已有业务数据，不能修改基本单位",
                    "The item has business records; its base unit cannot change",
                ),
                "base_unit",
            )
        )
    if values.get("valuation_method") and values["valuation_method"] != item.valuation_method:
        problems.append(
            Problem(
                tr(
                    "商品已有业务数据，不能修改计价方法",
                    "The item has business records; its valuation method cannot change",
                ),
                "valuation_method",
            )
        )
    line_units = {
        u
        for (u,) in DocumentLine.select(DocumentLine.unit)
        .where(DocumentLine.item == item_id)
        .distinct()
        .tuples()
    }
    missing = line_units - set(unit_ids) - {values.get("base_unit"), None}
    for uid in missing:
        problems.append(
            Problem(
                tr(
                    "单位 {u} 已在单据中使用，不能移除",
                    "Unit {u} is used on documents and cannot be removed",
                    u=Unit.get_by_id(uid).name,
                ),
                "units",
            )
        )
    return problems


def check_item(
    data: ItemData, ctx: ItemContext, item_id: int | None = None
) -> tuple[list[Problem], CheckedItem]:
    """Every rule for one item against the lookups in ctx; returns (problems, values)."""
    problems: list[Problem] = []
    v: dict = {"code": _check_code(data, ctx, item_id, problems)}
    v["name"] = c.required_text(problems, "name", data.name, _label("商品名称", "Item name"))
    v["spec"] = c.optional_text(problems, "spec", data.spec, _label("规格型号", "Specification"))
    v["category"] = _lookup(problems, "category", data.category, ctx.categories, "分类", "Category")
    v["base_unit"] = _lookup(
        problems, "base_unit", data.base_unit, ctx.units, "基本单位", "Base unit", required=True
    )
    v["default_warehouse"] = _lookup(
        problems,
        "default_warehouse",
        data.default_warehouse,
        ctx.warehouses,
        "默认仓库",
        "Default warehouse",
    )
    _check_numbers(data, ctx, problems, v)
    _check_kinds(data, ctx, problems, v)
    units = _check_units(data, ctx, problems)
    barcodes = _check_barcodes(data, ctx, item_id, problems)
    _check_purchase_unit(data, ctx, problems, v, units)
    if item_id is not None and not problems and ctx.is_used(item_id):
        problems.extend(_usage_problems(item_id, v, [u for u, _ in units]))
    return problems, CheckedItem(v, units, barcodes)


def validate_item(data: ItemData, item_id: int | None = None) -> list[Problem]:
    """All problems with `data` (empty list = it can be saved)."""
    problems, _ = check_item(data, ItemContext.load(), item_id)
    return problems


def write_item(checked: CheckedItem, item_id: int | None = None) -> Item:
    """Writes a validated item with its units and barcodes (inside the caller's transaction)."""
    if item_id is None:
        item = Item.create(**checked.values)
    else:
        Item.update(**checked.values).where(Item.id == item_id).execute()
        item = Item.get_by_id(item_id)
        ItemBarcode.delete().where(ItemBarcode.item == item_id).execute()
        ItemUnit.delete().where(ItemUnit.item == item_id).execute()
    for unit_id, factor in checked.units:
        ItemUnit.create(item=item, unit=unit_id, factor=factor)
    for code, unit_id in checked.barcodes:
        ItemBarcode.create(item=item, barcode=code, unit=unit_id)
    return item


def save_item(data: ItemData, item_id: int | None = None) -> Item:
    """Validates (all problems at once) and saves a new or existing item in one transaction."""
    with write_transaction():
        if item_id is not None:
            c.get_or_fail(Item, item_id, "商品", "Item")
        problems, checked = check_item(data, ItemContext.load(), item_id)
        require(problems)
        item = write_item(checked, item_id)
        audit("item.create" if item_id is None else "item.update", item.code)
    return item


def plain(value: Decimal | None) -> Decimal | None:
    """A stored decimal without padding zeros, for editing (13.0000 -> 13, 2.500000 -> 2.5)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def item_data(item_id: int) -> ItemData:
    """The editable form of a stored item (what save_item takes back)."""
    item = c.get_or_fail(Item, item_id, "商品", "Item")
    units = [
        UnitData(u.unit.name, plain(u.factor))
        for u in ItemUnit.select().where(ItemUnit.item == item_id).order_by(ItemUnit.id)
    ]
    codes = [
        BarcodeData(b.barcode, b.unit.name if b.unit_id else None)
        for b in ItemBarcode.select().where(ItemBarcode.item == item_id).order_by(ItemBarcode.id)
    ]
    return ItemData(
        code=item.code,
        name=item.name,
        spec=item.spec,
        category=item.category.code if item.category_id else None,
        item_type=item.item_type,
        base_unit=item.base_unit.name,
        tax_rate=plain(item.tax_rate),
        purchase_price=plain(item.purchase_price),
        sale_price=plain(item.sale_price),
        valuation_method=item.valuation_method,
        batch_managed=item.batch_managed,
        shelf_life_days=item.shelf_life_days,
        serial_managed=item.serial_managed,
        safety_stock=plain(item.safety_stock),
        max_stock=plain(item.max_stock),
        default_warehouse=item.default_warehouse.code if item.default_warehouse_id else None,
        barcodes=codes,
        units=units,
        source=item.source,
        lead_time_days=item.lead_time_days,
        lot_rule=item.lot_rule,
        lot_size=plain(item.lot_size),
        lot_period_days=item.lot_period_days,
        min_order_qty=plain(item.min_order_qty),
        purchase_unit=item.purchase_unit.name if item.purchase_unit_id else None,
        purchase_unit_factor=plain(item.purchase_unit_factor),
    )


def set_item_active(item_id: int, active: bool) -> None:
    """Deactivated items stay in history and reports but are not offered for new documents."""
    c.set_active(Item, item_id, active, "item", "商品", "Item")


def item_in_use(item_id: int) -> bool:
    return (
        DocumentLine.select().where(DocumentLine.item == item_id).exists()
        or ledger_months.item_has_moves(item_id)
        or Batch.select().where(Batch.item == item_id).exists()
    )


def delete_item(item_id: int) -> None:
    """Deletes an item never used by a document line or stock move; otherwise refuses."""
    item = c.get_or_fail(Item, item_id, "商品", "Item")
    c.delete_row(item, "item.delete", item.code, item_in_use(item_id), "商品", "Item")
