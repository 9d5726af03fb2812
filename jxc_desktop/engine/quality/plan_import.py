"""`jxc import inspection-plans FILE`: 商品编码, 检验阶段, 抽样方式, 样本量, 检验项目, 不合格品仓库.

One row per item and stage (来料检验 / 工序检验 / 完工检验, or incoming / process /
final); 抽样方式 is 全检, 固定数量 (样本量 = n) or 按比例 (样本量 = "10%" or "10%/5":
the percentage and the minimum). A row replaces the item's stored plan for that stage.
Every row is checked first and every problem reported with its row and column; nothing
is written unless the whole file is good.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_read import cell_text, read_rows, sorted_problems
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.quality import plans
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction

COLUMNS = ["商品编码", "检验阶段", "抽样方式", "样本量", "检验项目", "不合格品仓库"]
REQUIRED = ["商品编码", "检验阶段"]
# which column a PlanData field's problem belongs to
FIELD_COLUMNS = {
    "item": "商品编码",
    "stage": "检验阶段",
    "sampling": "抽样方式",
    "sample_qty": "样本量",
    "sample_percent": "样本量",
    "quarantine_warehouse": "不合格品仓库",
}


def _sample(text: str) -> tuple[str, str]:
    """样本量 as (fixed n or minimum, percent): "20" → ("20", "0"), "10%/5" → ("5", "10")."""
    text = text.replace("％", "%").replace(" ", "")
    if "%" not in text:
        return text or "0", "0"
    pct, _, minimum = text.partition("%")
    return minimum.lstrip("/") or "0", pct


def _plan_data(row) -> plans.PlanData:
    cells = {c: cell_text(row.cells.get(c)) for c in COLUMNS}
    n, pct = _sample(cells["样本量"])
    return plans.PlanData(
        item=cells["商品编码"],
        stage=cells["检验阶段"],
        sampling=cells["抽样方式"] or "full",
        sample_qty=n,
        sample_percent=pct,
        criteria=cells["检验项目"],
        quarantine_warehouse=cells["不合格品仓库"] or None,
    )


def import_plans(path) -> int:
    """Imports an inspection-plan sheet; all or nothing. Returns the number of plans."""
    problems: list[Problem] = []
    rows = list(read_rows(path, COLUMNS, REQUIRED, problems))
    checked, seen = [], {}
    for row in rows:
        data = _plan_data(row)
        try:
            checked.append(plans.build_plan(data))
        except ValidationError as exc:
            problems += [
                Problem(p.message, row=row.number, column=FIELD_COLUMNS.get(p.field, p.field))
                for p in exc.problems
            ]
            continue
        key = (checked[-1]["item"].id, checked[-1]["stage"])
        if key in seen:
            problems.append(
                Problem(
                    tr("与第 {r} 行重复", "repeats row {r}", r=seen[key]),
                    row=row.number,
                    column="检验阶段",
                )
            )
        seen[key] = row.number
    if problems:
        raise ValidationError(sorted_problems(problems, COLUMNS))
    with write_transaction():
        for row in checked:
            data = plans.PlanData(**{k: v for k, v in row.items()})
            plans.save_plan(data)
        audit("quality.plan.import", str(path), str(len(checked)))
    return len(checked)


def write_template(path: Path) -> Path:
    """An empty sheet with the headers, and a second sheet explaining them."""
    book = Workbook()
    sheet = book.active
    sheet.title = tr("检验方案", "Inspection plans")
    sheet.append(COLUMNS)
    notes = book.create_sheet(tr("说明", "Notes"))
    for line in [
        ("商品编码", tr("商品编码或条码", "item code or barcode")),
        ("检验阶段", "来料检验 / 工序检验 / 完工检验"),
        ("抽样方式", "全检 / 固定数量 / 按比例"),
        ("样本量", tr("固定数量：20；按比例：10%/5（10%，至少 5）", "fixed: 20; percent: 10%/5")),
        ("检验项目", tr("检验内容与标准", "what to check, and the limits")),
        ("不合格品仓库", tr("仓库编码；空 = 公司默认", "warehouse code; empty = default")),
    ]:
        notes.append(list(line))
    book.save(path)
    return path
