"""`jxc check` invariants of the base data (registered with engine.checks).

The save functions and imports enforce these rules; the checks catch data written
around them (old files, hand edits, bugs).
"""

from __future__ import annotations

from jxc_desktop.engine import barcodes
from jxc_desktop.engine.checks import register
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.masterdata import (
    ITEM_SOURCES,
    ITEM_TYPES,
    LOT_RULES,
    VALUATION_METHODS,
    Item,
    ItemBarcode,
    ItemCategory,
    ItemUnit,
)


@register("masterdata.barcodes")
def barcode_check_digits() -> list[str]:
    """Every stored barcode is acceptable (GS1 check digits included)."""
    out = []
    for code, item_code in ItemBarcode.select(ItemBarcode.barcode, Item.code).join(Item).tuples():
        bad = barcodes.problem_text(code)
        if bad:
            out.append(tr("商品 {i}: ", "item {i}: ", i=item_code) + tr(*bad))
    return out


@register("masterdata.item_units")
def item_units() -> list[str]:
    """Other units differ from the base unit with factors > 0; a box code's unit is the item's."""
    out = []
    units = {(u.item_id, u.unit_id): u.factor for u in ItemUnit.select()}
    bases = dict(Item.select(Item.id, Item.base_unit).tuples())
    codes = dict(Item.select(Item.id, Item.code).tuples())
    for (item_id, unit_id), factor in units.items():
        if factor <= 0 or unit_id == bases.get(item_id):
            out.append(
                tr("商品 {i} 的辅助单位换算无效", "item {i}: invalid other unit", i=codes[item_id])
            )
    query = ItemBarcode.select(ItemBarcode.item, ItemBarcode.unit, ItemBarcode.barcode)
    for item_id, unit_id, code in query.where(ItemBarcode.unit.is_null(False)).tuples():
        if unit_id != bases.get(item_id) and (item_id, unit_id) not in units:
            out.append(
                tr(
                    "商品 {i} 的条码 {b} 的单位不是该商品的单位",
                    "item {i}: barcode {b} names a unit the item does not have",
                    i=codes[item_id],
                    b=code,
                )
            )
    return out


@register("masterdata.item_choices")
def item_choices() -> list[str]:
    """Coded item fields hold known codes."""
    out = []
    allowed = {
        "item_type": ITEM_TYPES,
        "valuation_method": VALUATION_METHODS,
        "source": ITEM_SOURCES,
        "lot_rule": LOT_RULES,
    }
    for name, values in allowed.items():
        field = Item._meta.fields[name]
        for code, value in Item.select(Item.code, field).where(field.not_in(values)).tuples():
            out.append(
                tr(
                    "商品 {i} 的 {f} 无效: {v}",
                    "item {i}: invalid {f} {v}",
                    i=code,
                    f=name,
                    v=value,
                )
            )
    return out


@register("masterdata.category_tree")
def category_cycles() -> list[str]:
    """The category parents form a tree (no category is its own ancestor)."""
    parents = dict(ItemCategory.select(ItemCategory.id, ItemCategory.parent).tuples())
    codes = dict(ItemCategory.select(ItemCategory.id, ItemCategory.code).tuples())
    out = []
    for start in parents:
        seen, current = set(), start
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current == start:
            out.append(tr("分类 {c} 形成循环", "category {c} is part of a cycle", c=codes[start]))
    return out
