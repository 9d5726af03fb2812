"""Barcode labels (条码标签) for items: roll printers and A4 label sheets.

Each label shows the item name, 规格, the sale price, optionally the batch and expiry
date, and the barcode (Code 128, EAN-13 or QR) with its human-readable text. Text
that does not fit is shrunk, then truncated, never drawn past the label edge.
Everything is validated before anything is written: a wrong EAN-13 check digit, a
Code 128 that cannot carry the content, a layout that does not fit its page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import NamedTuple

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from jxc_desktop.engine.documents import get_document
from jxc_desktop.engine.errors import Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing import barcodes
from jxc_desktop.engine.printing.fonts import cjk_font
from jxc_desktop.engine.printing.formats import fmt_price
from jxc_desktop.engine.printing.label_draw import LabelContent, draw_label
from jxc_desktop.engine.printing.label_layouts import (  # noqa: F401 - the public names
    LAYOUTS,
    A4_3x8,
    LabelLayout,
    ROLL_40x30,
    ROLL_50x30,
    parse_layout,
    roll_layout,
)
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Batch, Item, ItemBarcode

MAX_LABELS = 10_000  # one print run; more is almost certainly a typo in a quantity


@dataclass
class LabelOptions:
    """What each label shows, and how."""

    symbology: str = "auto"  # auto / code128 / ean13 / qr
    show_price: bool = True
    show_batch: bool = True  # batch number and expiry date, when the request has them
    border: bool = False  # a thin outline, for cutting labels printed on plain paper
    skip: int = 0  # positions already used on the first sheet
    currency: str = "¥"
    extra: dict = field(default_factory=dict)


class LabelRequest(NamedTuple):
    """Print `qty` labels of `item`, optionally naming a batch and its expiry date."""

    item: Item
    qty: int
    batch: str = ""
    expiry: dt.date | None = None


def label_code(item: Item) -> str:
    """The code a label carries: the item's base-unit barcode, else its item code.

    A barcode registered for another unit (a box code) would make a scanner count a
    whole box for one piece, so it is never printed on the item's own label.
    """
    codes = (
        ItemBarcode.select()
        .where(ItemBarcode.item == item)
        .where(ItemBarcode.unit.is_null() | (ItemBarcode.unit == item.base_unit_id))
        .order_by(ItemBarcode.id)
    )
    first = codes.first()
    return first.barcode if first else item.code


def labels_for_document(doc_id: int) -> list[LabelRequest]:
    """One request per item line: the base quantity rounded up to whole labels.

    "Print labels for everything just received": a line of 2 箱 × 12 gives 24 labels,
    2.5 kg gives 3. The expiry (有效期至) is the line's, else its batch's, else the
    production date (the line's or the batch's) plus the item's shelf life.
    """
    doc = get_document(doc_id)
    lines = list(
        DocumentLine.select(DocumentLine, Item)
        .join(Item)
        .where(DocumentLine.document == doc)
        .order_by(DocumentLine.line_no)
    )
    batches = _batches(lines)
    out = []
    for line in lines:
        count = int(line.base_qty.to_integral_value(rounding=ROUND_CEILING))
        if count > 0:
            expiry = _expiry(line, batches.get((line.item_id, line.batch_no)))
            out.append(LabelRequest(line.item, count, line.batch_no, expiry))
    return out


def _batches(lines: list[DocumentLine]) -> dict[tuple[int, str], Batch]:
    """The batch rows the lines name, by (item id, batch number), in one query."""
    wanted = {(x.item_id, x.batch_no) for x in lines if x.batch_no}
    if not wanted:
        return {}
    query = Batch.select().where(Batch.item.in_(sorted({i for i, _ in wanted})))
    return {(b.item_id, b.batch_no): b for b in query if (b.item_id, b.batch_no) in wanted}


def _expiry(line: DocumentLine, batch: Batch | None) -> dt.date | None:
    if line.expiry_date:
        return line.expiry_date
    if batch is not None and batch.expiry_date:
        return batch.expiry_date
    made = line.production_date or (batch.production_date if batch is not None else None)
    days = line.item.shelf_life_days
    return made + dt.timedelta(days=days) if made and days else None


def render_labels(
    items_with_qty,
    layout: LabelLayout | str,
    path: str | Path,
    options: LabelOptions | None = None,
) -> int:
    """Writes the labels as a PDF at `path` and returns how many were printed.

    `items_with_qty`: LabelRequest values or plain tuples (item, qty[, batch[, expiry]]).
    `layout`: a LabelLayout or a spec (a preset name, `60x40`, `a4:3x8` …, see
    label_layouts). Nothing is written when any request, the layout or the options are
    wrong; every problem is reported.
    """
    options = options or LabelOptions()
    layout = parse_layout(layout) if isinstance(layout, str) else layout
    requests = [_request(r) for r in items_with_qty]
    contents = _prepare(requests, layout, options)
    _write(contents, layout, options, Path(path))
    return len(contents)


def _request(entry) -> LabelRequest:
    """A tuple as a LabelRequest; a whole Decimal count (Decimal('3')) becomes an int."""
    req = LabelRequest(*entry)
    qty = req.qty
    if isinstance(qty, Decimal) and qty.is_finite() and qty == qty.to_integral_value():
        req = req._replace(qty=int(qty))
    return req


def _prepare(requests, layout, options: LabelOptions) -> list[LabelContent]:
    """Validates everything and expands the requests into one LabelContent per label."""
    if not isinstance(layout, LabelLayout):
        require([Problem(tr("未知的标签版式：{n}", "Unknown label layout: {n}", n=layout))])
    problems = layout.problems() + _option_problems(options)
    require(problems)
    code_width = (layout.label_width - 2 * layout.padding) * mm
    contents: list[tuple[LabelContent, int]] = []
    total = 0
    for no, req in enumerate(requests, start=1):
        where = tr("第 {n} 项", "entry {n}", n=no)
        if not isinstance(req.qty, int) or isinstance(req.qty, bool) or req.qty < 0:
            problems.append(Problem(tr("标签数量必须是非负整数", "Count must be >= 0"), where))
            continue
        code = label_code(req.item)
        symbology, reason = barcodes.choose(code, options.symbology, code_width)
        if reason:
            problems.append(Problem(f"{req.item.code}: {reason}", where))
        total += req.qty
        contents.append((_content(req, code, symbology, options), req.qty))
    if total > MAX_LABELS:
        problems.append(
            Problem(tr("一次最多打印 {n} 张标签", "At most {n} labels per run", n=MAX_LABELS))
        )
    require(problems)
    return [content for content, count in contents for _ in range(count)]


def _option_problems(options: LabelOptions) -> list[Problem]:
    out = []
    if options.symbology not in barcodes.SYMBOLOGIES:
        out.append(
            Problem(
                tr("未知的条码类型：{s}", "Unknown symbology: {s}", s=options.symbology),
                "symbology",
            )
        )
    if options.skip < 0:
        out.append(Problem(tr("跳过的位置不能为负", "Skip cannot be negative"), "skip"))
    return out


def _content(req: LabelRequest, code: str, symbology: str, options: LabelOptions):
    price = ""
    if options.show_price and req.item.sale_price:
        price = options.currency + fmt_price(req.item.sale_price)
    batch = req.batch if options.show_batch else ""
    expiry = req.expiry if options.show_batch else None
    return LabelContent(req.item.name, req.item.spec, price, batch, expiry, code, symbology)


def _write(contents: list[LabelContent], layout: LabelLayout, options, path: Path) -> None:
    font = cjk_font()
    pagesize = (layout.page_width * mm, layout.page_height * mm)
    canvas = Canvas(str(path), pagesize=pagesize, initialFontName=font, pageCompression=1)
    canvas.setTitle(tr("条码标签", "Barcode labels"))
    position = options.skip % layout.per_page
    for content in contents:
        if position == layout.per_page:
            canvas.showPage()
            position = 0
        x, y = layout.origin(position)
        draw_label(canvas, content, x, y, layout, options.border)
        position += 1
    canvas.showPage()
    canvas.save()
