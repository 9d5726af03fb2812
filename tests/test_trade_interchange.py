"""The interchange sheet for trade documents, then AR/AP reports as JSON."""

from __future__ import annotations

import json

import pytest
from inventory_helpers import make_item, make_warehouse
from openpyxl import Workbook
from trade_helpers import customer, supplier

HEAD = [
    "单据类型",
    "单据编号",
    "日期",
    "往来单位",
    "仓库",
    "商品编码",
    "数量",
    "单价",
    "税率",
    "金额",
    "账户",
    "源单编号",
    "交货日期",
]
ROWS = [
    ("CGDD", "P-1", "2026-01-02", "S1", None, "A", 100, "4", 13, None, None, None, "2026-01-05"),
    ("CGRK", "R-1", "2026-01-05", "S1", "W1", "A", 100, "4", 13, None, None, "P-1", None),
    ("CGFP", "PI-1", "2026-01-06", "S1", None, "A", 100, "4", 13, None, None, "R-1", None),
    ("FKD", "F-1", "2026-01-07", "S1", None, None, None, None, None, "300", "1002", "PI-1", None),
    ("XSDD", "O-1", "2026-01-10", "C1", None, "A", 30, "10", 13, None, None, None, "2026-01-12"),
    ("XSCK", "D-1", "2026-01-12", "C1", "W1", "A", 20, "10", 13, None, None, "O-1", None),
    ("XSFP", "I-1", "2026-01-13", "C1", None, "A", 20, "10", 13, None, None, "D-1", None),
    ("SKD", "M-1", "2026-01-20", "C1", None, None, None, None, None, "100", "1001", "I-1", None),
    ("XSCK", "D-2", "2026-03-01", "C1", "W1", "A", 10, "10", 13, None, None, "O-1", None),
]


@pytest.fixture
def sheet(company, tmp_path):
    make_warehouse("W1")
    make_item("A")
    customer("C1", terms=30)
    supplier("S1", terms=30)
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    for r in ROWS:
        ws.append(list(r))
    path = tmp_path / "trade.xlsx"
    wb.save(path)
    return company, path


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_import_approve_then_aging_statement_and_execution(sheet, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    db, path = sheet
    close_company()
    assert main(["--db", str(db), "import", "documents", str(path), "--approve"]) == 0
    capsys.readouterr()
    args = ["--db", str(db), "report"]
    assert main([*args, "ar-aging", "--to", "2026-03-31", "--format", "json"]) == 0
    rows = _json(capsys)
    # D-1 226.00 - 100.00 received (77 days old) + D-2 113.00 (30 days old)
    assert rows == [
        {
            "partner": "C1",
            "name": "客户C1",
            "total": "239.00",
            "0-30": "113.00",
            "31-60": "0.00",
            "61-90": "126.00",
            "90+": "0.00",
            "overdue": "126.00",
        }
    ]
    assert main([*args, "ap-aging", "--to", "2026-01-31", "--format", "json"]) == 0
    (ap,) = _json(capsys)
    assert ap["partner"] == "S1" and ap["total"] == "152.00" and ap["0-30"] == "152.00"
    assert main([*args, "statement", "--partner", "C1", "--format", "json"]) == 0
    st = _json(capsys)
    assert [(r["number"], r["debit"], r["credit"], r["balance"]) for r in st[1:]] == [
        (st[1]["number"], "226.00", "0.00", "226.00"),
        (st[2]["number"], "0.00", "100.00", "126.00"),
        (st[3]["number"], "113.00", "0.00", "239.00"),
    ]
    assert set(st[0]) == {"partner", "date", "number", "type", "debit", "credit", "balance"}
    assert main([*args, "order-execution", "--option", "type=XSDD", "--format", "json"]) == 0
    (line,) = _json(capsys)
    assert (line["ordered"], line["delivered"], line["invoiced"], line["open"]) == (
        "30.0000",
        "30.0000",
        "20.0000",
        "0.0000",
    )
    assert line["collected"] == "100.00" and line["status"] == "已完成"
    assert main([*args, "gross-profit", "--format", "json"]) == 0
    (gp,) = _json(capsys)
    assert (gp["revenue"], gp["cost"], gp["profit"]) == ("300.00", "120.00", "180.00")
    assert main(["--db", str(db), "check"]) == 0


def test_trade_cli_next_close_price_and_requisition(sheet, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    db, path = sheet
    close_company()
    base = ["--db", str(db)]
    assert main([*base, "import", "documents", str(path)]) == 0  # drafts only
    assert main([*base, "doc", "approve", "O-1"]) == 0
    capsys.readouterr()
    assert main([*base, "trade", "next", "O-1", "--date", "2026-01-11", "--warehouse", "W1"]) == 0
    assert "XSCK20260111-" in capsys.readouterr().out
    assert main([*base, "trade", "close-line", "O-1", "--line", "1", "--reason", "缺货"]) == 0
    assert "已关闭" in capsys.readouterr().out
    assert main([*base, "trade", "price", "--partner", "C1", "--item", "A"]) == 0
    assert capsys.readouterr().out.split() == ["10.000000", "last_sale"]  # the order
    assert main([*base, "trade", "requisition"]) == 1  # no item below safety stock
    assert "安全库存" in capsys.readouterr().err
