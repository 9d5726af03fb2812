"""The months a query for one item's stock moves names.

stock_move's per-item index is (month, item, warehouse, date, time, id): it leads with
the move's month so that an approval's new entries land in the small part of the index
for their month (see StockMove.month). A query for the moves of an item therefore says
which months to look in, `month IN (...)`, and reads one short range of the index per
month. Without the months, the database could use the index only by reading all of it.

The months are those of the ledger itself (its first to its last move), narrowed to the
dates a query asks for: on a ledger of ten years that is at most 120 short ranges.
"""

from __future__ import annotations

from jxc_desktop.models.db import execute
from jxc_desktop.models.stock import month_of, months_from

# A century of months. A ledger spanning more has a mistyped year (a move in 2926): every
# month in between would become a parameter of each query by item, so the months that
# really hold moves are read instead (one pass over the month index).
LONGEST_SPAN = 1200


def span(first=None, last=None) -> list[str]:
    """The months 'YYYY-MM' from the ledger's first move (or `first`, a date, if later)
    to its last (or `last`, if earlier); [] on an empty ledger."""
    # two queries: SQLite answers a lone MIN or MAX from the date index's end
    (low,) = execute("SELECT MIN(date) FROM stock_move").fetchone()
    if low is None:
        return []
    (high,) = execute("SELECT MAX(date) FROM stock_move").fetchone()
    low, high = month_of(low), month_of(high)
    if first is not None:
        low = max(low, month_of(first))
    if last is not None:
        high = min(high, month_of(last))
    months = months_from(low, high)
    if len(months) > LONGEST_SPAN:  # a mistyped year: name the months that hold moves
        rows = execute(
            "SELECT DISTINCT month FROM stock_move WHERE month >= ? AND month <= ?", (low, high)
        )
        months = sorted(m for (m,) in rows)
    return months


def clause(first=None, last=None, column: str = "month") -> tuple[str, list[str]]:
    """`column IN (...)` naming the months of span(first, last), and its parameters
    ('1 = 0' when there are none: the ledger holds nothing in those dates)."""
    months = span(first, last)
    if not months:
        return "1 = 0", []
    return f"{column} IN ({', '.join('?' * len(months))})", months


def item_has_moves(item_id: int) -> bool:
    """Whether the ledger holds any move of the item (it constrains edits and deletion)."""
    months, args = clause()
    row = execute(
        f"SELECT 1 FROM stock_move WHERE {months} AND item_id = ? LIMIT 1", args + [item_id]
    )
    return row.fetchone() is not None
