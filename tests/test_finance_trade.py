"""With the trade module: invoices, money documents and foreign currency keep 1122/2202
by partner equal to the open items (`jxc check` partner_accounts)."""

from __future__ import annotations

import pytest

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.documents import LineInput
from tests.finance_helpers import lines_of, money_doc, setup_basic, trade_doc, voucher_of
from tests.inventory_helpers import day

pytest.importorskip("jxc_desktop.engine.trade.openitems")


def test_delivery_basis_invoice_posts_the_price_difference(company):
    setup_basic()
    trade_doc("CGRK", day(1), [("A", 10, "100", "13")], partner="S1")
    s = trade_doc("XSCK", day(2), [("A", 4, "150", "13")], partner="C1")
    inv = trade_doc(
        "XSFP",
        day(3),
        [LineInput(item="A", qty="4", price="160", tax_rate="13", source_line=s.lines[0])],
        partner="C1",
        warehouse=None,
    )
    assert lines_of(voucher_of(inv)) == {
        ("1122", "45.20", "0.00", "C1"),
        ("5001", "0.00", "40.00", ""),
        ("22210102", "0.00", "5.20", ""),
    }
    money_doc("SKD", day(4), "500", "C1")
    assert run_all() == []
    documents.unapprove(inv.id)
    assert run_all() == []


def test_invoice_basis_and_foreign_currency(company):
    setup_basic()
    settings.set_value("ar_ap_basis", "invoice")
    r = trade_doc(
        "CGRK",
        day(1),
        [("A", 3, "10.01", "13")],
        partner="S1",
        currency="USD",
        exchange_rate="7.1234",
    )
    trade_doc(
        "CGFP",
        day(2),
        [LineInput(item="A", qty="3", price="10.01", tax_rate="13", source_line=r.lines[0])],
        partner="S1",
        warehouse=None,
        currency="USD",
        exchange_rate="7.1234",
    )
    money_doc("FKD", day(3), "100", "S1")
    assert run_all() == []
