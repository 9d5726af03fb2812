"""首页 经营概况: the figures of the engine's overview, each a link to its report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from ui_helpers import make_window

from jxc_desktop.engine.money import format_money
from jxc_desktop.engine.reports.overview import overview
from jxc_desktop.ui.home_overview import OverviewBox, shown_figures


def test_figures_show_and_open_their_reports(qtbot, demo_company, tmp_path):
    window = make_window(qtbot, demo_company, tmp_path)
    box = window.pages["home"].overview
    qtbot.waitUntil(lambda: box.values["sales"].text() != "…", timeout=10_000)
    figures = overview()
    assert box.values["sales"].text() == format_money(figures.sales)
    assert box.values["cash"].text() == format_money(figures.cash)
    assert box.values["drafts"].text() == f"{figures.drafts:,}"
    assert dt.date.today().strftime("%Y-%m") in box.title()
    qtbot.mouseClick(box.values["sales"], Qt.MouseButton.LeftButton)
    reports = window.pages["reports"]
    assert window.current_key() == "reports"
    view = reports.stack.currentWidget()
    assert view.report.name == "sales-summary"
    params = view.current_params()
    assert (params.date_from, params.date_to) == (figures.start, figures.end)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    qtbot.mouseClick(box.values["receivable"], Qt.MouseButton.LeftButton)
    view = reports.stack.currentWidget()
    assert view.report.name == "ar-aging"
    assert view.current_params().date_from is None


def test_figures_follow_the_modules_switched_on(qtbot, demo_company, tmp_path):
    assert shown_figures(["inventory"]) == ["drafts", "stock_value"]
    assert "cash" in shown_figures(["finance"]) and "payable" not in shown_figures(["sales"])
    from jxc_desktop.ui.ops import Ops

    ops = Ops()
    box = OverviewBox(ops, ["inventory", "finance"])
    qtbot.addWidget(box)
    assert set(box.values) == {"drafts", "stock_value", "cash"}
    qtbot.waitUntil(lambda: box.values["cash"].text() != "…", timeout=10_000)
    ops.shutdown()
