"""Tables of quality control (质检): inspection plans and inspection results.

Created by schema step 5 (see schema.py); append new tables to MODELS, parents first.
"""

from __future__ import annotations

MODELS: list = []

APPEND_ONLY: list[str] = []
