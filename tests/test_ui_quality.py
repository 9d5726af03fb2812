"""The 质检 tab on the real engine: inspect a receipt, reject some, approve, return them."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, make_item, make_warehouse, on_hand
from trade_helpers import supplier, trade_doc
from ui_helpers import make_window

from jxc_desktop.engine import settings
from jxc_desktop.engine.quality import qualifications
from jxc_desktop.models.documents import Document
from jxc_desktop.ui.quality import QualityPage


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
    window.ops.shutdown()
