"""Barcode symbologies for labels: choosing one, validating content, drawing it in a box.

Code 128 and EAN-13 are drawn with reportlab's vector barcodes. QR is drawn from a
segno matrix because reportlab's QR encoder writes UTF-8 without an ECI header, and
scanners then read Chinese as Shift-JIS mojibake; segno marks the UTF-8 (ECI 26).
EAN-13 check digits are verified here: reportlab keeps only the first 12 digits and
computes its own check digit, which would silently print a different number.
"""

from __future__ import annotations

import segno
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing.fonts import cjk_font
from jxc_desktop.engine.printing.textfit import fit_text

SYMBOLOGIES = ("auto", "code128", "ean13", "qr")
MIN_MODULE = 0.19 * mm  # narrowest bar a 203-dpi label printer and a scanner handle
MAX_MODULE = 0.33 * mm  # the EAN-13 nominal module; wider bars gain nothing
QUIET_MODULES = 10  # the quiet zone each side of a Code 128 symbol
EAN_MODULES = 113  # 95 bars plus the quiet zones reportlab draws (9 + 9)
QR_SHARE = 0.46  # the QR square takes this share of the label width; text gets the rest
QR_BORDER = 2  # modules of quiet zone: labels rarely have room for the nominal 4
MIN_QR_MODULE = 0.25 * mm
DIGITS_RATIO = 0.3  # human-readable line height as a share of the barcode height


def ean13_check_digit(first12: str) -> str:
    """The EAN-13 check digit of 12 digits (weights 1, 3, 1, 3, ... from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_ean13_shaped(code: str) -> bool:
    return len(code) == 13 and code.isascii() and code.isdigit()


def check_ean13(code: str) -> str | None:
    """None when `code` is a valid EAN-13, else the reason (in the user's language)."""
    if not is_ean13_shaped(code):
        return tr("EAN-13 条码必须是 13 位数字：{c}", "An EAN-13 must be 13 digits: {c}", c=code)
    expected = ean13_check_digit(code[:12])
    if code[12] != expected:
        return tr(
            "EAN-13 条码 {c} 的校验位错误（应为 {d}）",
            "EAN-13 {c} has a wrong check digit (should be {d})",
            c=code,
            d=expected,
        )
    return None


def code128_modules(content: str) -> int:
    """How many modules wide the Code 128 symbol of `content` is, without quiet zones."""
    symbol = Code128(content, barWidth=1, quiet=0)
    symbol.wrap(0, 0)
    return round(symbol.width)


def code128_fits(content: str, width: float) -> bool:
    return width / (code128_modules(content) + 2 * QUIET_MODULES) >= MIN_MODULE


def choose(content: str, requested: str, width: float) -> tuple[str, str | None]:
    """The symbology to print `content` with in `width` points, and a refusal reason.

    auto: a 13-digit code is an EAN-13 (and must have a correct check digit); other
    ASCII text is Code 128 when its bars can be wide enough, else QR; text with
    Chinese (or any non-ASCII character) is QR, which Code 128 cannot carry.
    """
    if requested == "ean13" or (requested == "auto" and is_ean13_shaped(content)):
        return "ean13", check_ean13(content)
    if requested == "qr":
        return "qr", _qr_problem(content, width)
    ascii_ok = content.isascii() and content.isprintable()
    if requested == "auto":
        if ascii_ok and code128_fits(content, width):
            return "code128", None
        return "qr", _qr_problem(content, width)
    if not ascii_ok:
        return "code128", tr(
            "Code 128 只能编码英文字母、数字和符号，含中文请用 QR：{c}",
            "Code 128 carries ASCII only; use QR for Chinese: {c}",
            c=content,
        )
    if not code128_fits(content, width):
        return "code128", tr(
            "条码 {c} 太长，标签上印不下 Code 128，请改用 QR 或更宽的标签",
            "{c} is too long for Code 128 on this label; use QR or a wider label",
            c=content,
        )
    return "code128", None


def qr_side(width: float, height: float) -> float:
    """The side of the QR square on a label box: beside the text, at most the height."""
    return min(height, width * QR_SHARE)


def _qr_problem(content: str, width: float) -> str | None:
    modules = len(segno.make(content, error="m", micro=False, eci=True).matrix)
    if qr_side(width, width) / (modules + 2 * QR_BORDER) >= MIN_QR_MODULE:
        return None
    return tr(
        "内容太长，标签上的 QR 码太小无法扫描：{c}",
        "Too much content: the QR code would be too small to scan: {c}",
        c=content,
    )


def draw(canvas: Canvas, symbology: str, content: str, x, y, width, height) -> None:
    """Draws the symbol with its human-readable text inside the box (x, y, width, height)."""
    if symbology == "qr":
        draw_qr(canvas, content, x, y, min(width, height))
    elif symbology == "ean13":
        _draw_ean13(canvas, content, x, y, width, height)
    else:
        _draw_code128(canvas, content, x, y, width, height)


def draw_qr(canvas: Canvas, content: str, x: float, y: float, size: float) -> None:
    """A QR symbol (UTF-8 with ECI, error level M) as a square of `size` at (x, y)."""
    qr = segno.make(content, error="m", micro=False, eci=not content.isascii())
    matrix = qr.matrix
    border = QR_BORDER
    box = size / (len(matrix) + 2 * border)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + (c + border) * box, y + size - (r + border + 1) * box, box, box)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _draw_code128(canvas: Canvas, content: str, x, y, width, height) -> None:
    modules = code128_modules(content) + 2 * QUIET_MODULES
    bar = min(MAX_MODULE, width / modules)
    y, height = _capped(y, height, modules * bar)
    digits_h = min(height * DIGITS_RATIO, 9.0)  # the text is for people; bars need the room
    symbol = Code128(
        content,
        barWidth=bar,
        barHeight=height - digits_h,
        humanReadable=0,
        quiet=1,
        lquiet=QUIET_MODULES * bar,
        rquiet=QUIET_MODULES * bar,
    )
    symbol.wrap(width, height)
    symbol.drawOn(canvas, x + (width - symbol.width) / 2, y + digits_h)
    font = cjk_font()
    text, size = fit_text(content, width, digits_h * 0.9, 4)
    canvas.setFont(font, size)
    canvas.drawCentredString(x + width / 2, y + digits_h * 0.15, text)


def _draw_ean13(canvas: Canvas, code: str, x, y, width, height) -> None:
    bar = min(MAX_MODULE, width / EAN_MODULES)
    y, height = _capped(y, height, EAN_MODULES * bar)
    # six digits stand under 42 modules; keep them inside, and below the bars
    size = min(9.0 / 1.2, height * DIGITS_RATIO / 1.2, 42 * bar / (6 * 0.62))
    widget = Ean13BarcodeWidget(
        code[:12], barWidth=bar, barHeight=height, fontSize=size, fontName=cjk_font()
    )
    drawing = Drawing(widget.width, height)
    drawing.initialFontName = cjk_font()  # else renderPDF selects a non-embedded Helvetica
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x + (width - widget.width) / 2, y)


def _capped(y: float, height: float, symbol_width: float) -> tuple[float, float]:
    """On a big label, bars stay near their nominal proportions, centred in the space."""
    cap = max(12 * mm, 0.7 * symbol_width)
    if height <= cap:
        return y, height
    return y + (height - cap) / 2, cap
