"""Manual vouchers: life cycle, review rules, validation; invoice-basis and stocktake vouchers."""

from __future__ import annotations

import pytest

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import StateError, ValidationError
from jxc_desktop.engine.finance import manual
from jxc_desktop.engine.finance.manual import VoucherInput, VoucherLineInput
from jxc_desktop.models.finance import Voucher
from tests.finance_helpers import lines_of, setup_basic, trade_doc, voucher_of
from tests.inventory_helpers import day, doc


def rent(amount="800"):
    return VoucherInput(
        day(5),
        "房租",
        [VoucherLineInput("管理费用", debit=amount), VoucherLineInput("1001", credit="800")],
    )


def test_manual_life_cycle(company):
    v = manual.create_voucher(rent())
    assert v.status == "draft" and v.display_number == "记-0001"
    assert lines_of(v) == {("5602", "800.00", "0.00", ""), ("1001", "0.00", "800.00", "")}
    assert {ln.cash_flow_item for ln in v.lines if ln.account.code == "1001"} == {"06"}
    with pytest.raises(StateError):
        manual.post(v.id)
    manual.review(v.id)
    manual.unreview(v.id)
    manual.review(v.id)
    manual.post(v.id)
    assert Voucher.get_by_id(v.id).status == "posted"
    with pytest.raises(StateError):
        manual.delete_draft(v.id)


def test_self_review_refused_when_asked(company):
    settings.set_value("voucher_self_review", "refuse")
    v = manual.create_voucher(rent())
    with pytest.raises(StateError):
        manual.review(v.id)


def test_unbalanced_and_bad_lines_all_reported(company):
    data = VoucherInput(
        day(5),
        "x",
        [
            VoucherLineInput("5602", debit="900"),
            VoucherLineInput("2221", credit="800"),  # not a leaf account
            VoucherLineInput("1001", debit="1", credit="1"),
        ],
    )
    with pytest.raises(ValidationError) as err:
        manual.create_voucher(data)
    assert len(err.value.problems) == 2
    assert manual.create_voucher(rent()).number == 1  # nothing was written before
    with pytest.raises(ValidationError):
        manual.create_voucher(rent("700"))


def test_document_vouchers_cannot_be_edited_by_hand(company):
    setup_basic()
    d = doc("QCKC", day(1), [("A", 1, "5")])
    with pytest.raises(StateError):
        manual.delete_draft(voucher_of(d).id)


def test_invoice_basis_delivery_posts_only_cost(company):
    setup_basic()
    settings.set_value("ar_ap_basis", "invoice")
    r = trade_doc("CGRK", day(2), [("A", 10, "100", "13")], partner="S1")
    assert lines_of(voucher_of(r)) == {
        ("1405", "1000.00", "0.00", ""),
        ("2202", "0.00", "1000.00", ""),
    }
    s = trade_doc("XSCK", day(3), [("A", 4, "150", "13")], partner="C1")
    assert lines_of(voucher_of(s)) == {
        ("5401", "400.00", "0.00", ""),
        ("1405", "0.00", "400.00", ""),
    }


def test_stocktake_gain_and_loss(company):
    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5"), ("M", 10, "2")])
    from jxc_desktop.engine.documents import LineInput

    pdd = doc("PDD", day(2), [LineInput(item="A", qty="12"), LineInput(item="M", qty="9")])
    assert lines_of(voucher_of(pdd)) == {
        ("1405", "10.00", "0.00", ""),
        ("1403", "0.00", "2.00", ""),
        ("1901", "0.00", "8.00", ""),
    }


def test_account_lookup_by_code_name_and_initials(company):
    from jxc_desktop.engine.finance.account_lookup import find_account, search_accounts

    assert find_account("1001").name == "库存现金"
    assert find_account("管理费用").code == "5602"
    assert find_account("kcxj").code == "1001"
    assert find_account("yszk") is None  # 应收账款 and 预收账款: ambiguous
    assert {a.code for a in search_accounts("yszk")} == {"1122", "2203"}
    assert [a.code for a in search_accounts("2221")][:2] == ["2221", "222101"]
    data = VoucherInput(
        day(5), "x", [VoucherLineInput("glfy", debit="1"), VoucherLineInput("kcxj", credit="1")]
    )
    assert manual.create_voucher(data).lines.count() == 2
