"""Every standard business event → exactly the expected voucher lines."""

from __future__ import annotations

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.checks import run_all
from jxc_desktop.models.finance import Voucher
from tests.finance_helpers import (
    allow_money_documents,
    lines_of,
    money_doc,
    setup_basic,
    trade_doc,
    voucher_of,
)
from tests.inventory_helpers import day, doc


def test_opening_stock_by_item_type(company):
    setup_basic()
    d = doc("QCKC", day(1), [("A", 10, "5"), ("M", 4, "2.5")])
    v = voucher_of(d)
    assert v.display_number == "记-0001" and v.status == "posted" and v.period == "2026-01"
    assert lines_of(v) == {
        ("1405", "50.00", "0.00", ""),
        ("1403", "10.00", "0.00", ""),
        ("3001", "0.00", "60.00", ""),
    }


def test_purchase_sale_and_cost(company):
    setup_basic()
    r = trade_doc("CGRK", day(2), [("A", 10, "100", "13")], partner="S1")
    assert lines_of(voucher_of(r)) == {
        ("1405", "1000.00", "0.00", ""),
        ("22210101", "130.00", "0.00", ""),
        ("2202", "0.00", "1130.00", "S1"),
    }
    s = trade_doc("XSCK", day(3), [("A", 4, "150", "13")], partner="C1")
    assert lines_of(voucher_of(s)) == {
        ("1122", "678.00", "0.00", "C1"),
        ("5001", "0.00", "600.00", ""),
        ("22210102", "0.00", "78.00", ""),
        ("5401", "400.00", "0.00", ""),
        ("1405", "0.00", "400.00", ""),
    }
    assert voucher_of(s).display_number == "记-0002"
    assert run_all() == []


def test_returns_mirror(company):
    setup_basic()
    trade_doc("CGRK", day(2), [("A", 10, "100", "13")], partner="S1")
    s = trade_doc("XSCK", day(3), [("A", 4, "150", "13")], partner="C1")
    ret = trade_doc(
        "XSTH",
        day(4),
        [documents.LineInput(item="A", qty="1", price="150", source_line=s.lines[0])],
        partner="C1",
    )
    assert lines_of(voucher_of(ret)) == {
        ("1122", "0.00", "169.50", "C1"),
        ("5001", "150.00", "0.00", ""),
        ("22210102", "19.50", "0.00", ""),
        ("5401", "0.00", "100.00", ""),
        ("1405", "100.00", "0.00", ""),
    }
    back = trade_doc("CGTH", day(5), [("A", 2, "110", "13")], partner="S1")
    assert lines_of(voucher_of(back)) == {
        ("2202", "248.60", "0.00", "S1"),
        ("22210101", "0.00", "28.60", ""),
        ("1405", "0.00", "200.00", ""),
        ("5401", "0.00", "20.00", ""),
    }
    assert run_all() == []


def test_warehouse_documents(company):
    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5")])
    assert lines_of(voucher_of(doc("QTRK", day(2), [("A", 2, "5")]))) == {
        ("1405", "10.00", "0.00", ""),
        ("1901", "0.00", "10.00", ""),
    }
    assert lines_of(voucher_of(doc("QTCK", day(3), [("A", 1)]))) == {
        ("5602", "5.00", "0.00", ""),
        ("1405", "0.00", "5.00", ""),
    }
    adj = doc("CBTZ", day(4), [documents.LineInput(item="A", amount="3.30")])
    assert lines_of(voucher_of(adj)) == {("1405", "3.30", "0.00", ""), ("5401", "0.00", "3.30", "")}
    assert run_all() == []


def test_money_documents(company, monkeypatch):
    setup_basic()
    allow_money_documents(monkeypatch)
    skd = money_doc("SKD", day(5), "500", "C1", account="1001")
    v = voucher_of(skd)
    assert lines_of(v) == {("1001", "500.00", "0.00", ""), ("1122", "0.00", "500.00", "C1")}
    assert {ln.cash_flow_item for ln in v.lines if ln.account.code == "1001"} == {"01"}
    fkd = money_doc("FKD", day(6), "300", "S1")
    assert lines_of(voucher_of(fkd)) == {
        ("2202", "300.00", "0.00", "S1"),
        ("1002", "0.00", "300.00", ""),
    }


def test_unapprove_writes_red_letter_reversal(company):
    setup_basic()
    trade_doc("CGRK", day(2), [("A", 10, "100", "13")], partner="S1")
    s = trade_doc("XSCK", day(3), [("A", 4, "150", "13")], partner="C1")
    documents.unapprove(s.id)
    rev = voucher_of(s, "reversal")
    assert rev.reversal_of_id == voucher_of(s).id
    assert lines_of(rev) == {
        ("1122", "-678.00", "0.00", "C1"),
        ("5001", "0.00", "-600.00", ""),
        ("22210102", "0.00", "-78.00", ""),
        ("5401", "-400.00", "0.00", ""),
        ("1405", "0.00", "-400.00", ""),
    }
    documents.approve(s.id)
    assert Voucher.select().where(Voucher.source == s).count() == 3
    assert run_all() == []


def test_backdated_receipt_flows_into_cost(company):
    """A receipt dated before a delivery re-values its cost inside the receipt's voucher."""
    setup_basic()
    trade_doc("CGRK", day(1), [("A", 10, "100", "13")], partner="S1")
    s = trade_doc("XSCK", day(5), [("A", 10, "150", "13")], partner="C1")
    assert ("5401", "1000.00", "0.00", "") in lines_of(voucher_of(s))
    settings.set_value("negative_stock", "refuse")
    late = trade_doc("CGRK", day(3), [("A", 10, "130", "13")], partner="S1")
    # the delivery now takes the average 115: +150 cost of goods sold, booked with the receipt
    assert lines_of(voucher_of(late)) == {
        ("1405", "1300.00", "0.00", ""),
        ("22210101", "169.00", "0.00", ""),
        ("2202", "0.00", "1469.00", "S1"),
        ("1405", "0.00", "150.00", ""),
        ("5401", "150.00", "0.00", ""),
    }
    assert run_all() == []


def test_separate_review_leaves_document_vouchers_draft(company):
    setup_basic()
    settings.set_value("voucher_review", "separate")
    d = doc("QCKC", day(1), [("A", 1, "5")])
    assert voucher_of(d).status == "draft"


def test_foreign_currency_lines_keep_original_amount_and_rate(company):
    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5")])
    s = trade_doc(
        "XSCK",
        day(2),
        [("A", 3, "10.01", "13")],
        partner="C1",
        currency="USD",
        exchange_rate="7.1234",
    )
    v = voucher_of(s)
    ar = next(ln for ln in v.lines if ln.account.code == "1122")
    # total 33.93 USD (30.03 + 3.90) × 7.1234 = 241.70 CNY; revenue 30.03 × 7.1234 = 213.92
    assert (ar.currency, str(ar.original_amount), str(ar.rate)) == ("USD", "33.93", "7.123400")
    assert lines_of(v) >= {
        ("1122", "241.70", "0.00", "C1"),
        ("5001", "0.00", "213.92", ""),
        ("22210102", "0.00", "27.78", ""),
    }
    assert run_all() == []


def test_rules_and_cash_flow_items_are_seeded_and_editable(company):
    from jxc_desktop.models.finance import CashFlowItem, VoucherRule

    setup_basic()
    doc("QCKC", day(1), [("A", 1, "5")])
    assert CashFlowItem.select().count() == 16
    VoucherRule.update(credit_account="3002").where(VoucherRule.event == "opening_stock").execute()
    d = doc("QCKC", day(2), [("A", 1, "5")])
    assert ("3002", "0.00", "5.00", "") in lines_of(voucher_of(d))
