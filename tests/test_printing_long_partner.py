"""A partner name of 40 汉字 prints whole on its own row of every document paper, and
never runs into 联系人 or any other header field (word boxes read back with pdftotext)."""

from __future__ import annotations

import re
import subprocess

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import trade_doc

from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.printing.document_pdf import render_document
from jxc_desktop.engine.printing.trade_papers import render_paper, render_statement
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.models.masterdata import Partner

NAME = "上海浦东新区张江高科技园区华夏实业发展股份有限公司第一分公司营销中心华东大区二部"
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@pytest.fixture
def long_names(company):
    assert len(NAME) == 40
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(2), [("A", 50, "3")])
    for kind, code in (("customer", "C1"), ("supplier", "S1")):
        Partner.create(kind=kind, code=code, name=NAME, contact="王经理", phone="13800138000")
    delivery, _ = trade_doc("XSCK", day(5), "C1", [("A", 2, "10")], warehouse="W1")
    return {
        "delivery": delivery.id,
        "XSDD": trade_doc("XSDD", day(5), "C1", [("A", 2, "10")], approve=False).id,
        "XSBJ": trade_doc("XSBJ", day(5), "C1", [("A", 2, "10")], approve=False).id,
        "CGDD": trade_doc("CGDD", day(5), "S1", [("A", 2, "3")], approve=False).id,
    }


def words(path) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(*map(float, m.groups()[:4]), m.group(5)) for m in WORD.finditer(out)]


def assert_name_clear(path, contact_label: str = "联系人") -> None:
    """The whole name on one row; nothing else on that row; 联系人 printed and apart."""
    found = words(path)
    name_words = [w for w in found if NAME in w[4]]
    assert name_words, [w[4] for w in found]
    x0, y0, x1, y1, _ = name_words[0]
    assert x1 <= 595.3 - 28  # inside the right margin of A4
    contact = [w for w in found if w[4].startswith(contact_label)]
    assert contact, [w[4] for w in found]
    for other in found:
        if other is name_words[0]:
            continue
        same_row = other[1] < y1 and y0 < other[3]
        label = other[2] <= x0  # the field's own label, left of the name
        assert not (same_row and not label), f"{other[4]!r} beside the name in {path.name}"


def test_every_document_paper_keeps_a_long_name_clear(long_names, tmp_path):
    papers = {
        "doc": lambda p: render_document(long_names["delivery"], p),
        "delivery-note": lambda p: render_paper("delivery-note", long_names["delivery"], p),
        "sales-slip": lambda p: render_paper("sales-slip", long_names["delivery"], p),
        "contract": lambda p: render_paper("contract", long_names["XSDD"], p),
        "quotation": lambda p: render_paper("quotation", long_names["XSBJ"], p),
        "purchase-order": lambda p: render_paper("purchase-order", long_names["CGDD"], p),
        "order": lambda p: render_document(long_names["CGDD"], p),
    }
    for kind, render in papers.items():
        path = render(tmp_path / f"{kind}.pdf")
        assert_name_clear(path)


def test_statement_keeps_a_long_name_clear(long_names, tmp_path):
    path = render_statement(ReportParams(partner="C1"), tmp_path / "statement.pdf")
    found = words(path)
    name = next(w for w in found if NAME in w[4])
    assert not [w for w in found if w[1] < name[3] and name[1] < w[3] and w[0] > name[0]]


def test_english_delivery_note_too(long_names, tmp_path):
    set_language("en")
    try:
        path = render_paper("delivery-note", long_names["delivery"], tmp_path / "en.pdf")
        assert_name_clear(path, "Contact")
    finally:
        set_language("zh_CN")


def test_statement_says_its_period_in_words(long_names, tmp_path):
    import datetime as dt

    params = ReportParams(partner="C1", date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31))
    text = " ".join(w[4] for w in words(render_statement(params, tmp_path / "s.pdf")))
    assert "2026-01-01 至 2026-01-31" in text.replace("  ", " ")
    text = " ".join(
        w[4] for w in words(render_statement(ReportParams(partner="C1"), tmp_path / "a.pdf"))
    )
    assert "全部" in text and "~" not in text
