"""Paged item list on 1,000,000 items: count, first page, last page, middle, search.

    .venv/bin/python bench/bench_listing.py [ROWS] [DB]

Prints milliseconds per operation (the GUI target is < 200 ms for the first rows and
for jumping to the end).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from jxc_desktop.engine import listing
from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.session import open_company
from jxc_desktop.models.db import bulk_insert, write_transaction
from jxc_desktop.models.masterdata import Item, ItemBarcode, Unit

COLUMNS = (
    "code",
    "name",
    "spec",
    "item_type",
    "base_unit_id",
    "tax_rate",
    "purchase_price",
    "sale_price",
    "valuation_method",
    "batch_managed",
    "serial_managed",
    "safety_stock",
    "max_stock",
    "source",
    "lead_time_days",
    "lot_rule",
    "lot_size",
    "min_order_qty",
    "active",
    "created_at",
)


# the fields every generated item shares (valuation, flags, stock limits, planning, active)
FIXED = ("moving_average", 0, 0, 0, 0, "purchase", 0, "lot_for_lot", 0, 0, 1)


def item_rows(first: int, last: int, unit: int, spec: str, prices) -> list[tuple]:
    """Item rows I{n:07d} for bulk_insert into COLUMNS; prices(n) -> (purchase, sale) 1e-6."""
    return [
        (f"I{n:07d}", f"商品 {n % 9973} 号", spec, "goods", unit, 130000)
        + prices(n)
        + FIXED
        + ("2026-01-01 00:00:00",)
        for n in range(first, last)
    ]


def fill(rows: int) -> None:
    unit = Unit.get(Unit.name == "个").id
    with write_transaction():
        for start in range(0, rows, 50_000):
            batch = item_rows(
                start, min(rows, start + 50_000), unit, "规格", lambda n: (1_000_000, 1_500_000)
            )
            bulk_insert("item", COLUMNS, batch)
        ids = [i for (i,) in Item.select(Item.id).where(Item.code == "I0500000").tuples()]
        for item_id in ids:
            ItemBarcode.create(item=item_id, barcode="6901234567892")


def timed(label: str, fn) -> None:
    start = time.perf_counter()
    result = fn()
    ms = (time.perf_counter() - start) * 1000
    shown = result if isinstance(result, int) else [r["code"] for r in result][:2]
    print(f"{label:<40} {ms:8.1f} ms  {shown}")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "list.sqlite"
    fresh = not path.exists()
    open_company(path, create=True)
    if fresh:
        init_company(CompanySetup(name="bench", start_period="2026-01"))
        start = time.perf_counter()
        fill(rows)
        print(f"inserted {rows} items in {time.perf_counter() - start:.1f} s")
    total = listing.count("items")
    timed("count", lambda: listing.count("items"))
    timed("first page (code)", lambda: listing.page("items", 0, 100))
    timed("last page (code)", lambda: listing.page("items", total - 100, 100, total=total))
    timed("middle page (code)", lambda: listing.page("items", total // 2, 100, total=total))
    timed("first page (name)", lambda: listing.page("items", 0, 100, "name"))
    timed("last page (name)", lambda: listing.page("items", total - 100, 100, "name", total=total))
    timed("first page (code desc)", lambda: listing.page("items", 0, 100, "code", True))
    timed("first page (sale_price, no index)", lambda: listing.page("items", 0, 100, "sale_price"))
    timed("search code prefix I09999", lambda: listing.page("items", 0, 100, search="I09999"))
    timed("count search name '9971 号'", lambda: listing.count("items", "9971 号"))
    timed("search barcode", lambda: listing.page("items", 0, 100, search="6901234567892"))
    timed("all row ids (code order)", lambda: len(listing.row_ids("items")))


if __name__ == "__main__":
    main()
