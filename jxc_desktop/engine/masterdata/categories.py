"""Item categories (商品分类): a tree by parent code; cycles are refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from jxc_desktop.engine.errors import Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata import common as c
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.masterdata import Item, ItemCategory


@dataclass
class CategoryData:
    code: str
    name: str
    parent: str | None = None  # parent category code


@dataclass
class CategoryNode:
    id: int
    code: str
    name: str
    active: bool
    children: list[CategoryNode] = field(default_factory=list)


def validate_category(data: CategoryData, category_id: int | None = None) -> list[Problem]:
    problems: list[Problem] = []
    code = c.required_code(problems, "code", data.code, tr("分类编码", "Category code"))
    c.required_text(problems, "name", data.name, tr("分类名称", "Category name"))
    other = ItemCategory.get_or_none(ItemCategory.code == code) if code else None
    if other is not None and other.id != category_id:
        problems.append(
            Problem(tr("分类编码 {c} 已存在", "Category code {c} already exists", c=code), "code")
        )
    parent_code = c.text_of(data.parent)
    if parent_code:
        parent = ItemCategory.get_or_none(ItemCategory.code == parent_code)
        if parent is None:
            problems.append(
                Problem(
                    tr("上级分类 {c} 不存在", "Parent category {c} does not exist", c=parent_code),
                    "parent",
                )
            )
        elif category_id is not None and category_id in _ancestor_ids(parent.id):
            problems.append(
                Problem(
                    tr(
                        "上级分类不能是自己或自己的下级",
                        "A category cannot sit under itself or its own child",
                    ),
                    "parent",
                )
            )
    return problems


def _ancestor_ids(category_id: int) -> set[int]:
    """The category and all its ancestors (guarded against an existing cycle)."""
    parents = dict(ItemCategory.select(ItemCategory.id, ItemCategory.parent).tuples())
    seen: set[int] = set()
    current = category_id
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    return seen


def save_category(data: CategoryData, category_id: int | None = None) -> ItemCategory:
    """Creates or updates a category in one transaction; every problem reported at once."""
    with write_transaction():
        if category_id is not None:
            c.get_or_fail(ItemCategory, category_id, "分类", "Category")
        require(validate_category(data, category_id))
        parent_code = c.text_of(data.parent)
        values = {
            "code": c.text_of(data.code),
            "name": c.text_of(data.name),
            "parent": ItemCategory.get(ItemCategory.code == parent_code) if parent_code else None,
        }
        if category_id is None:
            row = ItemCategory.create(**values)
        else:
            ItemCategory.update(**values).where(ItemCategory.id == category_id).execute()
            row = ItemCategory.get_by_id(category_id)
        audit("category.save", row.code)
    return row


def ensure_category_path(path: str) -> int:
    """The id of a category named by a path like "原材料/包装材料", creating missing levels.

    Used by the items import (分类 column); the created categories use the name as code.
    Call inside the caller's transaction.
    """
    parent = None
    for part in [p.strip() for p in path.split("/") if p.strip()]:
        row = ItemCategory.get_or_none(ItemCategory.code == part)
        if row is None:
            row = ItemCategory.create(code=part, name=part, parent=parent)
            audit("category.create", part, "import")
        parent = row
    return parent.id


def category_tree(include_inactive: bool = True) -> list[CategoryNode]:
    """The category forest, children sorted by code; without inactive ones (and what
    sits under them) unless include_inactive."""
    rows = list(ItemCategory.select().order_by(ItemCategory.code))
    nodes = {r.id: CategoryNode(r.id, r.code, r.name, r.active) for r in rows}
    roots = []
    for r in rows:
        (nodes[r.parent_id].children if r.parent_id in nodes else roots).append(nodes[r.id])
    return roots if include_inactive else _active_only(roots)


def _active_only(nodes: list[CategoryNode]) -> list[CategoryNode]:
    kept = [n for n in nodes if n.active]
    for node in kept:
        node.children = _active_only(node.children)
    return kept


def set_category_active(category_id: int, active: bool) -> None:
    c.set_active(ItemCategory, category_id, active, "category", "分类", "Category")


def delete_category(category_id: int) -> None:
    """Deletes a category without items or sub-categories."""
    row = c.get_or_fail(ItemCategory, category_id, "分类", "Category")
    in_use = (
        Item.select().where(Item.category == category_id).exists()
        or ItemCategory.select().where(ItemCategory.parent == category_id).exists()
    )
    c.delete_row(row, "category.delete", row.code, in_use, "分类", "Category")
