"""The stock reports as people see them (screen, PDF, xlsx, table): opening and closing
rows of the stock ledger, category subtotals, a slow-moving total, words for codes,
one number of decimals per column. JSON and CSV keep exactly the report's own rows."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from openpyxl import load_workbook
from test_printing_support import pdf_text

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.printing.report_pdf import render_report
from jxc_desktop.engine.reports import Column, ReportParams, load_all, output
from jxc_desktop.engine.reports.display import (
    SUMMARY,
    cell_text,
    column_places,
    display_rows,
    text_rows,
)
from jxc_desktop.models.masterdata import ItemCategory

LEDGER_KEYS = {
    "date",
    "time",
    "number",
    "external_number",
    "type",
    "type_label",
    "reversal",
    "trueup",
    "item",
    "name",
    "spec",  # added in session 6: three 苏打饼干 of other sizes looked the same
    "warehouse",
    "warehouse_label",
    "location",
    "batch",
    "qty",
    "unit_cost",
    "value",
    "balance_qty",
    "balance_value",
}


@pytest.fixture
def january(company):
    """A: 10 at 3.00 before the period; in it +20 at 3.30, −12, and a receipt of 5
    approved and then un-approved (a reversal). B in another warehouse, one move."""
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("A")
    make_item("B")
    doc("QTRK", day(1), [("A", 10, 3)])
    doc("QTRK", day(10), [("A", 20, "3.3")])
    doc("QTCK", day(12), [("A", 12)])
    undone = doc("QTRK", day(14), [("A", 5, 4)])
    documents.unapprove(undone.id)
    doc("QTRK", day(15), [("B", 2, "1.5")], warehouse="W2")
    return company


def _period():
    return ReportParams(date_from=day(5), date_to=day(31))


def test_ledger_display_frames_each_item_and_warehouse(january):
    report = load_all()["stock-ledger"]
    params = _period()
    rows = report.run(params)
    shown = display_rows("stock-ledger", rows, params)
    a = [r for r in shown if r["item"] == "A"]
    kinds = [r.get(SUMMARY) for r in a]
    assert kinds == ["opening", None, None, None, None, "in", "out", "closing"]
    opening, *_moves, in_row, out_row, closing = a
    assert opening["number"] == "期初余额" and opening["date"] == day(5)
    assert (opening["balance_qty"], opening["balance_value"]) == (10, Decimal("30.00"))
    # in: +20 (66.00), +5 (20.00) and its reversal −5 (−20.00); out: −12 at 3.20
    assert (in_row["qty"], in_row["value"]) == (20, Decimal("66.00"))
    assert (out_row["qty"], out_row["value"]) == (-12, Decimal("-38.40"))
    assert closing["number"] == "期末余额" and closing["date"] == day(31)
    assert (closing["balance_qty"], closing["balance_value"]) == (18, Decimal("57.60"))
    assert opening["balance_value"] + in_row["value"] + out_row["value"] == Decimal("57.60")
    b = [r.get(SUMMARY) for r in shown if r["item"] == "B"]
    assert b == ["opening", None, "in", "out", "closing"]


def test_one_item_shows_warehouses_that_held_it_without_a_move(company):
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("A")
    doc("QTRK", day(1), [("A", 10, 3)])
    doc("QTRK", day(2), [("A", 4, "2.5")], warehouse="W2")
    doc("QTCK", day(20), [("A", 1)])
    params = ReportParams(item="A", date_from=day(10), date_to=day(31))
    rows = load_all()["stock-ledger"].run(params)
    assert [r["warehouse"] for r in rows] == ["W1"]  # the report: moves only
    shown = display_rows("stock-ledger", rows, params)
    w2 = [r for r in shown if r["warehouse"] == "W2"]
    assert [r[SUMMARY] for r in w2] == ["opening", "in", "out", "closing"]
    assert w2[0]["warehouse_label"] == "仓库W2" and w2[0]["name"] == "商品A"
    assert (w2[0]["balance_qty"], w2[0]["balance_value"]) == (4, Decimal("10.00"))
    assert (w2[-1]["balance_qty"], w2[-1]["balance_value"]) == (4, Decimal("10.00"))
    assert (w2[1]["qty"], w2[2]["value"]) == (0, 0)
    assert [r["warehouse"] for r in shown].index("W2") > 0  # after W1, in code order
    only_w2 = ReportParams(item="A", warehouse="W2", date_from=day(10))
    assert len(display_rows("stock-ledger", [], only_w2)) == 4


def test_a_cost_adjustment_shows_no_unit_cost(company):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 4, 3)])
    doc("CBTZ", day(2), [LineInput(item="A", amount="-2")])
    rows = load_all()["stock-ledger"].run(ReportParams())
    assert rows[1]["unit_cost"] == 0  # the report row, as JSON prints it
    shown = display_rows("stock-ledger", rows)
    adjusted = next(r for r in shown if r.get("type") == "CBTZ")
    assert adjusted["unit_cost"] is None and adjusted["value"] == Decimal("-2.00")
    closing = shown[-1]
    assert (closing["balance_qty"], closing["balance_value"]) == (4, Decimal("10.00"))


def test_ledger_in_and_out_agree_with_the_summary(january):
    params = _period()
    shown = display_rows("stock-ledger", load_all()["stock-ledger"].run(params), params)
    summary = {r["item"]: r for r in load_all()["stock-summary"].run(params)}
    for row in shown:
        if row.get(SUMMARY) == "in":
            s = summary[row["item"]]
            assert (row["qty"], row["value"]) == (s["in_qty"], s["in_value"])
        if row.get(SUMMARY) == "out":
            s = summary[row["item"]]
            assert (-row["qty"], -row["value"]) == (s["out_qty"], s["out_value"])
        if row.get(SUMMARY) == "opening":
            s = summary[row["item"]]
            assert row["balance_value"] == s["opening_value"]


def test_ledger_json_and_csv_keep_one_row_per_move(company, january, capsys):
    from jxc_desktop.cli import main

    db = str(company)  # the file, or the PostgreSQL URL
    capsys.readouterr()
    args = ["--db", db, "report", "stock-ledger", "--from", "2026-01-05", "--to", "2026-01-31"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 5  # 20 in, 12 out, 5 in, its reversal, B's receipt
    assert all(set(row) == LEDGER_KEYS for row in data)
    assert main([*args, "--format", "csv"]) == 0
    lines = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(lines) == 5 and "期初余额" not in str(lines)
    assert main([*args, "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert table.count("期初余额") == 2 and table.count("期末余额") == 2


def test_ledger_xlsx_has_the_summary_rows_in_bold(january, tmp_path):
    report = load_all()["stock-ledger"]
    params = _period()
    path = tmp_path / "ledger.xlsx"
    output.to_xlsx(report.columns, report.run(params), str(path), report.title, params=params)
    ws = load_workbook(path).active
    header = [c.value for c in ws[1]]
    assert "单据类型" in header and "类型" not in header  # the words, not QTRK
    assert header[-3:] == ["外部单号", "冲回", "负库存调整"]  # rarely filled: at the end
    number, qty, value = (header.index(k) for k in ("单据编号", "数量", "金额"))
    rows = list(ws.iter_rows(min_row=2))
    labels = [r[number].value for r in rows]
    assert labels[0] == "期初余额" and labels.count("期末余额") == 2
    in_row = rows[labels.index("本期收入")]
    assert in_row[value].value == Decimal("66") and in_row[value].font.bold
    assert in_row[value].number_format == "#,##0.00"
    assert rows[1][qty].number_format == "#,##0"  # whole quantities: no decimals


def test_ledger_pdf_prints_opening_in_out_closing(january, tmp_path):
    report = load_all()["stock-ledger"]
    params = _period()
    text = pdf_text(render_report(report, report.run(params), params, tmp_path / "l.pdf"))
    for label in ("期初余额", "本期收入", "本期发出", "期末余额"):
        assert label in text
    assert "57.60" in text and "-38.40" in text
    assert "行数： 5" in text or "行数：5" in text  # the moves, not the summary rows


def _categories():
    food = ItemCategory.create(code="F", name="食品")
    drink = ItemCategory.create(code="D", name="饮料")
    make_warehouse("W1")
    make_item("F1", category=food)
    make_item("F2", category=food)
    make_item("D1", category=drink)
    make_item("X1")
    doc("QTRK", day(1), [("F1", 2, "1.25"), ("F2", 3, 2), ("D1", 4, "0.5"), ("X1", 1, 7)])
    doc("QTCK", day(3), [("F2", 1)])


def test_summary_subtotals_by_category_with_a_grand_total(company, tmp_path):
    _categories()
    report = load_all()["stock-summary"]
    params = ReportParams(date_from=day(1), date_to=day(31))
    rows = report.run(params)
    shown = display_rows("stock-summary", rows, params)
    names = [(r.get(SUMMARY), r.get("item"), r["name"]) for r in shown]
    assert [n for n in names if n[0]] == [
        ("subtotal", None, "食品 小计"),
        ("subtotal", None, "饮料 小计"),
        ("subtotal", None, "未分类 小计"),
        ("total", None, "合计"),
    ]
    food = next(r for r in shown if r["name"] == "食品 小计")
    assert (food["in_value"], food["out_value"], food["closing_value"]) == (
        Decimal("8.50"),
        Decimal("2.00"),
        Decimal("6.50"),
    )
    total = shown[-1]
    assert total["closing_value"] == Decimal("15.50") and total["in_qty"] == 10
    assert sum(r["closing_value"] for r in rows) == total["closing_value"]
    assert len(json.loads(output.to_json(report.columns, rows))) == 4  # JSON: items only
    path = tmp_path / "summary.xlsx"
    output.to_xlsx(report.columns, rows, str(path), report.title, params=params)
    cells = [[c.value for c in r] for r in load_workbook(path).active.iter_rows(min_row=2)]
    assert [r[1] for r in cells if r[0] is None] == [
        "食品 小计",
        "饮料 小计",
        "未分类 小计",
        "合计",
    ]
    text = pdf_text(render_report(report, rows, params, tmp_path / "s.pdf"))
    assert "食品 小计" in text and "合计" in text and "15.50" in text


def test_slow_moving_total_and_share_as_percent(company, tmp_path):
    make_warehouse("W1")
    make_item("IDLE")
    make_item("BUSY")
    doc("QTRK", day(1), [("IDLE", 3, "3.57"), ("BUSY", 100, "0.8929")])
    doc("QTCK", day(95), [("BUSY", 1)])
    settings.set_value("slow_moving_days", "60")
    report = load_all()["slow-moving"]
    params = ReportParams(date_to=day(100))
    rows = report.run(params)
    [idle] = rows
    # all stock: IDLE 10.71 + BUSY 89.29 − 0.89 = 99.11; 10.71 / 99.11 = 10.806…%
    assert (idle["value"], idle["share"]) == (Decimal("10.71"), Decimal("10.81"))
    assert json.loads(output.to_json(report.columns, rows))[0]["share"] == "10.8100"
    shown = display_rows("slow-moving", rows, params)
    total = shown[-1]
    assert total[SUMMARY] == "total" and total["value"] == idle["value"]
    assert total["share"] == idle["share"]
    texts = text_rows(report.columns, shown)
    share_col = [c.key for c in report.columns].index("share")
    assert texts[0][share_col] == f"{idle['share']:.2f}%"
    path = tmp_path / "slow.xlsx"
    output.to_xlsx(report.columns, rows, str(path), report.title, params=params)
    ws = load_workbook(path).active
    assert ws.cell(row=2, column=share_col + 1).number_format == '0.00"%"'
    assert ws.cell(row=3, column=2).value == "合计"
    text = pdf_text(render_report(report, rows, params, tmp_path / "slow.pdf"))
    assert f"{idle['share']:.2f}%" in text and "合计" in text


def test_alerts_carry_values_and_print_words(company, tmp_path):
    make_warehouse("W1")
    make_item("LOW", safety_stock=Decimal(10))
    make_item("MILK", batch=True, shelf_life=10)
    doc("QTRK", day(1), [("LOW", 3, "1.5")])
    doc(
        "QTRK",
        day(1),
        [
            LineInput(item="MILK", qty="2", price="3", batch_no="M1", production_date=day(1)),
            LineInput(item="MILK", qty="1", price="6", batch_no="M2", production_date=day(90)),
        ],
    )
    report = load_all()["stock-alerts"]
    params = ReportParams(date_to=day(30))
    rows = report.run(params)
    low = next(r for r in rows if r["kind"] == "below_safety")
    assert low["value"] == Decimal("4.50")
    milk = next(r for r in rows if r["kind"] == "expired")
    assert milk["batch"] == "M1" and milk["value"] == Decimal("8.00")  # 2 of 3 for 12.00
    data = json.loads(output.to_json(report.columns, rows))
    assert all(r["value"] is not None for r in data)
    path = tmp_path / "alerts.xlsx"
    output.to_xlsx(report.columns, rows, str(path), report.title, params=params)
    sheet = [[c.value for c in r] for r in load_workbook(path).active.iter_rows()]
    assert sheet[0][0] == "说明" and "预警类型" not in sheet[0]
    flat = {v for r in sheet for v in r}
    assert "低于安全库存" in flat and "已过期" in flat and "below_safety" not in flat


def test_a_column_shows_one_number_of_decimals():
    cost = Column("unit_cost", "单位成本", "Unit cost", "price")
    qty = Column("qty", "数量", "Qty", "qty")
    rows = [
        {"unit_cost": Decimal("30.924"), "qty": Decimal("12")},
        {"unit_cost": Decimal("30.88"), "qty": Decimal("0.5")},
        {"unit_cost": Decimal("30.300000"), "qty": Decimal("1200")},
    ]
    places = column_places([cost, qty], rows)
    assert places == {"unit_cost": 3, "qty": 1}
    assert [r[0] for r in text_rows([cost, qty], rows)] == ["30.924", "30.880", "30.300"]
    assert [r[1] for r in text_rows([cost, qty], rows)] == ["12.0", "0.5", "1,200.0"]
    even = [{"unit_cost": Decimal("6.5")}, {"unit_cost": Decimal("72")}]
    assert [r[0] for r in text_rows([cost], even)] == ["6.50", "72.00"]
    long = [{"unit_cost": Decimal("6.074583")}, {"unit_cost": Decimal("6")}]
    assert [r[0] for r in text_rows([cost], long)] == ["6.0746", "6.0000"]
    assert cell_text(Column("share", "占比", "Share", "rate"), Decimal("10.7100")) == "10.71%"


def test_fifo_batches_show_the_pools_unit_cost(company):
    make_warehouse("W1")
    make_item("F", method="fifo", batch=True)
    doc("QTRK", day(1), [LineInput(item="F", qty="4", price="6", batch_no="B1")])
    doc("QTRK", day(2), [LineInput(item="F", qty="3", price="7.3", batch_no="B2")])
    rows = load_all()["stock-balance"].run(ReportParams(item="F"))
    assert [r["batch"] for r in rows] == ["B1", "B2"]
    # the pool: 7 for 45.90 → 6.557143 each; FIFO layers are not kept per batch
    assert {r["unit_cost"] for r in rows} == {Decimal("6.557143")}
    assert sum(r["value"] for r in rows) == Decimal("45.90")
