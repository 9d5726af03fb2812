"""The lazily paged list: only visible pages are read, sort and search go to SQL."""

from __future__ import annotations

import pytest
from ui_helpers import bulk_items

from jxc_desktop.ui.list_view import ListView
from jxc_desktop.ui.listing_source import ListingSource
from jxc_desktop.ui.paged_model import MAX_PAGES, PAGE_SIZE


@pytest.fixture(scope="module")
def big_company(tmp_path_factory):
    """One company with 100,000 items for the whole module (the tests only read it)."""
    from jxc_desktop.engine.company import CompanySetup, init_company
    from jxc_desktop.engine.session import close_company, open_company

    path = tmp_path_factory.mktemp("big") / "company.sqlite"
    open_company(path, create=True)
    init_company(CompanySetup(name="大数据公司", start_period="2026-01"))
    bulk_items(100_000)
    yield path
    close_company()


@pytest.fixture
def big_list(qtbot, big_company):
    from jxc_desktop.engine.session import open_company

    open_company(big_company)  # another module's test may have opened its own company
    view = ListView(ListingSource("items"))
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_only_visible_rows_are_fetched(qtbot, big_list):
    model = big_list.model
    assert model.rowCount() == 100_000
    qtbot.wait(20)
    assert model.fetches == 1 and model.cached_pages() == [0]
    assert model.row(0)["code"] == "I0000000"
    big_list.table.scrollToBottom()
    qtbot.wait(20)
    assert model.cached_pages() == [0, 100_000 // PAGE_SIZE - 1]
    assert model.row(99_999)["code"] == "I0099999"
    assert model.fetches == 2
    last = model.index(99_999, 0)
    assert model.data(last) == "I0099999"


def test_cache_is_bounded_while_scrolling(qtbot, big_list):
    model = big_list.model
    bar = big_list.table.verticalScrollBar()
    for step in range(0, 100_000, 4_000):
        bar.setValue(step)
        qtbot.wait(1)
    assert len(model.cached_pages()) <= MAX_PAGES
    assert model.fetches <= 30


def test_sort_and_search_go_to_sql(qtbot, big_list):
    model = big_list.model
    code = next(i for i, c in enumerate(model.source.columns) if c.key == "code")
    model.sort(code, descending_order())
    assert model.row(0)["code"] == "I0099999"
    big_list.search.setText("I000012")
    big_list.apply_search()
    assert model.rowCount() == 10
    assert [model.row(i)["code"] for i in range(2)] == ["I0000129", "I0000128"]
    price = next(i for i, c in enumerate(model.source.columns) if c.key == "sale_price")
    assert model.data(model.index(0, price)) == "129.00"


def descending_order():
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder


def test_refresh_keeps_the_place(qtbot, big_list):
    big_list.select_row(50_000)
    bar = big_list.table.verticalScrollBar()
    position = bar.value()
    big_list.refresh()
    assert bar.value() == position
    assert big_list.current_row()["code"] == "I0050000"
    assert len(big_list.model.cached_pages()) <= 2  # only the visible pages were re-read
