"""质检单: receipt inspection, quarantine transfer at cost, return to supplier, rework."""

from __future__ import annotations

from decimal import Decimal

import pytest
from inventory_helpers import day, make_item, make_warehouse, on_hand, pool
from trade_helpers import first_line, supplier, trade_doc

from jxc_desktop.engine import checks, documents, settings
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import StateError, ValidationError
from jxc_desktop.engine.quality import actions, inspections, plans
from jxc_desktop.engine.quality.inspections import ResultInput
from jxc_desktop.engine.trade import execution, openitems
from jxc_desktop.models.stock import StockMove


@pytest.fixture
def received(company):
    make_warehouse("W1")
    make_warehouse("QC")
    make_item("A")
    settings.set_value("quarantine_warehouse", "QC")
    s = supplier("S1")
    order, _ = trade_doc("CGDD", day(1), s, [("A", 100, "4.5")])
    receipt, _ = trade_doc("CGRK", day(3), s, [("A", 100, "4.5", first_line(order))], "W1")
    return order, receipt


def inspect(receipt, accepted="95", rejected="3", concession="2", approve=True, qty="100"):
    data = inspections.from_source(receipt.number, day(4))
    data.lines[0].qty = qty
    data.lines[0].extra["result"] = ResultInput(accepted, rejected, concession, None, "划伤")
    doc = inspections.save_inspection(data)
    if approve:
        documents.approve(doc.id)
    return doc


def test_receipt_inspection_moves_rejected_to_quarantine_at_cost(received):
    order, receipt = received
    zjd = inspect(receipt)
    assert zjd.number.startswith("ZJD20260104-")
    assert zjd.partner.code == "S1"
    r = next(iter(inspections.results_of(zjd).values()))
    assert (r.accepted, r.rejected, r.concession, r.sample_size) == (95, 3, 2, 100)
    assert r.stage == "incoming" and r.quarantine_warehouse.code == "QC"
    assert pool("A", "QC") == (Decimal("3"), Decimal("13.50"))
    assert pool("A", "W1") == (Decimal("97"), Decimal("436.50"))
    assert checks.run_all() == []


def test_return_to_supplier_from_quarantine(received):
    order, receipt = received
    payable = openitems.balance(receipt.partner_id, "payable")
    zjd = inspect(receipt)
    (cgth,) = actions.return_to_supplier(zjd.id, approve=True)
    assert cgth.doc_type == "CGTH" and cgth.warehouse.code == "QC"
    assert cgth.status == "approved" and cgth.source_id == zjd.id
    assert on_hand("A", "QC") == 0 and pool("A", "QC") == (Decimal("0"), Decimal("0"))
    assert on_hand("A", "W1") == 97
    # the payable falls by 3 × 4.50 × 1.13 = 15.26 (1525.5 fen rounds half-up)
    assert payable - openitems.balance(receipt.partner_id, "payable") == 1526
    (state,) = execution.line_states(order)
    assert state.delivered == 97
    with pytest.raises(StateError):
        actions.return_to_supplier(zjd.id)
    with pytest.raises(StateError):  # the return names the inspection
        documents.unapprove(zjd.id)
    assert checks.run_all() == []
    documents.unapprove(cgth.id)
    documents.unapprove(zjd.id)
    assert on_hand("A", "QC") == 0 and pool("A", "W1") == (Decimal("100"), Decimal("450.00"))
    assert checks.run_all() == []


def test_unapprove_reverses_and_receipt_is_locked_while_inspected(received):
    _, receipt = received
    zjd = inspect(receipt)
    with pytest.raises(StateError):
        documents.unapprove(receipt.id)
    documents.unapprove(zjd.id)
    assert on_hand("A", "QC") == 0 and on_hand("A", "W1") == 100
    assert StockMove.select().where(StockMove.document == zjd).count() == 4  # 2 moves, 2 mirrors
    documents.approve(zjd.id)
    assert on_hand("A", "QC") == 3
    assert checks.run_all() == []


def test_every_problem_reported_at_once(received):
    _, receipt = received
    with pytest.raises(ValidationError) as exc:
        inspect(receipt, accepted="90", rejected="-1", concession="x")
    text = str(exc.value)
    assert "不合格数量" in text and "让步接收数量" in text
    with pytest.raises(ValidationError) as exc:
        inspect(receipt, accepted="90", rejected="3", concession="2")
    assert "应等于检验数量" in str(exc.value)


def test_never_more_than_not_yet_inspected(received):
    _, receipt = received
    inspect(receipt, accepted="60", rejected="0", concession="0", qty="60")
    data = inspections.from_source(receipt.number)
    assert data.lines[0].qty == 40
    with pytest.raises(ValidationError) as exc:
        inspect(receipt, accepted="50", rejected="0", concession="0", qty="50")
    assert "超出未检数量" in str(exc.value)
    inspect(receipt, accepted="40", rejected="0", concession="0", qty="40")
    with pytest.raises(ValidationError):
        inspections.from_source(receipt.number)


def test_quarantine_warehouse_required_and_plan_sampling(received):
    _, receipt = received
    settings.set_value("quarantine_warehouse", "")
    with pytest.raises(ValidationError) as exc:
        inspect(receipt)
    assert "不合格品仓库" in str(exc.value)
    make_warehouse("Q2")
    plans.save_plan(plans.PlanData("A", "来料检验", "按比例", "8", "5", "外观", "Q2"))
    zjd = inspect(receipt)
    r = next(iter(inspections.results_of(zjd).values()))
    assert r.sample_size == 8 and r.quarantine_warehouse.code == "Q2"  # 5 % of 100 < min 8
    assert on_hand("A", "Q2") == 3


def test_sample_sizes():
    plan = type("P", (), {})()
    plan.sampling, plan.sample_qty, plan.sample_percent = "percent", Decimal(5), Decimal("10")
    assert plans.sample_size(plan, Decimal(101)) == 11
    assert plans.sample_size(plan, Decimal(20)) == 5
    assert plans.sample_size(plan, Decimal(3)) == 3
    plan.sampling = "fixed"
    assert plans.sample_size(plan, Decimal(3)) == 3 and plans.sample_size(plan, Decimal(9)) == 5
    assert plans.sample_size(None, Decimal(9)) == 9


def test_rework_order_from_a_rejected_finished_goods_receipt(company):
    make_warehouse("W1")
    make_warehouse("QC")
    make_item("P")
    settings.set_value("quarantine_warehouse", "QC")
    wo = documents.save_draft(DocumentInput("SCDD", day(1), [LineInput(item="P", qty="10")]))
    documents.approve(wo.id)
    line = LineInput(item="P", qty="10", price="20", source_line=first_line(wo))
    cprk = documents.save_draft(DocumentInput("CPRK", day(2), [line], warehouse="W1"))
    documents.approve(cprk.id)
    zjd = inspect(cprk, accepted="8", rejected="2", concession="0", qty="10")
    assert next(iter(inspections.results_of(zjd).values())).stage == "final"
    assert pool("P", "QC") == (Decimal("2"), Decimal("40.00"))
    rework = actions.create_rework_order(zjd.id, approve=True)
    assert rework.doc_type == "SCDD" and rework.status == "approved"
    assert first_line(rework).qty == 2 and rework.source_id == zjd.id
    with pytest.raises(StateError):
        actions.create_rework_order(zjd.id)
    with pytest.raises(StateError):
        actions.return_to_supplier(zjd.id)  # nothing from a supplier here
    assert checks.run_all() == []


def test_process_inspection_of_a_work_order_moves_nothing(company):
    make_item("P")
    wo = documents.save_draft(DocumentInput("SCDD", day(1), [LineInput(item="P", qty="10")]))
    documents.approve(wo.id)
    zjd = inspect(wo, accepted="9", rejected="1", concession="0", qty="10")
    assert next(iter(inspections.results_of(zjd).values())).stage == "process"
    assert StockMove.select().where(StockMove.document == zjd).count() == 0
    assert actions.create_rework_order(zjd.id).status == "draft"


def test_editing_and_deleting_a_draft_keeps_results_in_step(received):
    from jxc_desktop.models.quality import InspectionResult

    _, receipt = received
    zjd = inspect(receipt, approve=False)
    data, status = inspections.load(zjd.id)
    assert status == "draft" and data.lines[0].extra["result"].rejected == 3
    data.lines[0].extra["result"] = ResultInput("90", "10", "0", "20", "尺寸超差")
    inspections.save_inspection(data, zjd.id)
    (r,) = InspectionResult.select()
    assert (r.rejected, r.sample_size, r.defect_reason) == (10, 20, "尺寸超差")
    assert checks.run_all() == []
    documents.delete_draft(zjd.id)
    assert InspectionResult.select().count() == 0
    assert checks.run_all() == []


def test_messages_in_english(received):
    from jxc_desktop.engine.i18n import set_language

    _, receipt = received
    set_language("en")
    with pytest.raises(ValidationError) as exc:
        inspect(receipt, accepted="90", rejected="3", concession="2")
    assert "must equal the inspected 100" in str(exc.value)


def test_check_finds_missing_results_and_quarantine_moves(received):
    from jxc_desktop.models.db import execute

    _, receipt = received
    inspect(receipt)
    execute("UPDATE inspection_result SET rejected = 40000, accepted = 940000")  # 1e-4 units
    names = {name for name, _ in checks.run_all()}
    assert names == {"inspection_quarantine"}
    execute("DELETE FROM inspection_result")
    names = {name for name, _ in checks.run_all()}
    assert names == {"inspection_results"}


def test_fifo_rejects_leave_at_the_oldest_layer_cost(company):
    """The posting reads the item's own valuation method (not a field default)."""
    make_warehouse("W1")
    make_warehouse("QC")
    make_item("F", method="fifo")
    settings.set_value("quarantine_warehouse", "QC")
    s = supplier("S1")
    trade_doc("CGRK", day(1), s, [("F", 10, "5")], "W1")
    receipt, _ = trade_doc("CGRK", day(3), s, [("F", 10, "8")], "W1")
    data = inspections.from_source(receipt.number, day(3))
    data.lines[0].extra["result"] = ResultInput("7", "3", "0", None, "划伤")
    documents.approve(inspections.save_inspection(data).id)
    assert pool("F", "QC") == (Decimal("3"), Decimal("15.00"))  # FIFO: the 5.00 layer
    assert pool("F", "W1") == (Decimal("17"), Decimal("115.00"))
    assert checks.run_all() == []
