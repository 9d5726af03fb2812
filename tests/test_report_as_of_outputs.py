"""Found by QA: the 应收账龄 PDF said 期间：全部 instead of its as-of date and had no
total row, and a report's xlsx did not say what it was. Balances on a day say 截至 that
day; aging adds a 合计 (screen, PDF, xlsx; never JSON); the screen's 导出 Excel puts the
report's name, company and dates above the headings, while `jxc report --format xlsx`
keeps its headings on row 1 for the scripts that read it."""

from __future__ import annotations

import datetime as dt
import json

from inventory_helpers import day, doc, make_item, make_warehouse
from openpyxl import load_workbook
from test_printing_support import pdf_pages
from trade_helpers import customer, trade_doc

from jxc_desktop.cli import main
from jxc_desktop.engine.printing.report_pdf import render_report
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.reports.display import SUMMARY, display_rows
from jxc_desktop.engine.reports.output import to_xlsx


def _two_customers() -> None:
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 100, "5")])
    trade_doc("XSCK", day(2), customer("C1"), [("A", 10, "10")], warehouse="W1")  # 113.00
    trade_doc("XSCK", day(20), customer("C2"), [("A", 1, "100")], warehouse="W1")  # 113.00


def test_aging_totals_on_paper_not_in_json(company, tmp_path, capsys):
    _two_customers()
    report, params = load_all()["ar-aging"], ReportParams(date_to=day(40))
    rows = report.run(params)
    shown = display_rows("ar-aging", rows, params)
    total = shown[-1]
    assert total[SUMMARY] == "total" and total["name"] == "合计"
    assert str(total["total"]) == "226.00"
    assert (str(total["31-60"]), str(total["0-30"])) == ("113.00", "113.00")
    text = "".join(pdf_pages(render_report(report, rows, params, tmp_path / "aging.pdf")))
    assert "截至" in text and "2026-02-09" in text and "全部" not in text
    assert "合计" in text and "226.00" in text
    assert main(["--db", str(company), "report", "ar-aging", "--to", "2026-02-09"]) == 0
    capsys.readouterr()
    assert main(["--db", str(company), "report", "ar-aging", "--format", "json"]) == 0
    assert [r["partner"] for r in json.loads(capsys.readouterr().out)] == ["C1", "C2"]


def test_as_of_report_without_a_date_says_now(company, tmp_path):
    report = load_all()["stock-balance"]
    text = "".join(pdf_pages(render_report(report, [], ReportParams(), tmp_path / "b.pdf")))
    assert "截至" in text and dt.date.today().isoformat() in text and "全部" not in text
    period = ReportParams(date_from=day(1), date_to=day(31))
    ledger = load_all()["stock-ledger"]
    text = "".join(pdf_pages(render_report(ledger, [], period, tmp_path / "l.pdf")))
    assert "2026-01-01 至 2026-01-31" in text


def test_screen_export_has_a_title_and_the_cli_sheet_keeps_row_one(company, tmp_path):
    _two_customers()
    report, params = load_all()["ar-aging"], ReportParams(date_to=day(40))
    path = tmp_path / "aging.xlsx"
    to_xlsx(report.columns, report.run(params), str(path), report.title, params=params)
    plain = list(load_workbook(path).active.iter_rows(values_only=True))
    assert plain[0][:2] == ("往来单位", "名称")  # no heading: what `jxc report` writes
    to_xlsx(
        report.columns, report.run(params), str(path), report.title, params=params, heading=True
    )
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[:3]] == ["应收账龄分析", "测试公司", "截至：2026-02-09"]
    assert rows[3][:2] == ("往来单位", "名称")
    assert rows[-1][1] == "合计" and str(rows[-1][2]) == "226"
    assert sheet.freeze_panes == "A5"
    assert sheet["A1"].font.bold
    out = tmp_path / "cli.xlsx"
    argv = ["--db", str(company), "report", "ar-aging", "--to", "2026-02-09"]
    assert main([*argv, "--format", "xlsx", "--output", str(out)]) == 0
    assert next(load_workbook(out).active.iter_rows(values_only=True))[0] == "往来单位"
