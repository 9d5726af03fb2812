"""`jxc cost run YYYY-MM`: settles the completed goods' cost into the stock ledger.

The run computes the month (costing.py) object by object, deepest products first, and
for every 产品入库 CPRK line of the month writes the difference between the cost the
line must carry (the object's transferred-out cost shared over its receipt lines by
quantity, the last line taking the rest) and the value it has now, as a line of an
approved 成本调整 CBTZ dated like the receipt (same date and time, same warehouse,
location and batch; 源单 = the CPRK line). The inventory engine posts it as a value
adjustment of the pool and re-values every later move of that pool — issues of the
product to the next step or to customers follow. A CPRK line's settled cost is its
own value plus those adjustments (workorders.adjustment_values).

Run again (until the month is closed): the previous run's adjustments are
un-approved and voided first, so the result is the same as a first run. While a run's
adjustment names a receipt, that receipt cannot be un-approved (undo the run first).
Vouchers: the completed goods' cost reaches the books through the CBTZ adjustments
(finance's rule for a 成本调整 naming a receipt: Dr 1405 / Cr 4001). The overhead the run
charges (applied at the predetermined rate, or the actual 4101 allocated) is handed to
the hooks registered with `on_cost_run` as entries (Dr 4001 per object / Cr 4101); the
finance module registers one that writes them as a voucher of kind 'cost_run', and one
with `on_cost_undo` that removes it. Both run inside the run's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import documents, money, settings
from jxc_desktop.engine.company import is_period_closed
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import costing
from jxc_desktop.engine.production import workorders as wo
from jxc_desktop.engine.production.bom_cost import by_products_memo, split_by_products
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.production import CostRunDocument


@dataclass(frozen=True)
class Entry:
    """One voucher line the run asks for (amounts in CNY, exactly one side non-zero)."""

    account: str
    debit: Decimal
    credit: Decimal
    cost_object: str
    summary: str


_RUN_HOOKS: list[Callable] = []
_UNDO_HOOKS: list[Callable] = []


def on_cost_run(hook: Callable) -> Callable:
    """Registers hook(period, entries) -> list[str] | None, called after each run."""
    _RUN_HOOKS.append(hook)
    return hook


def on_cost_undo(hook: Callable) -> Callable:
    """Registers hook(period) -> None, called when a run is undone (also before a re-run)."""
    _UNDO_HOOKS.append(hook)
    return hook


def overhead_entries(period: str, objects: list) -> list[Entry]:
    """Dr 4001 per cost object / Cr 4101 for the overhead the run charged."""
    text = tr("{p} 分配制造费用", "{p} overhead allocation", p=period)
    debits = [
        Entry("4001", oc.added["overhead"], Decimal(0), oc.key, text)
        for oc in objects
        if oc.added["overhead"]
    ]
    total = sum((e.debit for e in debits), Decimal(0))
    return debits + ([Entry("4101", Decimal(0), total, "", text)] if total else [])


@dataclass
class CostRunResult:
    period: str
    objects: list[costing.ObjectCost] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        lines = [
            tr(
                "{p} 成本计算完成：成本对象 {n} 个，成本调整单 {d} 张",
                "{p} costed: {n} cost objects, {d} cost adjustments",
                p=self.period,
                n=len(self.objects),
                d=len(self.documents),
            )
        ]
        for oc in self.objects:
            lines.append(
                f"  {oc.key}: {tr('完工', 'completed')} {money.format_qty(oc.completed_qty)}, "
                f"{tr('完工成本', 'cost')} {money.format_money(oc.total('transferred'))}, "
                f"{tr('在产品', 'WIP')} {money.format_money(oc.total('ending'))}"
            )
        return lines + self.messages


def undo(period: str) -> int:
    """Un-approves and voids the adjustments of the month's last run; returns how many."""
    start, _end = costing.check_period(period)
    if is_period_closed(start):
        raise StateError(tr("{p} 已结账", "{p} is closed", p=period))
    n = 0
    with write_transaction():
        links = CostRunDocument.select().where(
            (CostRunDocument.period == period) & CostRunDocument.document.is_null(False)
        )
        for link in links:
            doc = Document.get_by_id(link.document_id)
            if doc.status == "approved":
                documents.unapprove(doc.id)
            if doc.status != "void":
                documents.void(doc.id)
            n += 1
        CostRunDocument.delete().where(CostRunDocument.period == period).execute()
        for hook in _UNDO_HOOKS:
            hook(period)
        if n:
            audit("cost.undo", period)
    return n


def _by_qty(total: Decimal, lines) -> dict[int, Decimal]:
    shares = costing.allocate(total, {str(line.line_id): line.qty for line in lines})
    return {int(k): v for k, v in shares.items()}


def _targets(oc: costing.ObjectCost, shares_of) -> dict[int, Decimal]:
    """The transferred-out cost over the receipt lines: by-products take their BOM cost
    share, the main product the rest, each shared over its lines by quantity."""
    total = oc.total("transferred")
    shares = shares_of(oc.item_id)
    groups: dict[int | None, list] = {}
    for line in oc.receipts:
        groups.setdefault(line.item_id if line.item_id in shares else None, []).append(line)
    if None not in groups:  # no main product received: the receipts take it all
        return _by_qty(total, oc.receipts)
    main, parts = split_by_products(total, {i: shares[i] for i in groups if i is not None})
    out = _by_qty(main, groups[None])
    for item_id, part in parts.items():
        out.update(_by_qty(part, groups[item_id]))
    return out


def _settle(period: str, targets: dict[int, tuple[Decimal, str]]) -> list[str]:
    """Posts the adjustments of a wave, receipt documents in time order.

    A value adjustment re-values the later moves of its pool; a receipt entered at
    book cost is such a move. Settling in time order, each delta read just before it
    is posted, means no adjustment disturbs a receipt settled before it.
    """
    lines = list(DocumentLine.select().where(DocumentLine.id.in_(list(targets))))
    by_doc: dict[int, list[DocumentLine]] = {}
    for line in lines:
        by_doc.setdefault(line.document_id, []).append(line)
    receipts = sorted(
        Document.select().where(Document.id.in_(list(by_doc))),
        key=lambda d: (d.date, d.time, d.id),
    )
    numbers = []
    for receipt in receipts:
        doc_lines = sorted(by_doc[receipt.id], key=lambda x: x.line_no)
        ids = [x.id for x in doc_lines]
        values = wo.line_values(ids)
        adjust = wo.adjustment_values(ids)
        inputs = []
        for line in doc_lines:
            target, key = targets[line.id]
            now_value = money.from_scaled(values.get(line.id, 0) + adjust.get(line.id, 0), 2)
            if target != now_value:
                inputs.append(_adjustment_line(period, line, key, target - now_value))
        if inputs:
            numbers.append(_post(period, receipt, inputs))
    return numbers


def _adjustment_line(period: str, line: DocumentLine, key: str, delta: Decimal) -> LineInput:
    return LineInput(
        item=line.item,
        amount=delta,
        location=line.location,
        batch_no=line.batch_no,
        source_line=line,
        cost_object=key,
        remarks=tr("成本计算 {p}", "cost run {p}", p=period),
    )


def _post(period: str, receipt: Document, lines: list[LineInput]) -> str:
    data = DocumentInput(
        "CBTZ",
        receipt.date,
        lines,
        time=receipt.time,
        warehouse=receipt.warehouse,
        remarks=tr("成本计算 {p}：{n}", "cost run {p}: {n}", p=period, n=receipt.number),
    )
    doc = documents.save_draft(data)
    documents.approve(doc.id)
    CostRunDocument.create(period=period, document=doc)
    return doc.number


def _unallocated_overhead(period: str, start, end, objects) -> list[str]:
    """A warning when 4101 overhead found no object to carry it (the basis has no data)."""
    from jxc_desktop.engine import settings
    from jxc_desktop.engine.production import costing_sources

    tagged, untagged = costing_sources.overhead(start, end, wo.object_key)
    actual = sum(tagged.values(), Decimal(0)) + untagged
    allocated = sum((oc.actual_overhead for oc in objects), Decimal(0))
    if actual == allocated:
        return []
    return [
        tr(
            "注意：{p} 有制造费用 {a} 未能分配（分配标准 {b} 没有数据），仍留在 4101",
            "Note: {a} of overhead in {p} could not be allocated (no data for the basis "
            "{b}); it stays in 4101",
            p=period,
            a=money.money(actual - allocated),
            b=settings.get("overhead_basis"),
        )
    ]


def run_cost(period: str) -> CostRunResult:
    """Costs the month and writes the completed goods' cost (see the module docstring)."""
    start, end = costing.check_period(period)
    if is_period_closed(start):
        raise StateError(
            tr("{p} 已结账，不能再做成本计算", "{p} is closed; it cannot be costed", p=period)
        )
    result = CostRunResult(period)
    with write_transaction():
        undo(period)
        carry = costing.carry_into(period)
        first = costing.compute_month(period, carry)
        month_lines = wo.object_lines(start, end)
        # read once for the whole run, not per cost object
        method = settings.get("process_cost_method")
        openings = costing.opening_rows(period)
        shares = by_products_memo(end)
        for wave in costing.cost_waves(first, month_lines):
            targets: dict[int, tuple[Decimal, str]] = {}
            for oc in wave:
                # earlier waves' adjustments may have re-valued this one's issues
                lines = wo.refreshed(month_lines.get(oc.key, []))
                oc.added["material"] = costing.material_of(lines)
                fifo = costing.uses_fifo(oc, method)
                opening = openings.get(oc.key) or (carry[oc.key].closing if oc.key in carry else [])
                costing.split(oc, fifo, opening)
                oc.receipts = [line for line in lines if line.doc_type == "CPRK"]
                targets.update({lid: (t, oc.key) for lid, t in _targets(oc, shares).items()})
                result.objects.append(oc)
            result.documents += _settle(period, targets)
        result.entries = overhead_entries(period, result.objects)
        result.messages += _unallocated_overhead(period, start, end, result.objects)
        for hook in _RUN_HOOKS:
            result.messages += hook(period, result.entries) or []
        CostRunDocument.create(period=period, document=None)
        audit("cost.run", period, f"{len(result.documents)} adjustments")
    return result
