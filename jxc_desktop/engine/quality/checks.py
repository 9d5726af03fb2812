"""`jxc check` for quality control: results add up, quarantine moves match the rejects."""

from __future__ import annotations

from jxc_desktop.engine.checks import register
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.db import execute


@register("inspection_results")
def _results_add_up() -> list[str]:
    """Every line of a saved 质检单 has results; accepted + rejected + concession = qty."""
    rows = execute(
        "SELECT d.number, l.line_no, r.id, l.qty, r.accepted + r.rejected + r.concession "
        "FROM document_line l JOIN document d ON d.id = l.document_id "
        "LEFT JOIN inspection_result r ON r.line_id = l.id "
        "WHERE d.doc_type = 'ZJD' AND d.status <> 'void' "
        "AND (r.id IS NULL OR r.accepted + r.rejected + r.concession <> l.qty)"
    ).fetchall()
    return [
        tr(
            "质检单 {n} 第 {l} 行的检验结果与检验数量不符",
            "inspection {n} line {l}: results do not add up to the inspected quantity",
            n=number,
            l=line_no,
        )
        for number, line_no, *_ in rows
    ]


@register("inspection_quarantine")
def _quarantine_moves() -> list[str]:
    """An approved 质检单 moved exactly its rejected receipt quantities into quarantine."""
    rows = execute(
        "SELECT d.number, l.line_no, d.status, l.qty, l.base_qty, r.rejected, "
        "(SELECT COALESCE(SUM(m.qty), 0) FROM stock_move m WHERE m.line_id = l.id "
        "AND m.warehouse_id = r.quarantine_warehouse_id AND m.kind IN ('move', 'reverse')) "
        "FROM document_line l JOIN document d ON d.id = l.document_id "
        "JOIN inspection_result r ON r.line_id = l.id "
        "JOIN document_line s ON s.id = l.source_line_id JOIN document sd ON sd.id = s.document_id "
        "WHERE d.doc_type = 'ZJD' AND sd.doc_type IN ('CGRK', 'CPRK')",
    ).fetchall()
    out = []
    for number, line_no, status, qty, base_qty, rejected, moved in rows:
        # rejected in the base unit, in 1e-4 units like stock_move.qty (rounded half-up)
        want = (rejected * base_qty + qty // 2) // qty if status == "approved" and qty else 0
        if moved != want:
            out.append(
                tr(
                    "质检单 {n} 第 {l} 行转入不合格品仓库的数量不等于不合格数量",
                    "inspection {n} line {l}: quarantine moves differ from the rejected quantity",
                    n=number,
                    l=line_no,
                )
            )
    return out
