"""Approving a delivery or receipt that uses up the partner's advance (预收 / 预付) says
so: the amount taken and the 收款单 / 付款单 it came from, in Chinese and in English."""

from __future__ import annotations

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, money_doc, supplier, trade_doc

from jxc_desktop.engine import documents
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.trade import openitems


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 100, "5")])
    return customer("C1"), supplier("S1")


def test_delivery_says_which_advance_it_used(shop):
    c, _s = shop
    skd, result = money_doc("SKD", day(2), c, "1000")
    assert any("预收款" in m for m in result.messages)  # the advance itself, as before
    _d, approved = trade_doc("XSCK", day(5), c, [("A", 10, "100")], warehouse="W1")
    assert approved.messages == [f"已冲抵预收款 ¥1,000.00（收款单 {skd.number}）"]
    assert openitems.balance(c.id, "receivable") == 13000  # 1,130.00 − 1,000.00 in fen


def test_only_what_the_delivery_needed_and_each_advance_named(shop):
    c, _s = shop
    first, _ = money_doc("SKD", day(2), c, "300")
    second, _ = money_doc("SKD", day(3), c, "2000")
    _d, approved = trade_doc("XSCK", day(5), c, [("A", 10, "100")], warehouse="W1")
    assert approved.messages == [
        f"已冲抵预收款 ¥300.00（收款单 {first.number}）",
        f"已冲抵预收款 ¥830.00（收款单 {second.number}）",  # 1,130.00 in all
    ]
    _d2, nothing_left = trade_doc("XSCK", day(6), c, [("A", 1, "10")], warehouse="W1")
    assert nothing_left.messages == [f"已冲抵预收款 ¥11.30（收款单 {second.number}）"]


def test_receipt_against_a_prepayment_in_english(shop):
    _c, s = shop
    fkd, _ = money_doc("FKD", day(2), s, "500")
    set_language("en")
    try:
        _d, approved = trade_doc("CGRK", day(4), s, [("A", 10, "100")], warehouse="W1")
    finally:
        set_language("zh_CN")
    assert approved.messages == [
        f"Applied the advance paid to the supplier, ¥500.00 (payment {fkd.number})"
    ]


def test_no_message_without_an_advance_and_again_after_unapprove(shop):
    c, _s = shop
    _d, plain = trade_doc("XSCK", day(3), c, [("A", 1, "10")], warehouse="W1")
    assert plain.messages == []
    skd, _ = money_doc("SKD", day(4), c, "100")  # settles the 11.30 owed, 88.70 advance
    d, approved = trade_doc("XSCK", day(5), c, [("A", 1, "10")], warehouse="W1")
    assert approved.messages == [f"已冲抵预收款 ¥11.30（收款单 {skd.number}）"]
    documents.unapprove(d.id)
    again = documents.approve(d.id)
    assert again.messages == [f"已冲抵预收款 ¥11.30（收款单 {skd.number}）"]


def test_the_list_shows_the_message_after_approving(shop, qtbot, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    c, _s = shop
    skd, _ = money_doc("SKD", day(2), c, "1000")
    draft = trade_doc("XSCK", day(5), c, [("A", 10, "100")], warehouse="W1", approve=False)
    said: list[str] = []
    monkeypatch.setattr(messages, "info", lambda parent, text: said.append(text))
    view = TradeDocList(Ops(), "sales")
    qtbot.addWidget(view)
    view.type_box.setCurrentIndex(view.type_box.findData("XSCK"))
    numbers = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    view.table.selectRow(numbers.index(draft.number))
    view.approve()
    assert said == [f"已冲抵预收款 ¥1,000.00（收款单 {skd.number}）"]
    view.ops.shutdown()
