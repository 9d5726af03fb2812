"""The month-end close checklist: finished goods at zero cost, material left at a
subcontractor — warnings the user confirms, not refusals."""

import datetime as dt

from inventory_helpers import day, make_item, make_warehouse
from production_helpers import bom, fg_work_order

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.finance import close_warnings
from jxc_desktop.engine.production import floor
from jxc_desktop.engine.production import outsourcing_actions as oa
from jxc_desktop.engine.production.costing_run import run_cost
from jxc_desktop.models.masterdata import Partner

D = dt.date


def _opening(*lines):
    draft = documents.save_draft(
        DocumentInput(
            "QCKC",
            D(2026, 1, 2),
            [LineInput(item=c, qty=q, price=p) for c, q, p in lines],
            warehouse="W1",
        )
    )
    documents.approve(draft.id)


def _work_order(cost="3"):
    return fg_work_order(qty="5", cost=cost)


def test_receiving_without_material_warns_and_the_close_lists_zero_cost(company):
    order = _work_order()
    [warning] = floor.receive_warnings(order)
    assert order in warning and "尚未领料" in warning
    floor.receive_finished(order, "5", "W1", D(2026, 1, 8))  # the user confirmed
    run_cost("2026-01")
    [listed] = close_warnings.warnings("2026-01")
    assert "成本为 0" in listed and "FG 商品FG" in listed and order in listed
    assert close_warnings.warnings("2026-02") == []


def test_the_command_line_close_prints_the_checklist_and_closes(company, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.models.company import Period

    order = _work_order()
    floor.receive_finished(order, "5", "W1", D(2026, 1, 8))
    run_cost("2026-01")
    assert main(["--db", str(company), "close", "2026-01"]) == 0
    err = capsys.readouterr().err
    assert "注意：" in err and order in err and "成本为 0" in err
    assert Period.get(Period.code == "2026-01").closed


def test_issued_order_receives_without_warning_and_closes_clean(company):
    order = _work_order()
    floor.issue_materials(order, "W1", D(2026, 1, 6))
    assert floor.receive_warnings(order) == []
    floor.receive_finished(order, "5", "W1", D(2026, 1, 8))
    run_cost("2026-01")
    assert close_warnings.warnings("2026-01") == []


def test_cost_run_summary_reads_like_money(company):
    order = _work_order(cost="144")  # 5 × 2 × 144 = 1,440.00
    floor.issue_materials(order, "W1", D(2026, 1, 6))
    floor.receive_finished(order, "5", "W1", D(2026, 1, 8))
    summary = run_cost("2026-01").summary()
    assert f"  {order}: 完工 5, 完工成本 1,440.00, 在产品 0.00" in summary


def _outsourcing_order():
    make_warehouse("W1")
    make_item("M1", item_type="material")
    make_item("P")
    Partner.create(kind="supplier", code="S1", name="加工厂一")
    bom("P", ("M1", 2))
    _opening(("M1", "100", "10"))
    wwdd = documents.save_draft(
        DocumentInput(
            "WWDD",
            day(2),
            [LineInput(item="P", qty="10", price="5", tax_rate="13")],
            partner="S1",
            warehouse="W1",
        )
    )
    documents.approve(wwdd.id)
    return wwdd.number


def test_fully_received_order_with_material_left_is_listed(company):
    order = _outsourcing_order()
    oa.send_materials(order, "W1", day(3))
    extra = documents.save_draft(  # 3 more than the BOM needs
        DocumentInput(
            "WWFL",
            day(3),
            [LineInput(item="M1", qty="3", source_line=documents.find_document(order).lines[0])],
            partner="S1",
            warehouse="W1",
        )
    )
    documents.approve(extra.id)
    oa.receive_product(order, "10", "5", "W1", day(5))
    [warning] = close_warnings.warnings(day(5).strftime("%Y-%m"))
    assert order in warning and "加工厂一" in warning and "M1 商品M1 3" in warning
    assert "¥30.00" in warning and "请退料或核销" in warning
    oa.return_materials(order, "W1", day(6))
    assert close_warnings.warnings(day(5).strftime("%Y-%m")) == []


def test_partly_received_order_is_not_listed(company):
    order = _outsourcing_order()
    oa.send_materials(order, "W1", day(3))
    oa.receive_product(order, "4", "5", "W1", day(5))
    assert close_warnings.warnings(day(5).strftime("%Y-%m")) == []


def test_receive_warnings_of_an_unknown_order_is_not_found(company):
    import pytest

    from jxc_desktop.engine.errors import NotFound

    with pytest.raises(NotFound):
        floor.receive_warnings("SCDD-NOPE")
