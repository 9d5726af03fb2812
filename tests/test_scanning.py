"""Scanner rules: `5*` prefixes, scans onto draft lines, errors that never add a line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.barcodes import complete_ean13
from jxc_desktop.engine.scanning import (
    DraftLines,
    apply_scan,
    draft_line,
    parse_scan,
    scan_text,
)

WATER = complete_ean13("690123456789")
WATER_BOX = complete_ean13("690123456790")


@pytest.mark.parametrize(
    ("text", "code", "qty"),
    [
        ("6901234567892", "6901234567892", "1"),
        ("5*6901234567892", "6901234567892", "5"),
        ("5.5*A001", "A001", "5.5"),
        (" 2 * A001 ", "A001", "2"),
        ("0.0001*A001", "A001", "0.0001"),
    ],
)
def test_parse_scan_reads_quantity_prefix(text, code, qty):
    parsed = parse_scan(text)
    assert parsed.ok, parsed.error
    assert (parsed.code, parsed.qty) == (code, Decimal(qty))


@pytest.mark.parametrize(
    "text", ["0*A001", "-1*A001", "abc*A001", "1e3*A001", "*A001", "1.00001*A001", "5*", ""]
)
def test_parse_scan_refuses_bad_quantities_and_empty_codes(text):
    parsed = parse_scan(text)
    assert not parsed.ok
    assert parsed.error


def _items():
    md.save_item(
        md.ItemData(
            code="W",
            name="矿泉水",
            purchase_price="1.5",
            units=[md.UnitData("箱", "12")],
            barcodes=[md.BarcodeData(WATER), md.BarcodeData(WATER_BOX, "箱")],
        )
    )
    md.save_item(md.ItemData(code="T", name="茶叶", purchase_price="20"))


def test_scans_add_and_increment_lines_by_item_and_unit(company):
    _items()
    lines = DraftLines()
    assert apply_scan(lines, WATER).added
    again = apply_scan(lines, WATER, Decimal(3))
    assert again.ok and not again.added and again.row == 0
    box = apply_scan(lines, WATER_BOX)
    assert box.added and box.row == 1
    assert apply_scan(lines, "T", "2").row == 2
    assert [(x.code, x.unit, x.qty) for x in lines.lines] == [
        ("W", "个", Decimal(4)),
        ("W", "箱", Decimal(1)),
        ("T", "个", Decimal(2)),
    ]
    # A box line is costed per box: 1.5 × 12.
    assert lines[1].price == Decimal("18") and lines[1].factor == Decimal(12)
    assert lines[0].line_amount == Decimal("6.00")


def test_unknown_codes_and_bad_check_digits_add_nothing(company):
    _items()
    lines = DraftLines()
    apply_scan(lines, WATER)
    bad_digit = WATER[:-1] + str((int(WATER[-1]) + 1) % 10)
    for code, words in [
        ("NOPE", "未知条码"),
        (bad_digit, "校验位"),
        ("96385075", "校验位"),  # EAN-8 whose check digit should be 4
        ("", "请扫描"),
    ]:
        result = apply_scan(lines, code)
        assert not result.ok
        assert words in result.message, (code, result.message)
    assert len(lines) == 1 and lines[0].qty == 1
    assert not scan_text(lines, "0*" + WATER).ok
    assert lines[0].qty == 1


def test_plain_list_and_hand_edited_lines_are_reindexed(company):
    _items()
    plain = []
    apply_scan(plain, "T")
    apply_scan(plain, "T")
    assert len(plain) == 1 and plain[0].qty == 2
    lines = DraftLines()
    apply_scan(lines, "T")
    apply_scan(lines, WATER)
    del lines.lines[0]  # the form removed a row
    assert apply_scan(lines, WATER).row == 0
    assert lines[0].qty == 2


def test_scans_on_a_500_line_document_add_to_the_right_line(company):
    """Timing lives in bench/bench_inventory.py (scan to line); here: the result."""
    from jxc_desktop.models.masterdata import Item

    _items()
    md.save_item(md.ItemData(code="X0", name="X"))
    base = Item.get(Item.code == "X0")
    lines = DraftLines([draft_line(base) for _ in range(1)])
    for n in range(1, 500):
        line = draft_line(base)
        line.item_id = -n  # distinct keys without 500 items in the database
        lines.append(line)
    for _ in range(50):
        assert scan_text(lines, "2*" + WATER).ok
    assert len(lines) == 501
    assert lines[500].qty == 100


def test_a_batch_goes_on_batch_managed_items_only(company):
    import datetime as dt

    from jxc_desktop.engine.scanning import ScanBatch

    _items()
    md.save_item(md.ItemData(code="MILK", name="牛奶", batch_managed=True, shelf_life_days=30))
    lines = DraftLines()
    first = ScanBatch("B1", dt.date(2026, 1, 1))
    apply_scan(lines, "MILK", 2, first)
    apply_scan(lines, "MILK", 1, first)
    apply_scan(lines, "MILK", 1, ScanBatch("B2"))
    apply_scan(lines, "T", 1, first)  # not batch-managed: no batch
    assert [(x.code, x.batch_no, x.qty, x.production_date) for x in lines.lines] == [
        ("MILK", "B1", 3, dt.date(2026, 1, 1)),
        ("MILK", "B2", 1, None),
        ("T", "", 1, None),
    ]
