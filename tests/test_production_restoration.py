"""成本还原: the finished product's semi-finished cost back into material, labour, overhead."""

import datetime as dt
from decimal import Decimal

from inventory_helpers import doc, make_warehouse, pool
from production_helpers import cli_json, item, write_csv

from jxc_desktop.cli import main
from jxc_desktop.engine.documents import LineInput

D = dt.date


def _vouchers(tmp_path, company, capsys, rows):
    path = write_csv(
        tmp_path / "v.csv",
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额", "成本对象"],
        rows,
    )
    assert main(["--db", str(company), "import", "vouchers", str(path), "--approve"]) == 0, (
        capsys.readouterr().err
    )


def test_textbook_restoration(company, tmp_path, capsys):
    """Step S1 makes 7 H for 12,340 + 4,000 + 2,000 = 18,340.00; S2 takes 3 of them
    (7,860.00) and adds 5,000.00 labour and 3,000.00 overhead to make 10 F."""
    make_warehouse("W1")
    item("R")
    item("H", "make")
    item("F", "make")
    doc("QCKC", D(2026, 1, 1), [("R", 2000, "10.00")])
    doc("SCLL", D(2026, 1, 3), [LineInput(item="R", qty="1234", cost_object="S1")])
    _vouchers(
        tmp_path,
        company,
        capsys,
        [
            ("2026-01-31", "V1", "工资", "4001", "4000", "", "S1"),
            ("2026-01-31", "V1", "工资", "4001", "5000", "", "S2"),
            ("2026-01-31", "V1", "工资", "2211", "", "9000", ""),
            ("2026-01-31", "V2", "水电", "4101", "2000", "", "S1"),
            ("2026-01-31", "V2", "水电", "4101", "3000", "", "S2"),
            ("2026-01-31", "V2", "水电", "1002", "", "5000", ""),
        ],
    )
    doc("CPRK", D(2026, 1, 10), [LineInput(item="H", qty="7", cost_object="S1")])
    doc("SCLL", D(2026, 1, 12), [LineInput(item="H", qty="3", cost_object="S2")])
    doc("CPRK", D(2026, 1, 20), [LineInput(item="F", qty="10", cost_object="S2")])
    assert main(["--db", str(company), "cost", "run", "2026-01"]) == 0
    assert pool("F") == (Decimal("10.0000"), Decimal("15860.00"))
    rows = cli_json(
        capsys, company, "report", "cost-restoration", "--period", "2026-01", "--format", "json"
    )
    got = {r["element"]: (r["unrestored"], r["restored"]) for r in rows}
    assert {r["step"] for r in rows} == {"S2"}
    # rate 7,860 / 18,340 = 3/7: material 12,340 × 3/7 = 5,288.57, labour 4,000 × 3/7 =
    # 1,714.29 (+ 5,000), overhead the rest of 7,860: 857.14 (+ 3,000)
    assert got == {
        "semi_finished": ("7860.00", "0.00"),
        "material": ("0.00", "5288.57"),
        "labour": ("5000.00", "6714.29"),
        "overhead": ("3000.00", "3857.14"),
        "total": ("15860.00", "15860.00"),
    }
    assert rows[0]["rate"] == "0.428571"
