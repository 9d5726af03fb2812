"""Drawing one label: text block and barcode inside the label's padded box.

Font sizes follow the label height, so the same code serves a 30 mm roll label and a
larger sheet label; a wide label (an A4 2×7 sheet's 96.7×39.5 mm) gives the text a
little more, and its barcode is drawn larger than nominal (up to twice: EAN-13 allows
80–200 %) so it does not sit small in the middle. When the text would crowd the barcode
out, every size steps down together; single lines are shrunk and then truncated
(textfit), never overflowing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing import barcodes
from jxc_desktop.engine.printing.fonts import cjk_font
from jxc_desktop.engine.printing.textfit import fit_text, text_width, wrap_lines

LINE = 1.18  # line height as a multiple of the font size
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)
TEXT_SHARE = 0.45  # of the label's height at most, the rest is the barcode's
WIDE_TEXT_SHARE = 0.5  # on a wide label, whose barcode needs less height for its width
BARCODE_SHARE = 0.6  # a big label's barcode grows to this share of the width …
MAX_BARCODE_SCALE = 2.0  # … but to no more than twice its nominal size


@dataclass(frozen=True)
class LabelContent:
    """What one label shows."""

    name: str
    spec: str
    price: str  # already formatted, "" to leave out
    batch: str
    expiry: dt.date | None
    code: str
    symbology: str


@dataclass
class _Line:
    text: str
    size: float
    right: str = ""  # drawn right-aligned on the same line (the price)
    right_size: float = 0


def draw_label(canvas: Canvas, content: LabelContent, x: float, y: float, layout, border: bool):
    """Draws `content` in the label whose bottom-left corner is (x, y) points."""
    w, h, pad = layout.label_width * mm, layout.label_height * mm, layout.padding * mm
    canvas.saveState()
    if border:
        canvas.setStrokeColor(colors.HexColor("#bbbbbb"))
        canvas.setLineWidth(0.3)
        canvas.roundRect(x, y, w, h, 1.5 * mm)
    canvas.setFillColor(colors.black)
    box = (x + pad, y + pad, w - 2 * pad, h - 2 * pad)
    if content.symbology == "qr":
        _qr_label(canvas, content, *box)
    else:
        _linear_label(canvas, content, *box)
    canvas.restoreState()


def _wideness(width: float, height: float) -> float:
    """1 for labels up to twice as wide as tall, growing to 1.3 for wider ones."""
    return min(1.3, max(1.0, width / height / 2))


def _base_size(width: float, height: float) -> float:
    """The name's font size for a text area of `width` × `height` points: 9 pt on a
    50×30 mm roll label, up to 12 pt, more on big or wide labels (at most 20 pt)."""
    cap = max(12.0, min(20.0, width * 0.06))
    return max(6.0, min(cap, height * 0.118 * _wideness(width, height)))


def _text_lines(content: LabelContent, width: float, base: float, name_lines: int) -> list:
    """The label's text lines at a base size: name (wrapped), spec + price, batch, expiry."""
    lines = []
    name, size = fit_text(content.name, width, base, base * 0.8)
    if text_width(content.name, size) > width and name_lines > 1:
        lines += [_Line(t, size) for t in wrap_lines(content.name, width, size, name_lines)]
    else:
        lines.append(_Line(name, size))
    small = base * 0.8
    price_w = text_width(content.price, base) + (2 if content.price else 0)
    if content.spec:
        spec, spec_size = fit_text(content.spec, max(1.0, width - price_w), small, small * 0.75)
        lines.append(_Line(spec, spec_size, content.price, base))
    elif content.price:  # no 规格: the price starts the line instead of hanging right
        lines.append(_Line(*fit_text(content.price, width, base, base * 0.7)))
    extra = _batch_text(content)
    if extra:
        text, extra_size = fit_text(extra, width, base * 0.72, base * 0.55)
        lines.append(_Line(text, extra_size))
    return lines


def _batch_text(content: LabelContent) -> str:
    parts = []
    if content.batch:
        parts.append(tr("批次 {b}", "Batch {b}", b=content.batch))
    if content.expiry:
        parts.append(tr("有效期至 {d}", "Exp. {d}", d=content.expiry.isoformat()))
    return "  ".join(parts)


def _height(lines: list[_Line]) -> float:
    return sum(max(line.size, line.right_size) * LINE for line in lines)


def _draw_lines(canvas: Canvas, lines: list[_Line], x: float, top: float, width: float) -> float:
    """Draws lines downwards from `top`; returns the y below the last one."""
    font = cjk_font()
    for line in lines:
        size = max(line.size, line.right_size)
        top -= size * LINE
        baseline = top + size * (LINE - 1) / 2 + size * 0.12
        canvas.setFont(font, line.size)
        canvas.drawString(x, baseline, line.text)
        if line.right:
            canvas.setFont(font, line.right_size)
            canvas.drawRightString(x + width, baseline, line.right)
    return top


def _linear_label(canvas: Canvas, content: LabelContent, x, y, width, height) -> None:
    """Text on top, the barcode with its digits filling the rest (at least 55%)."""
    share = WIDE_TEXT_SHARE if _wideness(width, height) > 1 else TEXT_SHARE
    base = _base_size(width, height)
    for scale in SCALES:
        lines = _text_lines(content, width, base * scale, 2)
        if _height(lines) <= height * share:
            break
    else:
        lines = _text_lines(content, width, base * SCALES[-1], 1)[:2]
    bottom = _draw_lines(canvas, lines, x, y + height, width)
    gap = 0.6 * mm
    _draw_barcode(canvas, content, x, y, width, bottom - y - gap)


def _barcode_scale(content: LabelContent, width: float) -> float:
    """How much larger than nominal the barcode is drawn: 1 on small labels; on big
    ones enough to fill BARCODE_SHARE of the width, at most MAX_BARCODE_SCALE."""
    if content.symbology == "ean13":
        modules = barcodes.EAN_MODULES
    else:
        modules = barcodes.code128_modules(content.code) + 2 * barcodes.QUIET_MODULES
    nominal = modules * barcodes.MAX_MODULE
    return min(MAX_BARCODE_SCALE, max(1.0, width * BARCODE_SHARE / nominal))


def _draw_barcode(canvas: Canvas, content: LabelContent, x, y, width, height) -> None:
    """The barcode in its box; scaled up as a whole on a big label, so the bars, the
    quiet zones and the digits under them keep their proportions."""
    scale = _barcode_scale(content, width)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    barcodes.draw(canvas, content.symbology, content.code, 0, 0, width / scale, height / scale)
    canvas.restoreState()


def _qr_label(canvas: Canvas, content: LabelContent, x, y, width, height) -> None:
    """The QR square on the right, the text beside it, the code in small type at the foot."""
    side = barcodes.qr_side(width, height)
    barcodes.draw_qr(canvas, content.code, x + width - side, y + (height - side) / 2, side)
    text_w = width - side - 1 * mm
    for scale in SCALES:
        base = _base_size(width, height) * scale  # a long name is shrunk to text_w
        lines = _text_lines(content, text_w, base, 3)
        code, code_size = fit_text(content.code, text_w, base * 0.7, base * 0.5)
        if _height(lines) + code_size * LINE <= height:
            break
    _draw_lines(canvas, lines, x, y + height, text_w)
    canvas.setFont(cjk_font(), code_size)
    canvas.drawString(x, y + code_size * 0.2, code)
