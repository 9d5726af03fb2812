"""Product costing for a month: 订单法 per work order, 分步法 per process step.

For each cost object (a work order number, or any other 成本对象 = a process step):
- added material = what approved 生产领料 SCLL lines issued to it in the month at the
  inventory engine's cost, less approved 其他入库 QTRK returns naming it;
- added labour = voucher lines on 4001 naming it (costing_sources);
- overhead = 4101 lines naming it plus its share of the untagged rest, allocated by
  `overhead_basis` (labour_hours / machine_hours from `jxc import work-hours`,
  material_cost = added material, output_qty = completed quantity). With
  `overhead_rate` set, overhead is applied at rate × basis instead (applied_overhead),
  and the difference to the actual (actual_overhead) stays in 4101;
- beginning WIP = the month's 期初 rows (`jxc import wip`) if any, else what the
  previous month left;
- completed quantity = the month's approved 产品入库 CPRK lines for the object (of the
  main product: by-products of its BOM take their cost share of what is transferred).
Ending WIP uses the 期末 rows: equivalent units = Σ qty × 完工率 per element. Weighted
average (work orders always; steps with process_cost_method = weighted):
ending = money(total × wip_eu ÷ (completed + wip_eu)). FIFO (steps with fifo):
equivalent units = completed − beginning qty × beginning 完工率 + wip_eu, ending =
money(added × wip_eu ÷ those units). Without 期末 rows nothing stays in WIP once
something was completed (and everything stays when nothing was). Transferred out =
beginning + added − ending, so no fen is lost. Sequential transfer between steps
goes through stock: a step's output is received (CPRK), settled by the cost run, and
issued (SCLL) to the next step, whose material is then re-valued by the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import money, settings
from jxc_desktop.engine.company import month_bounds
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import costing_sources as sources
from jxc_desktop.engine.production import workorders as wo
from jxc_desktop.engine.production.bom_cost import by_products_memo
from jxc_desktop.models.db import execute
from jxc_desktop.models.production import ProcessStep, WipCount, WorkHours

ELEMENTS = ("material", "labour", "overhead")
PCT = {"material": "material_pct", "labour": "labour_pct", "overhead": "overhead_pct"}  # 完工率
ZERO = Decimal(0)


def _zeros() -> dict[str, Decimal]:
    return {e: ZERO for e in ELEMENTS}


@dataclass
class ObjectCost:
    key: str
    kind: str  # job / step
    item_id: int | None = None
    completed_qty: Decimal = ZERO
    beginning: dict = field(default_factory=_zeros)
    added: dict = field(default_factory=_zeros)
    ending: dict = field(default_factory=_zeros)
    transferred: dict = field(default_factory=_zeros)
    eu: dict = field(default_factory=_zeros)
    cpu: dict = field(default_factory=_zeros)
    applied_overhead: Decimal = ZERO
    actual_overhead: Decimal = ZERO
    receipts: list = field(default_factory=list)  # CPRK ObjectLines of the month
    closing: list = field(default_factory=list)  # 期末 WipCount rows

    def total(self, part: str) -> Decimal:
        return sum(getattr(self, part).values(), ZERO)


@dataclass
class Inputs:
    period: str
    lines: dict
    hours: dict
    opening: dict
    closing: dict
    labour: dict
    tagged: dict
    untagged: Decimal
    index: wo.WorkOrderIndex = field(default_factory=lambda: wo.WorkOrderIndex({}, {}))
    basis: str = ""  # overhead_basis, read once
    shares: object = None  # by-product shares per item (bom_cost.by_products_memo)


def check_period(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a YYYY-MM month, or a readable error."""
    try:
        return month_bounds(period)
    except (ValueError, AttributeError) as exc:
        raise JxcError(
            tr("期间应为 YYYY-MM：{p}", "A period must be YYYY-MM: {p}", p=period)
        ) from exc


def _inputs(period: str) -> Inputs:
    start, end = check_period(period)
    hours = {h.cost_object: h for h in WorkHours.select().where(WorkHours.period == period)}
    opening: dict[str, list] = {}
    closing: dict[str, list] = {}
    for row in WipCount.select().where(WipCount.period == period).order_by(WipCount.id):
        (opening if row.kind == "opening" else closing).setdefault(row.cost_object, []).append(row)
    tagged, untagged = sources.overhead(start, end, wo.object_key)
    return Inputs(
        period,
        wo.object_lines(start, end),
        hours,
        opening,
        closing,
        sources.labour(start, end, wo.object_key),
        tagged,
        untagged,
        wo.work_order_index(),
        settings.get("overhead_basis"),
        by_products_memo(end),
    )


def material_of(lines) -> Decimal:
    """Material charged by an object's lines: issues less returns, at ledger values."""
    # issues are negative in the ledger (material charged), returns positive (given back)
    moved = wo.ISSUE_TYPES + wo.RETURN_TYPES
    return -sum((line.value for line in lines if line.doc_type in moved), ZERO)


def _basis(inputs: Inputs, key: str, material: Decimal, completed: Decimal) -> Decimal:
    how = inputs.basis
    hours = inputs.hours.get(key)
    if how == "labour_hours":
        return hours.labour_hours if hours else ZERO
    if how == "machine_hours":
        return hours.machine_hours if hours else ZERO
    return material if how == "material_cost" else completed


def allocate(total: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Shares of `total` in proportion to weights, to the fen; the last share takes the rest."""
    keys = [k for k in sorted(weights) if weights[k] > 0]
    base = sum((weights[k] for k in keys), ZERO)
    out: dict[str, Decimal] = {}
    given = ZERO
    for i, k in enumerate(keys):
        out[k] = total - given if i == len(keys) - 1 else money.money(total * weights[k] / base)
        given += out[k]
    return out


def _object_keys(inputs: Inputs, carry: dict) -> list[str]:
    keys = set(inputs.lines) | set(inputs.hours) | set(inputs.opening) | set(inputs.closing)
    keys |= set(inputs.labour) | set(inputs.tagged)
    keys |= {k for k, c in carry.items() if c.total("ending") or c.closing}
    return sorted(k for k in keys if k)


def _start(inputs: Inputs, key: str, carry: dict) -> ObjectCost:
    lines = inputs.lines.get(key, [])
    number = inputs.index.keys.get(key)
    kind = "job" if number else "step"
    oc = ObjectCost(key, kind)
    oc.receipts = [line for line in lines if line.doc_type in wo.RECEIPT_TYPES]
    oc.completed_qty = sum((line.qty for line in oc.receipts), ZERO)
    oc.item_id = oc.receipts[0].item_id if oc.receipts else None
    if number:  # a work order costs its own product (its first line)
        oc.item_id = inputs.index.items.get(number) or oc.item_id
    oc.added["material"] = material_of(lines)
    oc.added["labour"] = inputs.labour.get(key, ZERO)
    oc.closing = inputs.closing.get(key, [])
    opening = inputs.opening.get(key)
    if opening:
        for e in ELEMENTS:
            oc.beginning[e] = sum((getattr(r, e) for r in opening), ZERO)
    elif key in carry:
        oc.beginning = dict(carry[key].ending)
    if oc.item_id is None and (oc.closing or opening):
        oc.item_id = (oc.closing or opening)[0].item_id
    _exclude_by_products(oc, inputs.shares(oc.item_id))
    return oc


def _exclude_by_products(oc: ObjectCost, shares: dict) -> None:
    """Completed units count the main product only: by-products take a cost share."""
    main = [line for line in oc.receipts if line.item_id not in shares]
    if shares and main:
        oc.completed_qty = sum((line.qty for line in main), ZERO)


def _apply_overhead(inputs: Inputs, costs: dict[str, ObjectCost]) -> None:
    weights = {k: _basis(inputs, k, c.added["material"], c.completed_qty) for k, c in costs.items()}
    shares = allocate(inputs.untagged, weights) if inputs.untagged else {}
    rate_text = settings.get("overhead_rate")
    for key, oc in costs.items():
        oc.actual_overhead = inputs.tagged.get(key, ZERO) + shares.get(key, ZERO)
        if rate_text:
            oc.applied_overhead = money.money(money.D(rate_text) * weights[key])
        else:
            oc.applied_overhead = oc.actual_overhead
        oc.added["overhead"] = oc.applied_overhead


def _opening_units(inputs: Inputs, key: str, carry: dict) -> list:
    """The beginning WIP rows (qty, 完工率): this month's 期初, else last month's 期末."""
    if inputs.opening.get(key):
        return inputs.opening[key]
    return carry[key].closing if key in carry else []


def split(oc: ObjectCost, fifo: bool, opening_rows: list) -> None:
    """Ending WIP, equivalent units, unit cost and transfer per element (module docstring)."""
    for e in ELEMENTS:
        total = oc.beginning[e] + oc.added[e]
        attr = PCT[e]
        wip_eu = sum((r.qty * getattr(r, attr) / 100 for r in oc.closing), ZERO)
        if fifo:
            done_before = sum((r.qty * getattr(r, attr) / 100 for r in opening_rows), ZERO)
            units = oc.completed_qty - done_before + wip_eu
            basis = oc.added[e]
        else:
            units = oc.completed_qty + wip_eu
            basis = total
        if not oc.closing:
            ending = ZERO if oc.completed_qty > 0 else total
        elif units > 0:
            ending = money.money(basis * wip_eu / units)
        else:
            ending = total
        oc.eu[e] = money.qty(units) if units > 0 else ZERO
        oc.cpu[e] = money.price(basis / units) if units > 0 else ZERO
        oc.ending[e] = ending
        oc.transferred[e] = total - ending


def uses_fifo(oc: ObjectCost, method: str | None = None) -> bool:
    """FIFO equivalent units apply to process steps when the company chose fifo
    (`method`: process_cost_method when the caller has read it already)."""
    if oc.kind != "step":
        return False
    return (method or settings.get("process_cost_method")) == "fifo"


def opening_rows(period: str) -> dict[str, list]:
    """Every object's 期初 rows of a month, in one query."""
    out: dict[str, list] = {}
    query = WipCount.select().where((WipCount.period == period) & (WipCount.kind == "opening"))
    for row in query.order_by(WipCount.id):
        out.setdefault(row.cost_object, []).append(row)
    return out


def opening_units_of(period: str, key: str, carry: dict) -> list:
    """Beginning WIP rows of an object: the month's 期初, else last month's 期末."""
    rows = list(
        WipCount.select().where(
            (WipCount.period == period)
            & (WipCount.kind == "opening")
            & (WipCount.cost_object == key)
        )
    )
    return rows or (carry[key].closing if key in carry else [])


def compute_month(period: str, carry: dict | None = None) -> dict[str, ObjectCost]:
    """Every cost object's costs for one month, from the ledger as it stands (no writes)."""
    carry = carry or {}
    inputs = _inputs(period)
    costs = {k: _start(inputs, k, carry) for k in _object_keys(inputs, carry)}
    _apply_overhead(inputs, costs)
    method = settings.get("process_cost_method")
    for key, oc in costs.items():
        split(oc, uses_fifo(oc, method), _opening_units(inputs, key, carry))
    return costs


def first_period() -> str | None:
    """The first month with production activity (issues, receipts, hours or WIP)."""
    row = execute(
        "SELECT MIN(d.date) FROM document d WHERE d.status = 'approved' "
        "AND d.doc_type IN ('SCLL', 'CPRK')"
    ).fetchone()
    found = [str(row[0])[:7]] if row and row[0] else []
    for model in (WipCount, WorkHours):
        first = model.select(model.period).order_by(model.period).first()
        if first:
            found.append(first.period)
    return min(found) if found else None


def next_period(period: str) -> str:
    """YYYY-MM of the following month."""
    year, month = (int(p) for p in period.split("-"))
    return f"{year + (month == 12):04d}-{month % 12 + 1:02d}"


def carry_into(period: str) -> dict[str, ObjectCost]:
    """What every object held at the end of the month before `period` (months in order)."""
    check_period(period)
    current = first_period()
    carry: dict[str, ObjectCost] = {}
    while current is not None and current < period:
        carry = compute_month(current, carry)
        current = next_period(current)
    return carry


def compute(period: str) -> list[ObjectCost]:
    """The month's costs, with beginning WIP carried from earlier months; steps in order."""
    costs = compute_month(period, carry_into(period))
    start, end = check_period(period)
    return in_cost_order(costs, wo.object_lines(start, end))


def order_key(costs: dict[str, ObjectCost]):
    """Deepest products first (low-level code), then process steps by seq, then by name."""
    from jxc_desktop.engine.production.bom import low_level_codes

    llc = low_level_codes()
    seq = {s.code: s.seq for s in ProcessStep.select()}
    return lambda oc: (-llc.get(oc.item_id, 0), seq.get(oc.key, 0), oc.key)


def dependencies(costs: dict[str, ObjectCost], lines: dict) -> dict[str, set[str]]:
    """For each object, the objects that received (CPRK) an item it issued (SCLL)."""
    makes: dict[int, set[str]] = {}
    for oc in costs.values():
        for line in oc.receipts:
            makes.setdefault(line.item_id, set()).add(oc.key)
    before: dict[str, set[str]] = {k: set() for k in costs}
    for k in costs:
        for line in lines.get(k, []):
            if line.doc_type in wo.ISSUE_TYPES:
                before[k] |= makes.get(line.item_id, set()) - {k}
    return before


def cost_waves(costs: dict[str, ObjectCost], lines: dict) -> list[list[ObjectCost]]:
    """Objects in waves: each wave only issues what earlier waves produced.

    Sequential steps pass their output through stock (CPRK, then SCLL to the next
    step), so producers are settled before their consumers' material is read. A loop
    between objects is broken by order_key.
    """
    key = order_key(costs)
    before = dependencies(costs, lines)
    waves: list[list[ObjectCost]] = []
    done: set[str] = set()
    left = sorted(costs.values(), key=key)
    while left:
        ready = [oc for oc in left if before[oc.key] <= done] or left[:1]
        waves.append(ready)
        done |= {oc.key for oc in ready}
        left = [oc for oc in left if oc.key not in done]
    return waves


def in_cost_order(costs: dict[str, ObjectCost], lines: dict) -> list[ObjectCost]:
    """The objects wave by wave (see cost_waves)."""
    return [oc for wave in cost_waves(costs, lines) for oc in wave]
