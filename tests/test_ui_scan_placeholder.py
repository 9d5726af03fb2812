"""The scan field says what to do without naming a barcode the company may not have:
the same field serves the document grids and stocktake counting."""

from __future__ import annotations

import re

import pytest

from jxc_desktop.ui.i18n import apply_language
from jxc_desktop.ui.inventory.scan_field import ScanField


@pytest.fixture
def back_to_chinese():
    yield
    apply_language("zh_CN")


def placeholder(qtbot) -> str:
    field = ScanField()
    qtbot.addWidget(field)
    return field.edit.placeholderText()


def test_placeholder_in_chinese_names_no_example_code(qtbot):
    text = placeholder(qtbot)
    assert text == "扫描条码或输入编码后回车；先输入 5* 再扫描可设数量"
    assert not re.search(r"\d{4,}", text)  # no made-up barcode


def test_placeholder_in_english(qtbot, tmp_path, monkeypatch, back_to_chinese):
    from jxc_desktop.ui import i18n

    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path)  # the .qm built from the .ts
    assert apply_language("en")
    text = placeholder(qtbot)
    assert (
        text
        == "Scan a barcode or type a code, then Enter; type 5* before a scan to set the quantity"
    )
    assert not re.search(r"\d{4,}", text)
