"""Label layouts the user sets (custom sizes and sheets) and expiry dates on document labels."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from test_printing_support import decode_barcodes, make_item, make_warehouse, pdf_text, receipt

from jxc_desktop.cli import main
from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import DocumentInput, LineInput, save_draft
from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.printing.label_layouts import A4_3x8, layout_ok, parse_layout
from jxc_desktop.engine.printing.labels import labels_for_document, render_labels

MM = 72 / 25.4


def _page_sizes(path) -> list[tuple[float, float]]:
    """Each page's size in mm, from pdfinfo."""
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True
    ).stdout
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(round(float(w) / MM, 1), round(float(h) / MM, 1)) for w, h in found]


def test_presets_and_custom_roll_sizes():
    assert parse_layout("a4-3x8") is A4_3x8
    for spec in ("60x40", "60X40", "60×40", "60*40", "roll-60x40"):
        layout = parse_layout(spec)
        assert (layout.page_width, layout.page_height, layout.per_page) == (60, 40, 1)
        assert layout.label_width == 60 and layout.problems() == []
    assert parse_layout("62.5x30").label_width == 62.5


def test_custom_sheets_compute_label_size_and_centre_the_grid():
    three = parse_layout("a4:3x8")
    assert (three.columns, three.rows, three.per_page) == (3, 8, 24)
    assert three.problems() == []
    used_w, used_h = three.used()
    # the grid is centred: the right and bottom margins equal the left and top ones
    assert abs((210 - used_w) - three.margin_left) < 0.01
    assert abs((297 - used_h) - three.margin_top) < 0.01
    two = parse_layout("a4:2x7")
    assert (two.columns, two.rows) == (2, 7) and two.label_width > 95 and two.problems() == []
    sized = parse_layout("a4:3x8:63.5x33.9")
    assert (sized.label_width, sized.label_height) == (63.5, 33.9)
    assert sized.margin_left == pytest.approx((210 - 3 * 63.5 - 2 * 2.5) / 2)
    spaced = parse_layout("a4:2x5;margin=10,15;gap=4,3")
    assert (spaced.margin_left, spaced.margin_top, spaced.gap_x, spaced.gap_y) == (10, 15, 4, 3)
    assert spaced.label_width == pytest.approx((210 - 20 - 4) / 2)
    assert spaced.problems() == []
    assert "3×8" in three.describe() and "每页 24 张" in three.describe()


@pytest.mark.parametrize("spec", ["60x", "a4:3", "a3:3x8", "big", "a4:3x8;pad=1", "a4:0x8"])
def test_unreadable_or_impossible_layouts_are_refused(spec):
    assert not layout_ok(spec)


def test_a_sheet_that_does_not_fit_says_so():
    layout = parse_layout("a4:3x8:80x40")
    assert any("排不下" in p.message for p in layout.problems())


@pytest.fixture
def goods(company):
    make_warehouse()
    return {
        "ean": make_item("A001", "农夫山泉饮用天然水", "6901234567892", spec="550ml"),
        "code": make_item("C-0003-XL", "得力中性笔 0.5mm 黑色", spec="12支/盒"),
        "other": make_item("X-77", "订书机"),
    }


@pytest.mark.parametrize(
    "spec, pages, size",
    [("60x40", 3, (60, 40)), ("a4:2x7", 1, (210, 297)), ("a4:3x8;gap=3,2", 1, (210, 297))],
)
def test_custom_layouts_print_and_decode(goods, tmp_path, spec, pages, size):
    path = tmp_path / "custom.pdf"
    requests = [(goods["ean"], 1), (goods["code"], 1), (goods["other"], 1)]
    assert render_labels(requests, spec, path) == 3
    assert _page_sizes(path) == [size] * pages
    assert sorted(decode_barcodes(path, tmp_path)) == [
        "CODE-128:C-0003-XL",
        "CODE-128:X-77",
        "EAN-13:6901234567892",
    ]


def test_unknown_layout_names_the_accepted_forms(goods, tmp_path):
    with pytest.raises(ValidationError) as err:
        render_labels([(goods["ean"], 1)], "70-40", tmp_path / "x.pdf")
    assert "未知的标签版式" in str(err.value) and "a4:3x8" in str(err.value)
    assert not (tmp_path / "x.pdf").exists()


def test_label_layout_setting_is_checked(company):
    assert settings.get("label_layout") == "roll-50x30"
    settings.set_value("label_layout", "a4:2x7")
    assert settings.get("label_layout") == "a4:2x7"
    with pytest.raises(JxcError):
        settings.set_value("label_layout", "a4:3x8:80x40")  # does not fit A4


def test_document_labels_carry_expiry_from_line_batch_or_shelf_life(company, tmp_path):
    make_warehouse()
    milk = make_item("M1", "纯牛奶", batch_managed=True, shelf_life_days=30)
    made = dt.date(2026, 1, 10)
    first = receipt(
        [
            LineInput(item=milk, qty="2", batch_no="B1", production_date=made),
            LineInput(item=milk, qty="1", batch_no="B2", expiry_date=dt.date(2026, 5, 1)),
        ]
    )
    requests = labels_for_document(first.id)
    assert [(r.batch, r.expiry) for r in requests] == [
        ("B1", dt.date(2026, 2, 9)),  # production date + 30 days of shelf life
        ("B2", dt.date(2026, 5, 1)),  # the line's own date
    ]
    documents.approve(first.id)
    issue = save_draft(
        DocumentInput(
            "QTCK",
            dt.date(2026, 1, 20),
            [LineInput(item=milk, qty="1", batch_no="B1")],
            warehouse="WH01",
        )
    )
    assert [(r.batch, r.expiry) for r in labels_for_document(issue.id)] == [
        ("B1", dt.date(2026, 2, 9))  # from the batch row
    ]
    path = tmp_path / "milk.pdf"
    render_labels(labels_for_document(first.id), "roll-50x30", path)
    text = pdf_text(path)
    assert "有效期至 2026-02-09" in text and "有效期至 2026-05-01" in text


def test_cli_labels_custom_layout_and_chinese_help(goods, company, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    argv = ["--db", str(company), "labels", "--item", "A001", "--qty", "2"]
    assert main([*argv, "--layout", "60x40", "-o", str(out)]) == 0
    assert _page_sizes(out) == [(60, 40)] * 2
    assert main([*argv, "--layout", "a4:2x7", "--gap", "4,2", "-o", str(out)]) == 0
    assert _page_sizes(out) == [(210, 297)]
    assert main([*argv, "--layout", "60-40", "-o", str(out)]) == 1
    assert "未知的标签版式" in capsys.readouterr().err
    settings.set_value("label_layout", "a4:3x8")  # the GUI's last choice is the default
    assert main([*argv, "-o", str(out)]) == 0 and _page_sizes(out) == [(210, 297)]
    with pytest.raises(SystemExit):
        main(["labels", "--help"])
    text = capsys.readouterr().out
    assert "用法" in text and "标签版式" in text and "为该单据的每一行打印标签" in text
    assert "labels for every line" not in text
    with pytest.raises(SystemExit):
        main(["--lang", "en", "labels", "--help"])
    assert "labels for every line of this document" in capsys.readouterr().out


def test_a_too_small_label_says_the_minimum():
    (problem,) = parse_layout("10x5").problems()
    assert problem.message == "标签太小：10×5 mm，至少要 10×12 mm（宽×高）"
    (narrow,) = parse_layout("8x30").problems()
    assert "8×30 mm" in narrow.message and "10×12 mm" in narrow.message
    assert parse_layout("10x12").problems() == []
    set_language("en")
    try:
        (problem,) = parse_layout("10x5").problems()
    finally:
        set_language("zh_CN")
    assert problem.message == (
        "The label is too small: 10×5 mm; it must be at least 10×12 mm (W×H)"
    )
