"""The demo company builds, is deterministic, obeys every rule and passes `jxc check`."""

from jxc_desktop.cli import main
from jxc_desktop.engine import barcodes, listing
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.company import CompanySetup
from jxc_desktop.engine.demo import build_demo
from jxc_desktop.engine.masterdata.partners import tax_number_problem
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models.masterdata import (
    Item,
    ItemBarcode,
    ItemCategory,
    ItemUnit,
    Location,
    Partner,
    Staff,
    Warehouse,
)


def _build(path):
    open_company(path, create=True)
    build_demo(CompanySetup(name="演示公司", start_period="2026-01"))


def _snapshot():
    return [
        (i.code, i.name, i.spec, i.sale_price, [b.barcode for b in i.barcodes])
        for i in Item.select().order_by(Item.code)
    ] + [(p.code, p.name, p.tax_number) for p in Partner.select().order_by(Partner.id)]


def test_demo_content_and_checks(demo_company, tmp_path):
    assert run_all() == []
    assert 180 <= Item.select().count() <= 220
    assert Partner.select().where(Partner.kind == "customer").count() == 30
    assert Partner.select().where(Partner.kind == "supplier").count() == 15
    assert {w.name for w in Warehouse.select()} == {"主仓库", "原料库", "不合格品仓"}
    assert Location.select().join(Warehouse).where(Warehouse.name == "主仓库").count() >= 10
    assert Staff.select().count() >= 10
    roots = {c.name for c in ItemCategory.select().where(ItemCategory.parent.is_null())}
    assert {"原材料", "产成品", "商品"} <= roots
    assert ItemUnit.select().where(ItemUnit.factor > 1).count() > 50  # 箱 conversions
    for b in ItemBarcode.select():
        assert barcodes.problem_text(b.barcode) is None
    assert ItemBarcode.select().where(ItemBarcode.unit.is_null(False)).count() > 50
    assert (
        Item.select().where(Item.batch_managed & Item.shelf_life_days.is_null(False)).count() > 20
    )
    methods = {i.valuation_method for i in Item.select()}
    assert {"moving_average", "fifo", "periodic", "specific"} <= methods
    assert all(tax_number_problem(p.tax_number) is None for p in Partner.select())
    assert listing.count("items", "矿泉水") == 3
    from datetime import date

    from jxc_desktop.models.documents import Document

    assert not Document.select().where(Document.date > date.today()).exists()  # no future
    first = _snapshot()
    close_company()
    _build(tmp_path / "again.sqlite")  # a second build from scratch
    try:
        assert _snapshot() == first  # deterministic
    finally:
        close_company()


def test_jxc_init_demo_and_check(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite")
    assert main(["--db", db, "init", "--demo", "--start-period", "2026-01"]) == 0
    assert main(["--db", db, "check"]) == 0
    assert "检查通过" in capsys.readouterr().out
    # the accountant has closed every month before this one; this month is open
    import datetime as dt

    from jxc_desktop.models.company import Period

    open_company(db)
    try:
        first = dt.date.today().replace(day=1)
        past = Period.select().where(Period.end < first)
        assert past.count() > 0 and all(p.closed for p in past)
        assert not Period.get((Period.start <= first) & (Period.end >= first)).closed
    finally:
        close_company()
