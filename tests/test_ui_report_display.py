"""The 报表 views show the display layer: opening/closing rows in bold, quantities and
values on screen at 1500 px, summary rows that open nothing, exports with the totals."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from jxc_desktop.engine.reports.display import SUMMARY
from jxc_desktop.ui.inventory.report_view import ReportView
from jxc_desktop.ui.ops import Ops

# 1500 px window less the report list (220) and margins
TABLE_WIDTH = 1240


def _ledger_view(qtbot, ops):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "3.0925")])
    doc("QTRK", day(10), [("A", 20, "3.3")])
    doc("QTCK", day(12), [("A", 12)])
    view = ReportView(ops, "stock-ledger")
    qtbot.addWidget(view)
    view.use_from.setChecked(True)
    view.date_from.setDate(day(5))
    view.use_to.setChecked(True)
    view.date_to.setDate(day(31))
    view.run()
    qtbot.waitUntil(lambda: view.model.rowCount() == 6, timeout=20_000)
    return view


def test_ledger_view_frames_moves_and_keeps_values_in_sight(qtbot, company, tmp_path):
    ops = Ops()
    view = _ledger_view(qtbot, ops)
    model, keys = view.model, [c.key for c in view.report.columns]
    kinds = [r.get(SUMMARY) for r in model.rows]
    assert kinds == ["opening", None, None, "in", "out", "closing"]
    number = keys.index("number")
    assert model.data(model.index(0, number)) == "期初余额"
    assert model.data(model.index(0, number), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(1, number), Qt.ItemDataRole.FontRole) is None
    assert view.count.text() == "共 2 条"  # the moves, not the summary rows
    # the closing balance: 30.93 + 66.00 − 38.77 (12 at the average 3.231) = 58.16
    assert model.data(model.index(5, keys.index("balance_value"))) == "58.16"
    for key in ("external_number", "location", "batch", "reversal", "trueup"):
        assert view.table.isColumnHidden(keys.index(key)), key  # empty in every row
    # with locations and batches shown too, the balance still ends inside 1500 px
    view.table.setColumnHidden(keys.index("location"), False)
    view.table.setColumnHidden(keys.index("batch"), False)
    header, last = view.table.horizontalHeader(), keys.index("balance_value")
    assert header.visualIndex(last) < header.visualIndex(keys.index("external_number"))
    right = sum(
        header.sectionSize(i)
        for i in range(len(keys))
        if not header.isSectionHidden(i) and header.visualIndex(i) <= header.visualIndex(last)
    )
    assert right <= TABLE_WIDTH
    opened = []
    view.row_activated.connect(opened.append)
    view._activated(model.index(0, 0))
    view._activated(model.index(1, 0))
    assert [r["type"] for r in opened] == ["QTRK"]
    view.export(str(tmp_path / "ledger.xlsx"))
    qtbot.waitUntil(lambda: (tmp_path / "ledger.xlsx").exists(), timeout=20_000)
    qtbot.wait(200)
    cells = [c.value for row in load_workbook(tmp_path / "ledger.xlsx").active for c in row]
    assert cells.count("期初余额") == 1 and cells.count("期末余额") == 1
    numbers = {Decimal(str(c)) for c in cells if isinstance(c, int | float)}
    assert Decimal("58.16") in numbers  # the sheet's closing balance, exact
    ops.shutdown()


def test_unit_costs_share_their_decimals_in_a_column(qtbot, company):
    ops = Ops()
    view = _ledger_view(qtbot, ops)
    model, keys = view.model, [c.key for c in view.report.columns]
    cost = keys.index("unit_cost")
    texts = [model.data(model.index(r, cost)) for r in range(model.rowCount())]
    shown = [t for t in texts if t]
    # 66.00 / 20 and 38.77 / 12 = 3.230833: both to 4 places, as the longer needs
    assert shown == ["3.3000", "3.2308"]
    ops.shutdown()


def test_slow_moving_view_shows_percent_and_a_total(qtbot, company):
    from jxc_desktop.engine import settings

    make_warehouse("W1")
    make_item("IDLE")
    make_item("BUSY")
    doc("QTRK", day(1), [("IDLE", 3, "3.57"), ("BUSY", 100, "0.8929")])
    doc("QTCK", day(95), [("BUSY", 1)])
    settings.set_value("slow_moving_days", "60")
    ops = Ops()
    view = ReportView(ops, "slow-moving")
    qtbot.addWidget(view)
    view.use_to.setChecked(True)
    view.date_to.setDate(day(100))
    view.run()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=20_000)
    model, keys = view.model, [c.key for c in view.report.columns]
    share, value = keys.index("share"), keys.index("value")
    assert model.data(model.index(0, share)) == "10.81%"
    assert model.data(model.index(1, keys.index("name"))) == "合计"
    assert model.data(model.index(1, value)) == "10.71"
    assert model.data(model.index(1, share), Qt.ItemDataRole.FontRole).bold()
    assert not view.table.horizontalHeader().stretchLastSection()  # a number column
    ops.shutdown()


def test_hidden_empty_columns_leave_no_blank_band(qtbot, company):
    """After a query hides the columns empty in every row, the shown columns sit side
    by side: no hidden column keeps its old width as a band without a heading (the
    header re-lays itself out after the model's reset)."""
    view = _ledger_view(qtbot, Ops())
    view.show()
    qtbot.wait(50)  # the header's deferred re-layout, and the view's second fit
    header = view.table.horizontalHeader()
    shown = sorted(
        (i for i in range(header.count()) if not header.isSectionHidden(i)),
        key=header.visualIndex,
    )
    assert any(header.isSectionHidden(i) for i in range(header.count()))
    for left, right in zip(shown, shown[1:], strict=False):
        edge = header.sectionViewportPosition(left) + header.sectionSize(left)
        assert header.sectionViewportPosition(right) == edge
    assert header.length() == sum(header.sectionSize(i) for i in shown)


def test_english_document_types_are_shown_whole(qtbot, company):
    """'Purchase receipt' is wider than the column's usual 76 px: it grows to fit."""
    from jxc_desktop.engine.documents import DocumentInput, LineInput, approve, save_draft
    from jxc_desktop.engine.i18n import set_language
    from jxc_desktop.models.masterdata import Partner

    make_warehouse("W1")
    make_item("A")
    Partner.create(kind="supplier", code="S1", name="供应商一")
    lines = [LineInput(item="A", qty="5", price="2")]
    approve(save_draft(DocumentInput("CGRK", day(2), lines, warehouse="W1", partner="S1")).id)
    set_language("en")
    ops = Ops()
    try:
        view = ReportView(ops, "stock-ledger")
        qtbot.addWidget(view)
        view.run()
        qtbot.waitUntil(lambda: view.model.rowCount() >= 2, timeout=20_000)
        keys = [c.key for c in view.report.columns]
        column = keys.index("type_label")
        words = {view.model.data(view.model.index(r, column)) for r in range(len(view.model.rows))}
        assert "Purchase receipt" in words
        # as wide as the delegate needs for every cell shown: nothing elided
        # as wide as the delegate needs for every cell shown: nothing elided
        assert view.table.columnWidth(column) >= view.table.sizeHintForColumn(column)
        # the longest English type name a ledger can show grows the column past its heading
        rows = [*view.model.rows, {"type": "WWTL", "type_label": "Outsourcing material return"}]
        view._show(view.params, 2, rows, view.model.places)
        assert view.table.columnWidth(column) >= view.table.sizeHintForColumn(column)
        assert (
            view.table.columnWidth(column)
            > view.table.horizontalHeader().sectionSizeFromContents(column).width()
        )
    finally:
        set_language("zh_CN")
        ops.shutdown()


def test_statement_line_names_are_shown_whole(qtbot, company):
    """现金流量表's 项目 was a 130 px column: "销售产成品、商品、…" beside empty space."""
    ops = Ops()
    try:
        view = ReportView(ops, "cash-flow")
        qtbot.addWidget(view)
        view.run()
        qtbot.waitUntil(lambda: view.model.rowCount() > 5, timeout=20_000)
        column = [c.key for c in view.report.columns].index("name")
        assert view.table.columnWidth(column) >= view.table.sizeHintForColumn(column)
        assert view.table.columnWidth(column) > 200
    finally:
        ops.shutdown()
