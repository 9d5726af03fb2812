"""Lookups that item validation needs.

One ItemContext serves a single form save as well as an import of 50,000 rows. Small
tables (units, categories, warehouses) are always loaded whole. Item codes and
barcodes are looked up one by one for a form (a database of 1,000,000 items must not
be read to save one), but preloaded into dicts for an import, which then registers
every row it has accepted, so the same rules also catch duplicates inside the file,
without one query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jxc_desktop.engine import settings
from jxc_desktop.engine.inventory import ledger_months
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Item, ItemBarcode, ItemCategory, Unit, Warehouse
from jxc_desktop.models.stock import CostGroup


def _used_item_ids() -> set[int]:
    lines = DocumentLine.select(DocumentLine.item).where(DocumentLine.item.is_null(False))
    # every move posts to its cost pool (made with the first move, never deleted): the
    # pools name the items with moves without reading the ledger
    pools = CostGroup.select(CostGroup.item)
    return {i for (i,) in lines.distinct().tuples()} | {i for (i,) in pools.distinct().tuples()}


@dataclass
class ItemContext:
    units: dict[str, int] = field(default_factory=dict)  # active unit name -> id
    categories: dict[str, int] = field(default_factory=dict)  # category code -> id
    warehouses: dict[str, int] = field(default_factory=dict)  # active warehouse code -> id
    item_codes: dict[str, object] = field(default_factory=dict)  # code -> item id or row label
    barcodes: dict[str, object] = field(default_factory=dict)  # barcode -> item id or row label
    default_valuation: str = "moving_average"
    preloaded: bool = False  # item_codes / barcodes hold every row of the database
    used_items: set[int] | None = None  # preloaded: items named by documents or stock moves

    @classmethod
    def load(cls, preload_items: bool = False) -> ItemContext:
        """The small tables, and with preload_items every item code and barcode."""
        ctx = cls(preloaded=preload_items)
        ctx.units = dict(Unit.select(Unit.name, Unit.id).where(Unit.active).tuples())
        ctx.categories = dict(ItemCategory.select(ItemCategory.code, ItemCategory.id).tuples())
        ctx.warehouses = dict(
            Warehouse.select(Warehouse.code, Warehouse.id).where(Warehouse.active).tuples()
        )
        if preload_items:
            ctx.item_codes = dict(Item.select(Item.code, Item.id).tuples())
            ctx.barcodes = dict(ItemBarcode.select(ItemBarcode.barcode, ItemBarcode.item).tuples())
            ctx.used_items = _used_item_ids()
        ctx.default_valuation = settings.get("valuation_method")
        return ctx

    def is_used(self, item_id: int) -> bool:
        """True when documents or stock moves name the item (its ledgers constrain edits)."""
        if self.used_items is not None:
            return item_id in self.used_items
        return (
            ledger_months.item_has_moves(item_id)
            or DocumentLine.select().where(DocumentLine.item == item_id).exists()
        )

    def owner_of_code(self, code: str):
        """The item id (or the import row label) holding an item code, or None."""
        if self.preloaded or code in self.item_codes:
            return self.item_codes.get(code)
        return Item.select(Item.id).where(Item.code == code).scalar()

    def owner_of_barcode(self, barcode: str):
        """The item id (or the import row label) holding a barcode, or None."""
        if self.preloaded or barcode in self.barcodes:
            return self.barcodes.get(barcode)
        query = ItemBarcode.select(ItemBarcode.item).where(ItemBarcode.barcode == barcode)
        return query.scalar()
