"""A stocktake whose book changes after the freeze: warned at approval, re-based on demand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse, on_hand

from jxc_desktop.engine import documents
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.inventory import stocktake
from jxc_desktop.engine.inventory.stocktake_rebase import book_changes, rebase
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.stock import StockMove


@pytest.fixture
def frozen(company):
    """A stocktake of W1 on day 10 frozen with A = 10, B = 4; then, after the freeze, a
    receipt dated day 5 (before the stocktake: +3 A) and one dated day 12 (after it)."""
    make_warehouse("W1")
    make_item("A")
    make_item("B")
    doc("QTRK", day(1), [("A", 10, "2.00"), ("B", 4, "1.00")])
    st = stocktake.create_stocktake("W1", day(10))
    doc("QTRK", day(5), [("A", 3, "2.00")])
    doc("QTRK", day(12), [("A", 100, "2.00"), ("B", 1, "1.00")])
    return st


def _line(st, code) -> DocumentLine:
    item = Item.get(Item.code == code)
    return DocumentLine.get((DocumentLine.document == st.id) & (DocumentLine.item == item))


def test_a_backdated_receipt_after_the_freeze_is_found(frozen):
    changes = book_changes(frozen.id)
    assert [(x.item, x.frozen, x.current, x.counted) for x in changes] == [
        ("A", Decimal("10.0000"), Decimal("13.0000"), False)
    ]
    assert changes[0].warehouse == "W1" and changes[0].line_no == _line(frozen, "A").line_no


def test_approving_warns_with_item_warehouse_frozen_and_current_book(frozen):
    stocktake.count(frozen.id, "A", "13", replace=True)
    stocktake.count(frozen.id, "B", "4", replace=True)
    result = documents.approve(frozen.id)
    text = "\n".join(result.messages)
    assert "商品 A" in text and "仓库 W1" in text
    assert "冻结账面 10" in text and "当前账面 13" in text
    assert "B" not in text.split("商品 A")[0]  # only the changed line is named
    gain = StockMove.get((StockMove.document == frozen.id) & (StockMove.kind == "move"))
    assert gain.qty == Decimal("3.0000")  # posted against the frozen book, as warned


def test_rebase_refreezes_the_changed_lines_and_keeps_the_counts(frozen):
    stocktake.count(frozen.id, "A", "13", replace=True)
    changes = rebase(frozen.id)
    assert [x.item for x in changes] == ["A"]
    line_a, line_b = _line(frozen, "A"), _line(frozen, "B")
    assert line_a.book_qty == Decimal("13.0000") and line_a.base_qty == Decimal("13.0000")
    assert line_a.counted and line_b.book_qty == Decimal("4.0000")
    assert book_changes(frozen.id) == []
    stocktake.count(frozen.id, "B", "4", replace=True)
    result = documents.approve(frozen.id)
    assert not any("冻结" in m for m in result.messages)
    assert not StockMove.select().where(StockMove.document == frozen.id).exists()  # no diff
    assert on_hand("A") == Decimal("113.0000")


def test_an_unapprove_after_the_freeze_counts_and_a_rebase_is_not_repeated(frozen):
    first = documents.find_document("QTRK20260101-0001")
    later = doc("QTCK", day(2), [("B", 1)])  # approved after the freeze too: -1 B
    assert {x.item: x.current for x in book_changes(frozen.id)} == {
        "A": Decimal("13.0000"),
        "B": Decimal("3.0000"),
    }
    rebase(frozen.id)
    documents.unapprove(later.id)  # B back to 4 as of day 10
    assert [(x.item, x.frozen, x.current) for x in book_changes(frozen.id)] == [
        ("B", Decimal("3.0000"), Decimal("4.0000"))
    ]
    assert first.doc_type == "QTRK"


def test_only_a_draft_stocktake_is_rebased(frozen):
    documents.approve(frozen.id)
    with pytest.raises(StateError):
        rebase(frozen.id)


def test_a_stocktake_without_a_freeze_record_reports_nothing(company):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "2.00")])
    st = doc("PDD", day(3), [("A", 9)], approve=False)
    doc("QTRK", day(2), [("A", 1, "2.00")])
    assert book_changes(st.id) == []
