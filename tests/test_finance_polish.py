"""What the 财务 tab's polish relies on in the engine: the trial balance's total row has
no level, reconciliation rows name what they came from, a voucher's lines for a drill-down,
and the currencies offered for 外币核算."""

from __future__ import annotations

import json

from jxc_desktop.engine.finance import fx, reconcile, voucher_view
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.reports.output import to_json, to_table
from jxc_desktop.models.documents import Document
from jxc_desktop.models.finance import Voucher
from tests.inventory_helpers import day
from tests.test_finance_reconcile import business, manual


def test_trial_balance_total_row_has_an_empty_level_and_the_same_keys(company):
    business()
    report = load_all()["trial-balance"]
    rows = report.run(ReportParams(date_from=day(1), date_to=day(31)))
    total = rows[-1]
    assert total["name"] == "合计" and total["level"] is None
    assert set(total) == set(rows[0])  # JSON keys unchanged
    assert {r["level"] for r in rows[:-1]} <= {1, 2, 3}
    data = json.loads(to_json(report.columns, rows))
    assert "level" in data[-1] and data[-1]["level"] in ("", None)
    assert data[-1]["debit"] == data[-1]["credit"]
    last = to_table(report.columns, rows).splitlines()[-1]
    assert " 0 " not in last and "合计" in last


def test_reconciliation_rows_name_their_voucher_or_document(company):
    business()
    v = manual("1405", "12.34")
    rows = reconcile.differences(day(31))
    assert [r.source for r in rows] == [("v", v.id)]
    totals = [r for r in reconcile.reconcile(day(31)) if not r.document]
    assert totals and all(r.source == () for r in totals)
    assert "source" not in rows[0].as_dict()  # the report's keys stay as they were


def test_voucher_lines_for_a_drill_down(company):
    business()
    xsck = Document.get(Document.doc_type == "XSCK")
    ids = voucher_view.document_voucher_ids(xsck.id)
    assert ids and all(Voucher.get_by_id(i).source_id == xsck.id for i in ids)
    lines = voucher_view.voucher_lines(ids)
    assert sum(r["debit"] for r in lines) == sum(r["credit"] for r in lines) > 0
    assert {r["source"] for r in lines} == {xsck.number}
    assert any(r["account"].startswith("1122 ") and r["partner"] for r in lines)
    assert lines[0]["status"] == "已记账"
    set_language("en")
    try:
        assert voucher_view.voucher_lines(ids)[0]["status"] == "Posted"
    finally:
        set_language("zh_CN")
    assert voucher_view.voucher_lines([]) == []


def test_foreign_currencies_exclude_cny(company):
    currencies = fx.foreign_currencies()
    assert "CNY" not in currencies
    assert currencies == sorted(currencies)


def test_trial_balance_pdf_total_row_prints_no_level(company, tmp_path):
    import subprocess

    from jxc_desktop.engine.printing.report_pdf import render_report

    business()
    report = load_all()["trial-balance"]
    params = ReportParams(date_from=day(1), date_to=day(31))
    path = render_report(report, report.run(params), params, tmp_path / "tb.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    total = next(line for line in text.splitlines() if "合计" in line)
    assert total.split()[0] == "合计"  # no level 0 (nor anything else) before the amounts
    assert " 0 " not in total


def test_statement_lines_are_named_in_the_chosen_language(company):
    from jxc_desktop.engine.reports.finance_statement_names import EN
    from jxc_desktop.engine.reports.finance_statements import (
        BALANCE_SHEET,
        CASH_FLOW,
        INCOME_STATEMENT,
    )

    assert {
        name for table in (BALANCE_SHEET, INCOME_STATEMENT, CASH_FLOW) for _, name, _ in table
    } <= set(EN)
    params = ReportParams(date_from=day(1), date_to=day(31))
    report = load_all()["balance-sheet"]
    assert report.run(params)[0]["name"] == "货币资金"
    set_language("en")
    try:
        rows = report.run(params)
        assert rows[0]["name"] == "Cash and cash equivalents"
        assert rows[-1]["name"] == "Total liabilities and owners' equity"
    finally:
        set_language("zh_CN")


def test_voucher_book_reads_its_lines_in_one_query(company):
    from playhouse.test_utils import count_queries

    business()
    report = load_all()["vouchers"]
    params = ReportParams(date_from=day(1), date_to=day(31))
    with count_queries() as counter:
        rows = report.run(params)
    assert len(rows) > 6 and 1 <= counter.count <= 2  # not three more per line
    assert any(r["partner"] and r["source"] and r["account_name"] for r in rows)
