"""Quantities in trade refusals read as typed: 100, never 1E+2."""

from __future__ import annotations

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, first_line, trade_doc

from jxc_desktop.engine.errors import ValidationError


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 1000, "5")])
    return customer("C1")


def _refusal(doc_type, partner, lines, **kw) -> str:
    with pytest.raises(ValidationError) as caught:
        trade_doc(doc_type, day(5), partner, lines, **kw)
    return str(caught.value)


def test_over_delivery_message_shows_plain_quantities(shop):
    order, _ = trade_doc("XSDD", day(2), shop, [("A", 100, "10")])
    text = _refusal("XSCK", shop, [("A", 200, "10", first_line(order))], warehouse="W1")
    assert "订购 100" in text and "本单 200" in text and "E+" not in text


def test_over_return_message_shows_plain_quantities(shop):
    delivery, _ = trade_doc("XSCK", day(2), shop, [("A", 100, "10")], warehouse="W1")
    text = _refusal("XSTH", shop, [("A", 300, "10", first_line(delivery))], warehouse="W1")
    assert "数量 100" in text and "本单 300" in text and "E+" not in text


def test_over_invoice_message_shows_plain_quantities(shop):
    delivery, _ = trade_doc("XSCK", day(2), shop, [("A", 100, "10")], warehouse="W1")
    text = _refusal("XSFP", shop, [("A", 200, "10", first_line(delivery))])
    assert "数量 100" in text and "本单 200" in text and "E+" not in text
