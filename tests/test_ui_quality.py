"""The 质检 tab on the real engine: inspect a receipt, reject some, approve, return them."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, make_item, make_warehouse, on_hand
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from trade_helpers import supplier, trade_doc
from ui_helpers import make_window

from jxc_desktop.engine import settings
from jxc_desktop.engine.quality import qualifications
from jxc_desktop.models.documents import Document
from jxc_desktop.ui.quality import QualityPage
from jxc_desktop.ui.quality.tables import display_text


def test_inspect_a_receipt_and_approve_it(qtbot, company, tmp_path):
    make_warehouse("W1")
    make_warehouse("QC")
    make_item("A")
    settings.set_value("quarantine_warehouse", "QC")
    s = supplier("S1")
    receipt, _ = trade_doc("CGRK", day(3), s, [("A", 100, "4.5")], "W1")
    qualifications.save_qualification(
        qualifications.QualificationData(s, "营业执照", "91-1", valid_to=day(10))
    )
    window = make_window(qtbot, company, tmp_path)
    window.resize(1280, 800)
    page = window.pages["quality"]
    assert isinstance(page, QualityPage)
    window.select_tab("quality")
    tab = page.inspections
    tab.source.setText(receipt.number)
    tab.date.setDate(day(4))
    tab.generate()
    assert tab.lines.table.rowCount() == 1
    assert tab.lines.cell(0, 4).text() == "100"  # accepted in full until told otherwise
    for column, value in ((4, "95"), (5, "3"), (6, "2")):
        tab.lines.cell(0, column).setText(value)
    tab.approve()
    zjd = Document.get(Document.doc_type == "ZJD")
    assert zjd.status == "approved"
    assert not tab.findChild(QPushButton, "inspectionSave").isEnabled()  # approved: read-only
    assert tab.findChild(QPushButton, "inspectionReturn").isEnabled()
    assert tab.lines.cell(0, 5).isReadOnly()
    assert tab.split.sizes()[0] >= tab.list.content_width()  # every column whole
    assert on_hand("A", "QC") == Decimal(3) and on_hand("A", "W1") == Decimal(97)
    assert tab.list.rowCount() == 1
    tab.list.selectRow(0)
    assert tab.lines.cell(0, 5).text() == "3"
    tab.print_report(str(tmp_path / "zjd.pdf"))
    qtbot.waitUntil(lambda: tab.last_pdf is not None, timeout=20000)
    assert (tmp_path / "zjd.pdf").stat().st_size > 1000
    tab.return_goods()
    cgth = Document.get(Document.doc_type == "CGTH")
    assert cgth.source_id == zjd.id and cgth.status == "draft"

    page.tabs.setCurrentWidget(page.plans)
    page.plans.item.setText("A")
    page.plans.sample_qty.setText("5")
    page.plans.sampling.setCurrentIndex(1)  # 固定数量
    page.plans.save()
    assert page.plans.table.rowCount() == 1
    page.plans.item.clear()
    page.plans.table.selectRow(0)
    assert page.plans.item.text() == "A" and page.plans.sample_qty.text() == "5"

    page.tabs.setCurrentWidget(page.qualifications)
    page.qualifications.date_to.setDate(day(20))
    page.qualifications.refresh()
    assert page.qualifications.table.rows[0]["status"] == "expired"
    page.tabs.setCurrentWidget(page.summary)
    page.summary.date_from.setDate(day(1))
    page.summary.date_to.setDate(day(31))
    page.summary.refresh()
    assert page.summary.table.rows[0]["pass_rate"] == Decimal("95.00")
    summary = page.summary.table
    rate = summary.item(0, summary.keys.index("pass_rate"))
    assert rate.text() == "95.00%" and rate.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert summary.isColumnHidden(summary.keys.index("stage"))  # shown by its name
    page.tabs.setCurrentWidget(page.evaluation)
    page.evaluation.date_from.setDate(day(1))
    page.evaluation.date_to.setDate(day(31))
    page.evaluation.refresh()
    table = page.evaluation.table
    assert (
        table.item(0, table.keys.index("purchase_amount")).text() == "450.00"
    )  # the return is a draft
    assert table.item(0, table.keys.index("pass_rate")).text() == "95.00%"
    window.ops.shutdown()


def test_figures_read_as_a_shop_owner_expects():
    assert display_text("money", Decimal("1234567.5")) == "1,234,567.50"
    assert display_text("qty", Decimal("1100.0000")) == "1,100"
    assert display_text("qty", Decimal("0.5000")) == "0.5"
    assert display_text("price", Decimal("6.160000")) == "6.16"
    assert display_text("price", Decimal("5.701667")) == "5.701667"
    assert display_text("rate", Decimal("99.6300")) == "99.63%"
    assert display_text("score", Decimal("74.8200")) == "74.8"
    assert display_text("int", -20) == "-20"
    assert display_text("rate", None) == ""


def test_a_deleted_line_is_not_inspected(qtbot, company, tmp_path):
    make_warehouse("W1")
    make_item("A")
    make_item("B")
    s = supplier("S1")
    receipt, _ = trade_doc("CGRK", day(3), s, [("A", 10, "1"), ("B", 5, "2")], "W1")
    window = make_window(qtbot, company, tmp_path)
    tab = window.pages["quality"].inspections
    tab.source.setText(receipt.number)
    tab.date.setDate(day(4))
    tab.generate()
    tab.lines.table.selectRow(0)
    tab.lines.remove_current()
    assert tab.save()
    zjd = Document.get(Document.doc_type == "ZJD")
    assert [line.item.code for line in zjd.lines] == ["B"]
    assert tab.lines.table.rowCount() == 1 and tab.lines.cell(0, 1).text().startswith("B ")
    window.ops.shutdown()
