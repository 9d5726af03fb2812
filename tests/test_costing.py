"""Costing: job order with a predetermined overhead rate, process steps weighted and FIFO."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse, pool
from production_helpers import cli_json, item, write_csv

from jxc_desktop.cli import main
from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.production import workorders
from jxc_desktop.models.documents import Document

D = dt.date
WIP_HEAD = [
    "期间",
    "类型",
    "成本对象",
    "商品编码",
    "数量",
    "直接材料完工率",
    "直接人工完工率",
    "制造费用完工率",
    "直接材料",
    "直接人工",
    "制造费用",
]


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    item("C1")
    item("P", "make")
    doc("QCKC", D(2026, 1, 1), [("C1", 200, "10.00")])
    return company


def work_order(qty=10):
    d = documents.save_draft(
        DocumentInput(
            "SCDD", D(2026, 1, 2), [LineInput(item="P", qty=str(qty))], external_number="WO-1"
        )
    )
    documents.approve(d.id)
    return d


def issue(wo_or_step, qty, date=D(2026, 1, 5), **kw):
    line = LineInput(item="C1", qty=str(qty), **kw)
    if isinstance(wo_or_step, Document):
        line.source_line = wo_or_step.lines[0]
    else:
        line.cost_object = wo_or_step
    return doc("SCLL", date, [line])


def receive(obj, qty, date=D(2026, 1, 20)):
    return doc("CPRK", date, [LineInput(item="P", qty=str(qty), cost_object=obj)])


def test_job_order_with_predetermined_rate(shop, tmp_path, capsys):
    wo = work_order()
    assert workorders.status_of(wo) == "released"
    issue(wo, 10)  # 100.00 of material
    assert workorders.status_of(wo) == "in_progress"
    settings.set_value("overhead_rate", "8")
    hours = write_csv(
        tmp_path / "h.csv",
        ["期间", "成本对象", "人工工时", "机器工时"],
        [("2026-01", "WO-1", "12.5", "3")],
    )
    assert main(["--db", str(shop), "import", "work-hours", str(hours)]) == 0
    receive("WO-1", 10)
    assert workorders.status_of(wo) == "completed"
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert pool("P") == (Decimal("10.0000"), Decimal("200.00"))  # 100 material + 12.5 h × 8
    rows = cli_json(capsys, shop, "report", "job-cost", "--period", "2026-01", "--format", "json")
    assert rows == [
        {
            "work_order": wo.number,
            "item": "P",
            "item_name": "商品P",
            "completed_qty": "10.0000",
            "material": "100.00",
            "labour": "0.00",
            "overhead": "100.00",
            "total": "200.00",
            "unit_cost": "20.000000",
            "wip": "0.00",
            "applied_overhead": "100.00",
            "actual_overhead": "0.00",
        }
    ]
    # run again: same result, the old adjustment is voided
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert pool("P") == (Decimal("10.0000"), Decimal("200.00"))
    assert workorders.view(wo).wip == Decimal("-100.00")  # material only: overhead came on top
    receipt = Document.get(Document.doc_type == "CPRK")
    with pytest.raises(StateError):
        documents.unapprove(receipt.id)


def test_job_order_partly_done_keeps_wip(shop, tmp_path):
    from jxc_desktop.engine.production.costing import compute
    from jxc_desktop.engine.production.costing_import import import_wip

    wo = work_order()
    issue(wo, 10)
    settings.set_value("overhead_rate", "8")
    settings.set_value("overhead_basis", "machine_hours")
    write_csv(
        tmp_path / "h.csv",
        ["期间", "成本对象", "人工工时", "机器工时"],
        [("2026-01", wo.number, "0", "12.5")],
    )
    from jxc_desktop.engine.production.costing_import import import_work_hours

    import_work_hours(tmp_path / "h.csv")
    import_wip(
        write_csv(
            tmp_path / "w.csv",
            WIP_HEAD,
            [("2026-01", "期末", "WO-1", "P", "4", "100", "50", "50", "", "", "")],
        )
    )
    receive("WO-1", 6)
    (oc,) = compute("2026-01")
    # material: EU 6 + 4 = 10 → WIP 40; overhead: EU 6 + 2 = 8 → WIP 100 × 2 / 8 = 25
    assert (oc.ending["material"], oc.ending["overhead"]) == (Decimal("40.00"), Decimal("25.00"))
    assert oc.total("transferred") == Decimal("135.00")
    # February: the 65.00 left is the beginning WIP; finishing the 4 takes it all
    receive("WO-1", 4, D(2026, 2, 3))
    (feb,) = compute("2026-02")
    assert feb.total("beginning") == Decimal("65.00") and feb.total("transferred") == Decimal(
        "65.00"
    )


def _process_month(shop, tmp_path, method):
    settings.set_value("process_cost_method", method)
    settings.set_value("overhead_rate", "5")
    write_csv(
        tmp_path / "h.csv",
        ["期间", "成本对象", "人工工时", "机器工时"],
        [("2026-01", "S1", "60", "")],
    )
    assert main(["--db", str(shop), "import", "work-hours", str(tmp_path / "h.csv")]) == 0
    wip = write_csv(
        tmp_path / "w.csv",
        WIP_HEAD,
        [
            ("2026-01", "期初", "S1", "P", "20", "100", "0", "50", "400", "", "100"),
            ("2026-01", "期末", "S1", "P", "30", "100", "0", "40", "", "", ""),
        ],
    )
    assert main(["--db", str(shop), "import", "wip", str(wip)]) == 0
    issue("S1", 80)  # 800.00
    receive("S1", 70)


def _table(rows):
    return {
        r["element"]: (
            r["beginning_wip"],
            r["added"],
            r["equivalent_units"],
            r["cost_per_unit"],
            r["transferred_out"],
            r["ending_wip"],
        )
        for r in rows
    }


def test_process_costing_weighted(shop, tmp_path, capsys):
    _process_month(shop, tmp_path, "weighted")
    rows = cli_json(
        capsys, shop, "report", "process-cost", "--period", "2026-01", "--format", "json"
    )
    assert {r["step"] for r in rows} == {"S1"}
    t = _table(rows)
    assert t["material"] == ("400.00", "800.00", "100.0000", "12.000000", "840.00", "360.00")
    assert t["overhead"] == ("100.00", "300.00", "82.0000", "4.878049", "341.46", "58.54")
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert pool("P")[1] == Decimal("1181.46")
    assert main(["--db", str(shop), "check"]) == 0


def test_process_costing_fifo(shop, tmp_path, capsys):
    _process_month(shop, tmp_path, "fifo")
    t = _table(
        cli_json(capsys, shop, "report", "process-cost", "--period", "2026-01", "--format", "json")
    )
    assert t["material"] == ("400.00", "800.00", "80.0000", "10.000000", "900.00", "300.00")
    assert t["overhead"] == ("100.00", "300.00", "72.0000", "4.166667", "350.00", "50.00")


def test_imports_report_every_bad_row(shop, tmp_path, capsys):
    bad = write_csv(
        tmp_path / "w.csv",
        WIP_HEAD,
        [
            ("2026-13", "期中", "S1", "NOPE", "x", "120", "", "", "", "", ""),
        ],
    )
    assert main(["--db", str(shop), "import", "wip", str(bad)]) == 1
    err = capsys.readouterr().err
    for column in ("期间", "类型", "商品编码", "数量", "直接材料完工率"):
        assert column in err


def test_check_sees_stale_cost_run(shop, capsys):
    wo = work_order()
    issue(wo, 10)
    receive("WO-1", 10)
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert main(["--db", str(shop), "check"]) == 0
    issue(wo, 5, D(2026, 1, 25))  # more material after the run: the receipts are stale
    capsys.readouterr()
    assert main(["--db", str(shop), "check"]) == 1
    out = capsys.readouterr()
    assert "production_settled_cost" in out.out + out.err
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert main(["--db", str(shop), "check"]) == 0
    assert pool("P")[1] == Decimal("150.00")


def test_sequential_steps_through_stock(shop, capsys):
    """Step Z1 makes the semi-finished SF from C1; step A2 turns SF into P (names sort wrong)."""
    item("SF", "make")
    issue("Z1", 20)  # 200.00
    doc("CPRK", D(2026, 1, 10), [LineInput(item="SF", qty="20", cost_object="Z1")])
    doc("SCLL", D(2026, 1, 12), [LineInput(item="SF", qty="10", cost_object="A2")])
    receive("A2", 10)
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    # SF settled at 10.00 each; half of it went on to A2, and P carries that 100.00
    assert pool("SF") == (Decimal("10.0000"), Decimal("100.00"))
    assert pool("P") == (Decimal("10.0000"), Decimal("100.00"))
    rows = cli_json(
        capsys, shop, "report", "process-cost", "--period", "2026-01", "--format", "json"
    )
    assert [r["step"] for r in rows if r["element"] == "material"] == ["Z1", "A2"]
    assert main(["--db", str(shop), "check"]) == 0


def test_cost_run_hands_overhead_entries_to_the_books(shop, tmp_path):
    from jxc_desktop.engine.production import costing_run

    seen, undone = [], []
    saved = list(costing_run._RUN_HOOKS), list(costing_run._UNDO_HOOKS)
    costing_run.on_cost_run(lambda period, entries: seen.append((period, entries)) or ["记-0001"])
    costing_run.on_cost_undo(undone.append)
    try:
        wo = work_order()
        issue(wo, 10)
        settings.set_value("overhead_rate", "8")
        settings.set_value("overhead_basis", "output_qty")
        receive("WO-1", 10)
        result = costing_run.run_cost("2026-01")
        assert "记-0001" in result.summary()
        period, entries = seen[-1]
        assert period == "2026-01" and undone == ["2026-01"]  # a run undoes the last first
        assert [(e.account, e.debit, e.credit, e.cost_object) for e in entries] == [
            ("4001", Decimal("80.00"), Decimal(0), wo.number),  # 10 units × 8
            ("4101", Decimal(0), Decimal("80.00"), ""),
        ]
    finally:  # the finance module's hooks stay registered for the other tests
        costing_run._RUN_HOOKS[:] = saved[0]
        costing_run._UNDO_HOOKS[:] = saved[1]


def test_two_orders_into_one_pool_both_settle(shop):
    """Receipts at book cost move with their pool: settling in time order keeps both exact."""
    first = work_order(10)
    second = documents.save_draft(
        DocumentInput(
            "SCDD", D(2026, 1, 2), [LineInput(item="P", qty="10")], external_number="WO-2"
        )
    )
    documents.approve(second.id)
    issue(first, 10)  # 100.00
    issue(Document.get_by_id(second.id), 30)  # 300.00
    receive("WO-2", 10, D(2026, 1, 10))
    receive("WO-1", 10, D(2026, 1, 20))
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert pool("P") == (Decimal("20.0000"), Decimal("400.00"))
    assert main(["--db", str(shop), "check"]) == 0


def test_closed_work_order_takes_no_more_issues(shop):
    from jxc_desktop.engine.errors import ValidationError

    wo = work_order()
    issue(wo, 2)
    workorders.set_status("WO-1", "closed")
    assert workorders.status_of(wo) == "closed"
    with pytest.raises(ValidationError) as exc:
        issue(wo, 1)
    assert wo.number in str(exc.value)
    workorders.set_status("WO-1", "released")  # re-opened
    issue(wo, 1)


def test_labour_and_overhead_from_manual_vouchers(shop, tmp_path, capsys):
    wo = work_order()
    issue(wo, 10)  # 100.00
    receive("WO-1", 10)
    vouchers = write_csv(
        tmp_path / "v.csv",
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额", "成本对象"],
        [
            ("2026-01-31", "V1", "工资", "4001", "300", "", "WO-1"),
            ("2026-01-31", "V1", "工资", "2211", "", "300", ""),
            ("2026-01-31", "V2", "水电", "4101", "150", "", ""),
            ("2026-01-31", "V2", "水电", "1002", "", "150", ""),
        ],
    )
    assert main(["--db", str(shop), "import", "vouchers", str(vouchers), "--approve"]) == 0, (
        capsys.readouterr().err
    )
    write_csv(
        tmp_path / "h.csv",
        ["期间", "成本对象", "人工工时", "机器工时"],
        [("2026-01", "WO-1", "10", "")],
    )
    assert main(["--db", str(shop), "import", "work-hours", str(tmp_path / "h.csv")]) == 0
    (row,) = cli_json(capsys, shop, "report", "job-cost", "--period", "2026-01", "--format", "json")
    assert (row["material"], row["labour"], row["overhead"], row["total"]) == (
        "100.00",
        "300.00",
        "150.00",
        "550.00",
    )
    assert (row["applied_overhead"], row["actual_overhead"]) == ("150.00", "150.00")
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    assert pool("P") == (Decimal("10.0000"), Decimal("550.00"))
    assert main(["--db", str(shop), "check"]) == 0, capsys.readouterr().out
