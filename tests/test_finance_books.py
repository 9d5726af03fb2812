"""A month of mixed activity: documents and manual vouchers → books, statements, close."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest

from jxc_desktop.engine import documents
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.errors import StateError, ValidationError
from jxc_desktop.engine.finance import closing
from jxc_desktop.engine.finance.import_vouchers import import_vouchers
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.models.finance import Voucher
from tests.finance_helpers import allow_money_documents, money_doc, setup_basic, trade_doc
from tests.inventory_helpers import day, doc

HEAD = [
    "日期",
    "凭证号",
    "摘要",
    "科目编码",
    "借方金额",
    "贷方金额",
    "往来单位",
    "部门",
    "现金流量项目",
]
MANUAL = [
    ["2026-01-01", "V1", "投资款", "1002", "100000", "", "", "", ""],
    ["2026-01-01", "V1", "投资款", "3001", "", "100000", "", "", ""],
    ["2026-01-20", "V2", "房租", "5602", "3000", "", "", "", ""],
    ["2026-01-20", "V2", "房租", "1001", "", "3000", "", "", ""],
    ["2026-01-21", "V3", "提现", "1001", "5000", "", "", "", ""],
    ["2026-01-21", "V3", "提现", "1002", "", "5000", "", "", ""],
]


def write_csv(path, rows, head=HEAD):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        writer.writerows(rows)
    return path


def run(name, **kw):
    return load_all()[name].run(ReportParams(**kw))


def by_line(rows) -> dict[int, Decimal]:
    return {r["line"]: r["current"] for r in rows}


def month(tmp_path, monkeypatch):
    setup_basic()
    allow_money_documents(monkeypatch)
    import_vouchers(write_csv(tmp_path / "v.csv", MANUAL), approve=True)
    doc("QCKC", day(1), [("A", 10, "50")])
    trade_doc("CGRK", day(2), [("A", 10, "100", "13")], partner="S1")
    trade_doc("XSCK", day(10), [("A", 12, "150", "13")], partner="C1")
    money_doc("SKD", day(15), "1000", "C1")
    money_doc("FKD", day(16), "500", "S1", account="1001")


def test_month_books_balance_and_close(company, tmp_path, monkeypatch):
    month(tmp_path, monkeypatch)
    params = dict(date_from=day(1), date_to=day(31))
    bs = by_line(run("balance-sheet", **params))
    assert bs[30] == bs[53] and bs[30] > 0
    income = by_line(run("income-statement", **params))
    # revenue 1800; cost 12 at the average 75 = 900; rent 3000 → loss 2100
    assert income[1] == Decimal("1800.00") and income[2] == Decimal("900.00")
    assert income[32] == Decimal("-2100.00")
    tb = run("trial-balance", **params)
    total = tb[-1]
    assert total["debit"] == total["credit"] and total["closing_debit"] == total["closing_credit"]
    cf = by_line(run("cash-flow", **params))
    assert cf[1] == Decimal("1000.00") and cf[15] == Decimal("100000.00")
    assert cf[3] == Decimal("500.00") and cf[6] == Decimal("3000.00")
    assert cf[22] == cf[20] + cf[21] == Decimal("97500.00")
    assert run_all() == []

    result = closing.close("2026-01")
    assert any("-2,100.00" in m or "-2100.00" in m for m in result.messages)
    close_v = Voucher.get((Voucher.kind == "close") & (Voucher.summary == "结转损益"))
    carried = sum(ln.credit - ln.debit for ln in close_v.lines if ln.account.code == "3103")
    assert carried == income[32]
    # statements after the close: the same profit, still balanced
    assert by_line(run("income-statement", **params))[32] == income[32]
    bs2 = by_line(run("balance-sheet", **params))
    assert bs2[30] == bs2[53] and bs2[51] == bs[51]
    # VAT: 销项 234 − 进项 130 = 104 carried to 222102
    assert Voucher.select().where(Voucher.summary == "结转未交增值税").count() == 1
    assert run_all() == []

    with pytest.raises(ValidationError):
        doc("QTRK", day(20), [("A", 1, "5")])
    s = documents.find_document("XSCK20260110-0001")
    with pytest.raises(StateError):
        documents.unapprove(s.id)

    closing.reopen("2026-01")
    assert Voucher.select().where(Voucher.kind == "close").count() == 0
    documents.unapprove(documents.find_document("SKD20260115-0001").id)  # it settles s
    documents.unapprove(s.id)
    assert run_all() == []


def test_close_lists_every_reason(company, tmp_path, monkeypatch):
    setup_basic()
    doc("QCKC", day(1), [("A", 1, "5")], approve=False)
    import_vouchers(write_csv(tmp_path / "v.csv", MANUAL[:2]))
    with pytest.raises(StateError) as err:
        closing.close("2026-01")
    text = err.value.message
    assert "QCKC20260101-0001" in text and "记-0001" in text


def test_voucher_import_reports_every_problem(company, tmp_path):
    setup_basic()
    rows = [
        ["2026-01-01", "V1", "x", "1002", "100", "", "", "", ""],
        ["2026-01-01", "V1", "x", "3001", "", "90", "", "", ""],
        ["2026-01-02", "V2", "x", "9999", "1e3", "", "NOPE", "", ""],
        ["2026-01-02", "V2", "x", "1001", "", "5", "", "", ""],
    ]
    with pytest.raises(ValidationError) as err:
        import_vouchers(write_csv(tmp_path / "bad.csv", rows))
    where = {(p.row, p.column) for p in err.value.problems}
    assert {(2, "借方金额"), (4, "科目编码"), (4, "借方金额"), (4, "往来单位")} <= where
    assert Voucher.select().count() == 0


def test_cli_reports_json_keys(company, tmp_path, monkeypatch, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    month(tmp_path, monkeypatch)
    close_company()
    db = str(company)
    keys = {
        "vouchers": {
            "date",
            "number",
            "summary",
            "account",
            "debit",
            "credit",
            "partner",
            "source",
        },
        "trial-balance": {
            "account",
            "name",
            "opening_debit",
            "opening_credit",
            "debit",
            "credit",
            "closing_debit",
            "closing_credit",
        },
        "balance-sheet": {"line", "name", "current", "previous"},
        "income-statement": {"line", "name", "current", "previous"},
        "cash-flow": {"line", "name", "current", "previous"},
    }
    for name, wanted in keys.items():
        capsys.readouterr()
        assert main(["--db", db, "report", name, "--period", "2026-01", "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert rows and wanted <= set(rows[0]), name
    capsys.readouterr()
    main(["--db", db, "report", "vouchers", "--period", "2026-01", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["number"] == "记-0001" and rows[0]["debit"] == "100000.00"
    assert any(r["source"].startswith("XSCK") for r in rows)
    assert main(["--db", db, "check"]) == 0
    assert main(["--db", db, "close", "2026-01"]) == 0
    assert main(["--db", db, "close", "2026-01"]) == 1
    assert main(["--db", db, "reopen", "2026-01"]) == 0


def test_cli_import_vouchers_and_refused_close(company, tmp_path, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    setup_basic()
    doc("QCKC", day(1), [("A", 1, "5")], approve=False)
    close_company()
    db = str(company)
    path = write_csv(tmp_path / "v.csv", MANUAL)
    assert main(["--db", db, "import", "vouchers", str(path), "--approve"]) == 0
    assert "3" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", [MANUAL[0]])
    assert main(["--db", db, "--lang", "en", "import", "vouchers", str(bad)]) == 1
    assert "row 2" in capsys.readouterr().err
    assert main(["--db", db, "--lang", "en", "close", "2026-01"]) == 1
    assert "QCKC20260101-0001 is not approved" in capsys.readouterr().err
    assert main(["--db", db, "voucher", "list", "2026-01"]) == 0
    assert capsys.readouterr().out.count("posted") == 3


def test_cli_backdated_import_books_cost_in_its_own_voucher(company, tmp_path, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    setup_basic()
    close_company()
    db = str(company)
    head = ["单据类型", "单据编号", "日期", "往来单位", "仓库", "商品编码", "数量", "单价", "税率"]
    first = [
        ["CGRK", "P1", "2026-01-01", "S1", "W1", "A", "10", "100", "13"],
        ["XSCK", "S1", "2026-01-05", "C1", "W1", "A", "10", "150", "13"],
    ]
    late = [["CGRK", "P2", "2026-01-03", "S1", "W1", "A", "10", "130", "13"]]
    for name, rows in (("a.csv", first), ("b.csv", late)):
        path = write_csv(tmp_path / name, rows, head)
        assert main(["--db", db, "import", "documents", str(path), "--approve"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "report", "vouchers", "--period", "2026-01", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    late_rows = [r for r in rows if r["number"] == "记-0003"]
    assert {(r["account"], r["debit"], r["credit"]) for r in late_rows} >= {
        ("5401", "150.00", "0.00"),
        ("1405", "0.00", "150.00"),
    }
    assert {r["source"] for r in late_rows} == {"CGRK20260103-0001"}
    assert main(["--db", db, "check"]) == 0
