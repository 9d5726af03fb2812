"""The document form: serials scanned into a dialog, batch prompts, expiry, FEFO hints."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from jxc_desktop.engine import documents
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.barcodes import complete_ean13
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.models.stock import SerialNumber
from jxc_desktop.ui import messages
from tests.ui_helpers import make_window

PHONE = complete_ean13("690123456780")
MILK = complete_ean13("690123456792")
WATER_BOX = complete_ean13("690123456790")


@pytest.fixture
def window(qtbot, company, tmp_path):
    md.save_warehouse(md.WarehouseData("W1", "主仓库"))
    md.save_item(
        md.ItemData(
            code="SN-PHONE",
            name="手机",
            base_unit="台",
            serial_managed=True,
            purchase_price="1000",
            barcodes=[md.BarcodeData(PHONE)],
        )  # fmt: skip
    )
    md.save_item(
        md.ItemData(
            code="MILK",
            name="牛奶",
            batch_managed=True,
            shelf_life_days=30,
            purchase_price="3",
            barcodes=[md.BarcodeData(MILK)],
        )  # fmt: skip
    )
    md.save_item(
        md.ItemData(
            code="WATER",
            name="矿泉水",
            base_unit="瓶",
            units=[md.UnitData("箱", "12")],
            barcodes=[md.BarcodeData(WATER_BOX, "箱")],
        )  # fmt: skip
    )
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("inventory")
    yield window
    messages.shown.clear()


def type_in(qtbot, edit, text):
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Enter)


def new_form(window, doc_type, date=dt.date(2026, 1, 20)):
    page = window.pages["inventory"]
    page.select_key(doc_type)
    form = page.new_record()
    form.date.setDate(date)
    return form


def finish(qtbot, window, job):
    assert job is not None
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=10_000)


def test_receive_serials_by_scanning_then_issue_from_the_pick_list(window, qtbot):
    form = new_form(window, "QTRK")
    type_in(qtbot, form.scan.edit, PHONE)
    dialog = form.serial_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.count.text() == "已录 0 / 应录 1"
    for serial in ("IMEI001", "IMEI002", "IMEI001"):
        type_in(qtbot, dialog.scan.edit, serial)
    assert dialog.scan.is_error() and "已录入，不能重复" in dialog.scan.message.text()
    type_in(qtbot, dialog.scan.edit, "IMEI003")
    assert not dialog.scan.is_error()
    assert dialog.serials() == ["IMEI001", "IMEI002", "IMEI003"]
    assert dialog.count.text() == "已录 3 / 应录 1"
    assert dialog.isVisible()  # Enter from the scanner never closes it
    qtbot.mouseClick(dialog.findChild(type(form.buttons["save"]), "btn_serialOk"), Qt.LeftButton)
    line = form.lines[0]
    assert (line.qty, line.serials) == (3, ["IMEI001", "IMEI002", "IMEI003"])
    cell = form.model.index(0, form.model.column_of("serials"))
    assert form.model.data(cell) == "IMEI001、IMEI002、IMEI003"
    finish(qtbot, window, form.approve())
    assert form.header.status == "approved", form.banner.text()
    assert SerialNumber.select().where(SerialNumber.in_stock == True).count() == 3  # noqa: E712

    issue = new_form(window, "QTCK")
    type_in(qtbot, issue.scan.edit, PHONE)
    dialog = issue.serial_dialog
    assert [dialog.pick.item(i).text() for i in range(dialog.pick.count())] == [
        "IMEI001", "IMEI002", "IMEI003"
    ]  # fmt: skip
    type_in(qtbot, dialog.scan.edit, "IMEI999")
    assert dialog.scan.is_error() and "不在该仓库库存中" in dialog.scan.message.text()
    dialog.pick.item(1).setSelected(True)
    dialog.take_selected()
    assert dialog.serials() == ["IMEI002"] and dialog.pick.count() == 2
    dialog.accept()
    finish(qtbot, window, issue.approve())
    assert issue.header.status == "approved", issue.banner.text()
    assert not SerialNumber.get(SerialNumber.serial == "IMEI002").in_stock


def test_a_draft_reopens_with_its_serials_and_a_short_line_says_so(window, qtbot):
    draft = documents.save_draft(
        DocumentInput(
            "QTRK",
            dt.date(2026, 1, 20),
            [LineInput(item="SN-PHONE", qty="3", price="1000", serials=["A1", "A2"])],
            warehouse="W1",
        )  # fmt: skip
    )
    page = window.pages["inventory"]
    form = page.open_document(draft.id)
    cell = form.model.index(0, form.model.column_of("serials"))
    assert form.model.data(cell) == "已录 2 / 应录 3"
    assert form.model.data(cell, Qt.ItemDataRole.ToolTipRole) == "A1\nA2"
    dialog = form.open_serials(0)
    assert dialog.serials() == ["A1", "A2"]
    type_in(qtbot, dialog.scan.edit, "A3")
    assert dialog.count.text() == "已录 3 / 应录 3"
    dialog.accept()
    assert form.model.data(cell) == "A1、A2、A3"


def test_batch_item_without_a_batch_is_refused_at_once_and_expiry_is_filled(window, qtbot):
    form = new_form(window, "QTRK")
    type_in(qtbot, form.scan.edit, MILK)
    assert form.scan.is_error() and "请先输入当前批次号" in form.scan.message.text()
    assert len(form.lines) == 0
    qtbot.waitUntil(form.batch_no.hasFocus, timeout=2000)
    form.batch_no.setText("B1")
    form.production_date.setText("2026-01-10")
    type_in(qtbot, form.scan.edit, MILK)
    assert form.lines[0].expiry_date == dt.date(2026, 2, 9)
    model = form.model
    assert model.setData(model.index(0, model.column_of("production_date")), "2026-01-15")
    assert model.data(model.index(0, model.column_of("expiry_date"))) == "2026-02-14"


def test_box_scan_says_how_many_pieces(window, qtbot):
    form = new_form(window, "QTCK")
    type_in(qtbot, form.scan.edit, WATER_BOX)
    assert "1 箱 = 12 瓶" in form.scan.message.text()
    assert form.lines[0].unit == "箱"


def test_expired_receipt_is_confirmed_and_issue_shows_the_fefo_batch(window, qtbot):
    form = new_form(window, "QTRK")
    form.batch_no.setText("OLD")
    form.production_date.setText("2025-12-01")  # expired 2025-12-31
    type_in(qtbot, form.scan.edit, "5*" + MILK)
    form.batch_no.setText("NEW")
    form.production_date.setText("2026-01-15")
    type_in(qtbot, form.scan.edit, "5*" + MILK)
    finish(qtbot, window, form.approve())
    assert form.header.status == "draft"
    question = form.question
    assert "OLD" in question.text() and "2025-12-31" in question.text()
    assert "NEW" not in question.text()
    question.accept()
    finish(qtbot, window, True)
    assert form.header.status == "approved", form.banner.text()

    issue = new_form(window, "QTCK")
    type_in(qtbot, issue.scan.edit, "3*" + MILK)
    model = issue.model
    hint = model.index(0, model.column_of("fefo"))
    assert model.data(hint) == "NEW ×3（至 2026-02-14）"
    type_in(qtbot, issue.scan.edit, "2*" + MILK)
    assert model.data(hint) == "NEW ×5（至 2026-02-14）"
    assert model.setData(model.index(0, model.column_of("batch_no")), "OLD")
    assert model.data(hint) == ""  # named: no automatic allocation
    assert issue.lines[0].expiry_date == dt.date(2025, 12, 31)  # the batch's own dates
    finish(qtbot, window, issue.approve())  # naming the expired batch: asked first
    assert issue.header.status == "draft" and "仍然出库" in issue.question.text()
    issue.question.reject()
    assert "未审核" in issue.scan.message.text()
    assert model.setData(model.index(0, model.column_of("batch_no")), "NEW")
    assert issue.lines[0].expiry_date == dt.date(2026, 2, 14)
    finish(qtbot, window, issue.approve())
    assert issue.header.status == "approved", issue.banner.text()


def test_an_issue_takes_a_scanned_serial_as_its_item(window, qtbot):
    receipt = documents.save_draft(
        DocumentInput(
            "QTRK",
            dt.date(2026, 1, 10),
            [LineInput(item="SN-PHONE", qty="2", price="1000", serials=["IMEI7", "IMEI8"])],
            warehouse="W1",
        )  # fmt: skip
    )
    documents.approve(receipt.id)
    form = new_form(window, "QTCK")
    type_in(qtbot, form.scan.edit, "IMEI8")
    assert not form.scan.is_error() and "序列号 IMEI8，本行共 1 台" in form.scan.message.text()
    type_in(qtbot, form.scan.edit, "IMEI8")
    assert form.scan.is_error() and "已录入" in form.scan.message.text()
    type_in(qtbot, form.scan.edit, "IMEI7")
    assert (form.lines[0].qty, form.lines[0].serials) == (2, ["IMEI8", "IMEI7"])
    type_in(qtbot, form.scan.edit, "NOSUCH")
    assert "未知条码或商品编码" in form.scan.message.text()
    finish(qtbot, window, form.approve())
    assert form.header.status == "approved", form.banner.text()
