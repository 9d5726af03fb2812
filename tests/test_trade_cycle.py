"""Order-to-cash and procure-to-pay cycles with expected quantities and amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, first_line, money_doc, supplier, trade_doc

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.errors import StateError, ValidationError
from jxc_desktop.engine.money import yuan
from jxc_desktop.engine.trade import execution, openitems


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    make_item("A")
    make_item("B")
    doc("QCKC", day(1), [("A", 100, "5"), ("B", 100, "8")])
    return customer("C1", terms=30), supplier("S1", terms=60)


def ar(partner):
    return yuan(openitems.balance(partner.id, "receivable"))


def test_order_partial_deliveries_invoice_and_receipts(shop):
    c, _ = shop
    order, _ = trade_doc("XSDD", day(2), c, [("A", 10, "10"), ("B", 5, "20")])
    a_line = first_line(order)
    # 10 × 10 = 100 + 13 tax = 113; 5 × 20 = 100 + 13 = 113
    d1, _ = trade_doc("XSCK", day(3), c, [("A", 4, "10", a_line)], warehouse="W1")
    assert ar(c) == Decimal("45.20")
    assert execution.order_status(order) == "partial"
    b_line = execution.line_states(order)[1].line
    d2, _ = trade_doc(
        "XSCK", day(4), c, [("A", 6, "10", a_line), ("B", 5, "20", b_line)], warehouse="W1"
    )
    assert ar(c) == Decimal("226.00")
    assert execution.order_status(order) == "done"
    states = execution.line_states(order)
    assert [s.delivered for s in states] == [Decimal(10), Decimal(5)]
    # invoice the first delivery at its price: no difference, receivable unchanged
    trade_doc("XSFP", day(5), c, [("A", 4, "10", first_line(d1))])
    assert ar(c) == Decimal("226.00")
    money_doc("SKD", day(6), c, "100.00")
    assert ar(c) == Decimal("126.00")
    # oldest first: d1's 45.20 fully, d2's first line 54.80 of 67.80
    items = openitems.open_items(c.id, "receivable")
    assert [yuan(o.open) for o in items if o.open] == [Decimal("13.00"), Decimal("113.00")]
    money_doc("SKD", day(7), c, "126.00")
    assert ar(c) == Decimal(0)
    assert execution.line_states(order)[0].collected == Decimal("113.00")


def test_over_delivery_refused_and_short_close(shop):
    c, _ = shop
    order, _ = trade_doc("XSDD", day(2), c, [("A", 10, "10")])
    with pytest.raises(ValidationError, match="超出订单数量"):
        trade_doc("XSCK", day(3), c, [("A", 11, "10", first_line(order))], warehouse="W1")
    trade_doc("XSCK", day(3), c, [("A", 8, "10", first_line(order))], warehouse="W1")
    execution.close_line(first_line(order).id, "客户不要了", day(4))
    assert execution.order_status(order) == "closed"
    assert execution.line_states(order)[0].open == 0
    with pytest.raises(ValidationError, match="已关闭"):
        trade_doc("XSCK", day(5), c, [("A", 1, "10", first_line(order))], warehouse="W1")
    execution.reopen_line(first_line(order).id)
    assert execution.order_status(order) == "partial"


def test_returns_net_and_unapprove_reverses(shop):
    c, _ = shop
    d1, _ = trade_doc("XSCK", day(3), c, [("A", 10, "10")], warehouse="W1")
    ret, _ = trade_doc("XSTH", day(4), c, [("A", 2, "10", first_line(d1))], warehouse="W1")
    assert ar(c) == Decimal("90.40")
    with pytest.raises(StateError):
        documents.unapprove(d1.id)
    documents.unapprove(ret.id)
    assert ar(c) == Decimal("113.00")
    documents.unapprove(d1.id)
    assert ar(c) == Decimal(0)
    assert openitems.open_items(c.id, "receivable") == []


def test_advance_then_delivery_consumes_it(shop):
    c, _ = shop
    _, result = money_doc("SKD", day(2), c, "200.00")
    assert any("预收" in m for m in result.messages)
    assert ar(c) == Decimal("-200.00")
    d1, _ = trade_doc("XSCK", day(3), c, [("A", 10, "10")], warehouse="W1")
    assert ar(c) == Decimal("-87.00")
    with pytest.raises(StateError, match="XSCK"):
        skd = openitems.OpenItem.select().where(openitems.OpenItem.is_advance == "1").get()
        documents.unapprove(skd.document_id)
    documents.unapprove(d1.id)
    assert ar(c) == Decimal("-200.00")


def test_named_settlement_and_purchase_side(shop):
    _, s = shop
    r1, _ = trade_doc("CGRK", day(2), s, [("A", 10, "4")], warehouse="W1")
    r2, _ = trade_doc("CGRK", day(3), s, [("B", 10, "6")], warehouse="W1")
    assert yuan(openitems.balance(s.id, "payable")) == Decimal("113.00")
    money_doc("FKD", day(4), s, "67.80", source_line=first_line(r2))
    left = openitems.open_items(s.id, "payable")
    assert [(o.document_id, yuan(o.open)) for o in left if o.open] == [(r1.id, Decimal("45.20"))]


def test_invoice_basis_and_price_difference(shop):
    c, _ = shop
    d1, _ = trade_doc("XSCK", day(3), c, [("A", 10, "10")], warehouse="W1")
    # invoiced at 11 instead of 10: the difference 11.30 incl. tax is receivable too
    trade_doc("XSFP", day(4), c, [("A", 10, "11", first_line(d1))])
    assert ar(c) == Decimal("124.30")
    with pytest.raises(ValidationError, match="开票数量超出"):
        trade_doc("XSFP", day(5), c, [("A", 1, "11", first_line(d1))])
    settings.set_value("ar_ap_basis", "invoice")
    c2 = customer("C2")
    d2, _ = trade_doc("XSCK", day(3), c2, [("A", 1, "10")], warehouse="W1")
    assert ar(c2) == 0
    trade_doc("XSFP", day(4), c2, [("A", 1, "10", first_line(d2))])
    assert ar(c2) == Decimal("11.30")


def test_credit_block_and_warn(shop):
    c = customer("C9", limit="100")
    settings.set_value("credit_control", "block")
    with pytest.raises(ValidationError) as info:
        trade_doc("XSDD", day(2), c, [("A", 10, "10")])
    text = str(info.value.problems[0])
    assert "100.00" in text and "113.00" in text and "额度" in text
    settings.set_value("credit_control", "warn")
    order, result = trade_doc("XSDD", day(2), c, [("A", 10, "10")])
    assert order.number and any("信用额度" in m for m in result.messages)
    settings.set_value("credit_control", "off")
    _, result = trade_doc("XSCK", day(3), c, [("A", 10, "10")], warehouse="W1")
    assert not result.messages
    settings.set_value("credit_control", "warn")
    _, result = trade_doc("XSCK", day(4), c, [("A", 1, "10")], warehouse="W1")
    assert any("已用 113.00" in m and "本单 11.30" in m for m in result.messages)


def test_foreign_currency_items_keep_both_amounts(shop):
    c, _ = shop
    trade_doc(
        "XSCK", day(3), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7.1"
    )
    (item,) = openitems.OpenItem.select()
    assert (item.currency, item.currency_amount, item.amount) == (
        "USD",
        Decimal("113.00"),
        Decimal("802.30"),
    )
    money_doc("SKD", day(4), c, "802.30")
    assert ar(c) == 0
    from jxc_desktop.engine import checks

    assert checks.run_all() == []


def test_return_beyond_delivery_refused(shop):
    c, _ = shop
    d1, _ = trade_doc("XSCK", day(3), c, [("A", 5, "10")], warehouse="W1")
    trade_doc("XSTH", day(4), c, [("A", 3, "10", first_line(d1))], warehouse="W1")
    with pytest.raises(ValidationError, match="退货超出"):
        trade_doc("XSTH", day(5), c, [("A", 3, "10", first_line(d1))], warehouse="W1")


def test_check_finds_a_settlement_beyond_its_item(shop):
    from jxc_desktop.engine import checks

    c, _ = shop
    d1, _ = trade_doc("XSCK", day(3), c, [("A", 1, "10")], warehouse="W1")
    assert checks.run_all() == []
    item = openitems.OpenItem.get()
    openitems.settle(item.id, d1, None, 2000)  # 20.00 on an item of 11.30
    found = [name for name, _ in checks.run_all()]
    assert "settlements" in found


def test_dashboard_counts(shop):
    from jxc_desktop.engine.reports.trade_orders import dashboard_counts

    c, s = shop
    trade_doc("XSCK", day(3), c, [("A", 1, "10")], warehouse="W1")  # due day 33
    trade_doc("CGRK", day(3), s, [("A", 1, "4")], warehouse="W1")  # due day 63
    counts = dashboard_counts(day(40))
    assert counts == {"uninvoiced": 1, "due_this_week": 0, "overdue": 1, "payments_due": 0}
    assert dashboard_counts(day(61))["payments_due"] == 1  # a Monday; due that Wednesday


def test_an_order_line_without_quantity_is_not_approved(shop):
    """An empty 数量 saved as 0 would commit nothing yet show the order 已完成."""
    c, s = shop
    for doc_type, partner in (("XSDD", c), ("CGDD", s), ("XSBJ", c)):
        draft = trade_doc(doc_type, day(2), partner, [("A", 5, "10"), ("B", 0, "8")], approve=False)
        with pytest.raises(ValidationError) as refused:
            documents.approve(draft.id)
        assert "数量必须大于 0" in str(refused.value) and "2" in str(refused.value)
        assert documents.get_document(draft.id).status == "draft"


def test_generating_from_the_wrong_document_says_so_in_words(shop):
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.trade import generate

    c, _ = shop
    delivery, _ = trade_doc("XSCK", day(2), c, [("A", 2, "10")], warehouse="W1")
    ret, _ = trade_doc("XSTH", day(3), c, [("A", 1, "10")], warehouse="W1")
    with pytest.raises(JxcError) as info:
        generate.delivery_to_invoice(ret.id)
    text = str(info.value)
    assert "销售退货" in text and ret.number in text and "销售出库" in text
    assert "XSCK" not in text.replace(ret.number, "")  # no bare prefixes
    draft = trade_doc("XSCK", day(4), c, [("A", 1, "10")], warehouse="W1", approve=False)
    with pytest.raises(JxcError, match="尚未审核"):
        generate.delivery_to_invoice(draft.id)


def test_a_return_goes_back_to_the_shelf_the_delivery_took_from(company):
    from jxc_desktop.engine.documents import LineInput
    from jxc_desktop.models.db import execute

    make_warehouse("W1", locations=["A-01", "B-02"])
    make_item("A")
    doc("QCKC", day(1), [LineInput(item="A", qty="10", price="5", location="A-01")])
    c = customer("C1")
    d1, _ = trade_doc(
        "XSCK",
        day(2),
        c,
        [LineInput(item="A", qty="4", price="10", location="A-01")],
        warehouse="W1",
    )
    trade_doc("XSTH", day(3), c, [("A", 1, "10", first_line(d1))], warehouse="W1")
    placed = execute(
        "SELECT l.code, b.qty FROM stock_balance b JOIN location l ON l.id = b.location_id"
    ).fetchall()
    assert placed == [("A-01", 70_000)]  # 10 - 4 + 1, all on A-01: nothing without a shelf
    told = LineInput(item="A", qty="1", price="10", source_line=first_line(d1), location="B-02")
    trade_doc("XSTH", day(4), c, [told], warehouse="W1")  # a shelf given is kept
    placed = dict(
        execute(
            "SELECT l.code, b.qty FROM stock_balance b JOIN location l ON l.id = b.location_id"
        ).fetchall()
    )
    assert placed == {"A-01": 70_000, "B-02": 10_000}
