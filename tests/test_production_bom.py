"""BOMs: cycles refused with their path, explosion with scrap and units, LLC, import, roll-up."""

from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse
from production_helpers import add_unit, bom, cli_json, item, write_csv

from jxc_desktop.cli import main
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.production import bom as bom_engine
from jxc_desktop.engine.production.bom_import import import_boms
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import Bom, BomLine, RoutingOperation, WorkCentre

HEAD = ["父项编码", "子项编码", "用量", "单位", "损耗率", "版本", "生效日期"]


@pytest.fixture
def parts(company):
    make_warehouse("W1")
    for code in ("P", "S", "C1", "C2", "C3"):
        item(code)
    return company


def test_explosion_with_scrap_and_units(parts):
    box = add_unit(Item.get(Item.code == "C2"), "箱", Decimal(12))
    bom("P", ("S", 2), ("C1", "1.5", "个", "10"))
    bom("S", ("C2", "0.5", box.name), ("C3", 3))
    rows = bom_engine.explode(Item.get(Item.code == "P"), Decimal(10))
    got = [(r.level, r.component.code, r.extended) for r in rows]
    # C1: 10 × 1.5 × 1.10 = 16.5; C2: 20 × 0.5 箱 × 12 = 120; C3: 20 × 3 = 60
    assert got == [
        (1, "S", Decimal("20.0000")),
        (2, "C2", Decimal("120.0000")),
        (2, "C3", Decimal("60.0000")),
        (1, "C1", Decimal("16.5000")),
    ]


def test_cycle_refused_with_path(parts):
    bom("P", ("S", 1))
    bom("S", ("C1", 1))
    with pytest.raises(ValidationError) as exc:
        bom("C1", ("P", 1))
    assert "C1 → P → S → C1" in str(exc.value) or "P → S → C1 → P" in str(exc.value)
    assert Bom.select().count() == 2


def test_low_level_codes_and_where_used(parts):
    bom("P", ("S", 1), ("C1", 2))
    bom("S", ("C1", 1))
    llc = bom_engine.low_level_codes()
    ids = {i.code: i.id for i in Item.select()}
    assert llc[ids["P"]] == 0 and llc[ids["S"]] == 1 and llc[ids["C1"]] == 2
    used = {(p.code, q) for p, _v, q in bom_engine.where_used(Item.get(Item.code == "C1"))}
    assert used == {("P", Decimal(2)), ("S", Decimal(1))}


def test_version_in_force_by_date(parts):
    import datetime as dt

    bom("P", ("C1", 1), version="1", effective=dt.date(2026, 1, 1))
    bom("P", ("C2", 1), version="2", effective=dt.date(2026, 3, 1))
    p = Item.get(Item.code == "P")
    assert bom_engine.bom_for(p, dt.date(2026, 2, 1)).version == "1"
    assert bom_engine.bom_for(p, dt.date(2026, 3, 1)).version == "2"


def test_import_reports_all_errors_and_writes_nothing(parts, tmp_path):
    path = write_csv(
        tmp_path / "b.csv",
        HEAD,
        [
            ("P", "S", "2", "", "", "1", ""),
            ("P", "NOPE", "1", "", "", "1", ""),
            ("S", "C1", "abc", "", "", "", ""),
            ("S", "C2", "1", "吨", "5", "", ""),
        ],
    )
    with pytest.raises(ValidationError) as exc:
        import_boms(path)
    rows = {(p.row, p.column) for p in exc.value.problems}
    assert {(3, "子项编码"), (4, "用量"), (5, "单位")} <= rows
    assert Bom.select().count() == 0


def test_import_cycle_and_cli(parts, tmp_path, capsys):
    bad = write_csv(
        tmp_path / "c.csv", HEAD, [("P", "S", "1", "", "", "", ""), ("S", "P", "1", "", "", "", "")]
    )
    assert main(["--db", str(parts), "import", "boms", str(bad)]) == 1
    assert "→" in capsys.readouterr().err
    good = write_csv(
        tmp_path / "g.csv",
        HEAD,
        [
            ("P", "S", "2", "", "", "1", "2026-01-01"),
            ("P", "C1", "1", "", "10", "1", "2026-01-01"),
            ("S", "C2", "3", "", "", "", ""),
        ],
    )
    assert main(["--db", str(parts), "import", "boms", str(good)]) == 0
    assert BomLine.select().count() == 3


def test_bom_cost_roll_up(parts, capsys):
    doc("QCKC", __import__("datetime").date(2026, 1, 1), [("C1", 10, "2.00"), ("C2", 4, "5.00")])
    Item.update(purchase_price=Decimal("1.25")).where(Item.code == "C3").execute()
    bom("P", ("S", 2), ("C1", "1.5", "个", "10"))
    bom("S", ("C2", 1), ("C3", 4))
    wc = WorkCentre.create(
        code="WC", name="装配", labour_rate=Decimal(30), overhead_rate=Decimal(10)
    )
    RoutingOperation.create(
        item=Item.get(Item.code == "P"),
        seq=10,
        name="装配",
        work_centre=wc,
        setup_hours=Decimal(1),
        hours_per_unit=Decimal("0.25"),
    )
    rows = cli_json(
        capsys, parts, "report", "bom-cost", "--item", "P", "--qty", "2", "--format", "json"
    )
    # S: 4 units → C2 4 × 5 = 20, C3 16 × 1.25 = 20 → 40; C1: 2 × 1.5 × 1.1 = 3.3 × 2 = 6.60
    # operations: (1 + 0.25 × 2) h × 40 = 60
    assert rows == [
        {
            "item": "P",
            "qty": "2.0000",
            "material": "46.60",
            "operations": "60.00",
            "by_products": "0.00",
            "total": "106.60",
            "unit_cost": "53.300000",
        }
    ]
