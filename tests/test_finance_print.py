"""记账凭证 printed: the form's words, numbers and 人民币大写 read back from the PDF;
A4 two a page, A5 landscape one; a long voucher continues on a second form; CLI and GUI."""

from __future__ import annotations

import subprocess

import pytest

from jxc_desktop.cli import main
from jxc_desktop.engine.finance.manual import VoucherInput, VoucherLineInput, create_voucher
from jxc_desktop.engine.printing.voucher_pdf import render_vouchers
from jxc_desktop.models.finance import Voucher
from tests.finance_helpers import setup_basic, trade_doc
from tests.inventory_helpers import day, doc


def text_of(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return out.stdout


def pages_of(path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    pages = int(next(ln for ln in info.splitlines() if ln.startswith("Pages:")).split()[1])
    size = next(ln for ln in info.splitlines() if ln.startswith("Page size:"))
    return pages, size


def test_sale_voucher_form(company, tmp_path):
    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5")])
    s = trade_doc("XSCK", day(3), [("A", 5, "20", "13")], partner="C1")
    v = Voucher.get(Voucher.source == s)
    v.attachments = 2
    v.save()
    pdf = render_vouchers([v.id], tmp_path / "v.pdf", "a5")
    text = text_of(pdf)
    flat = text.replace(" ", "")
    for words in (
        "记账凭证",
        v.display_number,
        "附单据2张",
        "2026年01月03日",
        "摘要",
        "会计科目",
        "借方金额",
        "贷方金额",
        "1122应收账款",
        "C1客户一",
        "22210102应交税费—应交增值税—销项税额",
        "113.00",
        "人民币（大写）壹佰叁拾捌元整",  # 113.00 + 25.00 cost on both sides = 138.00
        "会计主管",
        "记账",
        "审核",
        "出纳",
        "制单",
    ):
        assert words in flat, words
    pages, size = pages_of(pdf)
    assert pages == 1 and "595" in size and "419" in size  # A5 landscape


def test_a4_holds_two_and_a_long_voucher_continues(company, tmp_path):
    setup_basic()
    lines = [VoucherLineInput("5602", debit=f"{n}.00", summary=f"费用{n}") for n in range(1, 8)]
    lines.append(VoucherLineInput("1001", credit="28.00"))
    long = create_voucher(VoucherInput(day(5), "报销", lines))
    short = create_voucher(
        VoucherInput(
            day(6),
            "提现",
            [VoucherLineInput("1001", debit="1"), VoucherLineInput("1002", credit="1")],
        )
    )
    pdf = render_vouchers([long.id, short.id], tmp_path / "a4.pdf", "a4")
    pages, size = pages_of(pdf)
    assert pages == 2 and "A4" in size  # 2 forms of the long one + 1 short → 2 pages
    flat = text_of(pdf).replace(" ", "")
    assert "记-00011/2" in flat and "记-00012/2" in flat and "过次页" in flat
    assert "贰拾捌元整" in flat and "未审核" in flat


def test_cli_and_gui_print(company, tmp_path, capsys, qtbot):
    setup_basic()
    create_voucher(
        VoucherInput(
            day(6),
            "提现",
            [VoucherLineInput("1001", debit="1"), VoucherLineInput("1002", credit="1")],
        )
    )
    db = str(company)
    out = tmp_path / "cli.pdf"
    assert main(["--db", db, "voucher", "print", "2026-01", "记-0001", "-o", str(out)]) == 0
    assert "记账凭证" in text_of(out).replace(" ", "")
    with pytest.raises(SystemExit):
        main(["--db", db, "voucher", "print", "2026-01", "--layout", "a3", "-o", str(out)])

    from jxc_desktop.ui.finance import FinancePage
    from jxc_desktop.ui.ops import Ops

    ops = Ops()
    page = FinancePage(ops)
    qtbot.addWidget(page)
    page.vouchers.period.setText("2026-01")
    page.vouchers.refresh()
    page.vouchers.print_vouchers(str(tmp_path / "gui.pdf"))
    assert page.vouchers.last_pdf and "提现" in text_of(page.vouchers.last_pdf)
    ops.shutdown()


def test_red_reversal_prints_negative_amounts(company, tmp_path):
    from jxc_desktop.engine import documents

    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5")])
    s = trade_doc("XSCK", day(3), [("A", 5, "20", "13")], partner="C1")
    documents.unapprove(s.id)
    red = Voucher.get(Voucher.kind == "reversal")
    flat = text_of(render_vouchers([red.id], tmp_path / "red.pdf", "a5")).replace(" ", "")
    assert "-113.00" in flat and "人民币（大写）负壹佰叁拾捌元整" in flat


def test_voucher_form_in_english(company, tmp_path):
    from jxc_desktop.engine.i18n import set_language

    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5")])
    s = trade_doc("XSCK", day(3), [("A", 5, "20", "13")], partner="C1")
    v = Voucher.get(Voucher.source == s)
    set_language("en")
    try:
        text = text_of(render_vouchers([v.id], tmp_path / "en.pdf", "a5"))
    finally:
        set_language("zh_CN")
    for words in (
        "JOURNAL VOUCHER",
        "Attachments: 0",
        "2026-01-03",
        "Summary",
        "Debit",
        "Credit",
        "Total: RMB (in words)",
        "Prepared by",
    ):
        assert words in text, words
    for words in ("记 账 凭 证", "借方金额", "附单据", "制单"):
        assert words not in text, words
