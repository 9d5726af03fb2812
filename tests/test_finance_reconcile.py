"""对账: stock vs 1403/1405 and open items vs 1122/2202 agree after ordinary business;
a manual voucher on 1405 or 1122 shows up as a difference, named down to the voucher."""

from __future__ import annotations

import json
from decimal import Decimal

from jxc_desktop.cli import main
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.finance import reconcile
from jxc_desktop.engine.finance.manual import VoucherInput, VoucherLineInput, create_voucher
from jxc_desktop.engine.reports import ReportParams, load_all
from tests.finance_helpers import setup_basic, trade_doc
from tests.inventory_helpers import day, doc


def business():
    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5"), ("M", 4, "2.5")])
    trade_doc("CGRK", day(2), [("A", 10, "6", "13")], partner="S1")
    trade_doc("XSCK", day(3), [("A", 5, "20", "13")], partner="C1")


def manual(account, amount, partner="", counter="5602"):
    return create_voucher(
        VoucherInput(
            day(4),
            "手工调整",
            [
                VoucherLineInput(account, debit=amount, partner=partner),
                VoucherLineInput(counter, credit=amount),
            ],
        )
    )


def test_everything_agrees_after_business(company):
    business()
    rows = reconcile.reconcile()
    assert reconcile.differences() == []
    totals = {(r.section, r.account, r.partner): r for r in rows}
    assert totals[("stock", "1405", "")].gl == Decimal("82.50")  # 50 + 60 − 5 × 5.5
    assert totals[("stock", "1403", "")].subledger == Decimal("10.00")
    ar = totals[("receivable", "1122+2203", "C1")]
    assert (ar.subledger, ar.gl) == (Decimal("113.00"), Decimal("113.00"))
    ap = totals[("payable", "2202+1123", "S1")]
    assert ap.subledger == ap.gl == Decimal("67.80")


def test_manual_voucher_to_1405_is_found(company):
    business()
    v = manual("1405", "12.34")
    diffs = reconcile.differences()
    assert [(r.section, r.account, r.document, r.subledger, r.gl) for r in diffs] == [
        ("stock", "1405", f"2026-01 {v.display_number}", Decimal("0.00"), Decimal("12.34"))
    ]
    assert diffs[0].difference == Decimal("12.34")
    assert any(name == "inventory_accounts" for name, _ in run_all())  # jxc check too


def test_manual_voucher_to_1122_is_found_by_partner(company):
    business()
    v = manual("1122", "7", partner="C1", counter="5001")
    diffs = reconcile.differences()
    assert [(r.section, r.partner, r.document, r.difference) for r in diffs] == [
        ("receivable", "C1", f"2026-01 {v.display_number}", Decimal("7.00"))
    ]
    rows = load_all()["reconciliation"].run(ReportParams(partner="C1"))
    assert {r["section"] for r in rows} == {"stock", "receivable"}


def test_report_json(tmp_path, capsys):
    db = str(tmp_path / "r.sqlite")
    assert main(["--db", db, "init", "--start-period", "2026-01"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "report", "reconciliation", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    keys = {"section", "account", "partner", "document", "date", "subledger", "gl", "difference"}
    assert all(set(r) == keys | {"section_label"} for r in rows)  # the words: an added key
    assert {r["section_label"] for r in rows} == {"库存"}
    assert {r["account"] for r in rows} >= {"1403", "1405"}


def test_as_of_a_day_and_opening_balances(company):
    from jxc_desktop.models.accounting import Account
    from jxc_desktop.models.finance import OpeningBalance

    business()
    manual("1405", "12.34")  # dated day 4
    assert reconcile.differences(day(3)) == []
    assert len(reconcile.differences(day(4))) == 1
    OpeningBalance.create(account=Account.get(Account.code == "1403"), debit=Decimal("9.99"))
    diffs = {(r.account, r.document): r.difference for r in reconcile.differences()}
    assert diffs[("1403", "期初余额")] == Decimal("9.99")
