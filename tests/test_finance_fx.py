"""期末调汇: a USD receivable and payable revalued at the month-end rate, in the close and
alone; settled items' remainders realised; reversed by re-opening the month."""

from __future__ import annotations

import datetime as dt

import pytest

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.finance import closing, fx
from jxc_desktop.engine.masterdata import save_exchange_rate
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.finance import Voucher
from tests.finance_helpers import lines_of, setup_basic, trade_doc
from tests.inventory_helpers import day, doc

END = dt.date(2026, 1, 31)


def usd_sale(qty="10", price="10", rate="7"):
    """100.00 USD receivable from C1 booked at `rate` (no tax)."""
    return trade_doc(
        "XSCK",
        day(5),
        [("A", qty, price, "0")],
        partner="C1",
        currency="USD",
        exchange_rate=rate,
    )


def revaluation() -> Voucher:
    return Voucher.get(Voucher.kind == "fx_revaluation")


def test_close_revalues_usd_receivable_and_payable(company):
    setup_basic()
    doc("QCKC", day(1), [("A", 20, "5")])
    usd_sale()  # 1122: 100 USD = 700.00 CNY
    trade_doc(  # 2202: 50 USD = 355.00 CNY
        "CGRK", day(6), [("A", 5, "10", "0")], partner="S1", currency="USD", exchange_rate="7.1"
    )
    save_exchange_rate("USD", dt.date(2026, 1, 30), "7.2345")
    save_exchange_rate("USD", dt.date(2026, 2, 1), "9")  # after the month end: not used
    result = closing.close("2026-01")
    v = revaluation()
    # 1122: 100 × 7.2345 = 723.45 → +23.45 gain; 2202: 50 × 7.2345 = 361.73 → 6.73 loss
    assert lines_of(v) == {
        ("1122", "23.45", "0.00", "C1"),
        ("2202", "0.00", "6.73", "S1"),
        ("560302", "0.00", "16.72", ""),
    }
    assert (v.date, v.status) == (END, "posted")
    assert any("16.72" in m for m in result.messages)
    # the gain was carried to 本年利润 with everything else: 560302 has no balance left
    assert fx.revaluation_entries(END) == []
    assert run_all() == []
    closing.reopen("2026-01")
    assert not Voucher.select().where(Voucher.kind == "fx_revaluation").exists()


def test_no_rate_refuses_the_close_with_a_reason(company):
    setup_basic()
    doc("QCKC", day(1), [("A", 20, "5")])
    usd_sale()
    with pytest.raises(StateError) as exc:
        closing.close("2026-01")
    assert "USD" in exc.value.message


def test_revalue_alone_is_idempotent_and_a_settled_remainder_is_realised(company):
    setup_basic()
    doc("QCKC", day(1), [("A", 20, "5")])
    usd_sale()
    save_exchange_rate("USD", dt.date(2026, 1, 31), "6.5")
    messages = fx.revalue("2026-01")
    assert "50.00" in messages[0]  # 700.00 → 650.00: a loss of 50.00
    assert lines_of(revaluation()) == {
        ("1122", "0.00", "50.00", "C1"),
        ("560302", "50.00", "0.00", ""),
    }
    assert fx.revalue("2026-01") == ["期末调汇：无差额"]


def test_flagged_bank_account_is_revalued(company):
    from jxc_desktop.engine.finance.manual import VoucherInput, VoucherLineInput, create_voucher
    from jxc_desktop.models.finance import VoucherLine

    setup_basic()
    bank = Account.create(
        code="100201",
        name="美元户",
        category="资产",
        direction="借",
        level=2,
        parent=Account.get(Account.code == "1002"),
    )
    fx.flag_account("100201", "usd")
    assert fx.flagged_accounts() == [("100201", "美元户", "USD")]
    v = create_voucher(
        VoucherInput(
            day(2),
            "收美元投资",
            [VoucherLineInput("100201", debit="710"), VoucherLineInput("3001", credit="710")],
        )
    )
    # a manual voucher line in USD: 100 USD at 7.1
    VoucherLine.update(currency="USD", original_amount=100, rate="7.1").where(
        (VoucherLine.voucher == v) & (VoucherLine.account == bank)
    ).execute()
    save_exchange_rate("USD", END, "7")
    fx.revalue("2026-01")
    assert lines_of(revaluation()) == {
        ("100201", "0.00", "10.00", ""),
        ("560302", "10.00", "0.00", ""),
    }


def test_cli_fx_revalue(tmp_path, capsys):
    from jxc_desktop.cli import main

    db = str(tmp_path / "fx.sqlite")
    assert main(["--db", db, "init", "--start-period", "2026-01"]) == 0
    assert main(["--db", db, "fx", "revalue", "2026-01"]) == 0
    assert "期末调汇" in capsys.readouterr().out
    assert main(["--db", db, "fx", "flag", "1002", "USD"]) == 0
    assert main(["--db", db, "fx", "list"]) == 0
    assert "1002\t银行存款\tUSD" in capsys.readouterr().out
    assert main(["--db", db, "fx", "unflag", "1002"]) == 0
    assert main(["--db", db, "fx", "flag", "9999"]) == 1
