"""The paged model's source for an engine list (jxc_desktop.engine.listing)."""

from __future__ import annotations

from jxc_desktop.engine import listing
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.paged_model import Column


class ListingSource:
    """Columns, count and pages of one registered ListSpec, with display texts for choices.

    The engine already reads deep pages backwards from the end, so the model need not.
    """

    reversible = False

    def __init__(self, name: str):
        self.name = name
        self.spec = listing.get_spec(name)
        self.columns = [Column(c.key, c.label, c.kind) for c in self.spec.columns]
        if self.spec.decorate is not None and name == "items":
            # Computed per page by the engine; shown, not sortable.
            self.columns.insert(3, Column("barcode", tr("条码"), "computed"))
        self._total: int | None = None

    def count(self, search: str, filters: dict) -> int:
        self._total = listing.count(self.name, search, filters)
        return self._total

    def sortable(self, key: str) -> bool:
        return any(c.key == key for c in self.spec.columns)

    def page(
        self,
        offset: int,
        limit: int,
        sort_key: str | None,
        descending: bool,
        search: str,
        filters: dict,
    ) -> list[dict]:
        if sort_key is not None and not self.sortable(sort_key):
            sort_key = None
        rows = listing.page(
            self.name, offset, limit, sort_key, descending, search, filters, self._total
        )
        for column in self.spec.columns:
            if column.choices:
                for row in rows:
                    row[column.key] = column.display(row.get(column.key))
        return rows

    def has_filter(self, key: str) -> bool:
        return key in self.spec.filters
