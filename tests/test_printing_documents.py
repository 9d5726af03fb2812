"""Document papers rendered to PDF and read back with poppler's pdftotext / pdffonts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_printing_support import (
    DAY,
    make_customer,
    make_item,
    make_warehouse,
    pdf_fonts,
    pdf_pages,
    pdf_text,
    receipt,
)

from jxc_desktop.engine.documents import (
    DocumentInput,
    LineInput,
    approve,
    get_document,
    save_draft,
    unapprove,
    void,
)
from jxc_desktop.engine.errors import NotFound
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.money import format_money, rmb_upper
from jxc_desktop.engine.printing.document_pdf import render_document
from jxc_desktop.engine.printing.fonts import FONT_FILE, font_dir
from jxc_desktop.models.masterdata import Item


def _fifty_line_receipt():
    make_warehouse()
    lines = []
    for i in range(1, 51):
        name = f"矿泉水{i}号" + ("（整箱装特惠活动专用的超长商品名称）" if i % 7 == 0 else "")
        item = make_item(f"A{i:03d}", name, spec="550ml×24")
        lines.append(
            LineInput(item=item, qty=str(i), price=f"{i % 9 + 1}.35", batch_no=f"B{i:03d}")
        )
    return receipt(lines, remarks="月初补货")


def test_font_is_found_next_to_the_package():
    assert (font_dir() / FONT_FILE).is_file()


def test_font_found_in_a_frozen_bundle(tmp_path, monkeypatch):
    import jxc_desktop
    import jxc_desktop.engine.printing.fonts as fonts

    bundle = tmp_path / "bundle"
    (bundle / "resources" / "fonts").mkdir(parents=True)
    (bundle / "resources" / "fonts" / FONT_FILE).write_bytes(b"x")
    monkeypatch.setattr(jxc_desktop, "__file__", str(tmp_path / "pkg" / "x" / "__init__.py"))
    monkeypatch.setattr(fonts.sys, "_MEIPASS", str(bundle), raising=False)
    assert fonts.font_dir() == bundle / "resources" / "fonts"


def test_fifty_lines_paginate_with_repeated_header_and_exact_totals(company, tmp_path):
    doc = _fifty_line_receipt()
    path = render_document(doc.id, tmp_path / "doc.pdf")
    pages = pdf_pages(path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "测试公司" in page
        assert "其他入库单" in page
        assert "商品名称" in page and "批次" in page  # the table header repeats
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page
    text = "".join(pages)
    for i in (1, 25, 50):
        assert f"矿泉水{i}号" in text
    expected = sum(Decimal(i) * Decimal(f"{i % 9 + 1}.35") for i in range(1, 51))
    assert get_document(doc.id).total_amount == expected
    assert format_money(expected) in pages[-1]
    assert rmb_upper(expected) in pages[-1].replace(" ", "")
    assert "1,275" in pages[-1]  # total quantity: all lines in one unit
    assert "草稿" in pages[0]  # the watermark of an unapproved paper
    assert "制单" in pages[-1] and "审核" in pages[-1] and "经手人" in pages[-1]


def test_font_is_embedded_and_nothing_else_is_used(company, tmp_path):
    doc = _fifty_line_receipt()
    fonts = pdf_fonts(render_document(doc.id, tmp_path / "doc.pdf")).splitlines()[2:]
    assert len(fonts) == 1
    assert "WenQuanYiMicroHei" in fonts[0]
    assert fonts[0].split()[-5:-3] == ["yes", "yes"]  # embedded, subset


def test_sales_paper_shows_partner_tax_and_amount_in_words(company, tmp_path):
    make_warehouse()
    make_customer()
    item = make_item("X1", "可口可乐 330ml", spec="330ml", tax_rate=Decimal(13))
    item = Item.get_by_id(item.id)
    doc = save_draft(
        DocumentInput(
            "XSCK",
            DAY,
            [LineInput(item=item, qty="24", price_incl="2.50", tax_rate="13")],
            partner="C001",
            warehouse="WH01",
        )
    )
    text = pdf_text(render_document(doc.id, tmp_path / "x.pdf"))
    assert "销售出库单" in text and doc.number in text
    assert "上海好客超市有限公司" in text and "张江路" in text
    assert "价税合计" in text and "13%" in text
    assert "人民币陆拾元整" in text.replace(" ", "")  # 24 × 2.50 tax-inclusive
    assert "客户签收" in text


def test_approved_paper_has_no_watermark_and_void_says_so(company, tmp_path):
    doc = _fifty_line_receipt()
    approve(doc.id)
    text = pdf_text(render_document(doc.id, tmp_path / "a.pdf"))
    assert "草稿" not in text and "已审核" in text
    assert text.count("系统管理员") >= 2  # maker and approver
    unapprove(doc.id)
    void(doc.id)
    assert "作废" in pdf_text(render_document(doc.id, tmp_path / "v.pdf"))


def test_transfer_shows_both_warehouses(company, tmp_path):
    make_warehouse()
    make_warehouse("WH02", "门店仓")
    item = make_item("T1", "洗衣液 2kg")
    doc = save_draft(
        DocumentInput(
            "DBD", DAY, [LineInput(item=item, qty="5")], warehouse="WH01", dest_warehouse="WH02"
        )
    )
    text = pdf_text(render_document(doc.id, tmp_path / "t.pdf"))
    assert "调拨单" in text and "调出仓库" in text and "门店仓" in text
    assert "零元整" not in text  # a draft is not costed yet: no amount in words


def test_an_approved_transfer_prints_what_it_moved_at_cost(company, tmp_path):
    """No price on its lines: the paper shows the cost the ledger moved it at."""
    from jxc_desktop.engine import documents

    make_warehouse()
    make_warehouse("WH02", "门店仓")
    item = make_item("T1", "洗衣液 2kg")
    stock = receipt(
        [LineInput(item=item, qty="4", price="30.00"), LineInput(item=item, qty="6", price="31.00")]
    )
    documents.approve(stock.id)
    doc = save_draft(
        DocumentInput(
            "DBD", DAY, [LineInput(item=item, qty="5")], warehouse="WH01", dest_warehouse="WH02"
        )
    )
    documents.approve(doc.id)
    text = pdf_text(render_document(doc.id, tmp_path / "t.pdf"))
    # moving average 30.60 a unit: 5 × 30.60
    assert "单位成本" in text and "成本金额" in text and "30.60" in text
    assert "153.00" in text and rmb_upper(Decimal("153.00")) in text


def test_english_paper(company, tmp_path):
    doc = _fifty_line_receipt()
    set_language("en")
    text = pdf_text(render_document(doc.id, tmp_path / "e.pdf"))
    assert "Other receipt" in text and "Page 1 of" in text and "Amount" in text


def test_missing_document_is_refused(company, tmp_path):
    with pytest.raises(NotFound):
        render_document(999, tmp_path / "none.pdf")


def test_printing_does_not_load_qt():
    import subprocess
    import sys

    code = (
        "import sys, jxc_desktop.engine.printing.document_pdf, "
        "jxc_desktop.engine.printing.report_pdf, jxc_desktop.engine.printing.labels; "
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_stocktake_and_money_papers(company, tmp_path):
    make_warehouse()
    make_customer()
    item = make_item("P1", "盘点商品")
    pdd = save_draft(
        DocumentInput(
            "PDD", DAY, [LineInput(item=item, qty="7", book_qty=Decimal(5))], warehouse="WH01"
        )
    )
    text = pdf_text(render_document(pdd.id, tmp_path / "pdd.pdf"))
    assert "盘点单" in text and "账面数量" in text and "盈亏数量" in text
    assert "人民币" not in text  # a stocktake has no money total
    skd = save_draft(
        DocumentInput(
            "SKD",
            DAY,
            [LineInput(amount="1234.50", account="1002", remarks="货款")],
            partner="C001",
        )
    )
    text = pdf_text(render_document(skd.id, tmp_path / "skd.pdf"))
    assert "收款单" in text and "1,234.50" in text
    assert "1002 银行存款" in text  # the account by name, not a bare code
    assert "人民币壹仟贰佰叁拾肆元伍角整" in text.replace(" ", "")


def test_header_labels_take_the_languages_colon(company, tmp_path):
    """日期：… in Chinese; "Date: …" in English, never a full-width colon after a word."""
    make_warehouse()
    item = make_item("P1", "盘点商品")
    lines = [LineInput(item=item, qty="7", book_qty=Decimal(5))]
    pdd = save_draft(DocumentInput("PDD", DAY, lines, warehouse="WH01"))
    text = pdf_text(render_document(pdd.id, tmp_path / "pdd_zh.pdf"))
    assert "日期：" in text and "状态：" in text and "制单：" in text
    set_language("en")
    try:
        text = pdf_text(render_document(pdd.id, tmp_path / "pdd_en.pdf"))
    finally:
        set_language("zh_CN")
    assert "Stocktake" in text and "Date: " in text and "Status: " in text
    assert "：" not in text
    assert "Lines: 1; 1 counted, 0 not counted" in text  # no "1 lines"
