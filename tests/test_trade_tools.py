"""Generating next documents, pricing, requisitions from alerts, and jxc check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, first_line, supplier, trade_doc

from jxc_desktop.engine import checks, documents
from jxc_desktop.engine.trade import execution, generate, openitems, pricing
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.trade import PriceList, SupplierQuote


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    make_item("A", sale_price=Decimal("12"), purchase_price=Decimal("5"))
    doc("QCKC", day(1), [("A", 100, "5")])
    return customer("C1", grade="VIP"), supplier("S1")


def test_generate_chain_order_delivery_invoice_money(shop):
    c, _ = shop
    order, _ = trade_doc("XSDD", day(2), c, [("A", 10, "10")])
    trade_doc("XSCK", day(3), c, [("A", 4, "10", first_line(order))], warehouse="W1")
    delivery = generate.order_to_delivery(order.id, day(4), warehouse="W1", save=True)
    assert DocumentLine.get(DocumentLine.document == delivery).qty == Decimal(6)
    documents.approve(delivery.id)
    assert execution.order_status(order) == "done"
    invoice = generate.delivery_to_invoice(delivery.id, day(5), save=True)
    documents.approve(invoice.id)
    receipt = generate.invoice_to_money(invoice.id, day(6), save=True)
    assert DocumentLine.get(DocumentLine.document == receipt).amount == Decimal("67.80")
    documents.approve(receipt.id)
    assert openitems.balance(c.id, "receivable") == 4520  # the first delivery, 45.20
    assert checks.run_all() == []
    with pytest.raises(Exception, match="没有未执行"):
        generate.order_to_delivery(order.id, day(7))


def test_price_suggestions_and_quotes(shop):
    c, s = shop
    item = Item.get(Item.code == "A")
    assert pricing.suggest_sale_price(c, "A", 1, day(2)) == (Decimal("12.000000"), "item")
    PriceList.create(grade="VIP", item=item, min_qty=0, price=Decimal("11"))
    PriceList.create(grade="VIP", item=item, min_qty=10, price=Decimal("10"), discount=5)
    assert pricing.suggest_sale_price(c, "A", 5, day(2))[0] == Decimal("11")
    assert pricing.suggest_sale_price(c, "A", 10, day(2))[0] == Decimal("9.5")
    other = customer("C2")
    trade_doc("XSCK", day(3), other, [("A", 2, "13.5")], warehouse="W1")
    assert pricing.suggest_sale_price(other, "A", 1, day(4)) == (Decimal("13.5"), "last_sale")
    s2 = supplier("S2")
    SupplierQuote.create(supplier=s, item=item, min_qty=0, price=Decimal("4.8"))
    SupplierQuote.create(
        supplier=s2, item=item, min_qty=0, price=Decimal("4.5"), valid_to=dt.date(2026, 1, 31)
    )
    rows = pricing.compare_quotes("A", 1, day(2))
    assert [r["supplier"] for r in rows] == ["S2", "S1"]
    assert pricing.suggest_purchase_price(s, "A", 1, day(2)) == (Decimal("4.8"), "quote")
    assert [r["supplier"] for r in pricing.compare_quotes("A", 1, dt.date(2026, 2, 1))] == ["S1"]


def test_requisition_from_alerts(shop):
    make_item("B", safety_stock=Decimal("20"), max_stock=Decimal("50"))
    make_item("Z", safety_stock=Decimal("3"))
    req = pricing.requisition_from_alerts(day(5))
    lines = {x.item.code: x.qty for x in DocumentLine.select().where(DocumentLine.document == req)}
    assert req.doc_type == "CGSQ" and lines == {"B": Decimal(50), "Z": Decimal(3)}


def test_import_price_list_and_quotes_then_compare(shop, company, tmp_path, capsys):
    import json

    from openpyxl import Workbook

    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    supplier("S2")

    def sheet(name, head, rows):
        wb = Workbook()
        wb.active.append(head)
        for r in rows:
            wb.active.append(list(r))
        wb.save(tmp_path / name)
        return str(tmp_path / name)

    prices = sheet(
        "p.xlsx",
        ["价格等级", "商品编码", "起订数量", "单价", "折扣"],
        [("VIP", "A", 0, "11", None), ("VIP", "A", 10, "10", "5")],
    )
    quotes = sheet(
        "q.xlsx",
        ["供应商", "商品编码", "起订数量", "单价", "失效日期"],
        [("S1", "A", 0, "4.8", None), ("S2", "A", 0, "4.5", "2026-01-31")],
    )
    bad = sheet("b.xlsx", ["供应商", "商品编码", "单价"], [("NOPE", "ZZ", "1e3")])
    close_company()
    db = ["--db", str(company)]
    assert main([*db, "import", "price-list", prices]) == 0
    assert main([*db, "import", "supplier-quotes", quotes]) == 0
    assert main([*db, "import", "supplier-quotes", bad]) == 1
    err = capsys.readouterr().err
    assert "供应商" in err and "商品编码" in err and "单价" in err
    args = [*db, "report", "quote-comparison", "--item", "A", "--to", "2026-01-15"]
    assert main([*args, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["supplier"], r["price"]) for r in rows] == [("S2", "4.500000"), ("S1", "4.800000")]
    assert main([*db, "trade", "price", "--partner", "C1", "--item", "A", "--qty", "12"]) == 0
    assert capsys.readouterr().out.split() == ["9.500000", "price_list"]
