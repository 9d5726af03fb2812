"""Entering serials and batches: the checks the form and the sheet use, expiry rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine import documents, scanning
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.barcodes import complete_ean13
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.inventory import expiry, serials
from jxc_desktop.models.masterdata import Warehouse
from jxc_desktop.models.stock import StockMove


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("PH", serial_managed=True)
    make_item("MILK", batch=True, shelf_life=10)
    return company


def wh(code="W1") -> int:
    return Warehouse.get(Warehouse.code == code).id


def phone_id() -> int:
    from jxc_desktop.models.masterdata import Item

    return Item.get(Item.code == "PH").id


def test_parse_serials_takes_every_separator():
    assert serials.parse_serials("A1, A2，A3、A4 A5;A6\nA7") == [f"A{i}" for i in range(1, 8)]
    assert serials.parse_serials("  ") == []


def test_check_entry_for_receipts_and_issues(shop):
    doc("QTRK", day(1), [LineInput(item="PH", qty="2", price="100", serials=["S1", "S2"])])
    item = phone_id()
    assert serials.check_entry("QTRK", item, wh(), "S3", []) == ""
    assert "已录入" in serials.check_entry("QTRK", item, wh(), "S3", ["S3"])
    assert "已在库" in serials.check_entry("QTRK", item, wh(), "S1", [])
    assert serials.check_entry("QTCK", item, wh(), "S1", []) == ""
    assert "不在该仓库" in serials.check_entry("QTCK", item, wh("W2"), "S1", [])
    assert "不在该仓库" in serials.check_entry("QTCK", item, wh(), "S9", [])
    assert "请扫描" in serials.check_entry("QTCK", item, wh(), " ", [])
    assert serials.in_stock(item, wh()) == ["S1", "S2"]
    assert serials.in_stock(item, wh("W2")) == []


def test_draft_keeps_serials_when_reopened(shop):
    saved = doc(
        "QTRK",
        day(1),
        [LineInput(item="PH", qty="2", price="1", serials=["B", "A"])],
        approve=False,
    )
    _header, lines = scanning.load_draft(saved.id)
    assert lines[0].serials == ["B", "A"] and lines[0].serial_managed
    data = scanning.to_input(_header, lines)
    assert data.lines[0].serials == ["B", "A"]


def test_fefo_skips_expired_batches_unless_the_line_names_one(shop):
    doc("QTRK", day(1), [LineInput(item="MILK", qty="5", price="2", batch_no="OLD",
                                   expiry_date=day(3))])  # fmt: skip
    doc("QTRK", day(2), [LineInput(item="MILK", qty="5", price="2", batch_no="NEW",
                                   production_date=day(2))])  # fmt: skip
    issue = doc("QTCK", day(5), [("MILK", 3)])
    moves = StockMove.select().join_from(StockMove, documents.DocumentLine)
    batches_taken = {m.batch_no for m in moves.where(documents.DocumentLine.document == issue)}
    assert batches_taken == {"NEW"}
    with pytest.raises(ValidationError) as refused:  # 2 left of NEW; OLD not taken by itself
        doc("QTCK", day(5), [("MILK", 4)])
    assert [p.message for p in refused.value.problems] == [
        "商品 MILK 未过期批次只有 2，需要 4；已过期批次（OLD 5）不会自动出库，"
        "如确需出库请在行上填写该批次"
    ]
    named = documents.save_draft(
        DocumentInput(
            "QTCK", day(5), [LineInput(item="MILK", qty="5", batch_no="OLD")], warehouse="W1"
        )  # fmt: skip
    )
    result = documents.approve(named.id)
    assert any("OLD" in m and "过期" in m for m in result.messages)


def test_receiving_an_expired_batch_is_confirmed_then_noted(shop):
    draft = doc(
        "QTRK",
        day(20),
        [LineInput(item="MILK", qty="1", price="2", batch_no="B1", production_date=day(1))],
        approve=False,
    )
    warnings = expiry.receipt_warnings(draft.id)
    assert warnings == ["第 1 行 商品 MILK 批次 B1 已于 2026-01-11 过期"]
    result = documents.approve(draft.id)
    assert any("B1" in m for m in result.messages)
    fresh = doc("QTRK", day(20), [LineInput(item="MILK", qty="1", price="2", batch_no="B2",
                                            production_date=day(19))], approve=False)  # fmt: skip
    assert expiry.receipt_warnings(fresh.id) == []


def test_fefo_preview_names_the_batch_approval_will_take(shop):
    doc("QTRK", day(1), [LineInput(item="MILK", qty="5", price="2", batch_no="OLD",
                                   expiry_date=day(3))])  # fmt: skip
    doc("QTRK", day(2), [LineInput(item="MILK", qty="5", price="2", batch_no="NEW",
                                   production_date=day(2))])  # fmt: skip
    from jxc_desktop.models.masterdata import Item

    milk = Item.get(Item.code == "MILK").id
    lines = [
        expiry.PreviewLine(milk, Decimal(3)),
        expiry.PreviewLine(milk, Decimal(3), batch_no="OLD"),
        expiry.PreviewLine(phone_id(), Decimal(1)),
    ]
    assert expiry.fefo_preview("W1", day(5), lines) == ["NEW ×3（至 2026-01-12）", "", ""]
    assert expiry.fefo_preview("W1", day(2), lines)[0] == "OLD ×3（至 2026-01-03）"
    assert expiry.fefo_preview("W2", day(5), lines)[0] == "库存不足 3"


def test_scans_prompt_for_batch_and_serials_and_say_the_box_content(shop):
    box = complete_ean13("690123456790")
    md.save_item(
        md.ItemData(
            code="WATER",
            name="矿泉水",
            units=[md.UnitData("箱", "12")],
            barcodes=[md.BarcodeData(box, "箱")],
        )  # fmt: skip
    )
    lines = scanning.DraftLines()
    result = scanning.scan_text(lines, box)
    assert result.ok and "（1 箱 = 12 个）" in result.message and lines[0].unit == "箱"
    result = scanning.scan_text(lines, "2*" + box)
    assert "（2 箱 = 24 个），本行共 3 箱" in result.message
    refused = scanning.scan_text(lines, "MILK", batch_required=True)
    assert not refused.ok and refused.prompt == "batch" and "批次" in refused.message
    batch = scanning.ScanBatch("B1", dt.date(2026, 1, 1))
    taken = scanning.scan_text(lines, "MILK", batch, batch_required=True)
    assert taken.ok and lines[taken.row].expiry_date == dt.date(2026, 1, 11)
    phone = scanning.scan_text(lines, "PH")
    assert phone.ok and phone.prompt == "serial"


def test_fill_expiry_follows_the_production_date_but_keeps_a_typed_one(shop):
    line = scanning.DraftLine(1, "MILK", "", "", 1, "个", Decimal(1), shelf_life_days=10)
    line.production_date = dt.date(2026, 1, 1)
    assert line.fill_expiry() and line.expiry_date == dt.date(2026, 1, 11)
    previous, line.production_date = line.production_date, dt.date(2026, 1, 5)
    assert line.fill_expiry(previous) and line.expiry_date == dt.date(2026, 1, 15)
    line.expiry_date = dt.date(2026, 3, 1)  # typed by the clerk
    previous, line.production_date = line.production_date, dt.date(2026, 1, 6)
    assert not line.fill_expiry(previous) and line.expiry_date == dt.date(2026, 3, 1)
