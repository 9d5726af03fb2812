"""Finding base data by the codes users type and scanners send."""

from __future__ import annotations

from jxc_desktop.models.masterdata import (
    Item,
    ItemBarcode,
    ItemUnit,
    Location,
    Partner,
    Unit,
    Warehouse,
)


def item_by_code(code: str) -> Item | None:
    """An item by its code, or by one of its barcodes."""
    code = (code or "").strip()
    if not code:
        return None
    item = Item.get_or_none(Item.code == code)
    if item is None:
        barcode = ItemBarcode.get_or_none(ItemBarcode.barcode == code)
        item = barcode.item if barcode else None
    return item


def scan(code: str) -> tuple[Item, Unit] | None:
    """What a scanned code means: the item and the unit (a box code means a box)."""
    code = (code or "").strip()
    barcode = ItemBarcode.get_or_none(ItemBarcode.barcode == code)
    if barcode is not None:
        return barcode.item, barcode.unit or barcode.item.base_unit
    item = Item.get_or_none(Item.code == code)
    return (item, item.base_unit) if item else None


def warehouse_by_code(code: str) -> Warehouse | None:
    return Warehouse.get_or_none(Warehouse.code == (code or "").strip())


def location_by_code(warehouse: Warehouse, code: str) -> Location | None:
    return Location.get_or_none(
        (Location.warehouse == warehouse) & (Location.code == (code or "").strip())
    )


def partner_by_code(code: str, kind: str | None = None) -> Partner | None:
    query = Partner.select().where(Partner.code == (code or "").strip())
    if kind:
        query = query.where(Partner.kind == kind)
    return query.first()


def unit_by_name(name: str) -> Unit | None:
    return Unit.get_or_none(Unit.name == (name or "").strip())


def unit_factor(item: Item, unit: Unit | None):
    """Base units in one `unit` of the item (1 for the base unit); None if not the item's."""
    from decimal import Decimal

    if unit is None or unit.id == item.base_unit_id:
        return Decimal(1)
    row = ItemUnit.get_or_none((ItemUnit.item == item) & (ItemUnit.unit == unit))
    return row.factor if row else None
