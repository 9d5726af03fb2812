"""现金流量表 line names follow 会小企03表 in both languages: the section headings 一 to 三
stand before lines 1, 8 and 14, so 四、现金净增加额 and 五、期末现金余额 follow them, and
every English name carries a number exactly where the Chinese one does."""

from __future__ import annotations

import json
import re

from jxc_desktop.cli import main
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.reports.display import display_rows
from tests.inventory_helpers import day

CHINESE_NUMBER = re.compile(r"^([一二三四五])、")
ENGLISH_NUMBER = re.compile(r"^([1-5])\. ")


def names(language: str) -> list[tuple[int | None, str]]:
    """The statement as people see it (screen and paper): the headings are display rows."""
    set_language(language)
    try:
        params = ReportParams(date_from=day(1), date_to=day(31))
        rows = display_rows("cash-flow", load_all()["cash-flow"].run(params), params)
    finally:
        set_language("zh_CN")
    return [(r["line"] or None, r["name"]) for r in rows]


def test_sections_and_numbers_in_chinese(company):
    rows = names("zh_CN")
    assert [line for line, _ in rows if line is not None] == list(range(1, 23))
    headings = [(i, name) for i, (line, name) in enumerate(rows) if line is None]
    assert [name for _, name in headings] == [
        "一、经营活动产生的现金流量：",
        "二、投资活动产生的现金流量：",
        "三、筹资活动产生的现金流量：",
    ]
    assert [rows[i + 1][0] for i, _ in headings] == [1, 8, 14]  # each above its first line
    numbered = [name for _, name in rows if CHINESE_NUMBER.match(name)]
    assert [n[0] for n in numbered] == list("一二三四五")
    assert dict(rows)[20] == "四、现金净增加额" and dict(rows)[22] == "五、期末现金余额"


def test_english_numbers_exactly_where_the_chinese_has_them(company):
    zh, en = names("zh_CN"), names("en")
    assert [line for line, _ in zh] == [line for line, _ in en]
    digits = dict(zip("一二三四五", "12345", strict=True))
    for (_, chinese), (_, english) in zip(zh, en, strict=True):
        assert not re.search(r"[\u4e00-\u9fff]", english), english  # all translated
        number = CHINESE_NUMBER.match(chinese)
        english_number = ENGLISH_NUMBER.match(english)
        if number:
            assert english_number and english_number[1] == digits[number[1]], english
        else:
            assert not english_number and not english[:1].isdigit(), english
    assert dict(en)[20] == "4. Net increase in cash"


def test_json_keeps_one_row_per_statutory_line(company, capsys):
    """The headings are for people: scripts get lines 1-22, each with its amounts."""
    db = str(company)
    assert main(["--db", db, "report", "cash-flow", "--period", "2026-01", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["line"] for r in rows] == list(range(1, 23))
    assert all(r["current"] == "0.00" and r["previous"] == "0.00" for r in rows)
    assert set(rows[0]) == {"line", "name", "current", "previous"}


def test_the_printed_statement_shows_the_headings(company, tmp_path):
    import subprocess

    pdf = tmp_path / "cf.pdf"
    assert (
        main(
            [
                "--db",
                str(company),
                "print",
                "report",
                "cash-flow",
                "--period",
                "2026-01",
                "-o",
                str(pdf),
            ]
        )
        == 0
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "一、经营活动产生的现金流量" in text and "五、期末现金余额" in text


def test_cash_flow_item_names_in_english_in_the_voucher_list(company):
    from jxc_desktop.engine.finance.manual import VoucherInput, VoucherLineInput, create_voucher

    lines = [
        VoucherLineInput("1001", debit="100", summary="零售收入", cash_flow_item="01"),
        VoucherLineInput("5001", credit="100", summary="零售收入"),
    ]
    create_voucher(VoucherInput(day(3), "零售收入", lines))
    set_language("en")
    try:
        rows = load_all()["vouchers"].run(ReportParams(date_from=day(1), date_to=day(31)))
    finally:
        set_language("zh_CN")
    labels = {r["cash_flow_item_label"] for r in rows if r["cash_flow_item"]}
    assert labels == {"Cash received from selling goods and services"}


def test_the_books_pane_shows_the_headings(qtbot, company):
    from jxc_desktop.ui.finance.page import BooksView

    view = BooksView()
    qtbot.addWidget(view)
    view.choice.setCurrentIndex(view.choice.findData("cash-flow"))
    view.period.setText("2026-01")
    view.refresh()
    names = [view.table.item(r, 1).text() for r in range(view.table.rowCount())]
    assert names[0] == "一、经营活动产生的现金流量：" and len(names) == 25
    assert view.table.item(0, 1).font().bold() and not view.table.item(1, 1).font().bold()
