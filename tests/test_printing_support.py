"""Small helpers for the printing tests: base data, documents and PDF read-back."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

from jxc_desktop.engine.documents import DocumentInput, LineInput, save_draft
from jxc_desktop.models.masterdata import Item, ItemBarcode, Partner, Unit, Warehouse

DAY = dt.date(2026, 1, 15)


def make_item(code: str, name: str, barcode: str | None = None, **kw) -> Item:
    unit = Unit.get(Unit.name == kw.pop("unit", "个"))
    kw.setdefault("sale_price", Decimal("12.50"))
    item = Item.create(code=code, name=name, base_unit=unit, **kw)
    if barcode:
        ItemBarcode.create(barcode=barcode, item=item)
    return item


def make_warehouse(code: str = "WH01", name: str = "总仓") -> Warehouse:
    return Warehouse.create(code=code, name=name)


def make_customer(code: str = "C001", name: str = "上海好客超市有限公司") -> Partner:
    return Partner.create(
        kind="customer",
        code=code,
        name=name,
        contact="王经理",
        phone="021-55551234",
        address="上海市浦东新区张江路 88 号",
    )


def receipt(lines: list[LineInput], warehouse: str = "WH01", **kw):
    """A draft 其他入库 (QTRK) with the given lines."""
    return save_draft(DocumentInput("QTRK", kw.pop("date", DAY), lines, warehouse=warehouse, **kw))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def pdf_fonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def decode_barcodes(path: Path, tmp: Path) -> list[str]:
    """Every barcode zbarimg finds on the PDF rendered at 300 dpi, as 'TYPE:content'."""
    prefix = tmp / path.stem
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), str(prefix)], check=True)
    found: list[str] = []
    for png in sorted(tmp.glob(f"{path.stem}*.png")):
        found += _zbar_symbols(png)
    return found


def _zbar_symbols(png: Path) -> list[str]:
    out = subprocess.run(["zbarimg", "-q", str(png)], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if ":" in line]
