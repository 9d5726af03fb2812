"""Inspection plans (检验方案) per item and stage, sampling, and the quarantine warehouse.

A plan says how an item is inspected at one stage: 来料检验 incoming (after a purchase
receipt), 工序检验 process (during a work order), 完工检验 final (at a finished goods
receipt). Sampling is 全检 full (every unit), 固定数量 fixed n, or 按比例 a percentage
with a minimum, rounded up to whole units and never above the inspected quantity.
Rejected goods go to the plan's quarantine (不合格品) warehouse, else to the company's
default (`jxc config set quarantine_warehouse CODE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from jxc_desktop.engine import lookup, money, settings
from jxc_desktop.engine.errors import NotFound, Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.base import now
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.masterdata import Item, Warehouse
from jxc_desktop.models.quality import SAMPLINGS, STAGES, InspectionPlan

STAGE_LABELS = {
    "incoming": ("来料检验", "Incoming"),
    "process": ("工序检验", "In-process"),
    "final": ("完工检验", "Final"),
}
SAMPLING_LABELS = {
    "full": ("全检", "Full"),
    "fixed": ("固定数量", "Fixed quantity"),
    "percent": ("按比例", "Percentage"),
}
# the document an inspection names decides its stage
STAGE_OF_SOURCE = {"CGRK": "incoming", "SCDD": "process", "CPRK": "final"}


def stage_label(stage: str) -> str:
    return tr(*STAGE_LABELS.get(stage, (stage, stage)))


def sampling_label(sampling: str) -> str:
    return tr(*SAMPLING_LABELS.get(sampling, (sampling, sampling)))


def parse_choice(text: str, labels: dict) -> str | None:
    """A stage or sampling from its key or its Chinese or English name."""
    text = (text or "").strip()
    for key, (zh, en) in labels.items():
        if text.lower() in (key, en.lower()) or text == zh:
            return key
    return None


@dataclass
class PlanData:
    """A plan as a user or a sheet gives it (codes or model objects)."""

    item: Item | str
    stage: str
    sampling: str = "full"
    sample_qty: Decimal | str | int = 0
    sample_percent: Decimal | str | int = 0
    criteria: str = ""
    quarantine_warehouse: Warehouse | str | None = None
    active: bool = True


def _number(value, label: str, places: int, problems: list[Problem]) -> Decimal:
    try:
        d = money.D(value if value not in (None, "") else 0)
    except money.NotExactNumber:
        problems.append(Problem(tr("不是有效的数字", "not a valid number") + f": {value}", label))
        return Decimal(0)
    if d < 0 or money.places_of(d) > places:
        problems.append(
            Problem(
                tr(
                    "应为不超过 {p} 位小数的非负数",
                    "must be non-negative with at most {p} decimals",
                    p=places,
                ),
                label,
            )
        )
        return Decimal(0)
    return d


def _item(value, problems: list[Problem]) -> Item | None:
    item = value if isinstance(value, Item) else lookup.item_by_code(value or "")
    if item is None:
        problems.append(
            Problem(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=value or ""), "item")
        )
    return item


def _warehouse(value, problems: list[Problem]) -> Warehouse | None:
    if value is None or value == "" or isinstance(value, Warehouse):
        return value or None
    found = lookup.warehouse_by_code(value)
    if found is None:
        problems.append(
            Problem(
                tr("仓库“{c}”不存在", "Warehouse '{c}' does not exist", c=value),
                "quarantine_warehouse",
            )
        )
    return found


def build_plan(data: PlanData) -> dict:
    """Checks a plan and returns its field values; raises ValidationError with every problem."""
    problems: list[Problem] = []
    row = {"item": _item(data.item, problems), "criteria": (data.criteria or "").strip()}
    stage = data.stage if data.stage in STAGES else parse_choice(data.stage, STAGE_LABELS)
    sampling = (
        data.sampling
        if data.sampling in SAMPLINGS
        else parse_choice(data.sampling, SAMPLING_LABELS)
    )
    if stage is None:
        problems.append(Problem(tr("检验阶段无效", "Invalid stage") + f": {data.stage}", "stage"))
    if sampling is None:
        problems.append(
            Problem(tr("抽样方式无效", "Invalid sampling") + f": {data.sampling}", "sampling")
        )
    n = _number(data.sample_qty, "sample_qty", money.QTY_PLACES, problems)
    pct = _number(data.sample_percent, "sample_percent", money.RATE_PLACES, problems)
    if sampling == "fixed" and n <= 0:
        problems.append(
            Problem(tr("固定抽样须填写样本量", "Fixed sampling needs a sample size"), "sample_qty")
        )
    if sampling == "percent" and not 0 < pct <= 100:
        problems.append(
            Problem(
                tr("抽样比例应在 0 到 100 之间", "The percentage must be above 0 and at most 100"),
                "sample_percent",
            )
        )
    row.update(
        stage=stage,
        sampling=sampling,
        sample_qty=n,
        sample_percent=pct,
        quarantine_warehouse=_warehouse(data.quarantine_warehouse, problems),
        active=bool(data.active),
    )
    require(problems)
    return row


def save_plan(data: PlanData) -> InspectionPlan:
    """Creates the item's plan for the stage, or replaces the one it has."""
    row = build_plan(data)
    with write_transaction():
        plan = plan_for(row["item"], row["stage"], active_only=False)
        if plan is None:
            plan = InspectionPlan.create(**row)
        else:
            for key, value in row.items():
                setattr(plan, key, value)
            plan.updated_at = now()
            plan.save()
        audit("quality.plan.save", row["item"].code, row["stage"])
    return plan


def delete_plan(plan_id: int) -> None:
    """Deletes a plan; inspections already made keep their own sample sizes."""
    with write_transaction():
        plan = InspectionPlan.get_or_none(InspectionPlan.id == plan_id)
        if plan is None:
            raise NotFound(tr("检验方案不存在", "No such inspection plan"))
        audit("quality.plan.delete", plan.item.code, plan.stage)
        plan.delete_instance()


def plan_for(item: Item | int, stage: str, active_only: bool = True) -> InspectionPlan | None:
    item_id = item.id if isinstance(item, Item) else item
    query = InspectionPlan.select().where(
        (InspectionPlan.item == item_id) & (InspectionPlan.stage == stage)
    )
    if active_only:
        query = query.where(InspectionPlan.active == True)  # noqa: E712
    return query.first()


def plans_for(item_ids, stage: str) -> dict[int, InspectionPlan]:
    """The active plans of many items at one stage, by item id (one query per 500)."""
    ids, out = sorted(set(item_ids)), {}
    for start in range(0, len(ids), 500):
        query = InspectionPlan.select().where(
            InspectionPlan.item.in_(ids[start : start + 500])
            & (InspectionPlan.stage == stage)
            & (InspectionPlan.active == True)  # noqa: E712
        )
        out.update({p.item_id: p for p in query})
    return out


def list_plans() -> list[InspectionPlan]:
    return list(
        InspectionPlan.select(InspectionPlan, Item)
        .join(Item, on=(InspectionPlan.item == Item.id))
        .order_by(Item.code, InspectionPlan.stage)
    )


def sample_size(plan: InspectionPlan | None, inspected: Decimal) -> Decimal:
    """How many units to inspect out of `inspected` (全检 without a plan)."""
    if plan is None or plan.sampling == "full":
        return inspected
    if plan.sampling == "fixed":
        return min(plan.sample_qty, inspected)
    share = (inspected * plan.sample_percent / 100).to_integral_value(rounding=ROUND_CEILING)
    return min(max(share, plan.sample_qty), inspected)


def default_quarantine() -> Warehouse | None:
    """The company's quarantine warehouse setting, if it names an existing warehouse."""
    code = settings.get("quarantine_warehouse")
    return lookup.warehouse_by_code(code) if code else None


def quarantine_for(item: Item | int, stage: str) -> Warehouse | None:
    """Where an item's rejected goods go at a stage: the plan's warehouse or the default."""
    plan = plan_for(item, stage)
    if plan is not None and plan.quarantine_warehouse_id:
        return plan.quarantine_warehouse
    return default_quarantine()
