"""The printed 盘点单 agrees with what approval posts; batch items are counted per batch."""

from __future__ import annotations

from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from test_printing_support import pdf_text

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.engine.inventory import stocktake
from jxc_desktop.engine.printing.document_pdf import render_document
from jxc_desktop.engine.stocktake_view import variance_rows
from jxc_desktop.models.stock import StockMove


@pytest.fixture
def counted(company):
    """W1 holds A (moving average, 10 @ 2.00), F (FIFO: 10 @ 1.00 then 10 @ 3.00, book
    average 2.00) and U (never counted, 90 @ 1.00). A is counted 12 (盘盈 2), F 15 (盘亏
    5: FIFO issues the first layer at 1.00, the book average would say 2.00)."""
    make_warehouse("W1")
    make_item("A")
    make_item("F", method="fifo")
    make_item("U")
    doc("QTRK", day(1), [("A", 10, "2.00"), ("F", 10, "1.00"), ("U", 90, "1.00")])
    doc("QTRK", day(2), [("F", 10, "3.00")])
    st = stocktake.create_stocktake("W1", day(10))
    stocktake.count(st.id, "A", "12", replace=True)
    stocktake.count(st.id, "F", "15", replace=True)
    return st


def _row(text: str, code: str) -> str:
    return next(line for line in text.splitlines() if f" {code} " in f" {line} ")


def _posted(st) -> Decimal:
    moves = StockMove.select().where((StockMove.document == st.id) & (StockMove.kind == "move"))
    return sum((m.value for m in moves), Decimal(0))


def test_uncounted_line_prints_not_counted_and_no_difference(counted, tmp_path):
    text = pdf_text(render_document(counted.id, tmp_path / "draft.pdf"))
    row = _row(text, "U")
    assert "未盘" in row and "90" in row
    assert "-90" not in row and "-" not in row.split("未盘")[1]
    assert "+2" in _row(text, "A") and "-5" in _row(text, "F")
    assert "已盘 2 行，未盘 1 行" in text
    assert "估算" in text  # a draft's values are an estimate at book cost


def test_approved_paper_totals_are_what_approval_posted(counted, tmp_path):
    documents.approve(counted.id)
    posted = _posted(counted)
    assert posted == Decimal("-1.00")  # +4.00 gain at book cost, -5.00 loss at FIFO cost
    text = pdf_text(render_document(counted.id, tmp_path / "approved.pdf"))
    assert "+4.00" in _row(text, "A") and "-5.00" in _row(text, "F")
    total = next(line for line in text.splitlines() if "合计" in line)
    assert "-1.00" in total
    assert "盘盈 ¥4.00，盘亏 ¥5.00" in text
    assert "估算" not in text
    # the screen's variance list shows the same posted values
    values = {r["item"]: r["diff_value"] for r in variance_rows(counted.id)}
    assert values == {"A": Decimal("4.00"), "F": Decimal("-5.00"), "U": Decimal("0")}


def test_paper_in_english_says_not_counted(counted, tmp_path):
    from jxc_desktop.engine.i18n import set_language

    set_language("en")
    try:
        text = pdf_text(render_document(counted.id, tmp_path / "en.pdf"))
    finally:
        set_language("zh_CN")
    assert "Not counted" in _row(text, "U") and "1 not counted" in text


@pytest.fixture
def batch_stock(company):
    """W1 holds batch item M in batches L1 (5) and L2 (3)."""
    make_warehouse("W1")
    make_item("M", batch=True, shelf_life=30)
    documents.approve(
        documents.save_draft(
            DocumentInput(
                "QTRK",
                day(1),
                [
                    LineInput(item="M", qty="5", price="1.00", batch_no="L1"),
                    LineInput(item="M", qty="3", price="1.00", batch_no="L2"),
                ],
                warehouse="W1",
            )
        ).id
    )
    return stocktake.create_stocktake("W1", day(5))


def test_count_without_batch_of_a_batch_item_is_refused(batch_stock):
    with pytest.raises(JxcError) as err:
        stocktake.count(batch_stock.id, "M", "1", batch_no="")
    assert "批次管理" in err.value.message and "M" in err.value.message
    assert "L1" in err.value.message and "L2" in err.value.message  # which batches exist
    assert all(r["batch"] for r in variance_rows(batch_stock.id))  # no no-batch line


def test_count_without_batch_refused_when_item_is_not_on_the_book(company):
    make_warehouse("W1")
    make_item("A")
    make_item("M", batch=True)
    doc("QTRK", day(1), [("A", 1, "1.00")])
    st = stocktake.create_stocktake("W1", day(5))
    with pytest.raises(JxcError, match="批次管理"):
        stocktake.count(st.id, "M", "1")
    line = stocktake.count(st.id, "M", "1", batch_no="NEW")
    assert line.batch_no == "NEW" and line.counted


def test_count_with_batch_is_accepted(batch_stock):
    line = stocktake.count(batch_stock.id, "M", "4", batch_no="L1", replace=True)
    assert line.batch_no == "L1" and line.base_qty == Decimal("4")


def test_approve_refuses_a_no_batch_gain_naming_line_and_item(company):
    make_warehouse("W1")
    make_item("M", batch=True)
    st = documents.save_draft(  # as an import or an old draft could carry it
        DocumentInput(
            "PDD", day(5), [LineInput(item="M", qty="1", book_qty=Decimal(0))], warehouse="W1"
        )
    )
    with pytest.raises(ValidationError) as err:
        documents.approve(st.id)
    text = str(err.value)
    assert "第 1 行" in text and "M" in text and "批次" in text
    assert StockMove.select().where(StockMove.document == st.id).count() == 0


def test_old_no_batch_stock_may_still_be_counted_down(company):
    """Stock received before batch management was switched on has no batch: counting it
    (a loss) is allowed, so it can be cleared."""
    make_warehouse("W1")
    item = make_item("M")
    doc("QTRK", day(1), [("M", 4, "1.00")])
    item.batch_managed = True
    item.save()
    st = stocktake.create_stocktake("W1", day(5))
    stocktake.count(st.id, "M", "1", replace=True)
    documents.approve(st.id)
    assert _posted(st) == Decimal("-3.00")
