"""Barcode labels: rendered at 300 dpi and read back with zbarimg, exact content."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from test_printing_support import (
    DAY,
    decode_barcodes,
    make_item,
    make_warehouse,
    pdf_fonts,
    pdf_pages,
    receipt,
)

from jxc_desktop.engine.documents import DocumentInput, LineInput, save_draft
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.printing import barcodes
from jxc_desktop.engine.printing.labels import (
    A4_3x8,
    LabelLayout,
    LabelOptions,
    LabelRequest,
    label_code,
    labels_for_document,
    render_labels,
    roll_layout,
)
from jxc_desktop.engine.printing.textfit import fit_text, text_width, wrap_lines
from jxc_desktop.models.masterdata import ItemBarcode, ItemUnit, Unit


@pytest.fixture
def goods(company):
    return {
        "ean": make_item("A001", "农夫山泉饮用天然水", "6901234567892", spec="550ml"),
        "code": make_item("C-0003-XL", "得力中性笔 0.5mm 黑色", spec="12支/盒"),
        "cn": make_item("D004", "散装称重糖果", "糖果-散装-D004", sale_price=Decimal("39.80")),
    }


@pytest.mark.parametrize("layout", ["roll-50x30", "roll-40x30", "a4-3x8"])
def test_every_symbology_decodes_back_exactly(goods, tmp_path, layout):
    requests = [
        LabelRequest(goods["ean"], 2, "B20260101", dt.date(2027, 1, 31)),
        (goods["code"], 1),
        (goods["cn"], 1, "", dt.date(2026, 6, 30)),
    ]
    path = tmp_path / f"{layout}.pdf"
    assert render_labels(requests, layout, path) == 4
    expected = [
        "EAN-13:6901234567892",
        "EAN-13:6901234567892",
        "CODE-128:C-0003-XL",
        "QR-Code:糖果-散装-D004",
    ]
    found = decode_barcodes(path, tmp_path)
    if layout.startswith("roll"):  # one label per page: every label is read separately
        assert sorted(found) == sorted(expected)
    else:  # zbar reports equal symbols on one image once
        assert set(found) == set(expected)
    text = "".join(pdf_pages(path))
    for words in ("农夫山泉饮用天然水", "550ml", "¥12.50", "B20260101", "2027-01-31", "¥39.80"):
        assert words in text
    fonts = pdf_fonts(path).splitlines()[2:]
    assert len(fonts) == 1 and "WenQuanYiMicroHei" in fonts[0]


def test_forced_qr_carries_an_item_code_and_code128_a_barcode(goods, tmp_path):
    path = tmp_path / "qr.pdf"
    render_labels([(goods["code"], 1)], "roll-50x30", path, LabelOptions(symbology="qr"))
    assert decode_barcodes(path, tmp_path) == ["QR-Code:C-0003-XL"]
    path = tmp_path / "c128.pdf"
    render_labels([(goods["ean"], 1)], "roll-40x30", path, LabelOptions(symbology="code128"))
    assert decode_barcodes(path, tmp_path) == ["CODE-128:6901234567892"]


def test_wrong_ean13_check_digit_is_refused_and_nothing_written(goods, tmp_path):
    bad = make_item("E1", "错码商品", "6901234567890")
    path = tmp_path / "bad.pdf"
    for symbology in ("auto", "ean13"):
        with pytest.raises(ValidationError) as info:
            render_labels(
                [(goods["ean"], 1), (bad, 1)], "roll-50x30", path, LabelOptions(symbology)
            )
        assert "校验位" in str(info.value) and "2" in str(info.value)
        assert not path.exists()


def test_ean13_check_digit():
    assert barcodes.ean13_check_digit("690123456789") == "2"
    assert barcodes.check_ean13("6901234567892") is None
    assert barcodes.check_ean13("4006381333931") is None
    assert barcodes.check_ean13("4006381333932")
    assert barcodes.check_ean13("69012345678")  # too short


def test_code128_refuses_chinese_and_all_problems_are_reported(goods, tmp_path):
    with pytest.raises(ValidationError) as info:
        render_labels(
            [(goods["cn"], 1), (goods["ean"], -1)],
            "roll-50x30",
            tmp_path / "x.pdf",
            LabelOptions(symbology="code128"),
        )
    assert len(info.value.problems) == 2


def test_layout_that_does_not_fit_is_refused(goods, tmp_path):
    layout = LabelLayout("custom", 100, 50, 40, 30, columns=3, rows=1)
    with pytest.raises(ValidationError):
        render_labels([(goods["ean"], 1)], layout, tmp_path / "x.pdf")
    with pytest.raises(ValidationError):
        render_labels([(goods["ean"], 1)], "no-such-layout", tmp_path / "x.pdf")


def test_sheet_pages_and_custom_layout(goods, tmp_path):
    path = tmp_path / "sheet.pdf"
    assert render_labels([(goods["code"], 30)], A4_3x8, path, LabelOptions(skip=20)) == 30
    assert len(pdf_pages(path)) == 3  # 4 on the first sheet, 24, then 2
    custom = LabelLayout("custom", 100, 70, 45, 32, 2, 2, 3, 2, 4, 2, padding=2)
    path = tmp_path / "custom.pdf"
    render_labels([(goods["cn"], 3), (goods["code"], 1)], custom, path, LabelOptions(border=True))
    assert set(decode_barcodes(path, tmp_path)) == {"QR-Code:糖果-散装-D004", "CODE-128:C-0003-XL"}


def test_long_text_shrinks_then_truncates_inside_the_label(company, tmp_path):
    name = "康师傅红烧牛肉面（五连包）超值家庭装特别长的名字，还有更多更多的说明文字"
    item = make_item("L1", name, spec="5×105g 袋装 加量不加价 限时特惠规格说明", unit="袋")
    path = tmp_path / "long.pdf"
    render_labels([(item, 1, "BATCH-2026-0001-LONG", dt.date(2027, 12, 31))], "roll-40x30", path)
    assert decode_barcodes(path, tmp_path) == ["CODE-128:L1"]
    text, size = fit_text(name, 100, 9, 7)
    assert size == 7 and text.endswith("…") and text_width(text, size) <= 100
    lines = wrap_lines(name, 100, 7, 2)
    assert len(lines) == 2 and all(text_width(line, 7) <= 100 for line in lines)


def test_box_barcode_is_not_printed_on_item_labels(company):
    box = Unit.get(Unit.name == "箱")
    item = make_item("W1", "矿泉水")
    ItemUnit.create(item=item, unit=box, factor=24)
    ItemBarcode.create(barcode="16901234567899", item=item, unit=box)
    assert label_code(item) == "W1"
    ItemBarcode.create(barcode="6901234567892", item=item)
    assert label_code(item) == "6901234567892"


def test_labels_for_document_in_base_units_rounded_up(company, tmp_path):
    make_warehouse()
    box = Unit.get(Unit.name == "箱")
    water = make_item("W1", "矿泉水", "6901234567892")
    ItemUnit.create(item=water, unit=box, factor=12)
    sugar = make_item("S1", "白砂糖", unit="kg", batch_managed=True)
    doc = receipt(
        [
            LineInput(item=water, qty="2", unit=box),
            LineInput(item=sugar, qty="2.5", batch_no="S-01", expiry_date=dt.date(2027, 3, 1)),
        ]
    )
    requests = labels_for_document(doc.id)
    assert [(r.item.code, r.qty, r.batch, r.expiry) for r in requests] == [
        ("W1", 24, "", None),
        ("S1", 3, "S-01", dt.date(2027, 3, 1)),
    ]
    path = tmp_path / "received.pdf"
    assert render_labels(requests, "roll-50x30", path) == 27
    assert len(pdf_pages(path)) == 27


def test_labels_for_a_stocktake_skip_empty_lines(company):
    make_warehouse()
    item = make_item("Z1", "清点商品")
    doc = save_draft(DocumentInput("PDD", DAY, [LineInput(item=item, qty="0")], warehouse="WH01"))
    assert labels_for_document(doc.id) == []


def test_roll_layout_is_one_label_per_page():
    layout = roll_layout(60, 40)
    assert layout.per_page == 1 and layout.problems() == []
    assert layout.origin(0) == (0, 0)


def test_qr_too_dense_for_the_label_is_refused(company, tmp_path):
    item = make_item("Q1", "长内容", "二维码内容" * 40)
    with pytest.raises(ValidationError) as info:
        render_labels([(item, 1)], "roll-40x30", tmp_path / "q.pdf")
    assert "QR" in str(info.value)


def test_whole_decimal_counts_are_accepted(goods, tmp_path):
    path = tmp_path / "d.pdf"
    assert render_labels([(goods["code"], Decimal("2"))], "roll-40x30", path) == 2
    with pytest.raises(ValidationError):
        render_labels([(goods["code"], Decimal("2.5"))], "roll-40x30", path)


def _word_boxes(path) -> dict[str, tuple[float, float]]:
    """Each word's (width, height) in points on the first page, as pdftotext places it."""
    import re
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    boxes = {}
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<'
    for x0, y0, x1, y1, word in re.findall(pattern, out):
        boxes.setdefault(word, (float(x1) - float(x0), float(y1) - float(y0)))
    return boxes


def test_big_labels_scale_their_text_and_barcode(goods, tmp_path):
    """An A4 2×7 label (96.7×39.5 mm) is no 50×30 roll label blown up with white: the
    name is larger, the EAN-13 is drawn 1.5× nominal, and both still read back."""
    request = [LabelRequest(goods["ean"], 1, "B20260101", dt.date(2027, 1, 31))]
    small, big = tmp_path / "small.pdf", tmp_path / "big.pdf"
    render_labels(request, "roll-50x30", small)
    render_labels(request, "a4:2x7", big)
    small_words, big_words = _word_boxes(small), _word_boxes(big)
    name = "农夫山泉饮用天然水"
    assert big_words[name][1] > 1.5 * small_words[name][1]
    # the EAN's digits grow with its bars: nominal on the roll label, 1.5× on the sheet
    assert big_words["901234"][0] > 1.4 * small_words["901234"][0]
    assert decode_barcodes(big, tmp_path) == ["EAN-13:6901234567892"]
    # a bigger roll label too, and a code 128 and a QR label on it still decode
    wide = tmp_path / "wide.pdf"
    render_labels([*request, (goods["code"], 1), (goods["cn"], 1)], "100x60", wide)
    assert sorted(decode_barcodes(wide, tmp_path)) == [
        "CODE-128:C-0003-XL",
        "EAN-13:6901234567892",
        "QR-Code:糖果-散装-D004",
    ]
