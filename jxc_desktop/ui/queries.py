"""STOP-GAP read helpers for the GUI's 首页 and status bar.

The engine has no "company summary" query yet; these few read-only lookups live here
until one exists (asked for in the UI report). They never write.
"""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.session import ADMIN_USERNAME, current_user
from jxc_desktop.models.company import Period
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, Partner, Warehouse


@dataclass
class Header:
    """Who and when: cheap to read, shown at once."""

    company: str
    taxpayer_type: str
    start_period: str
    current_period: str
    user: str


def current_period() -> str:
    """The first period not yet closed (the one a clerk is working in)."""
    period = Period.select().where(~Period.closed).order_by(Period.code).first()
    return period.code if period else ""


def user_name(user) -> str:
    """The signed-in user as shown; the built-in administrator's name, made in the
    language the company was set up in, follows the language on screen."""
    if user is None:
        return ""
    if user.username == ADMIN_USERNAME and user.display_name in ("系统管理员", "Administrator"):
        return etr("系统管理员", "Administrator")
    return user.display_name


def header() -> Header:
    company = get_company()
    user = current_user()
    return Header(
        company=company.name,
        taxpayer_type=company.taxpayer_type,
        start_period=company.start_period,
        current_period=current_period(),
        user=user_name(user),
    )


def counts() -> dict[str, int]:
    """Active base data and all documents; a table scan on big data, so the GUI reads
    it on the worker thread."""
    partners = Partner.select().where(Partner.active)
    return {
        "items": Item.select().where(Item.active).count(),
        "customers": partners.where(Partner.kind == "customer").count(),
        "suppliers": partners.where(Partner.kind == "supplier").count(),
        "warehouses": Warehouse.select().where(Warehouse.active).count(),
        "documents": Document.select().count(),
        # 首页 › 开始使用: an approved 期初库存, and whether anything was approved yet
        "opening_stock": int(
            Document.select()
            .where((Document.doc_type == "QCKC") & (Document.status == "approved"))
            .exists()
        ),
        "approved": int(Document.select().where(Document.status == "approved").exists()),
    }
