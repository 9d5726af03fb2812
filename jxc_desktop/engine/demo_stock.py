"""The demo company's warehouse history: opening stock and a few months of activity.

Deterministic (seeded). Everything goes through the document engine (save_draft and
approve), so the demo's ledger is exactly what a user's would be: 期初库存 on the first
day, then weekly 其他入库 and 其他出库, transfers between the warehouses, a monthly
stocktake with small differences, one cost adjustment, and a few drafts left open.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.inventory import stocktake
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Location, Partner, Warehouse
from jxc_desktop.models.stock import StockBalance

SEED = 1125


def _stock_items() -> list[Item]:
    return list(Item.select().where(Item.item_type != "service").order_by(Item.code))


def _home(item: Item, warehouses: dict[str, Warehouse]) -> Warehouse:
    return warehouses["WH02"] if item.item_type == "material" else warehouses["WH01"]


def _locations(warehouse: Warehouse) -> list[Location]:
    return list(Location.select().where(Location.warehouse == warehouse).order_by(Location.code))


def _batch(item: Item, day: dt.date, n: int) -> dict:
    if not item.batch_managed:
        return {}
    return {"batch_no": f"{day:%y%m%d}{n:02d}", "production_date": day - dt.timedelta(days=3)}


def _opening(day, items, warehouses, rng) -> None:
    by_wh: dict[str, list[LineInput]] = {}
    for n, item in enumerate(items):
        wh = _home(item, warehouses)
        locs = _locations(wh)
        price = item.purchase_price or Decimal("10")
        by_wh.setdefault(wh.code, []).append(
            LineInput(
                item=item,
                qty=str(rng.randint(20, 200)),
                price=str(price),
                location=locs[n % len(locs)],
                **_batch(item, day, 1),
            )
        )
    for wh_code, lines in by_wh.items():
        doc = documents.save_draft(
            DocumentInput("QCKC", day, lines, warehouse=wh_code, remarks="建账期初库存")
        )
        documents.approve(doc.id)


def _capital(day: dt.date) -> None:
    """The owners' money paid into the bank on the first day (a posted manual voucher)."""
    from jxc_desktop.engine.finance import manual

    voucher = manual.create_voucher(
        manual.VoucherInput(
            day,
            "股东投入资本金",
            [
                manual.VoucherLineInput("1002", debit="800000.00", summary="股东投入资本金"),
                manual.VoucherLineInput("3001", credit="800000.00", summary="股东投入资本金"),
            ],
        )
    )
    manual.review(voucher.id)
    manual.post(voucher.id)


def _on_hand(item: Item, wh: Warehouse) -> list[StockBalance]:
    rows = StockBalance.select().where(
        (StockBalance.item == item) & (StockBalance.warehouse == wh) & (StockBalance.qty > 0)
    )
    # Ordered here, not by the database: the demo must come out the same on SQLite and
    # PostgreSQL, whose row order and text collation differ.
    return sorted(rows, key=_place)


def _place(row: StockBalance) -> tuple:
    return row.location_id, row.batch_no


def _receipt(day, items, warehouses, rng, approve=True):
    picked = rng.sample(items, 6)
    wh = _home(picked[0], warehouses)
    picked = [i for i in picked if _home(i, warehouses) == wh]
    locs = _locations(wh)
    lines = []
    for n, item in enumerate(picked):
        base = item.purchase_price or Decimal("10")
        price = (base * Decimal(rng.randint(92, 110)) / 100).quantize(Decimal("0.01"))
        lines.append(
            LineInput(
                item=item,
                qty=str(rng.randint(10, 120)),
                price=str(price),
                location=locs[rng.randrange(len(locs))],
                **_batch(item, day, n + 2),
            )
        )
    supplier = rng.choice(_partners("supplier"))
    doc = documents.save_draft(
        DocumentInput("CGRK", day, lines, warehouse=wh, partner=supplier, remarks="采购到货")
    )
    if approve:
        documents.approve(doc.id)
        if rng.random() < 0.6:  # most suppliers are paid within the month
            _money("FKD", day + dt.timedelta(days=rng.randint(3, 20)), doc, supplier, rng)


def _issue(day, items, warehouses, rng) -> None:
    """Goods go out as sales deliveries; raw materials as 领用 other issues."""
    wh = warehouses[rng.choice(["WH01", "WH01", "WH02"])]
    lines = []
    for item in rng.sample(items, 12):
        rows = _on_hand(item, wh)
        if not rows:
            continue
        row = rows[0]
        qty = int(row.qty * Decimal(rng.randint(5, 30)) / 100)
        if qty > 0 and (wh.code == "WH02" or item.sale_price):  # no list price: not for sale
            price = str(item.sale_price) if wh.code == "WH01" and item.sale_price else None
            lines.append(
                LineInput(
                    item=item,
                    qty=str(qty),
                    location=_location(row),
                    batch_no=row.batch_no,
                    price=price,
                )
            )
    if not lines:
        return
    if wh.code == "WH02":
        doc = documents.save_draft(
            DocumentInput("QTCK", day, lines, warehouse=wh, remarks="生产领用")
        )
        documents.approve(doc.id)
        return
    customer = rng.choice(_partners("customer"))
    doc = documents.save_draft(
        DocumentInput("XSCK", day, lines, warehouse=wh, partner=customer, remarks="销售发货")
    )
    documents.approve(doc.id)
    if rng.random() < 0.7:
        _money("SKD", day + dt.timedelta(days=rng.randint(2, 25)), doc, customer, rng)


def _partners(kind: str) -> list[Partner]:
    return list(Partner.select().where(Partner.kind == kind).order_by(Partner.code))


_LATER: list[tuple] = []  # money documents, approved in date order at the end


def _money(doc_type: str, day: dt.date, source: Document, partner: Partner, rng) -> None:
    """A 收款单 / 付款单 settling a delivery or receipt in full (to the bank, 1002)."""
    first = source.lines.order_by(DocumentLine.line_no).first()
    total = sum((line.total for line in source.lines), Decimal(0))
    _LATER.append((day, doc_type, partner, total, first))


def _location(row: StockBalance) -> Location | None:
    return Location.get_by_id(row.location_id) if row.location_id else None


def _transfer(day, items, warehouses, rng) -> None:
    src, dest = warehouses["WH02"], warehouses["WH01"]
    lines = []
    for item in rng.sample(items, 15):
        rows = _on_hand(item, src)
        if rows and rows[0].qty >= 10:
            lines.append(
                LineInput(
                    item=item,
                    qty="5",
                    location=_location(rows[0]),
                    batch_no=rows[0].batch_no,
                    dest_location=_locations(dest)[0],
                )
            )
    if lines:
        doc = documents.save_draft(
            DocumentInput("DBD", day, lines, warehouse=src, dest_warehouse=dest, remarks="原料调拨")
        )
        documents.approve(doc.id)


def _stocktake(day, warehouses, rng, approve=True) -> None:
    loc = _locations(warehouses["WH01"])[rng.randrange(4)]
    try:
        doc = stocktake.create_stocktake("WH01", day, location=loc.code)
    except JxcError:  # nothing on that shelf: no stocktake this month
        return
    for line in doc.lines:
        counted = line.book_qty + rng.choice([0, 0, 0, 0, 1, -1, -2])
        stocktake.count(
            doc.id,
            line.item.code,
            str(max(counted, 0)),
            location=loc.code,
            batch_no=line.batch_no,
            replace=True,
        )
    if approve:
        documents.approve(doc.id)


def build_stock_history(start: dt.date, end: dt.date) -> None:
    """Writes the demo's warehouse documents from `start` to `end` (inclusive)."""
    rng = random.Random(SEED)
    items = _stock_items()
    warehouses = {w.code: w for w in Warehouse.select()}
    _opening(start, items, warehouses, rng)
    _capital(start)
    day = start + dt.timedelta(days=2)
    while day <= end - dt.timedelta(days=3):
        _receipt(day, items, warehouses, rng)
        _issue(day + dt.timedelta(days=1), items, warehouses, rng)
        if day.day <= 7:
            _transfer(day + dt.timedelta(days=2), items, warehouses, rng)
        if day.day > 21:
            _stocktake(day + dt.timedelta(days=2), warehouses, rng)
        day += dt.timedelta(days=7)
    item = next(i for i in items if _on_hand(i, warehouses["WH01"]))
    adj = documents.save_draft(
        DocumentInput(
            "CBTZ",
            end - dt.timedelta(days=2),
            [LineInput(item=item, amount="-12.50")],
            warehouse="WH01",
            remarks="供应商返利冲减成本",
        )
    )
    documents.approve(adj.id)
    _receipt(end, items, warehouses, rng, approve=False)
    _stocktake(end, warehouses, rng, approve=False)
    for day, doc_type, partner, total, first in sorted(_LATER, key=lambda x: x[0]):
        if day > end:
            continue
        doc = documents.save_draft(
            DocumentInput(
                doc_type,
                day,
                [LineInput(amount=str(total), account="1002", source_line=first)],
                partner=partner,
                remarks="银行转账",
            )
        )
        documents.approve(doc.id)
    _LATER.clear()
