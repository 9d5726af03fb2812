"""Lookups that item validation needs, loaded once.

One ItemContext serves a single form save (loaded from the database) as well as an
import of 50,000 rows: the importer loads it once and registers every row it has
accepted, so the same rules also catch duplicates inside the file, without one
query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jxc_desktop.engine import settings
from jxc_desktop.models.masterdata import (
    Item,
    ItemBarcode,
    ItemCategory,
    Unit,
    Warehouse,
)


@dataclass
class ItemContext:
    units: dict[str, int] = field(default_factory=dict)  # active unit name -> id
    categories: dict[str, int] = field(default_factory=dict)  # category code -> id
    warehouses: dict[str, int] = field(default_factory=dict)  # warehouse code -> id
    item_codes: dict[str, object] = field(default_factory=dict)  # code -> item id or row label
    barcodes: dict[str, object] = field(default_factory=dict)  # barcode -> item id or row label
    default_valuation: str = "moving_average"

    @classmethod
    def load(cls) -> ItemContext:
        """Everything from the database (a few queries, whatever the table sizes)."""
        ctx = cls()
        ctx.units = dict(Unit.select(Unit.name, Unit.id).where(Unit.active).tuples())
        ctx.categories = dict(ItemCategory.select(ItemCategory.code, ItemCategory.id).tuples())
        ctx.warehouses = dict(
            Warehouse.select(Warehouse.code, Warehouse.id).where(Warehouse.active).tuples()
        )
        ctx.item_codes = dict(Item.select(Item.code, Item.id).tuples())
        ctx.barcodes = dict(ItemBarcode.select(ItemBarcode.barcode, ItemBarcode.item).tuples())
        ctx.default_valuation = settings.get("valuation_method")
        return ctx

    def owner_of_code(self, code: str):
        return self.item_codes.get(code)

    def owner_of_barcode(self, barcode: str):
        return self.barcodes.get(barcode)
