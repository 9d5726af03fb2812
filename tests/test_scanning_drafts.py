"""Loading saved documents back into draft lines; the fast variance list of a stocktake."""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine import scanning, stocktake_view
from jxc_desktop.engine.documents import LineInput, save_draft
from jxc_desktop.engine.inventory import stocktake
from tests.inventory_helpers import day, doc


def _shop():
    md.save_warehouse(md.WarehouseData("W1", "主仓", locations=[md.LocationData("A-01", "A-01")]))
    md.save_warehouse(md.WarehouseData("W2", "门店"))
    md.save_item(
        md.ItemData(code="W", name="水", purchase_price="1.5", units=[md.UnitData("箱", "12")])
    )
    md.save_item(md.ItemData(code="T", name="茶", purchase_price="20"))


def test_a_saved_document_round_trips_through_draft_lines(company):
    _shop()
    lines = scanning.DraftLines()
    scanning.scan_text(lines, "2*W")
    line = lines[0]
    line.location = "A-01"
    line.batch_no = "B1"
    header = scanning.DraftHeader("QTRK", day(3), warehouse="W1", remarks="到货")
    saved = save_draft(scanning.to_input(header, lines))
    box = LineInput(item="W", qty="1", unit="箱", price="18")
    again = save_draft(
        scanning.to_input(header, lines).__class__("QTRK", day(3), [box], warehouse="W1")
    )
    loaded_header, loaded = scanning.load_draft(saved.id)
    assert (loaded_header.number, loaded_header.warehouse, loaded_header.remarks) == (
        saved.number,
        "W1",
        "到货",
    )
    got = loaded[0]
    assert (got.code, got.unit, got.qty, got.price, got.location, got.batch_no) == (
        "W",
        "个",
        Decimal(2),
        Decimal("1.5"),
        "A-01",
        "B1",
    )
    _h, boxes = scanning.load_draft(again.id)
    assert (boxes[0].unit, boxes[0].factor, boxes[0].line_amount) == ("箱", 12, Decimal("18.00"))
    # The loaded lines are indexed by item, unit and batch: the same item without a
    # batch is another line; the box line takes another box.
    assert scanning.apply_scan(loaded, "W").added
    assert scanning.apply_scan(boxes, "W", 1).added
    boxes[1].unit_id, boxes[1].unit = boxes[0].unit_id, "箱"
    boxes.reindex()
    assert boxes.find(boxes[0].item_id, boxes[0].unit_id) == 0


def test_fast_variance_matches_the_engine_variance(company):
    _shop()
    doc("QTRK", day(1), [("W", 24, "1.5"), ("T", 5, "20")])
    take = stocktake.create_stocktake("W1", day(5))
    stocktake.count(take.id, "W", "20")
    line = stocktake.count(take.id, "T", "7")
    fast = stocktake_view.variance_rows(take.id)
    slow = stocktake.variance(take.id)
    assert [{k: r[k] for k in s} for r, s in zip(fast, slow, strict=True)] == slow
    one = stocktake_view.variance_rows(take.id, [line.id])
    assert len(one) == 1 and one[0]["diff_qty"] == 2 and one[0]["diff_value"] == Decimal("40.00")
