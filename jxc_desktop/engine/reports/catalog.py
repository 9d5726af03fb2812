"""Writes docs/REPORTS.md from the report registry: `python -m jxc_desktop.engine.reports.catalog`.

A test keeps the file in step with the registry, so the documented keys are the keys.
"""

from __future__ import annotations

import sys

from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.reports import load_all

KIND_TEXT = {
    "money": 'money: decimal string with 2 places ("1234.50")',
    "qty": 'quantity: decimal string with 4 places ("12.0000")',
    "price": "unit price / cost: decimal string with 6 places",
    "rate": "rate / percent: decimal string with 4 places",
    "int": "whole number",
    "date": "date, YYYY-MM-DD",
    "bool": "true / false",
    "text": "text",
}

HEADER = """# Reports

Every report the GUI shows is also `jxc report NAME [--from DATE] [--to DATE]
[--period YYYY-MM] [--item CODE] [--warehouse CODE] [--partner CODE]
[--format table|json|csv|xlsx] [--output FILE]`. JSON is a list of row objects with the
stable English keys below; money, quantities and prices are decimal strings, never
floats. CSV has the same keys as its header row. This file is generated from the report
registry (`python -m jxc_desktop.engine.reports.catalog > docs/REPORTS.md`).
"""


def render() -> str:
    set_language("zh_CN")
    out = [HEADER]
    for name, report in sorted(load_all().items()):
        out.append(f"## `{name}` — {report.zh} ({report.en})\n")
        out.append("| key | 列 | column | value |")
        out.append("|---|---|---|---|")
        for c in report.columns:
            out.append(f"| `{c.key}` | {c.zh} | {c.en} | {KIND_TEXT.get(c.kind, c.kind)} |")
        doc = (report.run.__doc__ or "").strip().split("\n")[0]
        out.append("")
        if doc:
            out.append(doc + "\n")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
