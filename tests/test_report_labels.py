"""Reports keep their codes for scripts and carry the words beside them for people:
document type and warehouse names in the stock ledger, status, cash-flow item and
partner names in the voucher list; screens show the words and tidy unit costs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.cli import main
from jxc_desktop.engine.finance import manual
from jxc_desktop.engine.finance.manual import VoucherInput, VoucherLineInput
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.ui.inventory.report_view import display_columns, price_text


def test_stock_ledger_names_the_document_type_and_warehouse(company):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 3, "28.775")], warehouse="W1")
    report = load_all()["stock-ledger"]
    [row] = report.run(ReportParams(item="A"))
    assert (row["type"], row["type_label"]) == ("QTRK", "其他入库")
    assert row["warehouse"] == "W1" and row["warehouse_label"]
    assert row["warehouse_label"] != "W1"  # the warehouse's name
    shown = [c.key for c in display_columns(report.columns)]
    assert "type_label" in shown and "type" not in shown
    assert "warehouse_label" in shown and "warehouse" not in shown
    assert "item" in shown and "name" in shown  # item codes stay: users search by them


def test_voucher_list_has_words_beside_codes(company, tmp_path, capsys):
    manual.create_voucher(
        VoucherInput(
            day(5),
            "房租",
            [VoucherLineInput("管理费用", debit="800"), VoucherLineInput("1001", credit="800")],
        )
    )
    report = load_all()["vouchers"]
    rows = report.run(ReportParams(date_from=day(1), date_to=day(28)))
    cash = next(r for r in rows if r["account"] == "1001")
    assert cash["cash_flow_item"] == "06"
    assert cash["cash_flow_item_label"] == "支付其他与经营活动有关的现金"
    assert (cash["status"], cash["status_label"]) == ("draft", "未审核")
    shown = {c.key for c in display_columns(report.columns)}
    assert {"status_label", "cash_flow_item_label", "partner", "partner_name"} <= shown
    assert not {"status", "cash_flow_item"} & shown


def test_json_keeps_the_contract_keys_and_adds_labels(company, capsys):
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", dt.date(2026, 1, 2), [("A", 2, "5")], warehouse="W1")
    db = str(company)  # the file, or the PostgreSQL URL
    capsys.readouterr()
    assert main(["--db", db, "report", "stock-ledger", "--item", "A", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["type"], row["warehouse"], row["unit_cost"]) == ("QCKC", "W1", "5.000000")
    assert row["type_label"] == "期初库存"


def test_unit_costs_read_cleanly():
    assert price_text(Decimal("28.775000")) == "28.775"
    assert price_text(Decimal("72.000000")) == "72.00"
    assert price_text(Decimal("1440")) == "1,440.00"
    assert price_text(Decimal("1.234567")) == "1.2346"
    assert price_text(Decimal("-0.5")) == "-0.50"


def test_printed_ledger_shows_the_words_not_the_codes(qtbot, company, tmp_path):
    import subprocess

    from jxc_desktop.models.masterdata import Warehouse
    from jxc_desktop.ui.inventory.report_view import ReportView
    from jxc_desktop.ui.ops import Ops

    make_warehouse("W1")
    Warehouse.update(name="成品仓").where(Warehouse.code == "W1").execute()
    make_item("A")
    doc("QTRK", day(1), [("A", 3, "28.775")], warehouse="W1")
    ops = Ops()
    view = ReportView(ops, "stock-ledger")
    qtbot.addWidget(view)
    view.item.setText("A")
    view.run()
    # 期初余额, the move, 本期收入, 本期发出, 期末余额
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=10_000)
    shown = [view.model.data(view.model.index(1, c)) for c in range(view.model.columnCount())]
    assert "其他入库" in shown and "成品仓" in shown
    assert "28.7767" in shown  # 86.33 / 3 = 28.776667 on screen to 4 places
    keys = [c.key for c in view.report.columns]
    assert view.table.isColumnHidden(keys.index("type"))
    assert view.table.isColumnHidden(keys.index("warehouse"))
    view.print_pdf(str(tmp_path / "ledger.pdf"))
    qtbot.waitUntil(lambda: view.last_pdf is not None, timeout=20_000)
    text = subprocess.run(
        ["pdftotext", "-layout", view.last_pdf, "-"], capture_output=True, text=True
    ).stdout
    assert "其他入库" in text and "成品仓" in text and "QTRK " not in text
    ops.shutdown()
