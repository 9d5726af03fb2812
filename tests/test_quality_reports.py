"""Quality reports, imports and the command line: plans sheet, ZJD rows, evaluation."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from inventory_helpers import day, make_item, make_warehouse, on_hand
from openpyxl import Workbook, load_workbook
from trade_helpers import first_line, supplier, trade_doc

from jxc_desktop.cli import main
from jxc_desktop.engine import checks, documents, settings
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.interchange.documents import import_documents
from jxc_desktop.engine.quality import inspections, plan_import, plans, qualifications
from jxc_desktop.engine.quality.inspections import ResultInput
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.models.masterdata import Item


def _sheet(path, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def buying(company):
    make_warehouse("W1")
    make_warehouse("QC")
    make_item("A")
    make_item("B")
    settings.set_value("quarantine_warehouse", "QC")
    return supplier("S1"), supplier("S2")


def _order_and_receive(s, code, qty, price, due, received):
    order, _ = trade_doc(
        "CGDD", day(1), s, [LineInput(item=code, qty=str(qty), price=price, due_date=due)]
    )
    receipt, _ = trade_doc("CGRK", received, s, [(code, qty, price, first_line(order))], "W1")
    return receipt


def _inspect(receipt, accepted, rejected, concession="0"):
    data = inspections.from_source(receipt.number, receipt.date)
    data.lines[0].extra["result"] = ResultInput(accepted, rejected, concession)
    doc = inspections.save_inspection(data)
    documents.approve(doc.id)
    return doc


def test_import_inspection_plans_all_or_nothing(buying, tmp_path):
    header = plan_import.COLUMNS
    bad = _sheet(
        tmp_path / "bad.xlsx",
        header,
        [("A", "来料检验", "按比例", "abc%", "", ""), ("X", "外观", "全检", "", "", "NOPE")],
    )
    with pytest.raises(ValidationError) as exc:
        plan_import.import_plans(bad)
    where = {(p.row, p.column) for p in exc.value.problems}
    assert {(2, "样本量"), (3, "商品编码"), (3, "检验阶段"), (3, "不合格品仓库")} <= where
    assert plans.list_plans() == []
    good = _sheet(
        tmp_path / "good.xlsx",
        header,
        [
            ("A", "来料检验", "按比例", "10%/5", "外观、尺寸", "QC"),
            ("B", "final", "固定数量", 3, "", ""),
        ],
    )
    assert plan_import.import_plans(good) == 2
    a = plans.plan_for(Item.get(Item.code == "A"), "incoming")
    assert (a.sampling, a.sample_percent, a.sample_qty) == ("percent", 10, 5)
    assert a.quarantine_warehouse.code == "QC" and a.criteria == "外观、尺寸"
    template = plan_import.write_template(tmp_path / "t.xlsx")
    assert [c.value for c in next(load_workbook(template).active.rows)] == header


def test_zjd_through_import_documents(buying, tmp_path):
    _order_and_receive(buying[0], "A", 100, "4", day(5), day(3))
    receipt = documents.find_document("CGRK20260103-0001")
    header = ["单据类型", "单据编号", "日期", "商品编码", "数量", "源单编号"]
    header += inspections.IMPORT_COLUMNS
    path = _sheet(
        tmp_path / "zjd.xlsx",
        header,
        [("ZJD", "Q-1", "2026-01-04", "A", 100, receipt.number, 95, 3, 2, "划伤")],
    )
    result = import_documents(path, approve=True)
    assert result.approved == 1
    zjd = documents.find_document("Q-1")
    assert zjd.partner.code == "S1"
    assert on_hand("A", "QC") == 3 and on_hand("A", "W1") == 97
    bad = _sheet(
        tmp_path / "bad.xlsx",
        header,
        [("ZJD", "Q-2", "2026-01-04", "A", 10, receipt.number, 9, "x", 0, "")],
    )
    with pytest.raises(ValidationError) as exc:
        import_documents(bad)
    assert (2, "不合格数量") in {(p.row, p.column) for p in exc.value.problems}
    assert checks.run_all() == []


def test_inspection_summary_and_supplier_evaluation(buying):
    s1, s2 = buying
    # previous period (January 1–10): S1 buys A at 4.00
    _order_and_receive(s1, "A", 10, "4", day(5), day(4))
    # this period (January 11–20)
    r1 = _order_and_receive(s1, "A", 100, "4.4", day(12), day(12))  # on time, +10 %
    r2 = _order_and_receive(s1, "B", 50, "2", day(12), day(14))  # late
    r3 = _order_and_receive(s2, "A", 20, "5", day(15), day(13))
    _inspect(r1, "95", "3", "2")
    _inspect(r2, "50", "0")
    _inspect(r3, "18", "2")
    reports = load_all()
    rows = reports["inspection-summary"].run(ReportParams(day(11), day(20)))
    by = {(r["item"], r["supplier"]): r for r in rows}
    assert by[("A", "S1")]["pass_rate"] == Decimal("95.00")
    assert by[("A", "S1")]["concession"] == 2 and by[("A", "S2")]["rejected"] == 2
    assert by[("A", "S1")]["supplier_name"] == s1.name
    rows = reports["supplier-evaluation"].run(ReportParams(day(11), day(20)))
    s1_row, s2_row = rows
    assert (s1_row["receipt_lines"], s1_row["on_time_lines"]) == (2, 1)
    assert s1_row["on_time_rate"] == Decimal("50.00")
    assert s1_row["pass_rate"] == Decimal("96.67")  # 145 of 150
    assert s1_row["price_change"] == Decimal("10.00")  # A: 4.40 against 4.00
    assert s1_row["purchase_amount"] == Decimal("540.00")
    # score = (40 × 50 + 40 × 96.67 + 20 × 50) ÷ 100
    assert s1_row["score"] == Decimal("68.67")
    assert s2_row["price_change"] is None and s2_row["score"] == Decimal("95.00")
    one = reports["supplier-evaluation"].run(ReportParams(day(11), day(20), item="A"))[0]
    assert (one["avg_price"], one["prev_avg_price"]) == (Decimal("4.4"), Decimal("4"))


def test_qualifications_report_and_purchase_order_warning(buying, capsys, company):
    s1, _ = buying
    data = qualifications.QualificationData
    qualifications.save_qualification(data(s1, "营业执照", "91-1", "工商局", None, day(10)))
    qualifications.save_qualification(data("S1", "ISO9001", "Q-9", "", day(1), day(40)))
    qualifications.save_qualification(data("S2", "生产许可证", "", "", None, None))
    with pytest.raises(ValidationError):
        qualifications.save_qualification(data("NOPE", "", valid_from=day(5), valid_to=day(1)))
    report = load_all()["supplier-qualifications"]
    rows = report.run(ReportParams(date_to=day(20), extra={"days": "30"}))
    assert [(r["kind"], r["status"], r["days_left"]) for r in rows] == [
        ("营业执照", "expired", -10),
        ("ISO9001", "expiring", 20),
    ]
    assert len(report.run(ReportParams(date_to=day(20), extra={"all": "1"}))) == 3
    renewed = qualifications.save_qualification(data("S1", "ISO9001", "Q-9", "", day(1), day(90)))
    assert renewed.valid_to == day(90) and len(qualifications.qualifications()) == 3
    _, result = trade_doc("CGDD", day(5), s1, [("A", 1, "4")])
    assert not any("过期" in m for m in result.messages)
    _, result = trade_doc("CGDD", day(11), s1, [("A", 1, "4")])  # approved, with a warning
    assert any("营业执照" in m and "过期" in m for m in result.messages)
    args = ["--db", str(company), "report", "supplier-qualifications", "--to", "2026-01-20"]
    assert main([*args, "--days", "10", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in out] == ["营业执照"]


def test_cli_inspect_return_and_rework(buying, capsys, company, tmp_path):
    receipt = _order_and_receive(buying[0], "A", 100, "4", day(5), day(3))
    db = ["--db", str(company)]
    assert (
        main([*db, "qc", "inspect", receipt.number, "--result", "1:95:3:2:划伤", "--approve"]) == 0
    )
    assert on_hand("A", "QC") == 3
    assert main([*db, "qc", "return", "ZJD20260103-0001", "--approve"]) == 0
    assert on_hand("A", "QC") == 0
    assert main([*db, "qc", "rework", "ZJD20260103-0001"]) == 1  # nothing from production
    assert "没有需要返工" in capsys.readouterr().err
    assert main([*db, "report", "inspection-summary", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["inspected"], row["pass_rate"]) == ("100.0000", "95.0000")
    assert main([*db, "check"]) == 0
    pdf = tmp_path / "zjd.pdf"
    assert main([*db, "qc", "print", "ZJD20260103-0001", str(pdf)]) == 0
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "质检报告" in text and "划伤" in text and "95.00%" in text and "测试公司" in text
