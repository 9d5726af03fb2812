"""Exchange differences: USD items settled at another rate go to 560302 汇兑损益."""

from __future__ import annotations

from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, first_line, supplier, trade_doc

from jxc_desktop.engine import checks, documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.money import yuan
from jxc_desktop.engine.trade import generate, openitems
from jxc_desktop.models.finance import Voucher, VoucherLine
from jxc_desktop.models.trade import ExchangeDifference


@pytest.fixture
def usd(company):
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 100, "5")])
    return customer("C1"), supplier("S1")


def usd_money(doc_type, date, partner, amount, rate, source_line=None, approve=True):
    d = documents.save_draft(
        DocumentInput(
            doc_type,
            date,
            [LineInput(amount=amount, account="1002", source_line=source_line)],
            partner=partner,
            currency="USD",
            exchange_rate=rate,
        )
    )
    return d, (documents.approve(d.id) if approve else None)


def fx_lines(d) -> set[tuple]:
    """(account, debit, credit) of the document's exchange voucher lines, live or red."""
    out = set()
    query = VoucherLine.select().join(Voucher).where(Voucher.source == d)
    for line in query:
        if line.account.code in ("560302",) or line.summary.startswith(("汇兑", "冲销 汇兑")):
            out.add((line.account.code, str(line.debit), str(line.credit)))
    return out


def open_cny(partner, kind):
    return yuan(openitems.balance(partner.id, kind))


def test_receipt_at_a_higher_rate_is_a_gain_and_unapprove_reverses_it(usd):
    c, _ = usd
    d, _ = trade_doc(
        "XSCK", day(2), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    assert open_cny(c, "receivable") == Decimal("791.00")  # $113.00 × 7
    draft = generate.invoice_to_money(d.id, day(20))
    assert (draft.currency, draft.lines[0].amount) == ("USD", Decimal("113.00"))
    skd, result = usd_money("SKD", day(20), c, "113", "7.2", first_line(d))
    assert open_cny(c, "receivable") == 0
    assert any("汇兑收益 22.60" in m for m in result.messages)
    (x,) = ExchangeDifference.select().where(ExchangeDifference.document == skd)
    assert x.amount == Decimal("22.60")
    assert fx_lines(skd) == {("1122", "22.60", "0.00"), ("560302", "0.00", "22.60")}
    assert checks.run_all() == []
    documents.unapprove(skd.id)
    assert open_cny(c, "receivable") == Decimal("791.00")
    assert ("560302", "0.00", "-22.60") in fx_lines(skd)
    assert checks.run_all() == []
    documents.approve(skd.id)
    assert open_cny(c, "receivable") == 0 and checks.run_all() == []


def test_partial_receipts_at_two_rates(usd):
    c, _ = usd
    d, _ = trade_doc(
        "XSCK", day(2), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    first, r1 = usd_money("SKD", day(10), c, "50", "6.9")  # $50: book 350.00, worth 345.00
    assert any("汇兑损失 5.00" in m for m in r1.messages)
    assert open_cny(c, "receivable") == Decimal("441.00")
    # $70 at 7.1: $63 clears the rest (441.00 book, 447.30 worth), $7 = 49.70 is an advance
    second, r2 = usd_money("SKD", day(11), c, "70", "7.1")
    assert any("6.30" in m for m in r2.messages) and any("49.70" in m for m in r2.messages)
    assert open_cny(c, "receivable") == Decimal("-49.70")
    advance = openitems.OpenItem.get(openitems.OpenItem.is_advance == "1")
    assert (advance.currency, advance.currency_amount) == ("USD", Decimal("-7.00"))
    assert [x.amount for x in ExchangeDifference.select().order_by(ExchangeDifference.id)] == [
        Decimal("-5.00"),
        Decimal("6.30"),
    ]
    assert checks.run_all() == []


def test_payment_at_a_higher_rate_is_a_loss(usd):
    _, s = usd
    trade_doc(
        "CGRK", day(2), s, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    fkd, result = usd_money("FKD", day(20), s, "113", "7.2")
    assert open_cny(s, "payable") == 0
    assert any("汇兑损失 22.60" in m for m in result.messages)
    assert fx_lines(fkd) == {("2202", "0.00", "22.60"), ("560302", "22.60", "0.00")}
    assert checks.run_all() == []


def test_a_cny_receipt_of_a_usd_item_has_no_difference(usd):
    c, _ = usd
    trade_doc(
        "XSCK", day(2), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    from trade_helpers import money_doc

    money_doc("SKD", day(20), c, "791")
    assert open_cny(c, "receivable") == 0
    assert ExchangeDifference.select().count() == 0
    assert checks.run_all() == []


def test_month_end_revaluation_finds_nothing_left_to_realise(usd):
    """The difference is booked at settlement, so finance's 期末调汇 does not book it again."""
    from jxc_desktop.engine.finance import fx
    from jxc_desktop.engine.masterdata.simple import save_exchange_rate

    c, _ = usd
    d, _ = trade_doc(
        "XSCK", day(2), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    usd_money("SKD", day(20), c, "113", "7.2", first_line(d))
    save_exchange_rate("USD", day(31), "7.3")
    assert fx.revaluation_entries(day(31)) == []


def test_statement_shows_the_exchange_difference_and_ends_at_the_balance(usd):
    """对账单 of a customer paid in USD at another rate: the receipt's CNY value and its
    汇兑损益 row, ending where the receivable stands (0), like the aging; the same for a
    supplier paid at a higher rate (a loss adds to what is owed before the payment)."""
    from jxc_desktop.engine.reports import ReportParams
    from jxc_desktop.engine.reports.trade_ar import aging_rows, statement_rows

    c, s = usd
    d, _ = trade_doc(
        "XSCK", day(2), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    usd_money("SKD", day(20), c, "50", "7.2", first_line(d))  # $50: book 350.00, worth 360.00
    rows = statement_rows(ReportParams(partner="C1"))
    assert [(r["type"], r["debit"], r["credit"]) for r in rows[1:]] == [
        ("销售出库", Decimal("791.00"), Decimal("0.00")),
        ("收款单", Decimal("0.00"), Decimal("360.00")),
        ("汇兑损益", Decimal("10.00"), Decimal("0.00")),
    ]
    (aging,) = aging_rows("receivable", ReportParams(partner="C1", date_to=day(20)))
    assert rows[-1]["balance"] == aging["total"] == open_cny(c, "receivable") == Decimal("441.00")
    trade_doc(
        "CGRK", day(2), s, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    usd_money("FKD", day(20), s, "113", "7.2")
    rows = statement_rows(ReportParams(partner="S1"))
    assert rows[-1]["type"] == "汇兑损益" and rows[-1]["balance"] == open_cny(s, "payable") == 0
