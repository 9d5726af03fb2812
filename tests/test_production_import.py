"""The whole production month through `jxc import documents` and the CLI, as a script would."""

from decimal import Decimal

from inventory_helpers import make_warehouse, pool
from production_helpers import cli_json, item, write_csv

from jxc_desktop.cli import main

HEAD = [
    "单据类型",
    "单据编号",
    "日期",
    "往来单位",
    "仓库",
    "商品编码",
    "数量",
    "单价",
    "源单编号",
    "交货日期",
    "成本对象",
]


def test_month_from_sheets(company, tmp_path, capsys):
    from jxc_desktop.models.masterdata import Partner

    make_warehouse("W1")
    Partner.create(kind="customer", code="K1", name="客户")
    item("M1")
    item("FG", "make", 3)
    boms = write_csv(
        tmp_path / "b.csv",
        ["父项编码", "子项编码", "用量", "单位", "损耗率", "版本", "生效日期"],
        [("FG", "M1", "2", "", "", "", "")],
    )
    assert main(["--db", str(company), "import", "boms", str(boms)]) == 0
    docs = write_csv(
        tmp_path / "d.csv",
        HEAD,
        [
            ("QCKC", "OB", "2026-01-01", "", "W1", "M1", "100", "3", "", "", ""),
            ("XSDD", "SO9", "2026-01-02", "K1", "", "FG", "30", "50", "", "2026-01-20", ""),
            ("XSYC", "FC1", "2026-01-02", "", "", "FG", "10", "", "", "2026-02-10", ""),
            ("SCDD", "MO7", "2026-01-03", "", "", "FG", "20", "", "", "2026-01-15", ""),
            ("SCLL", "PICK1", "2026-01-04", "", "W1", "M1", "40", "", "MO7", "", ""),
            ("CPRK", "FIN1", "2026-01-15", "", "W1", "FG", "20", "", "", "", "MO7"),
        ],
    )
    assert main(["--db", str(company), "import", "documents", str(docs), "--approve"]) == 0
    # SO9 30 − 20 received from MO7 → 10 due 20 Jan; FC1 10 due 10 Feb
    plan = cli_json(capsys, company, "mrp", "run", "--from", "2026-01-05", "--format", "json")
    fg = [(p["qty"], p["due_date"], p["release_date"]) for p in plan if p["item"] == "FG"]
    assert fg == [("10.0000", "2026-01-20", "2026-01-17"), ("10.0000", "2026-02-10", "2026-02-07")]
    m1 = [p for p in plan if p["item"] == "M1"]
    assert m1 == []  # 60 on hand covers 2 × 20
    assert main(["--db", str(company), "cost", "run", "2026-01"]) == 0
    assert pool("FG") == (Decimal("20.0000"), Decimal("120.00"))  # 40 × 3
    jobs = cli_json(
        capsys, company, "report", "job-cost", "--period", "2026-01", "--format", "json"
    )
    assert [(j["item"], j["completed_qty"], j["total"], j["unit_cost"]) for j in jobs] == [
        ("FG", "20.0000", "120.00", "6.000000")
    ]
    assert main(["--db", str(company), "check"]) == 0
