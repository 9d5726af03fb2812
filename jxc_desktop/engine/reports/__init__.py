"""Reports: one registry used by the GUI, `jxc report` and the exports.

A report has stable English keys (documented in docs/REPORTS.md), a column kind per
key (text / money / qty / price / rate / int / date) that decides how values print,
and a function from filter parameters to a list of row dicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from jxc_desktop.engine.i18n import get_language


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str = "text"

    @property
    def label(self) -> str:
        return self.zh if get_language() == "zh_CN" else self.en


@dataclass
class ReportParams:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    item: str | None = None
    warehouse: str | None = None
    partner: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    name: str
    zh: str
    en: str
    columns: list[Column]
    run: Callable[[ReportParams], list[dict]]

    @property
    def title(self) -> str:
        return self.zh if get_language() == "zh_CN" else self.en


REPORTS: dict[str, Report] = {}


def register(report: Report) -> Report:
    REPORTS[report.name] = report
    return report


def load_all() -> dict[str, Report]:
    """Imports every report module so each registers itself."""
    from jxc_desktop.engine.production import capacity_reports  # noqa: F401
    from jxc_desktop.engine.reports import (  # noqa: F401
        accounts,
        finance,
        finance_statements,
        production,
        quality,
        quality_suppliers,
        serials,
        stock,
        stock_alerts,
        trade_ar,
        trade_orders,
        trade_sales,
    )

    return REPORTS
