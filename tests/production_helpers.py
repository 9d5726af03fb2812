"""Builders for production scenarios: items with planning fields, BOMs, sheets."""

from __future__ import annotations

import csv
import json

from inventory_helpers import make_item

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
