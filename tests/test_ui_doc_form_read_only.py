"""Found by QA on 其他入库 after approval: the batch and 生产日期 fields beside the scanner
still looked editable, 生产日期 / 有效期至 sat off to the right behind an empty 序列号
column, and the footer switched between 数量合计 and 金额合计."""

from __future__ import annotations

import datetime as dt

from inventory_helpers import day, make_item, make_warehouse
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.models.masterdata import ItemUnit, Unit
from jxc_desktop.ui.inventory.doc_form import DocumentForm
from jxc_desktop.ui.ops import Ops


def _receipt():
    make_warehouse("W1")
    make_item("A")
    box = make_item("B")
    ItemUnit.create(item=box, unit=Unit.get(Unit.name == "箱"), factor=12)
    make_item("M", batch=True, shelf_life=365)
    lines = [
        LineInput(item="A", qty="2", price="3"),
        LineInput(item="B", qty="1", price="12", unit="箱"),
        LineInput(
            item="M",
            qty="5",
            price="1",
            batch_no="L1",
            production_date=day(1),
            expiry_date=day(1) + dt.timedelta(days=365),
        ),
    ]
    made = documents.save_draft(DocumentInput("QTRK", day(3), lines, warehouse="W1"))
    documents.approve(made.id)
    return made


def _form(qtbot, ops, doc_id=None) -> DocumentForm:
    form = DocumentForm(ops, "QTRK", doc_id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_an_approved_receipt_is_read_only_everywhere(qtbot, company):
    made = _receipt()
    ops = Ops()
    try:
        form = _form(qtbot, ops, made.id)
        assert not form.batch_row.isVisible() and not form.scan.isVisible()
        for edit in form.findChildren(QLineEdit) + form.findChildren(QComboBox):
            if edit.isVisible() and isinstance(edit.parent(), QDateEdit | QComboBox):
                continue
            assert not edit.isVisible() or not edit.isEnabled(), edit.objectName()
        assert not form.date.isEnabled()
        model = form.model
        editable = [
            model.columns[c].key
            for c in range(model.columnCount())
            if model.flags(model.index(0, c)) & model.flags(model.index(0, 0)).ItemIsEditable
        ]
        assert editable == []
        # the dates the batch carries are on screen; the unused columns stepped aside
        keys = [c.key for c in model.columns]
        header = form.table.horizontalHeader()
        for key in ("serials", "location"):
            assert form.table.isColumnHidden(keys.index(key)), key
        for key in ("batch_no", "production_date", "expiry_date"):
            column = keys.index(key)
            assert not form.table.isColumnHidden(column)
            right = header.sectionViewportPosition(column) + header.sectionSize(column)
            assert right <= form.table.viewport().width(), key
        expiry = model.data(model.index(2, keys.index("expiry_date")))
        assert expiry == (day(1) + dt.timedelta(days=365)).isoformat()
        # 瓶 and 箱 do not add up: the quantity total says so in the same wording
        assert form.totals.text() == "共 3 行    数量合计 —    金额合计 23.00"
    finally:
        ops.shutdown()


def test_the_footer_keeps_one_wording(qtbot, company):
    make_warehouse("W1")
    ops = Ops()
    try:
        form = _form(qtbot, ops)
        assert form.totals.text() == "共 0 行    数量合计 0    金额合计 0.00"
        assert form.batch_row.isVisible()  # a draft: scanning with a batch
    finally:
        ops.shutdown()
