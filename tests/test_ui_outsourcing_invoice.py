"""The subcontractor's fee invoice from the GUI: 采购 tab (a 委外入库 → 生成下游单据) and
生产 → 委外 (开加工费发票, as a draft opened in its form or approved at once)."""

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from ui_helpers import make_window

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.production import outsourcing_actions as oa
from jxc_desktop.models.documents import Document, DocumentLine


def _setup():
    from inventory_helpers import doc, make_item, make_warehouse
    from production_helpers import bom

    from jxc_desktop.models.masterdata import Partner

    make_warehouse("W1")
    make_item("M1", item_type="material")
    make_item("P")
    Partner.create(kind="supplier", code="S1", name="加工厂一")
    bom("P", ("M1", 2))
    doc("QCKC", dt.date(2026, 1, 2), [("M1", 100, "10")], warehouse="W1")
    order = documents.save_draft(
        DocumentInput(
            "WWDD", dt.date(2026, 1, 3), [LineInput(item="P", qty="10", price="5")], partner="S1"
        )
    )
    documents.approve(order.id)
    oa.send_materials(order.number, "W1", dt.date(2026, 1, 4))
    receipts = [
        oa.receive_product(order.number, n, "5", "W1", dt.date(2026, 1, 5 + i))
        for i, n in enumerate((5, 3, 2))
    ]
    return order.number, receipts


def _invoices(status):
    return list(
        Document.select().where((Document.doc_type == "CGFP") & (Document.status == status))
    )


def test_fee_invoice_from_the_purchase_list_and_the_outsourcing_page(qtbot, company, tmp_path):
    order, (r1, r2, r3) = _setup()
    window = make_window(qtbot, company, tmp_path)

    # 采购: 委外入库 are listed (made on the 委外 page, so no 新建); 生成下游单据 → 采购发票
    docs = window.pages["purchase"].docs
    window.select_tab("purchase")
    docs.type_box.setCurrentIndex(docs.type_box.findData("WWRK"))
    assert not docs.buttons["new"].isEnabled()
    numbers = [docs.table.item(r, 0).text() for r in range(docs.table.rowCount())]
    docs.table.selectRow(numbers.index(r1))
    assert docs.buttons["next"].isEnabled()
    form = docs.next_document()
    assert form is not None and form.doc_type == "CGFP"
    (draft,) = _invoices("draft")
    (line,) = draft.lines
    assert (line.qty, line.source_line.document.number) == (Decimal("5"), r1)
    assert docs.table.item(numbers.index(r1), 5).text() == "未开票"
    documents.approve(draft.id)
    form.close()
    docs.refresh()
    states = {docs.table.item(r, 0).text(): docs.table.item(r, 5).text() for r in range(3)}
    assert states == {r1: "已开票", r2: "未开票", r3: "未开票"}

    # 采购发票 → 选源单: the supplier's receipts left to invoice, 采购入库 and 委外入库 alike
    cgrk = documents.save_draft(
        DocumentInput(
            "CGRK",
            dt.date(2026, 1, 8),
            [LineInput(item="M1", qty="4", price="10", tax_rate="13")],
            partner="S1",
            warehouse="W1",
        )
    )
    documents.approve(cgrk.id)
    docs.type_box.setCurrentIndex(docs.type_box.findData("CGFP"))
    assert docs.buttons["pick"].isEnabled()
    picker = docs.pick_sources()
    listed = [picker.table.item(r, 1).text() for r in range(picker.table.rowCount())]
    assert listed == [r2, r3, cgrk.number]
    assert picker.table.item(2, 2).text() == "采购入库"
    assert picker.table.item(0, 5).text() == "16.95"
    picker.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # not r3 this time
    assert picker.submit()
    (draft,) = _invoices("draft")
    sources = sorted(x.source_line.document.number for x in draft.lines)
    assert sources == sorted([r2, cgrk.number])
    assert docs.form.isVisible() and docs.form.doc_id == draft.id
    docs.form.close()
    documents.delete_draft(draft.id)

    # 生产 → 委外: 开加工费发票 lists what is left, saves a draft and opens it
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.outsourcing)
    table = page.outsourcing.table
    qtbot.waitUntil(lambda: table.rowCount() == 1 and table.rows[0]["invoiced"] == 5)
    assert table.item(0, 6).text() == "28.25"  # 未开票加工费: 16.95 + 11.30
    table.selectRow(0)
    page.outsourcing.invoice_fee()
    dialog = page.outsourcing.dialog
    assert r2 in dialog.plan.text() and r3 in dialog.plan.text() and r1 not in dialog.plan.text()
    assert "16.95" in dialog.plan.text() and "11.30" in dialog.plan.text()
    assert dialog.submit()
    assert page.outsourcing.form.isVisible()
    (draft,) = _invoices("draft")
    sources = sorted(x.source_line.document.number for x in draft.lines)
    assert sources == [r2, r3]
    page.outsourcing.form.close()
    documents.delete_draft(draft.id)

    # … or approves it at once: the list shows the whole fee invoiced
    table.selectRow(0)
    page.outsourcing.invoice_fee()
    dialog = page.outsourcing.dialog
    dialog.approve_now.setChecked(True)
    assert dialog.submit()
    assert len(_invoices("approved")) == 2
    qtbot.waitUntil(lambda: table.rowCount() == 1 and table.rows[0]["invoiced"] == 10)
    assert table.rows[0]["uninvoiced_fee"] == 0
    assert DocumentLine.select().join(Document).where(Document.doc_type == "CGFP").count() == 3
    window.ops.shutdown()
