"""Stock ledger scenarios: expected quantity and value after each step."""

from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse, on_hand, pool

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.errors import ValidationError


@pytest.fixture
def shop(company):
    make_warehouse("W1", ["A-01", "A-02"])
    make_warehouse("W2")
    return company


def D(x):
    return Decimal(str(x))


def test_moving_average_receipts_and_issue(shop):
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    doc("QTRK", day(2), [("A", 20, "1.25")])
    doc("QTCK", day(3), [("A", 7)])
    assert pool() == (D("23.0000"), D("26.83"))
    doc("QTCK", day(4), [("A", 23)])
    assert pool() == (D("0"), D("0"))
    assert on_hand() == 0


def test_refuses_negative_stock_naming_item_and_shortage(shop):
    make_item("A")
    doc("QTRK", day(1), [("A", 5, "2")])
    with pytest.raises(ValidationError) as info:
        doc("QTCK", day(2), [("A", 8)])
    text = str(info.value)
    assert "A" in text and "3" in text and "2026-01-02" in text
    assert pool() == (D(5), D(10))


def test_backdated_receipt_revalues_later_issue(shop):
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    issue = doc("QTCK", day(5), [("A", 10)])
    doc("QTRK", day(10), [("A", 10, "3.00")])
    assert pool() == (D(10), D(30))
    # backdated: 10 more at 2.00 on day 3; the day-5 issue now costs 1.50 each
    result = documents.approve(doc("QTRK", day(3), [("A", 10, "2.00")], approve=False).id)
    assert result.revalued == 1
    assert pool() == (D(20), D("45.00"))
    from jxc_desktop.models.stock import StockMove

    issue_value = sum(
        m.value
        for m in StockMove.select().where(
            (StockMove.document == issue)
            | (
                StockMove.adjusts.in_(
                    StockMove.select(StockMove.id).where(StockMove.document == issue)
                )
            )
        )
    )
    assert issue_value == D("-15.00")


def test_backdated_issue_refused_when_it_would_go_negative_later(shop):
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1")])
    doc("QTCK", day(5), [("A", 8)])
    with pytest.raises(ValidationError):
        doc("QTCK", day(3), [("A", 5)])


def test_unapprove_in_the_middle_restores_values(shop):
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    mid = doc("QTRK", day(2), [("A", 10, "2.00")])
    doc("QTCK", day(3), [("A", 5)])
    assert pool() == (D(15), D("22.50"))
    documents.unapprove(mid.id)
    assert pool() == (D(5), D("5.00"))
    assert documents.get_document(mid.id).status == "draft"
    documents.approve(mid.id)
    assert pool() == (D(15), D("22.50"))


def test_transfer_carries_cost_and_backdating_follows_it(shop):
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    doc("DBD", day(5), [("A", 4)], dest="W2")
    assert pool("A", "W2") == (D(4), D("4.00"))
    doc("QTRK", day(2), [("A", 10, "3.00")])  # backdated: W1 average 2.00 from day 2
    assert pool("A", "W2") == (D(4), D("8.00"))
    assert pool("A", "W1") == (D(16), D("32.00"))


def test_fifo_and_negative_stock_allowed(shop):
    settings.set_value("negative_stock", "allow")
    make_item("F", method="fifo")
    doc("QTRK", day(1), [("F", 10, "1.00")])
    doc("QTCK", day(2), [("F", 12)])
    assert pool("F") == (D(-2), D("-2.00"))
    doc("QTRK", day(3), [("F", 10, "2.00")])
    assert pool("F") == (D(8), D("16.00"))


def test_stocktake_gain_and_loss(shop):
    from jxc_desktop.engine.inventory import stocktake

    make_item("A")
    make_item("B")
    doc("QTRK", day(1), [("A", 10, "1.50"), ("B", 5, "4.00")])
    st = stocktake.create_stocktake("W1", day(2))
    stocktake.count(st.id, "A", "12")
    stocktake.count(st.id, "B", "3")
    rows = {r["item"]: r for r in stocktake.variance(st.id)}
    assert rows["A"]["diff_qty"] == D(2) and rows["B"]["diff_qty"] == D(-2)
    documents.approve(st.id)
    assert pool("A") == (D(12), D("18.00"))
    assert pool("B") == (D(3), D("12.00"))


def test_cost_adjustment_changes_value_only(shop):
    from jxc_desktop.engine.documents import LineInput

    make_item("A")
    doc("QTRK", day(1), [("A", 4, "1.00")])
    doc("CBTZ", day(2), [LineInput(item="A", amount="2.00")])
    assert pool() == (D(4), D("6.00"))


def test_locations_and_batches_fefo(shop):
    import datetime as dt

    from jxc_desktop.engine.documents import LineInput

    make_item("M", batch=True, shelf_life=30)
    doc(
        "QTRK",
        day(1),
        [
            LineInput(
                item="M",
                qty="5",
                price="1",
                batch_no="B2",
                production_date=dt.date(2026, 1, 1),
                location="A-01",
            )
        ],
    )
    doc(
        "QTRK",
        day(1),
        [
            LineInput(
                item="M",
                qty="5",
                price="1",
                batch_no="B1",
                expiry_date=dt.date(2026, 1, 15),
                location="A-02",
            )
        ],
    )
    doc("QTCK", day(2), [LineInput(item="M", qty="7")])
    from jxc_desktop.models.stock import StockBalance

    left = {(b.location_id, b.batch_no): b.qty for b in StockBalance.select()}
    assert sorted(left.values()) == [D(0), D(3)]
    assert pool("M") == (D(3), D("3.00"))


def test_check_is_clean_after_a_mixed_history_and_catches_tampering(shop):
    from jxc_desktop.engine.checks import run_all
    from jxc_desktop.models.stock import CostGroup

    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    d = doc("QTCK", day(3), [("A", 3)])
    doc("DBD", day(4), [("A", 2)], dest="W2")
    doc("QTRK", day(2), [("A", 5, "1.33")])
    documents.unapprove(d.id)
    assert run_all() == []
    CostGroup.update(loose_qty=D(99)).where(CostGroup.loose_qty > 0).execute()
    names = {name for name, _ in run_all()}
    assert "stock_balance" in names


def test_sales_return_comes_back_at_delivery_cost_or_book_cost(shop):
    from jxc_desktop.engine.documents import DocumentInput, LineInput, save_draft
    from jxc_desktop.models.masterdata import Partner

    Partner.create(kind="customer", code="C1", name="客户")
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    delivery = save_draft(
        DocumentInput(
            "XSCK",
            day(2),
            [LineInput(item="A", qty="4", price="9.90")],
            warehouse="W1",
            partner="C1",
        )
    )
    documents.approve(delivery.id)
    doc("QTRK", day(3), [("A", 6, "4.00")])  # average now (6 + 24) / 12 = 2.50
    line = delivery.lines[0]
    ret = save_draft(
        DocumentInput(
            "XSTH",
            day(4),
            [LineInput(item="A", qty="1", price="9.90", source_line=line)],
            warehouse="W1",
            partner="C1",
        )
    )
    documents.approve(ret.id)
    assert pool() == (D(13), D("31.00"))  # back at the delivery's 1.00, not 2.50 or 9.90
    loose = save_draft(
        DocumentInput(
            "XSTH",
            day(5),
            [LineInput(item="A", qty="1", price="9.90")],
            warehouse="W1",
            partner="C1",
        )
    )
    documents.approve(loose.id)
    assert pool()[1] == D("31.00") + D("2.38")  # book cost 31 / 13 = 2.3846


def test_specific_identification_values_each_batch_at_its_own_cost(shop):
    from jxc_desktop.engine.documents import LineInput

    make_item("S", method="specific", batch=True)
    doc("QTRK", day(1), [LineInput(item="S", qty="2", price="100", batch_no="B1")])
    doc("QTRK", day(2), [LineInput(item="S", qty="2", price="130", batch_no="B2")])
    doc("QTCK", day(3), [LineInput(item="S", qty="1", batch_no="B2")])
    from jxc_desktop.models.stock import CostGroup

    pools = {g.batch_no: (g.qty, g.value) for g in CostGroup.select()}
    assert pools == {"B1": (D(2), D("200.00")), "B2": (D(1), D("130.00"))}
    # without a batch the issue takes the first-expiring (here: oldest) batch, at its cost
    doc("QTCK", day(4), [LineInput(item="S", qty="1")])
    pools = {g.batch_no: (g.qty, g.value) for g in CostGroup.select()}
    assert pools["B1"] == (D(1), D("100.00"))


def test_periodic_item_issues_at_provisional_average(shop):
    make_item("P", method="periodic")
    doc("QTRK", day(1), [("P", 10, "1.00")])
    doc("QTCK", day(2), [("P", 5)])
    doc("QTRK", day(3), [("P", 10, "4.00")])
    assert pool("P") == (D(15), D("45.00"))  # issue provisional at 1.00 until settled


def test_a_scan_without_a_location_never_makes_a_phantom_line(company):
    """Counting an item the book holds at locations, with no location chosen: one such
    line takes the count; several are named and nothing is written (a new unlocated
    line would post a gain while the real lines stayed uncounted)."""
    from jxc_desktop.engine.documents import LineInput
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.inventory import stocktake
    from jxc_desktop.models.documents import DocumentLine

    make_warehouse("W1", locations=("L1", "L2"))
    make_item("A")
    make_item("B")
    doc(
        "QTRK",
        day(1),
        [
            LineInput(item="A", qty="3", price="1", location="L1"),
            LineInput(item="A", qty="5", price="1", location="L2"),
            LineInput(item="B", qty="4", price="1", location="L2"),
        ],
    )
    st = stocktake.create_stocktake("W1", day(2))
    lines_before = DocumentLine.select().where(DocumentLine.document == st.id).count()
    with pytest.raises(JxcError) as refused:
        stocktake.count(st.id, "A", "6")
    assert "L1" in refused.value.message and "L2" in refused.value.message
    b = stocktake.count(st.id, "B", "4")  # B is on the book at L2 only: that line counts
    assert b.location.code == "L2" and b.counted and b.base_qty == D(4)
    assert DocumentLine.select().where(DocumentLine.document == st.id).count() == lines_before
    a1 = stocktake.count(st.id, "A", "3", location="L1")
    assert a1.location.code == "L1" and a1.book_qty == D(3)


def test_revaluation_message_names_documents_and_amount(shop):
    """The user is told which later documents a backdated receipt re-valued and by how
    much: the day-5 issue of 10 goes from 10.00 to 15.00, 5.00 more cost of the issue."""
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    issue = doc("QTCK", day(5), [("A", 10)])
    result = documents.approve(doc("QTRK", day(3), [("A", 10, "2.00")], approve=False).id)
    (message,) = result.messages
    assert issue.number in message
    assert "已重估 1 笔" in message and "出库成本 +5.00" in message and "商品A" in message


def test_backdated_issue_names_the_location_that_runs_short(shop):
    """The pool holds enough, but not at the location a later issue took from: the
    refusal names that location (and the date the shortage appears)."""
    make_item("A")
    doc("QTRK", day(1), [LineInput(item="A", qty="5", price="1", location="A-01")])
    doc("QTRK", day(1), [LineInput(item="A", qty="5", price="1", location="A-02")])
    doc("QTCK", day(5), [LineInput(item="A", qty="5", location="A-01")])
    with pytest.raises(ValidationError) as info:
        doc("QTCK", day(3), [LineInput(item="A", qty="2", location="A-01")])
    text = str(info.value)
    assert "A-01" in text and "2026-01-05" in text and "短缺 2" in text


def test_a_bad_number_names_its_line_and_column(shop):
    """Every line's problems at once, each naming the column as the form shows it."""
    make_item("A")
    with pytest.raises(ValidationError) as info:
        doc("QTRK", day(1), [("A", "abc", "2"), ("A", 1, "x1"), ("A", 1, "2")])
    text = str(info.value)
    assert "第 1 行 数量" in text and "abc" in text
    assert "第 2 行 单价" in text and "x1" in text
    assert "第 3 行" not in text
