"""The demo company's production: products with 3-level BOMs, routings, orders and a month.

`build_production_demo(first_day, today)` runs after the demo's base data and stock
history (it needs warehouses WH01/WH02 and makes what it misses). It adds raw
materials, two sub-assemblies and two chairs that share the base assembly, a work
centre with routings, opening stock of the materials, sales orders and a forecast
that drive MRP, one work order issued, partly received and costed, and an outsourcing
order (委外: seat cushions sent out, partly back with a fee). Everything goes through
the engine (save_bom, save_draft/approve, run_cost).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.company import period_code
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.production.bom import BomInput, BomLineInput, save_bom
from jxc_desktop.models.masterdata import Item, Partner, Unit, Warehouse
from jxc_desktop.models.production import RoutingOperation, WorkCentre

# code, name, type, source, lead days, lot rule, lot size, purchase price
ITEMS = [
    ("RM-FOAM", "海绵", "material", "purchase", 7, "minimum", "50", "12.50"),
    ("RM-FABRIC", "面料(米)", "material", "purchase", 10, "fixed", "100", "18.00"),
    ("RM-BOARD", "座板", "material", "purchase", 5, "lot_for_lot", "0", "9.80"),
    ("RM-WHEEL", "脚轮", "material", "purchase", 14, "fixed", "200", "2.20"),
    ("RM-GAS", "气压棒", "material", "purchase", 14, "lot_for_lot", "0", "26.00"),
    ("RM-STAR", "五星脚", "material", "purchase", 10, "lot_for_lot", "0", "35.00"),
    ("RM-SCREW", "螺丝", "material", "purchase", 3, "minimum", "1000", "0.05"),
    ("SA-SEAT", "座垫总成", "semi", "make", 2, "lot_for_lot", "0", "0"),
    ("SA-BASE", "底座总成", "semi", "make", 2, "lot_for_lot", "0", "0"),
    ("FG-CHAIR", "办公椅", "finished", "make", 3, "lot_for_lot", "0", "0"),
    ("FG-STOOL", "吧台凳", "finished", "make", 2, "fixed", "20", "0"),
]
BOMS = {
    "SA-SEAT": [("RM-FOAM", "0.5", "5"), ("RM-FABRIC", "1.2", "3"), ("RM-BOARD", "1", "0")],
    "SA-BASE": [("RM-WHEEL", "5", "0"), ("RM-GAS", "1", "0"), ("RM-STAR", "1", "0")],
    "FG-CHAIR": [("SA-SEAT", "1", "0"), ("SA-BASE", "1", "0"), ("RM-SCREW", "12", "5")],
    "FG-STOOL": [("SA-BASE", "1", "0"), ("RM-BOARD", "1", "0"), ("RM-SCREW", "8", "5")],
}


def _warehouse(code: str, name: str) -> Warehouse:
    return Warehouse.get_or_none(Warehouse.code == code) or Warehouse.create(code=code, name=name)


def _items() -> None:
    unit = Unit.get_or_none(Unit.name == "个") or Unit.create(name="个")
    for code, name, kind, source, lead, rule, lot, cost in ITEMS:
        if Item.get_or_none(Item.code == code):
            continue
        Item.create(
            code=code,
            name=name,
            item_type=kind,
            base_unit=unit,
            source=source,
            lead_time_days=lead,
            lot_rule=rule,
            lot_size=Decimal(lot),
            purchase_price=Decimal(cost),
            safety_stock=Decimal(10 if kind == "material" else 0),
        )


def _structures() -> None:
    for parent, lines in BOMS.items():
        save_bom(BomInput(parent, "1", lines=[BomLineInput(c, q, "", s) for c, q, s in lines]))
    assembly = WorkCentre.get_or_none(WorkCentre.code == "WC-ASM") or WorkCentre.create(
        code="WC-ASM",
        name="装配线",
        labour_rate=Decimal(45),
        overhead_rate=Decimal(20),
        capacity_hours=Decimal(16),
    )
    for seq, (code, setup, per) in enumerate(
        [("SA-SEAT", "0.5", "0.2"), ("SA-BASE", "0.5", "0.1"), ("FG-CHAIR", "1", "0.25")]
    ):
        item = Item.get(Item.code == code)
        if not RoutingOperation.select().where(RoutingOperation.item == item).exists():
            RoutingOperation.create(
                item=item,
                seq=10 * (seq + 1),
                name="装配",
                work_centre=assembly,
                setup_hours=Decimal(setup),
                hours_per_unit=Decimal(per),
            )


def _approved(data: DocumentInput):
    doc = documents.save_draft(data)
    documents.approve(doc.id)
    return doc


def _customer() -> Partner:
    found = Partner.select().where(Partner.kind == "customer").order_by(Partner.code).first()
    return found or Partner.create(kind="customer", code="C001", name="示例客户")


def build_production_demo(first_day: dt.date, today: dt.date) -> list[str]:
    """Adds the production demo (see the module docstring); returns the documents written."""
    from jxc_desktop.engine.production.costing_run import run_cost

    _warehouse("WH01", "主仓库")
    raw = _warehouse("WH02", "原料库")
    _items()
    _structures()
    opening = [
        LineInput(item=c, qty=q, price=p)
        for c, q, p in [
            ("RM-FOAM", "80", "12.50"),
            ("RM-FABRIC", "150", "18.00"),
            ("RM-BOARD", "60", "9.80"),
            ("RM-WHEEL", "300", "2.20"),
            ("RM-GAS", "40", "26.00"),
            ("RM-STAR", "40", "35.00"),
            ("RM-SCREW", "2000", "0.05"),
        ]
    ]
    docs = [_approved(DocumentInput("QTRK", first_day, opening, warehouse=raw))]
    customer = _customer()
    for n, (code, qty, weeks) in enumerate(
        [("FG-CHAIR", 50, 3), ("FG-STOOL", 30, 4), ("FG-CHAIR", 40, 6)]
    ):
        due = today + dt.timedelta(weeks=weeks)
        line = LineInput(
            item=code, qty=str(qty), price="320" if code == "FG-CHAIR" else "150", due_date=due
        )
        docs.append(
            _approved(
                DocumentInput("XSDD", today, [line], partner=customer, remarks=f"MRP 示例 {n + 1}")
            )
        )
    forecast = [LineInput(item="FG-CHAIR", qty="60", due_date=today + dt.timedelta(weeks=9))]
    docs.append(_approved(DocumentInput("XSYC", today, forecast)))
    start = max(first_day, today.replace(day=1))
    wo = _approved(
        DocumentInput(
            "SCDD",
            start,
            [LineInput(item="SA-BASE", qty="20", due_date=start + dt.timedelta(days=5))],
        )
    )
    issue = [
        LineInput(item=c, qty=q, source_line=wo.lines[0])
        for c, q in [("RM-WHEEL", "100"), ("RM-GAS", "20"), ("RM-STAR", "20")]
    ]
    docs.append(_approved(DocumentInput("SCLL", start, issue, warehouse=raw)))
    receipt = LineInput(item="SA-BASE", qty="12", source_line=wo.lines[0])
    docs.append(_approved(DocumentInput("CPRK", start, [receipt], warehouse=raw)))
    run_cost(period_code(start))
    return [d.number for d in docs] + [wo.number] + _outsourcing(start, raw)


def _subcontractor() -> Partner:
    """The demo's first supplier doubles as the subcontractor (or one of its own)."""
    found = Partner.select().where(Partner.kind == "supplier").order_by(Partner.code).first()
    return found or Partner.create(kind="supplier", code="WW01", name="华美软包加工厂")


def _outsourcing(day: dt.date, raw: Warehouse) -> list[str]:
    """委外: 10 seat cushions (SA-SEAT) sewn by a subcontractor from our foam, fabric and
    boards; 6 came back with a fee of 15.00 + 13 % VAT each, the rest is still there."""
    partner = _subcontractor()
    order = _approved(
        DocumentInput(
            "WWDD",
            day,
            [LineInput(item="SA-SEAT", qty="10", price="15", due_date=day + dt.timedelta(days=7))],
            partner=partner,
        )
    )
    source = order.lines[0]
    sent = [
        LineInput(item=c, qty=q, source_line=source)
        for c, q in [("RM-FOAM", "6"), ("RM-FABRIC", "13"), ("RM-BOARD", "10")]
    ]
    send = _approved(DocumentInput("WWFL", day, sent, partner=partner, warehouse=raw))
    back = LineInput(item="SA-SEAT", qty="6", price="15", tax_rate="13", source_line=source)
    receipt = _approved(DocumentInput("WWRK", day, [back], partner=partner, warehouse=raw))
    return [order.number, send.number, receipt.number]
