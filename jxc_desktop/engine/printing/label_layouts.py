"""Label layouts (标签版式): the presets and the user's own sizes, written as one spec.

A spec is what the CLI's `--layout`, the label dialogs and the `label_layout` setting
carry:

- a preset: `roll-50x30`, `roll-40x30`, `a4-3x8`;
- a roll (one label per page of that size, in mm): `60x40` or `roll-60x40`;
- a sheet of columns × rows: `a4:3x8`, `a4:2x7`, `a5:2x4`; the label size is computed
  from the margins and gaps, or given after a second colon (`a4:3x8:63.5x33.9`, then
  the grid is centred on the page);
- optional `;margin=LEFT,TOP` and `;gap=X,Y` (mm) after a sheet.

`x`, `X`, `×` and `*` all separate two sizes. Sizes are geometry in millimetres
(floats are fine here: nothing is summed into money); a spec that can't be read is
refused with a message listing the accepted forms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.i18n import tr

MM = 72 / 25.4  # points per millimetre (reportlab's `mm`, without importing reportlab)
SHEETS = {"a4": (210.0, 297.0), "a5": (148.0, 210.0)}
SHEET_MARGIN = (7.0, 10.0)  # left/right and top/bottom when the label size is computed
SHEET_GAP = (2.5, 0.0)  # between columns, between rows
# the smallest label (width, height in mm) that still holds a name line and a barcode
MIN_LABEL = (10.0, 12.0)


@dataclass
class LabelLayout:
    """Where labels sit on a page; all sizes in millimetres."""

    name: str
    page_width: float
    page_height: float
    label_width: float
    label_height: float
    columns: int = 1
    rows: int = 1
    margin_left: float = 0
    margin_top: float = 0
    gap_x: float = 0
    gap_y: float = 0
    padding: float = 1.5  # blank edge inside each label (printers drift a little)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        """The bottom-left corner (points) of the label at position `index` on a page."""
        col, row = index % self.columns, index // self.columns
        x = self.margin_left + col * (self.label_width + self.gap_x)
        top = self.margin_top + row * (self.label_height + self.gap_y)
        return x * MM, (self.page_height - top - self.label_height) * MM

    def problems(self) -> list[Problem]:
        """Everything wrong with the layout: sizes must be positive and fit the page."""
        out = []
        sizes = (self.page_width, self.page_height, self.label_width, self.label_height)
        if min(sizes) <= 0 or self.columns < 1 or self.rows < 1:
            out.append(Problem(tr("标签尺寸和行列数必须大于 0", "Sizes and counts must be > 0")))
            return out
        if min(self.margin_left, self.margin_top, self.gap_x, self.gap_y, self.padding) < 0:
            out.append(Problem(tr("边距和间距不能为负", "Margins and gaps cannot be negative")))
        used_w, used_h = self.used()
        if used_w > self.page_width + 1e-6 or used_h > self.page_height + 1e-6:
            out.append(
                Problem(
                    tr(
                        "标签排不下：需要 {w}×{h} mm，纸张 {pw}×{ph} mm",
                        "The labels do not fit: {w}×{h} mm needed on a {pw}×{ph} mm page",
                        w=round(used_w, 1),
                        h=round(used_h, 1),
                        pw=self.page_width,
                        ph=self.page_height,
                    ),
                    "layout",
                )
            )
        if self._too_small():
            out.append(Problem(self._too_small_message(), "layout"))
        return out

    def _too_small(self) -> bool:
        w, h = self.label_width, self.label_height
        return 2 * self.padding >= min(w, h) or w < MIN_LABEL[0] or h < MIN_LABEL[1]

    def _too_small_message(self) -> str:
        low_w = max(MIN_LABEL[0], 2 * self.padding + 1)
        low_h = max(MIN_LABEL[1], 2 * self.padding + 1)
        return tr(
            "标签太小：{w}×{h} mm，至少要 {mw}×{mh} mm（宽×高）",
            "The label is too small: {w}×{h} mm; it must be at least {mw}×{mh} mm (W×H)",
            w=f"{self.label_width:g}",
            h=f"{self.label_height:g}",
            mw=f"{low_w:g}",
            mh=f"{low_h:g}",
        )

    def used(self) -> tuple[float, float]:
        """The width and height (mm) the margin and the grid of labels take."""
        w = self.margin_left + self.columns * self.label_width + (self.columns - 1) * self.gap_x
        h = self.margin_top + self.rows * self.label_height + (self.rows - 1) * self.gap_y
        return w, h

    def describe(self) -> str:
        """For people: 单张 60×40 mm, or A4 3×8 (63.3×34.6 mm)."""
        size = f"{self.label_width:g}×{self.label_height:g} mm"
        if self.per_page == 1 and self.page_width == self.label_width:
            return tr("单张 {s}", "Roll {s}", s=size)
        sheet = next((k.upper() for k, v in SHEETS.items() if v == self._page()), "")
        return tr(
            "{p} {c}×{r}（{s}，每页 {n} 张）",
            "{p} {c}×{r} ({s}, {n} per page)",
            p=sheet or f"{self.page_width:g}×{self.page_height:g} mm",
            c=self.columns,
            r=self.rows,
            s=size,
            n=self.per_page,
        )

    def _page(self) -> tuple[float, float]:
        return (self.page_width, self.page_height)


def roll_layout(width: float, height: float, name: str = "") -> LabelLayout:
    """A roll printer: the page is one label."""
    return LabelLayout(name or f"roll-{width:g}x{height:g}", width, height, width, height)


ROLL_50x30 = roll_layout(50, 30)
ROLL_40x30 = roll_layout(40, 30)
# 24 labels of 63.5 × 33.9 mm on A4, as sold for laser printers (e.g. Avery L7159)
A4_3x8 = LabelLayout("a4-3x8", 210, 297, 63.5, 33.9, 3, 8, 7.2, 12.9, 2.5, 0)
LAYOUTS = {layout.name: layout for layout in (ROLL_50x30, ROLL_40x30, A4_3x8)}

_NUM = r"\d+(?:\.\d+)?"
_PAIR = re.compile(rf"^({_NUM})\s*[x×*]\s*({_NUM})$", re.IGNORECASE)
_INT_PAIR = re.compile(r"^(\d+)\s*[x×*]\s*(\d+)$", re.IGNORECASE)


def parse_layout(spec: str) -> LabelLayout:
    """The layout a spec names (see the module docstring); ValidationError if unreadable.

    The result may still not fit its page: `LabelLayout.problems` says so.
    """
    text = spec.strip()
    if text in LAYOUTS:
        return LAYOUTS[text]
    head, *options = [part.strip() for part in text.split(";")]
    size = _pair(head.lower().removeprefix("roll-"), _PAIR)
    if size is not None and not options:
        return roll_layout(*size, name=f"{size[0]:g}x{size[1]:g}")
    sheet = _sheet(head, options)
    if sheet is None:
        raise ValidationError([_unknown(spec)])
    return sheet


def _pair(text: str, pattern: re.Pattern) -> tuple | None:
    found = pattern.match(text.strip())
    if not found:
        return None
    kind = int if pattern is _INT_PAIR else float
    return kind(found.group(1)), kind(found.group(2))


def _sheet(head: str, options: list[str]) -> LabelLayout | None:
    parts = head.lower().split(":")
    if len(parts) not in (2, 3) or parts[0] not in SHEETS:
        return None
    grid = _pair(parts[1], _INT_PAIR)
    label = _pair(parts[2], _PAIR) if len(parts) == 3 else None
    extra = _options(options)
    if grid is None or (len(parts) == 3 and label is None) or extra is None:
        return None
    page = SHEETS[parts[0]]
    columns, rows = grid
    if columns < 1 or rows < 1:
        return LabelLayout(head, *page, 0, 0, columns, rows)  # problems() says why
    gap = extra.get("gap", (SHEET_GAP[0] if columns > 1 else 0, SHEET_GAP[1]))
    margin = extra.get("margin")
    if label is None:
        label = _computed_label(page, grid, margin or SHEET_MARGIN, gap)
    if margin is None:  # centre the grid on the page
        used = [n * s + (n - 1) * g for n, s, g in zip(grid, label, gap, strict=True)]
        margin = tuple(max(0.0, round((p - u) / 2, 2)) for p, u in zip(page, used, strict=True))
    return LabelLayout(_name(head, extra), *page, *label, columns, rows, *margin, *gap)


def _computed_label(page, grid, margin, gap) -> tuple[float, float]:
    """The largest label (rounded down to 0.1 mm) that the margins and gaps leave."""
    return tuple(
        math.floor((p - 2 * m - (n - 1) * g) / n * 10) / 10
        for p, n, m, g in zip(page, grid, margin, gap, strict=True)
    )


def _options(options: list[str]) -> dict | None:
    """`margin=L,T` and `gap=X,Y` (mm); None when one can't be read."""
    out = {}
    for option in options:
        key, _, value = option.partition("=")
        numbers = value.replace("，", ",").split(",")
        key = key.strip().lower()
        if key not in ("margin", "gap") or not all(re.fullmatch(_NUM, n.strip()) for n in numbers):
            return None
        values = [float(n) for n in numbers]
        if len(values) == 1:
            values *= 2
        if len(values) != 2:
            return None
        out[key] = tuple(values)
    return out


def _name(head: str, extra: dict) -> str:
    parts = [head.lower()]
    for key in ("margin", "gap"):
        if key in extra:
            parts.append(f"{key}={extra[key][0]:g},{extra[key][1]:g}")
    return ";".join(parts)


def _unknown(spec: str) -> Problem:
    return Problem(
        tr(
            "未知的标签版式：{n}。可用：roll-50x30、roll-40x30、a4-3x8；自定义单张如 60x40"
            "（毫米）；自定义整张如 a4:3x8、a4:2x7 或 a4:3x8:63.5x33.9，可加 ;margin=左,上 "
            ";gap=横,纵",
            "Unknown label layout: {n}. Use roll-50x30, roll-40x30, a4-3x8; a custom size "
            "such as 60x40 (mm); a custom sheet such as a4:3x8, a4:2x7 or a4:3x8:63.5x33.9, "
            "optionally with ;margin=LEFT,TOP ;gap=X,Y",
            n=spec,
        ),
        "layout",
    )


def layout_ok(spec: str) -> bool:
    """A spec that names a layout fitting its page (the `label_layout` setting's check)."""
    try:
        return not parse_layout(spec).problems()
    except ValidationError:
        return False
