"""The demo company's trade: a few months of purchases and sales, through the engine.

Deterministic (seeded). Each month: purchase orders received (some partly), purchase
invoices and payments (some partial); then sales orders delivered (some partly),
invoiced and collected (some partly, some not at all, so the aging shows overdue
customers), one with a 收款计划, one sale in USD collected at another rate (an
exchange difference), one return. Documents are generated from their upstream ones
(generate.py), exactly as a user would in the 采购 / 销售 tabs.

Stock safety: the sales only ship what this module received before (per item and
location), so adding them to the warehouse history never takes any balance below zero.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.money import money
from jxc_desktop.engine.trade import collection_plan, generate
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Item, Location, Partner, Warehouse

SEED = 20261125


class _Shop:
    """What the demo has received and may sell: (item id, location id) → quantity."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.wh = Warehouse.get(Warehouse.code == "WH01")
        self.locations = {
            loc.id: loc
            for loc in Location.select()
            .where(Location.warehouse == self.wh)
            .order_by(Location.code)
        }
        self.items = list(
            Item.select()
            .where(
                (Item.item_type == "goods")
                & ~Item.batch_managed
                & ~Item.serial_managed
                & (Item.valuation_method != "specific")
                & Item.active
            )
            .order_by(Item.code)
        )
        self.customers = list(
            Partner.select().where(Partner.kind == "customer").order_by(Partner.code)
        )
        self.suppliers = list(
            Partner.select().where(Partner.kind == "supplier").order_by(Partner.code)
        )
        self.mine: dict[tuple[int, int], Decimal] = {}
        self.deliveries: list = []
        self.where: dict[int, int] = {}  # item id → the location it is received into

    def location(self, item: Item) -> Location:
        loc_id = self.where.setdefault(item.id, list(self.locations)[item.id % len(self.locations)])
        return self.locations[loc_id]


def _approve(doc) -> None:
    documents.approve(doc.id)


def _money(source_id: int, day: dt.date, share: Decimal | None = None, account="1002"):
    """A receipt (payment) for a document's open amount, or a share of it."""
    data = generate.invoice_to_money(source_id, day, account=account)
    if share is not None:
        line = data.lines[0]
        data.lines[0] = replace(line, amount=money(Decimal(line.amount) * share))
    doc = documents.save_draft(data)
    _approve(doc)
    return doc


def _purchase(shop: _Shop, day: dt.date, supplier: Partner, last_day: dt.date) -> None:
    rng = shop.rng
    lines = []
    for item in rng.sample(shop.items, rng.randint(3, 6)):
        price = item.purchase_price or Decimal("10")
        lines.append(
            LineInput(
                item=item,
                qty=str(rng.choice([20, 30, 50, 60, 100])),
                price=str(price),
                tax_rate=str(item.tax_rate),
                due_date=day + dt.timedelta(days=5),
            )
        )
    order = documents.save_draft(DocumentInput("CGDD", day, lines, partner=supplier))
    _approve(order)
    data = generate.order_to_delivery(order.id, day + dt.timedelta(days=rng.randint(3, 6)), shop.wh)
    partial = rng.random() < 0.25
    for n, line in enumerate(data.lines):  # order lines are in the base unit here
        qty = Decimal(line.qty) / 2 if partial and n == 0 else Decimal(line.qty)
        data.lines[n] = replace(line, qty=qty, location=shop.location(line.item))
        key = (line.item.id, shop.location(line.item).id)
        shop.mine[key] = shop.mine.get(key, Decimal(0)) + qty
    receipt = documents.save_draft(data)
    _approve(receipt)
    if rng.random() < 0.85:
        invoice = generate.delivery_to_invoice(
            receipt.id, data.date + dt.timedelta(days=2), save=True
        )
        _approve(invoice)
        roll = rng.random()
        # a payment due after the demo's last day (today) is not made yet: still open
        if roll < 0.6:
            pay_day = invoice.date + dt.timedelta(days=rng.randint(5, 25))
            if pay_day <= last_day:
                _money(invoice.id, pay_day)
        elif roll < 0.8 and invoice.date + dt.timedelta(days=10) <= last_day:
            _money(invoice.id, invoice.date + dt.timedelta(days=10), Decimal("0.5"))


def _sale_lines(shop: _Shop, day: dt.date) -> list[LineInput]:
    rng = shop.rng
    stocked = [key for key, q in shop.mine.items() if q >= 4]
    lines = []
    for item_id, loc_id in rng.sample(stocked, min(len(stocked), rng.randint(2, 5))):
        item = Item.get_by_id(item_id)
        qty = Decimal(rng.randint(1, int(min(shop.mine[(item_id, loc_id)], 20) // 2)))
        price = item.sale_price or money((item.purchase_price or Decimal(10)) * Decimal("1.3"))
        lines.append(
            LineInput(
                item=item,
                qty=str(qty),
                price=str(price),
                tax_rate=str(item.tax_rate),
                due_date=day + dt.timedelta(days=3),
            )
        )
        shop.mine[(item_id, loc_id)] -= qty  # reserved now, shipped by the delivery
    return lines


def _deliver(shop: _Shop, order, day: dt.date, partial: bool):
    data = generate.order_to_delivery(order.id, day, shop.wh)
    if partial:  # the last line waits: the order stays partly executed
        last = data.lines.pop()
        shop.mine[(last.item.id, shop.location(last.item).id)] += Decimal(last.qty)
    data.lines = [replace(x, location=shop.location(x.item)) for x in data.lines]
    delivery = documents.save_draft(data)
    _approve(delivery)
    shop.deliveries.append(delivery)
    return delivery


def _sale(shop: _Shop, day: dt.date, customer: Partner, last_day: dt.date, **kw) -> None:
    rng = shop.rng
    lines = _sale_lines(shop, day)
    if not lines:
        return
    order = documents.save_draft(DocumentInput("XSDD", day, lines, partner=customer, **kw))
    _approve(order)
    delivery_day, partial = day + dt.timedelta(days=rng.randint(1, 4)), rng.random() < 0.2
    if delivery_day > last_day:
        return  # nothing is dated after the demo's last day (today): still to deliver
    delivery = _deliver(shop, order, delivery_day, partial)
    if rng.random() > 0.8 or delivery.date >= last_day:
        return  # delivered, not yet invoiced (the 首页 reminder)
    invoice = generate.delivery_to_invoice(
        delivery.id, delivery.date + dt.timedelta(days=1), save=True
    )
    _approve(invoice)
    pay_day = invoice.date + dt.timedelta(days=rng.randint(7, 40))
    roll = rng.random()
    if pay_day > last_day or roll < 0.2:
        return  # still open: some of these are overdue by the end
    _money(invoice.id, pay_day, Decimal("0.4") if roll < 0.35 else None)


def _planned_sale(shop: _Shop, day: dt.date, customer: Partner) -> None:
    """A larger order on a 收款计划: 30% on signing, the rest in two instalments."""
    lines = _sale_lines(shop, day)
    if not lines:
        return
    order = documents.save_draft(DocumentInput("XSDD", day, lines, partner=customer))
    _approve(order)
    total = order.total_amount + order.total_tax
    first = money(total * Decimal("0.3"))
    second = money((total - first) / 2)
    collection_plan.set_plan(
        order.id,
        [
            collection_plan.Instalment(day, first, "定金"),
            collection_plan.Instalment(day + dt.timedelta(days=30), second, "到货款"),
            collection_plan.Instalment(day + dt.timedelta(days=60), total - first - second, "尾款"),
        ],
    )
    # the deposit names the order: an advance against it, consumed by the delivery
    deposit = documents.save_draft(
        DocumentInput(
            "SKD",
            day,
            [LineInput(amount=first, account="1002", source_line=_first_line(order))],
            partner=customer,
        )
    )
    _approve(deposit)
    _deliver(shop, order, day + dt.timedelta(days=5), False)


def _first_line(doc) -> DocumentLine:
    return DocumentLine.get((DocumentLine.document == doc) & (DocumentLine.line_no == 1))


def _usd_sale(shop: _Shop, day: dt.date, customer: Partner, last_day: dt.date) -> None:
    """An export order in USD at 7.10, collected at 7.18: an exchange gain."""
    lines = _sale_lines(shop, day)
    if not lines:
        return
    lines = [
        replace(x, price=str(money(Decimal(x.price) / Decimal("7.1"))), tax_rate="0") for x in lines
    ]
    order = documents.save_draft(
        DocumentInput("XSDD", day, lines, partner=customer, currency="USD", exchange_rate="7.1")
    )
    _approve(order)
    delivery = _deliver(shop, order, day + dt.timedelta(days=2), False)
    pay_day = min(day + dt.timedelta(days=20), last_day)
    data = generate.invoice_to_money(delivery.id, pay_day)
    data.exchange_rate = Decimal("7.18")
    _approve(documents.save_draft(data))


def _return(shop: _Shop, day: dt.date) -> None:
    """A customer sends one unit back from an earlier delivery (at its original cost)."""
    if not shop.deliveries:
        return
    line = _first_line(shop.deliveries[0])
    data = DocumentInput(
        "XSTH",
        max(day, line.document.date + dt.timedelta(days=1)),
        [
            LineInput(
                item=line.item,
                qty="1",
                unit=line.unit,
                price=str(line.price),
                tax_rate=str(line.tax_rate),
                location=line.location,
                source_line=line,
            )
        ],
        partner=line.document.partner,
        warehouse=shop.wh,
    )
    _approve(documents.save_draft(data))


def build_trade_demo(first_day: dt.date, last_day: dt.date) -> None:
    """Purchases and sales from first_day to last_day (call inside a write transaction)."""
    shop = _Shop(random.Random(SEED))
    rng = shop.rng
    start, month = first_day, 0
    # in date order: a month's receipts (by day 9) come before its deliveries (day 11 on)
    while start + dt.timedelta(days=24) <= last_day:
        for n in range(4):
            _purchase(shop, start + dt.timedelta(days=n), rng.choice(shop.suppliers), last_day)
        if month == 1:
            _planned_sale(shop, start + dt.timedelta(days=9), shop.customers[0])
            _usd_sale(shop, start + dt.timedelta(days=9), shop.customers[1], last_day)
            _return(shop, start + dt.timedelta(days=9))
        for n in range(8):
            day = start + dt.timedelta(days=10 + n * 2)
            _sale(shop, day, rng.choice(shop.customers), last_day)
        start += dt.timedelta(days=30)
        month += 1
