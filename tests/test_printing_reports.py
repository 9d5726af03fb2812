"""Report PDFs read back with pdftotext: header, filters, numbers, pages, orientation."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

from test_printing_support import pdf_fonts, pdf_pages

from jxc_desktop.engine.printing.formats import fmt_cell, fmt_price, fmt_qty
from jxc_desktop.engine.printing.report_pdf import render_report
from jxc_desktop.engine.reports import Column, Report, ReportParams, load_all

LEDGER_COLUMNS = [
    Column("date", "日期", "Date", "date"),
    Column("number", "单号", "Number"),
    Column("item", "商品", "Item"),
    Column("warehouse", "仓库", "Warehouse"),
    Column("batch", "批次", "Batch"),
    Column("qty", "数量", "Qty", "qty"),
    Column("unit_cost", "单位成本", "Unit cost", "price"),
    Column("value", "金额", "Value", "money"),
    Column("balance_qty", "结存数量", "Balance qty", "qty"),
    Column("balance_value", "结存金额", "Balance value", "money"),
]


def _ledger_rows(n: int) -> list[dict]:
    return [
        {
            "date": dt.date(2026, 1, 1 + i % 28),
            "number": f"QTRK20260101-{i:04d}",
            "item": f"A{i:04d} 农夫山泉饮用天然水",
            "warehouse": "总仓",
            "batch": f"B{i}",
            "qty": Decimal(i * 10),
            "unit_cost": Decimal("1.234567"),
            "value": Decimal(i * 123456) / 100,
            "balance_qty": Decimal(i * 1000),
            "balance_value": Decimal(i * 1234567) / 100,
        }
        for i in range(1, n + 1)
    ]


def _page_size(path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("Page size"))
    w, _, h = line.split(":")[1].split()[:3]
    return float(w), float(h)


def test_registered_report_prints_portrait_with_filters(company, tmp_path):
    report = load_all()["accounts"]
    rows = report.run(ReportParams())
    path = render_report(report, rows, ReportParams(), tmp_path / "accounts.pdf")
    pages = pdf_pages(path)
    assert "测试公司" in pages[0] and "会计科目" in pages[0]
    assert "库存现金" in pages[0] and "1001" in pages[0]
    assert f"行数： {len(rows)}" in pages[0] or f"行数：{len(rows)}" in pages[0]
    assert all(f"第 {i} 页 / 共 {len(pages)} 页" in p for i, p in enumerate(pages, start=1))
    width, height = _page_size(path)
    assert width < height
    assert "WenQuanYiMicroHei" in pdf_fonts(path)


def test_many_columns_go_landscape_with_separators_and_repeated_header(company, tmp_path):
    report = Report("stock-ledger", "库存明细账", "Stock ledger", LEDGER_COLUMNS, lambda p: [])
    params = ReportParams(
        date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31), warehouse="WH01"
    )
    path = render_report(report, _ledger_rows(120), params, tmp_path / "ledger.pdf")
    width, height = _page_size(path)
    assert width > height
    pages = pdf_pages(path)
    assert len(pages) > 2
    assert all("结存金额" in p for p in pages)  # header on every page
    assert "2026-01-01 至 2026-01-31" in pages[0] and "WH01" in pages[0]
    assert "148,148.04" in "".join(pages)  # 120 × 12,345.67 with separators
    assert "1.2346" in pages[0]  # unit costs to 4 places on paper (the JSON keeps 6)


def test_empty_report_says_so(company, tmp_path):
    report = Report("none", "空报表", "Empty", LEDGER_COLUMNS, lambda p: [])
    text = "".join(pdf_pages(render_report(report, [], None, tmp_path / "e.pdf")))
    assert "无数据" in text and "全部" in text


def test_cell_formats_are_exact():
    assert fmt_cell("money", Decimal("1234567.5")) == "1,234,567.50"
    assert fmt_qty(Decimal("12345.5000")) == "12,345.5"
    assert fmt_price(Decimal("3.5")) == "3.50"
    assert fmt_price(Decimal("1.234567")) == "1.234567"
    assert fmt_cell("rate", Decimal("13")) == "13%"
    assert fmt_cell("int", 1234) == "1,234"
    assert fmt_cell("date", dt.date(2026, 1, 2)) == "2026-01-02"
    assert fmt_cell("money", None) == ""
