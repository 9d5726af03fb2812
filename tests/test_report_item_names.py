"""Found by QA: 收发存汇总 had no 规格型号, so three "苏打饼干" rows looked the same, and the
往来 view's 订单执行 showed the item code only. Keys are only ever added (the JSON keys
are a scripting contract, docs/REPORTS.md)."""

from __future__ import annotations

import json

from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, trade_doc
from ui_helpers import make_window

from jxc_desktop.cli import main
from jxc_desktop.engine.reports import ReportParams, load_all

SUMMARY_KEYS = {
    "item",
    "name",
    "category",
    "warehouse",
    "opening_qty",
    "opening_value",
    "in_qty",
    "in_value",
    "out_qty",
    "out_value",
    "closing_qty",
    "closing_value",
}


def _biscuits() -> None:
    make_warehouse("W1")
    for code, spec in (("B1", "100g"), ("B2", "200g"), ("B3", "")):
        item = make_item(code, spec=spec)
        item.name = "苏打饼干"
        item.save()
        doc("QTRK", day(1), [(code, 5, "2")])


def test_stock_summary_rows_carry_the_spec(company):
    _biscuits()
    rows = load_all()["stock-summary"].run(ReportParams(date_from=day(1), date_to=day(31)))
    assert [(r["name"], r["spec"]) for r in rows] == [
        ("苏打饼干", "100g"),
        ("苏打饼干", "200g"),
        ("苏打饼干", ""),
    ]
    assert set(rows[0]) == SUMMARY_KEYS | {"spec"}  # added, nothing renamed or removed


def test_order_execution_names_the_item(qtbot, company, tmp_path, capsys):
    make_warehouse("W1")
    item = make_item("A", spec="500ml")
    trade_doc("XSDD", day(2), customer("C1"), [("A", 10, "10")])
    assert main(["--db", str(company), "report", "order-execution", "--format", "json"]) == 0
    (line,) = json.loads(capsys.readouterr().out)
    assert (line["item"], line["item_name"], line["spec"]) == ("A", item.name, "500ml")
    assert line["ordered"] == "10.0000" and line["number"].startswith("XSDD")
    window = make_window(qtbot, company, tmp_path)
    try:
        window.select_tab("sales")
        partners = window.pages["sales"].partners
        partners.refresh()
        assert partners.orders.item(0, 1).text() == f"A  {item.name}  500ml"
    finally:
        window.close()
