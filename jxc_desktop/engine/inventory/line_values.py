"""What the stock ledger holds for document lines: the value of each line's live moves
(not reversed with their document), revaluations included, in signed fen (issues are
negative). Gross profit reads it for the cost of sales; papers of documents that carry
no price (a transfer, an issue) read it for what they moved."""

from __future__ import annotations

from jxc_desktop.engine.inventory.pool_store import in_query


def live_values(line_ids: list[int], issues_only: bool = False) -> dict[int, int]:
    """Line id -> the signed value of its live moves; `issues_only` counts only the moves
    that took stock out (a transfer's line moves it out and in again)."""
    out: dict[int, int] = {}
    issues = " AND m.qty < 0" if issues_only else ""
    for line_id, value in in_query(
        "SELECT m.line_id, m.value + COALESCE((SELECT SUM(r.value) FROM stock_move r "
        "WHERE r.kind = 'reval' AND r.adjusts_id = m.id), 0) FROM stock_move m "
        f"WHERE m.kind = 'move'{issues} AND m.line_id IN ({{}}) AND NOT EXISTS "
        "(SELECT 1 FROM stock_move x WHERE x.kind = 'reverse' AND x.adjusts_id = m.id)",
        list(line_ids),
    ):
        out[line_id] = out.get(line_id, 0) + value
    return out
