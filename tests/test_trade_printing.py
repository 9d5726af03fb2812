"""Trade papers: statement and contract PDFs, their text (Chinese too) read back."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, first_line, money_doc, trade_doc

from jxc_desktop.engine.documents import DocumentInput, LineInput, save_draft


@pytest.fixture
def sold(company):
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 100, "5")])
    c = customer("C1", terms=15)
    order = save_draft(
        DocumentInput(
            "XSDD",
            day(2),
            [LineInput(item="A", qty="10", price="10", tax_rate="13", due_date=day(9))],
            partner=c,
        )
    )
    from jxc_desktop.engine import documents

    documents.approve(order.id)
    trade_doc("XSCK", day(3), c, [("A", 10, "10", first_line(order))], warehouse="W1")
    money_doc("SKD", day(5), c, "100")
    return company, order


def _text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_print_statement_and_contract_from_cli(sold, tmp_path):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    db, order = sold
    close_company()
    st = tmp_path / "st.pdf"
    args = ["--db", str(db), "print", "statement", "--partner", "C1"]
    assert main([*args, "--from", "2026-01-01", "--to", "2026-01-31", "-o", str(st)]) == 0
    text = _text(st)
    assert "对账单" in text and "13.00" in text and "113.00" in text
    assert "壹拾叁元整" in text  # closing balance 13.00 in 人民币大写
    ct = tmp_path / "ct.pdf"
    assert main(["--db", str(db), "print", "contract", order.number, "-o", str(ct)]) == 0
    text = _text(ct)
    assert "销售合同" in text and "2026-01-09" in text and "15 天" in text
    assert "壹佰壹拾叁元整" in text
    assert main(["--db", str(db), "print", "doc", order.number, "-o", str(tmp_path / "o.pdf")]) == 0


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_delivery_note_sales_slip_quotation_and_purchase_order(sold, tmp_path):
    from trade_helpers import supplier

    from jxc_desktop.engine.printing import trade_papers
    from jxc_desktop.models.documents import Document

    delivery = Document.get(Document.doc_type == "XSCK")
    path = trade_papers.render_paper("sales-slip", delivery.id, tmp_path / "slip.pdf")
    text = _text(path)
    assert "销售单" in text and "上次欠款 0.00" in text and "累计欠款 113.00" in text
    text = _text(trade_papers.render_paper("delivery-note", delivery.id, tmp_path / "dn.pdf"))
    assert "送货单" in text and "收货人签收" in text
    quote = trade_doc("XSBJ", day(6), "C1", [("A", 2, "12")], approve=False)
    text = _text(trade_papers.render_paper("quotation", quote.id, tmp_path / "q.pdf"))
    assert "销售报价单" in text and "27.12" in text
    po, _ = trade_doc("CGDD", day(6), supplier("S1"), [("A", 5, "4")])
    text = _text(trade_papers.render_paper("purchase-order", po.id, tmp_path / "po.pdf"))
    assert "采购订单" in text and "贰拾贰元陆角" in text
    with pytest.raises(Exception, match="不能打印"):
        trade_papers.render_paper("delivery-note", po.id, tmp_path / "x.pdf")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_contract_prints_the_collection_plan(sold, tmp_path):
    from decimal import Decimal

    from jxc_desktop.engine.printing import trade_papers
    from jxc_desktop.engine.trade.collection_plan import Instalment, set_plan

    _, order = sold
    set_plan(
        order.id,
        [Instalment(day(2), Decimal("33.90"), "定金"), Instalment(day(40), Decimal("79.10"))],
    )
    path = trade_papers.render_paper("contract", order.id, tmp_path / "plan.pdf")
    text = _text(path)
    assert "按收款计划分期支付" in text
    assert "2026-01-02 33.90（定金）" in text and "2026-02-09 79.10" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_sales_slip_balances_stand_as_they_were_at_the_delivery(sold, tmp_path):
    """A receipt later the same day (more than is owed) belongs to the next slip."""
    from jxc_desktop.engine.printing import trade_papers
    from jxc_desktop.models.masterdata import Partner

    c = Partner.get(Partner.code == "C1")
    second, _ = trade_doc("XSCK", day(6), c, [("A", 2, "10")], warehouse="W1")
    money_doc("SKD", day(6), c, "50")  # settles 35.60, 14.40 left as an advance
    text = _text(trade_papers.render_paper("sales-slip", second.id, tmp_path / "slip2.pdf"))
    # 113.00 delivered, 100.00 received before; this one 2 × 10 + 13 % tax
    assert "上次欠款 13.00" in text and "本单 22.60" in text and "累计欠款 35.60" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_receipt_paper_names_what_each_line_settles(sold, tmp_path):
    from jxc_desktop.engine.printing.document_pdf import render_document
    from jxc_desktop.models.documents import Document
    from jxc_desktop.models.masterdata import Partner

    delivery = Document.get(Document.doc_type == "XSCK")
    c = Partner.get(Partner.code == "C1")
    skd, _ = money_doc("SKD", day(7), c, "13", source_line=first_line(delivery))
    text = _text(render_document(skd.id, tmp_path / "skd.pdf"))
    assert "核销单据" in text and delivery.number in text and "1002 银行存款" in text
