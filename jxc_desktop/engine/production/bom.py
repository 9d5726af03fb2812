"""BOM structures: saving (cycles refused), the BOM in force, explosion, where-used, LLC.

Quantities: a BOM line gives `qty` of the component, in the line's `unit`, per ONE
base unit of the parent, and a scrap rate (损耗率) in percent. The extended quantity
of a component for `n` base units of the parent is

    n × qty × factor(unit → component base unit) × (1 + scrap_rate / 100)

rounded half-up to 4 decimals once per line (money.qty). Scrap inflates what must
be issued: the yield is fixed and the loss is on the component.

The BOM in force for an item on a date is the version with the latest effective date
on or before that date (a version without a date is always in force, but loses to a
dated one); a tie goes to the version saved last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.errors import Problem, ValidationError, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import Bom, BomByProduct, BomLine


@dataclass
class BomLineInput:
    component: str
    qty: Decimal | str
    unit: str = ""  # the component's base unit when empty
    scrap_rate: Decimal | str = "0"
    row: int | None = None  # the spreadsheet row, for messages


@dataclass
class ByProductInput:
    item: str
    qty: Decimal | str
    cost_share: Decimal | str = "0"


@dataclass
class BomInput:
    item: str
    version: str = "1"
    effective_date: dt.date | None = None
    phantom: bool = False
    remarks: str = ""
    lines: list[BomLineInput] = field(default_factory=list)
    by_products: list[ByProductInput] = field(default_factory=list)


@dataclass(frozen=True)
class Exploded:
    """One row of a multi-level explosion."""

    level: int
    parent: Item
    component: Item
    qty_per: Decimal  # component base units per parent base unit, with scrap
    extended: Decimal  # for the exploded quantity of the top item
    path: tuple[str, ...]


def _decimal(text, places: int, problems, where, column, row, positive=False):
    try:
        value = money.D(text if text not in (None, "") else "0")
    except money.NotExactNumber:
        problems.append(Problem(tr("不是有效的数字", "not a valid number"), where, row, column))
        return None
    if money.places_of(value) > places or value < 0 or (positive and value == 0):
        problems.append(
            Problem(
                tr(
                    "应为大于 0 且最多 {p} 位小数的数"
                    if positive
                    else "应为非负且最多 {p} 位小数的数",
                    "must be a positive number with at most {p} decimals"
                    if positive
                    else "must be non-negative with at most {p} decimals",
                    p=places,
                ),
                where,
                row,
                column,
            )
        )
        return None
    return value


def check_line(parent: Item | None, line: BomLineInput, problems: list[Problem]) -> dict | None:
    """Validates one BOM line; returns the row values or None (problems appended)."""
    start = len(problems)
    where = tr("子项 {c}", "component {c}", c=line.component)
    comp = lookup.item_by_code(line.component) if line.component else None
    if comp is None:
        problems.append(
            Problem(
                tr("子项“{c}”不存在", "component '{c}' does not exist", c=line.component),
                where,
                line.row,
                "子项编码",
            )
        )
    elif parent is not None and comp.id == parent.id:
        problems.append(
            Problem(
                tr("子项不能是父项本身", "an item cannot be its own component"),
                where,
                line.row,
                "子项编码",
            )
        )
    qty = _decimal(line.qty, 6, problems, where, "用量", line.row, positive=True)
    scrap = _decimal(line.scrap_rate, 4, problems, where, "损耗率", line.row)
    if scrap is not None and scrap >= 100:
        problems.append(
            Problem(
                tr("损耗率应小于 100", "the scrap rate must be below 100"),
                where,
                line.row,
                "损耗率",
            )
        )
    unit = None
    if comp is not None:
        unit = lookup.unit_by_name(line.unit) if line.unit else comp.base_unit
        if unit is None or lookup.unit_factor(comp, unit) is None:
            problems.append(
                Problem(
                    tr(
                        "{u} 不是子项 {c} 的单位",
                        "{u} is not a unit of {c}",
                        u=line.unit,
                        c=comp.code,
                    ),
                    where,
                    line.row,
                    "单位",
                )
            )
    if len(problems) > start:
        return None
    return {"component": comp, "qty": qty, "unit": unit, "scrap_rate": scrap}


def edges(exclude: set[tuple[int, str]] = frozenset()) -> dict[int, set[int]]:
    """parent id -> component ids over every stored BOM version (minus `exclude`)."""
    graph: dict[int, set[int]] = {}
    query = BomLine.select(BomLine.component, Bom.item, Bom.version).join(Bom)
    for row in query.tuples():
        comp, parent, version = row
        if (parent, version) in exclude:
            continue
        graph.setdefault(parent, set()).add(comp)
    return graph


def find_cycle(graph: dict[int, set[int]]) -> list[int] | None:
    """A cycle as a path of item ids (first == last), or None."""
    state: dict[int, int] = {}  # 1 = on the stack, 2 = done
    stack: list[int] = []

    def visit(node: int) -> list[int] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def cycle_problem(path: list[int]) -> Problem:
    """The problem naming a cycle by item codes: A → B → C → A."""
    codes = {i.id: i.code for i in Item.select(Item.id, Item.code).where(Item.id.in_(path))}
    text = " → ".join(codes[i] for i in path)
    return Problem(tr("物料清单出现循环：{p}", "The BOM would contain a cycle: {p}", p=text), "bom")


def validate_bom(data: BomInput, problems: list[Problem]) -> dict | None:
    """Checks a BOM input (without the cycle check); returns the rows to write."""
    parent = lookup.item_by_code(data.item) if data.item else None
    if parent is None:
        problems.append(
            Problem(tr("父项“{c}”不存在", "parent '{c}' does not exist", c=data.item), "item")
        )
    lines = [check_line(parent, line, problems) for line in data.lines]
    if not data.lines:
        problems.append(Problem(tr("物料清单没有子项", "The BOM has no components"), "lines"))
    by_products = []
    share_total = Decimal(0)
    for bp in data.by_products:
        item = lookup.item_by_code(bp.item)
        qty_v = _decimal(bp.qty, 6, problems, bp.item, "qty", None, positive=True)
        share = _decimal(bp.cost_share, 4, problems, bp.item, "cost_share", None)
        if item is None:
            problems.append(
                Problem(
                    tr("副产品“{c}”不存在", "by-product '{c}' does not exist", c=bp.item),
                    "by_products",
                )
            )
        share_total += share or 0
        by_products.append((item, qty_v, share))
    if share_total >= 100:
        problems.append(
            Problem(
                tr("副产品成本比例合计应小于 100", "by-product cost shares must total below 100"),
                "by_products",
            )
        )
    if problems:
        return None
    return {"parent": parent, "lines": lines, "by_products": by_products}


def write_bom(data: BomInput, rows: dict) -> Bom:
    """Replaces (or creates) one BOM version; call inside a write transaction."""
    parent = rows["parent"]
    version = (data.version or "1").strip()
    bom = Bom.get_or_none((Bom.item == parent) & (Bom.version == version))
    if bom is None:
        bom = Bom.create(item=parent, version=version)
    bom.effective_date, bom.phantom, bom.remarks = data.effective_date, data.phantom, data.remarks
    bom.save()
    BomLine.delete().where(BomLine.bom == bom).execute()
    BomByProduct.delete().where(BomByProduct.bom == bom).execute()
    for no, line in enumerate(rows["lines"], start=1):
        BomLine.create(bom=bom, line_no=no, **line)
    for item, qty_v, share in rows["by_products"]:
        BomByProduct.create(bom=bom, item=item, qty=qty_v, cost_share=share)
    return bom


def save_bom(data: BomInput) -> Bom:
    """Saves one BOM version (replacing its lines); refuses cycles, naming the path."""
    problems: list[Problem] = []
    rows = validate_bom(data, problems)
    require(problems)
    version = (data.version or "1").strip()
    graph = edges({(rows["parent"].id, version)})
    graph.setdefault(rows["parent"].id, set()).update(r["component"].id for r in rows["lines"])
    path = find_cycle(graph)
    if path:
        raise ValidationError([cycle_problem(path)])
    with write_transaction():
        bom = write_bom(data, rows)
        audit("bom.save", f"{rows['parent'].code} v{version}")
    return bom


def delete_bom(bom_id: int) -> None:
    """Deletes one BOM version with its lines and by-products."""
    with write_transaction():
        bom = Bom.get_by_id(bom_id)
        label = f"{bom.item.code} v{bom.version}"
        bom.delete_instance(recursive=True)
        audit("bom.delete", label)


# ---------------------------------------------------------------- reading


def bom_for(item: Item | int, on: dt.date | None = None) -> Bom | None:
    """The BOM version in force for an item on a date (see the module docstring)."""
    item_id = item.id if isinstance(item, Item) else item
    return pick_version(list(Bom.select().where(Bom.item == item_id)), on)


def pick_version(boms: list[Bom], on: dt.date | None) -> Bom | None:
    """Of an item's versions, the one in force on a date (see the module docstring)."""
    on = on or dt.date.today()
    best = None
    for bom in sorted(boms, key=lambda b: b.id):
        if bom.effective_date is not None and bom.effective_date > on:
            continue
        key = (bom.effective_date or dt.date.min, bom.id)
        if best is None or key >= best[0]:
            best = (key, bom)
    return best[1] if best else None


class BomCache:
    """Every BOM and line read once (as tuples), for planners that ask thousands of times.

    `components` gives (component reference with its `id`, base qty per parent base
    unit incl. scrap); each BOM's list is worked out once.
    """

    def __init__(self):
        from jxc_desktop.models.db import execute

        self.boms: dict[int, list[Bom]] = {}
        for bom_id, item_id, effective, phantom in execute(
            "SELECT id, item_id, effective_date, phantom FROM bom"
        ).fetchall():
            day = dt.date.fromisoformat(str(effective)[:10]) if effective else None
            self.boms.setdefault(item_id, []).append(
                Bom(id=bom_id, effective_date=day, phantom=bool(phantom))
            )
        qty_value, scrap_value = BomLine.qty.python_value, BomLine.scrap_rate.python_value
        refs: dict[int, _Ref] = {}
        self.lines: dict[int, list[tuple]] = {}
        for bom_id, comp_id, qty, scrap, factor in execute(
            "SELECT l.bom_id, l.component_id, l.qty, l.scrap_rate, "
            "CASE WHEN l.unit_id = i.base_unit_id THEN NULL ELSE f.factor END "
            "FROM bom_line l JOIN item i ON i.id = l.component_id LEFT JOIN item_unit f "
            "ON f.item_id = l.component_id AND f.unit_id = l.unit_id ORDER BY l.bom_id, l.line_no"
        ).fetchall():
            per_unit = qty_value(factor) if factor is not None else Decimal(1)
            per = qty_value(qty) * per_unit * (1 + scrap_value(scrap) / 100)
            ref = refs.get(comp_id) or refs.setdefault(comp_id, _Ref(comp_id))
            self.lines.setdefault(bom_id, []).append((ref, per))

    def bom_for(self, item_id: int, on: dt.date | None) -> Bom | None:
        """As bom.bom_for, from the cache."""
        return pick_version(self.boms.get(item_id, []), on)

    def components(self, item_id: int, on: dt.date | None) -> list[tuple]:
        """(component reference, base qty per parent base unit incl. scrap) in force."""
        bom = self.bom_for(item_id, on)
        return self.lines.get(bom.id, []) if bom else []


@dataclass(frozen=True)
class _Ref:
    """A component as the planner needs it: its id."""

    id: int


def line_qty_per(line: BomLine) -> Decimal:
    """Component base units per one parent base unit, scrap included (unrounded)."""
    factor = lookup.unit_factor(line.component, line.unit) or Decimal(1)
    return line.qty * factor * (1 + line.scrap_rate / 100)


def components(item: Item | int, on: dt.date | None = None) -> list[tuple[Item, Decimal, BomLine]]:
    """(component, base qty per parent base unit incl. scrap, line) of the BOM in force."""
    bom = bom_for(item, on)
    if bom is None:
        return []
    lines = BomLine.select().where(BomLine.bom == bom).order_by(BomLine.line_no)
    return [(line.component, line_qty_per(line), line) for line in lines]


def explode(
    item: Item, quantity: Decimal = Decimal(1), on: dt.date | None = None
) -> list[Exploded]:
    """Multi-level explosion, depth first, extended quantities rounded to 4 places per line."""
    from jxc_desktop.engine.production import bom_structure

    out: list[Exploded] = []
    tree = bom_structure.load([item.id], on)  # the whole tree, a few queries per level

    def walk(parent: Item, qty_parent: Decimal, level: int, path: tuple[str, ...]):
        for comp, per in tree.get(parent.id, []):
            extended = money.qty(qty_parent * per)
            out.append(Exploded(level, parent, comp, per, extended, path + (comp.code,)))
            walk(comp, extended, level + 1, path + (comp.code,))

    walk(item, money.D(quantity), 1, (item.code,))
    return out


def version_lines(item_code: str, version: str) -> list[BomLineInput]:
    """The lines of one stored BOM version as inputs (for an editor); [] when none."""
    bom = (
        Bom.select()
        .join_from(Bom, Item)
        .where((Item.code == item_code) & (Bom.version == version))
        .first()
    )
    if bom is None:
        return []
    lines = BomLine.select().where(BomLine.bom == bom).order_by(BomLine.line_no)
    return [
        BomLineInput(x.component.code, x.qty.normalize(), x.unit.name, x.scrap_rate.normalize())
        for x in lines
    ]


def where_used(item: Item) -> list[tuple[Item, str, Decimal]]:
    """(parent, version, qty per parent incl. scrap) of every BOM naming the item."""
    query = (
        BomLine.select().join(Bom).where(BomLine.component == item).order_by(Bom.item, Bom.version)
    )
    return [(line.bom.item, line.bom.version, line_qty_per(line)) for line in query]


def low_level_codes() -> dict[int, int]:
    """低层码: the deepest level at which each item appears (0 = never a component)."""
    graph = edges()
    codes: dict[int, int] = {}
    children = {c for cs in graph.values() for c in cs}
    frontier = [(p, 0) for p in graph if p not in children]
    while frontier:
        node, level = frontier.pop()
        if codes.get(node, -1) >= level:
            continue
        codes[node] = level
        frontier.extend((c, level + 1) for c in graph.get(node, ()))
    return codes
