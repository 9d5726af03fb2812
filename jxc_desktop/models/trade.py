"""Tables of the trade module (created by schema step 3; see schema.py)."""

from __future__ import annotations

# Every table of this module, in creation order (parents before children).
MODELS: list = []
# Ledger tables whose rows are never updated or deleted (guarded by triggers).
APPEND_ONLY: list[str] = []
