"""Builders for production scenarios: items with planning fields, BOMs, sheets."""

from __future__ import annotations

import csv
import datetime as dt
import json

from inventory_helpers import doc, make_item, make_warehouse

from jxc_desktop.cli import main
from jxc_desktop.engine.production.bom import BomInput, BomLineInput, save_bom
from jxc_desktop.models.masterdata import ItemUnit, Unit


def item(code, source="purchase", lead=0, **kw):
    return make_item(code, source=source, lead_time_days=lead, **kw)


def bom(parent, *lines, version="1", effective=None, phantom=False):
    """lines: (component, qty[, unit[, scrap]])"""
    return save_bom(
        BomInput(
            parent,
            version,
            effective,
            phantom,
            lines=[BomLineInput(c, str(q), *[str(x) for x in rest]) for c, q, *rest in lines],
        )
    )


def fg_work_order(qty="10", per=2, stock=100, cost="3") -> str:
    """The small shop most floor tests start from: warehouse W1, FG made of `per` RM1,
    `stock` RM1 on hand at `cost`, and a released order of `qty` FG dated 2026-01-05,
    due 2026-01-20. Returns the order's number."""
    from jxc_desktop.engine.production.workorders import create_work_order

    make_warehouse("W1")
    item("FG", "make")
    item("RM1")
    bom("FG", ("RM1", per))
    doc("QCKC", dt.date(2026, 1, 2), [("RM1", stock, cost)], warehouse="W1")
    return create_work_order("FG", qty, dt.date(2026, 1, 20), "W1", date=dt.date(2026, 1, 5))


def add_unit(item_obj, name, factor):
    unit = Unit.get_or_none(Unit.name == name) or Unit.create(name=name)
    ItemUnit.create(item=item_obj, unit=unit, factor=factor)
    return unit


def write_csv(path, head, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        w.writerows(rows)
    return path


def cli_json(capsys, db, *argv):
    capsys.readouterr()
    assert main(["--db", str(db), *argv]) == 0
    return json.loads(capsys.readouterr().out)
