"""Found by QA at the default window size (1200×760): report filter bars laid the
往来单位 field over the 商品 field or squeezed it to a "···" button, "Export to Excel"
was cut, and lists cut their document numbers while empty columns stayed wide."""

from __future__ import annotations

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QWidget,
)
from ui_helpers import make_window

from jxc_desktop.engine.reports import load_all
from jxc_desktop.ui import i18n

BAR_WIDGETS = (QLabel, QLineEdit, QComboBox, QDateEdit, QAbstractButton)


def _bar_widgets(view) -> list[tuple[QWidget, QRect]]:
    """The filter bar's own widgets (not the parts inside a date or combo box), with
    their geometry in the view's coordinates."""
    bar = view.filter_bar.geometry()
    found = []
    for widget in view.findChildren(QWidget):
        if not isinstance(widget, BAR_WIDGETS) or not widget.isVisible():
            continue
        if isinstance(widget.parent(), (QComboBox, QDateEdit, QLineEdit)):
            continue
        rect = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())
        if bar.contains(rect.topLeft()):
            found.append((widget, rect))
    return found


def _problems(view) -> list[str]:
    widgets = _bar_widgets(view)
    problems = []
    for i, (a, ra) in enumerate(widgets):
        problems += [
            f"{view.report.name}: {a.objectName() or type(a).__name__} overlaps "
            f"{b.objectName() or type(b).__name__}"
            for b, rb in widgets[i + 1 :]
            if ra.intersects(rb)
        ]
        if isinstance(a, QLineEdit) and ra.width() < 80:
            problems.append(f"{view.report.name}: {a.objectName()} is {ra.width()} px")
        if isinstance(a, QAbstractButton) and ra.width() < a.minimumSizeHint().width():
            problems.append(f"{view.report.name}: {a.text()} is squeezed")
    return problems


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_report_filter_bar_fits_the_default_window(qtbot, company, tmp_path, language):
    assert i18n.apply_language(language)
    try:
        window = make_window(qtbot, company, tmp_path)
        window.resize(1200, 760)
        window.select_tab("reports")
        page = window.pages["reports"]
        problems = []
        for name in load_all():
            view = page.show_report(name)
            qtbot.waitUntil(lambda v=view: v.isVisible() and v.width() == page.stack.width())
            qtbot.waitUntil(lambda: not window.ops.busy(), timeout=20_000)  # its count shown
            qtbot.wait(5)  # the view lays its bar out
            assert view.filter_bar.geometry().width() <= page.stack.width()
            problems += _problems(view)
        assert problems == []
        # the long bars wrap onto a second row instead
        view = page.show_report("inspection-summary")
        qtbot.wait(5)
        rows = {rect.top() for _w, rect in _bar_widgets(view)}
        assert max(rows) - min(rows) > 20
    finally:
        i18n.apply_language("zh_CN")


def test_document_list_shows_numbers_whole(qtbot, company, tmp_path):
    """期初库存's list cut 单据编号 while the empty 外部单号 column was as wide."""
    make_warehouse("W1")
    make_item("A")
    made = doc("QTRK", day(1), [("A", 10, "3")])
    window = make_window(qtbot, company, tmp_path)
    window.resize(1200, 760)
    window.select_tab("inventory")
    inventory = window.pages["inventory"]
    listing = inventory.select_key("QTRK")
    qtbot.wait(5)
    table = listing.list.table
    keys = [c.key for c in listing.list.model.source.columns]
    metrics = table.fontMetrics()
    number = keys.index("number")
    assert table.columnWidth(number) > metrics.horizontalAdvance(made.number) + 8
    external = keys.index("external_number")
    heading = table.horizontalHeader().sectionSizeFromContents(external).width()
    assert table.columnWidth(external) == heading  # empty: no wider than its heading


@pytest.mark.parametrize(
    ("name", "last"), [("stock-summary", "closing_value"), ("stock-balance", "value")]
)
def test_stock_reports_keep_their_amounts_on_screen(qtbot, company, tmp_path, name, last):
    """库存余额表 hid 金额 behind a horizontal scroll bar at 1200×760."""
    make_warehouse("W1")
    for code in ("A", "B", "C"):
        make_item(code, spec="200g")
        doc("QTRK", day(1), [(code, 1234, "18.2345")])  # 22,501.37
    assert i18n.apply_language("en")  # the wider headings
    try:
        window = make_window(qtbot, company, tmp_path)
        window.resize(1200, 760)
        window.select_tab("reports")
        view = window.pages["reports"].show_report(name)
        view.use_from.setChecked(False)
        view.run()
        qtbot.waitUntil(lambda: len(view.model.data_rows()) == 3, timeout=20_000)
        qtbot.wait(5)
        table, keys = view.table, [c.key for c in view.report.columns]
        header = table.horizontalHeader()
        column = keys.index(last)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= table.viewport().width()
        for i, c in enumerate(view.report.columns):
            if not table.isColumnHidden(i):  # every figure and word shown whole
                assert table.columnWidth(i) >= table.sizeHintForColumn(i), c.key
    finally:
        i18n.apply_language("zh_CN")


def test_a_statements_long_english_line_names_are_shown_whole(qtbot, company, tmp_path):
    """QA: 现金流量表 in English cut line 10 to "…and other…" with 400 px to spare."""
    assert i18n.apply_language("en")
    try:
        window = make_window(qtbot, company, tmp_path)
        window.resize(1200, 760)
        window.select_tab("reports")
        view = window.pages["reports"].show_report("cash-flow")
        view.run()
        qtbot.waitUntil(lambda: len(view.model.data_rows()) == 22, timeout=20_000)
        qtbot.wait(5)
        name = [c.key for c in view.report.columns].index("name")
        assert view.table.columnWidth(name) > 360  # past the limit that cut it
        assert view.table.columnWidth(name) >= view.table.sizeHintForColumn(name)
    finally:
        i18n.apply_language("zh_CN")
