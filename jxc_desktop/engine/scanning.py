"""Scanner rules for document forms: `5*` quantity prefixes and scans onto draft lines.

A keyboard-wedge scanner types a code and Enter. A clerk may type `5*` (or `5.5*`)
before the scan to take that quantity. `apply_scan` puts one scan on an in-memory list
of draft lines, kept by the form until it saves:

- a scanned code adds a line, or adds to the line that already holds the same item in
  the same unit (the first such line; lines are indexed by item + unit so a scan costs
  the same on a 500-line document as on an empty one);
- a box barcode (an `ItemBarcode` whose unit is another unit, e.g. 箱) adds to a line in
  THAT unit: 1 箱 stays 1 箱 on the paper, the engine converts it to 12 个 at save, and
  the printed document shows what was physically received;
- a batch typed beside the scanner (`ScanBatch`) goes on batch-managed items: the same
  item in another batch is another line;
- an unknown code, a wrong EAN-13 / EAN-8 / UPC-A check digit or a bad quantity gives an
  error result with a clear message and leaves the lines as they were. No exception
  from here reaches a scanner loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import barcodes, lookup, money
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.masterdata import Item, ItemUnit, Unit

MAX_SCAN_QTY = Decimal(1_000_000)


@dataclass(frozen=True)
class ParsedScan:
    """What the scanner field received: the code and the quantity, or why it is refused."""

    code: str = ""
    qty: Decimal = Decimal(1)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def parse_scan(text: str) -> ParsedScan:
    """Splits `5*6901234567892` into quantity 5 and the code; no prefix means 1.

    Refused: an empty code, `0*`, negative or non-decimal quantities (`1e3*`, `abc*`),
    more than 4 decimal places and absurdly large quantities.
    """
    text = (text or "").strip()
    qty = Decimal(1)
    if "*" in text:
        qty_text, _, text = text.partition("*")
        text = text.strip()
        try:
            qty = money.D(qty_text.strip())
        except money.NotExactNumber:
            return ParsedScan(text, error=_bad_qty(qty_text))
        if qty <= 0 or qty > MAX_SCAN_QTY or money.places_of(qty) > money.QTY_PLACES:
            return ParsedScan(text, error=_bad_qty(qty_text))
    if not text:
        return ParsedScan("", qty, tr("请扫描或输入商品条码", "Scan or type an item code"))
    return ParsedScan(text, qty)


def _bad_qty(text: str) -> str:
    return tr(
        "数量“{q}”无效：请在 * 前输入大于 0 的数字（最多 4 位小数），例如 5*条码",
        "Quantity '{q}' is invalid: type a number above 0 (at most 4 decimals) before *, "
        "e.g. 5*barcode",
        q=text.strip(),
    )


@dataclass
class DraftLine:
    """One line of a document being edited (the form's grid row), in display terms."""

    item_id: int
    code: str
    name: str
    spec: str
    unit_id: int
    unit: str
    factor: Decimal  # base units in one `unit`
    qty: Decimal = Decimal(0)
    price: Decimal | None = None
    amount: Decimal | None = None  # 成本调整: the value to adjust
    location: str = ""
    dest_location: str = ""
    batch_no: str = ""
    production_date: dt.date | None = None
    expiry_date: dt.date | None = None
    remarks: str = ""
    serials: list[str] = field(default_factory=list)
    batch_managed: bool = False
    serial_managed: bool = False
    shelf_life_days: int | None = None

    def fill_expiry(self, previous_production: dt.date | None = None) -> bool:
        """有效期至 = 生产日期 + shelf life, as soon as both are known: when the expiry is
        empty or still the one derived from the previous production date (a date the
        clerk typed is kept). True when it changed."""
        if not (self.production_date and self.shelf_life_days):
            return False
        derived = _plus_days(previous_production, self.shelf_life_days)
        if self.expiry_date is not None and self.expiry_date != derived:
            return False
        new = _plus_days(self.production_date, self.shelf_life_days)
        changed = new != self.expiry_date
        self.expiry_date = new
        return changed

    @property
    def line_amount(self) -> Decimal | None:
        """qty × price rounded to the fen (what the engine will store); the amount for
        value-only lines."""
        if self.amount is not None:
            return self.amount
        if self.price is None:
            return None
        return money.money(self.qty * self.price)

    def to_input(self) -> LineInput:
        """The engine's LineInput for saving."""
        return LineInput(
            item=self.code,
            qty=self.qty,
            unit=self.unit,
            price=self.price,
            amount=self.amount,
            location=self.location or None,
            dest_location=self.dest_location or None,
            batch_no=self.batch_no,
            production_date=self.production_date,
            expiry_date=self.expiry_date,
            remarks=self.remarks,
            serials=list(self.serials),
        )


def _plus_days(day: dt.date | None, days: int | None) -> dt.date | None:
    return day + dt.timedelta(days=days) if day and days else None


def draft_line(item: Item, unit: Unit | None = None, with_price: bool = True) -> DraftLine:
    """A new draft line for an item in a unit (base unit by default), qty 0.

    With `with_price` the unit cost defaults to the item's 采购价 (per base unit) times
    the unit's factor, so a scanned receipt is valued without typing.
    """
    unit = unit or item.base_unit
    factor = lookup.unit_factor(item, unit) or Decimal(1)
    price = money.price(item.purchase_price * factor) if with_price else None
    line = DraftLine(
        item.id, item.code, item.name, item.spec or "", unit.id, unit.name, factor, price=price
    )
    _flags(line, item)
    return line


def _flags(line: DraftLine, item: Item) -> None:
    """What the form needs to know about the item: batch, serials, shelf life."""
    line.batch_managed = bool(item.batch_managed)
    line.serial_managed = bool(item.serial_managed)
    line.shelf_life_days = item.shelf_life_days


@dataclass
class ScanResult:
    ok: bool
    message: str
    row: int | None = None  # the line added or increased
    added: bool = False
    prompt: str = ""  # what the form must ask for now: "batch" or "serial"


Key = tuple[int, int, str]  # item id, unit id, batch


def _key(line: DraftLine) -> Key:
    return (line.item_id, line.unit_id, line.batch_no)


@dataclass
class DraftLines:
    """The form's lines with an index by (item, unit, batch) for constant-time scans."""

    lines: list[DraftLine] = field(default_factory=list)
    with_price: bool = True
    _index: dict[Key, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuilds the index; call after lines are removed, reordered or edited by hand."""
        self._index = {}
        for row, line in enumerate(self.lines):
            self._index.setdefault(_key(line), row)

    def find(self, item_id: int, unit_id: int, batch_no: str = "") -> int | None:
        key = (item_id, unit_id, batch_no)
        row = self._index.get(key)
        if row is not None and row < len(self.lines) and _key(self.lines[row]) == key:
            return row
        self.reindex()  # the list was changed behind our back: trust the lines
        return self._index.get(key)

    def append(self, line: DraftLine) -> int:
        self.lines.append(line)
        row = len(self.lines) - 1
        self._index.setdefault(_key(line), row)
        return row

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, row: int) -> DraftLine:
        return self.lines[row]


@dataclass(frozen=True)
class ScanBatch:
    """The batch a clerk is receiving (typed once beside the scanner field); applied to
    batch-managed items only. The engine derives the expiry from the production date
    and the item's shelf life when no expiry is given."""

    batch_no: str = ""
    production_date: dt.date | None = None
    expiry_date: dt.date | None = None


def resolve_code(code: str) -> tuple[Item, Unit] | str:
    """(item, unit) for a scanned code, or the message saying why it cannot be used."""
    try:
        found = lookup.scan(code)
    except Exception as exc:  # noqa: BLE001 - a scanner loop must never see an exception
        return tr("查找条码时出错：{e}", "Looking up the code failed: {e}", e=exc)
    if found is not None:
        item, unit = found
        if not item.active:
            return tr("商品 {c} 已停用", "Item {c} is inactive", c=item.code)
        return item, unit
    problem = barcodes.problem_text(code) if code.isdigit() else None
    if problem and barcodes.classify(code) in ("ean13", "ean8", "upca", "gtin14"):
        return tr(problem[0], problem[1])
    return tr("未知条码或商品编码：{c}", "Unknown barcode or item code: {c}", c=code)


def apply_scan(
    lines: DraftLines | list[DraftLine],
    code: str,
    qty=Decimal(1),
    batch: ScanBatch | None = None,
    batch_required: bool = False,
) -> ScanResult:
    """Adds one scan of `code` × `qty` to the lines (see the module docstring).

    `lines` is a DraftLines (indexed) or a plain list (indexed on the fly). With a
    `batch`, a batch-managed item goes on the line of that batch (another batch of the
    same item is another line). With `batch_required` (receipts) a batch-managed item
    scanned while no batch is typed is refused at once with prompt "batch"; a
    serial-managed item is added with prompt "serial" (the form asks for its serials).
    Never raises.
    """
    book = lines if isinstance(lines, DraftLines) else DraftLines(lines)
    code = (code or "").strip()
    try:
        qty = money.D(qty)
    except money.NotExactNumber:
        return ScanResult(False, _bad_qty(str(qty)))
    if qty <= 0:
        return ScanResult(False, _bad_qty(str(qty)))
    found = resolve_code(code) if code else tr("请扫描或输入商品条码", "Scan or type an item code")
    if isinstance(found, str):
        return ScanResult(False, found)
    item, unit = found
    batch = batch if batch is not None and item.batch_managed else ScanBatch()
    if item.batch_managed and batch_required and not batch.batch_no:
        return ScanResult(False, _batch_missing(item), prompt="batch")
    row = book.find(item.id, unit.id, batch.batch_no)
    added = row is None
    if added:
        new = draft_line(item, unit, book.with_price)
        new.batch_no = batch.batch_no
        new.production_date, new.expiry_date = batch.production_date, batch.expiry_date
        new.fill_expiry()
        row = book.append(new)
    line = book[row]
    line.qty = money.qty(line.qty + qty)
    prompt = "serial" if item.serial_managed else ""
    return ScanResult(True, _scan_message(item, unit, line, qty), row, added, prompt)


def _batch_missing(item: Item) -> str:
    return tr(
        "{name} 实行批次管理：请先输入当前批次号（及生产日期），再扫描",
        "{name} is batch-managed: type the current batch number (and production date) "
        "first, then scan",
        name=item.name,
    )


def _scan_message(item: Item, unit: Unit, line: DraftLine, qty: Decimal) -> str:
    """ "矿泉水 箱 ×1（1 箱 = 12 瓶），本行共 2 箱": another unit says its base quantity."""
    text = tr(
        "{name} {unit} ×{q}",
        "{name} {unit} ×{q}",
        name=item.name,
        unit=unit.name,
        q=money.format_qty(qty),
    )
    if line.factor != 1:
        text += tr(
            "（{q} {unit} = {b} {base}）",
            " ({q} {unit} = {b} {base})",
            q=money.format_qty(qty),
            unit=unit.name,
            b=money.format_qty(money.qty(qty * line.factor)),
            base=item.base_unit.name,
        )
    return text + tr(
        "，本行共 {total} {unit}",
        ", line total {total} {unit}",
        total=money.format_qty(line.qty),
        unit=unit.name,
    )


def scan_text(
    lines: DraftLines, text: str, batch: ScanBatch | None = None, batch_required: bool = False
) -> ScanResult:
    """One scanner-field entry (`5*code` or `code`) applied to the lines."""
    parsed = parse_scan(text)
    if not parsed.ok:
        return ScanResult(False, parsed.error)
    return apply_scan(lines, parsed.code, parsed.qty, batch, batch_required)


def scan_serial(lines: DraftLines, text: str, warehouse_id: int | None) -> ScanResult | None:
    """An issue's scan of a serial number on hand (not an item code): the serial goes on
    its item's line in the base unit, whose quantity is the count of its serials. None
    when the text is no serial on hand in that warehouse. Never raises."""
    from jxc_desktop.engine.inventory import serials

    serial = (text or "").strip()
    try:
        item_id = serials.item_of_serial(serial, warehouse_id)
    except Exception:  # noqa: BLE001 - a scanner loop must never see an exception
        return None
    if item_id is None:
        return None
    item = Item.get_by_id(item_id)
    if any(serial in line.serials for line in lines.lines if line.item_id == item_id):
        return ScanResult(
            False, tr("序列号 {s} 已录入，不能重复", "Serial {s} is already entered", s=serial)
        )
    row = lines.find(item.id, item.base_unit_id, "")
    added = row is None
    if added:
        row = lines.append(draft_line(item, None, lines.with_price))
    line = lines[row]
    line.serials.append(serial)
    line.qty = Decimal(len(line.serials))
    message = tr(
        "{name} 序列号 {s}，本行共 {n} {unit}",
        "{name} serial {s}, line total {n} {unit}",
        name=item.name,
        s=serial,
        n=len(line.serials),
        unit=line.unit,
    )
    return ScanResult(True, message, row, added)


def item_units(item_id: int) -> list[tuple[str, Decimal]]:
    """(unit name, factor) of an item: its base unit first, then its other units."""
    item = Item.get_by_id(item_id)
    out = [(item.base_unit.name, Decimal(1))]
    query = ItemUnit.select(ItemUnit, Unit).join(Unit).where(ItemUnit.item == item)
    out += [(row.unit.name, row.factor) for row in query.order_by(ItemUnit.id)]
    return out


@dataclass
class DraftHeader:
    """A document's header as the form edits it (codes, not model objects)."""

    doc_type: str
    date: dt.date
    time: str = ""
    warehouse: str = ""
    dest_warehouse: str = ""
    remarks: str = ""
    number: str = ""
    status: str = "draft"
    doc_id: int | None = None


def load_draft(doc_id: int) -> tuple[DraftHeader, DraftLines]:
    """A saved document as the form shows it: header codes and draft lines in line order.

    Items, units, factors and locations are read once for the whole document (a
    500-line document opens in a few queries, not thousands).
    """
    from jxc_desktop.engine.documents import get_document
    from jxc_desktop.models.documents import DocumentLine, DocumentLineSerial
    from jxc_desktop.models.masterdata import Location

    doc = get_document(doc_id)
    header = DraftHeader(
        doc.doc_type,
        doc.date,
        doc.time or "",
        doc.warehouse.code if doc.warehouse_id else "",
        doc.dest_warehouse.code if doc.dest_warehouse_id else "",
        doc.remarks or "",
        doc.number,
        doc.status,
        doc.id,
    )
    rows = list(
        DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    )
    item_ids = sorted({r.item_id for r in rows if r.item_id})
    items = {i.id: i for i in by_ids(Item, item_ids)}
    units = {u.id: u.name for u in Unit.select()}
    factors = {
        (f.item_id, f.unit_id): f.factor
        for chunk in chunks(item_ids)
        for f in ItemUnit.select().where(ItemUnit.item.in_(chunk))
    }
    warehouses = [w for w in (doc.warehouse_id, doc.dest_warehouse_id) if w]
    locations = {x.id: x.code for x in Location.select().where(Location.warehouse.in_(warehouses))}
    serials: dict[int, list[str]] = {}
    serial_lines = [r.id for r in rows if r.item_id and items[r.item_id].serial_managed]
    for chunk in chunks(serial_lines):
        query = DocumentLineSerial.select(DocumentLineSerial.line, DocumentLineSerial.serial)
        query = query.where(DocumentLineSerial.line.in_(chunk)).order_by(DocumentLineSerial.id)
        for line_id, serial in query.tuples():
            serials.setdefault(line_id, []).append(serial)
    priced = doc.doc_type in PRICED_TYPES
    lines = DraftLines(with_price=priced)
    for row in rows:
        item = items.get(row.item_id)
        if item is None:
            continue  # money lines have no item; this form never shows them
        unit_id = row.unit_id or item.base_unit_id
        factor = Decimal(1) if unit_id == item.base_unit_id else factors.get((item.id, unit_id))
        line = DraftLine(
            item.id,
            item.code,
            item.name,
            item.spec or "",
            unit_id,
            units[unit_id],
            factor or Decimal(1),
            row.qty,
        )
        line.price = row.price if priced else None
        line.amount = row.amount if doc.doc_type == "CBTZ" else None
        line.location = locations.get(row.location_id, "")
        line.dest_location = locations.get(row.dest_location_id, "")
        line.batch_no = row.batch_no or ""
        line.production_date, line.expiry_date = row.production_date, row.expiry_date
        line.remarks = row.remarks or ""
        line.serials = serials.get(row.id, [])
        _flags(line, item)
        lines.append(line)
    return header, lines


def chunks(ids: list[int], size: int = 500):
    """Id lists cut to a size every database accepts in an IN (...) list."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def by_ids(model, ids: list[int]) -> list:
    return [row for chunk in chunks(ids) for row in model.select().where(model.id.in_(chunk))]


# Types whose lines carry a unit cost the user enters (issues and transfers are costed
# by the ledger; a cost adjustment carries an amount only).
PRICED_TYPES = {"QCKC", "QTRK"}


def to_input(header: DraftHeader, lines: DraftLines):
    """The engine's DocumentInput for save_draft."""
    from jxc_desktop.engine.documents import DocumentInput

    return DocumentInput(
        header.doc_type,
        header.date,
        [line.to_input() for line in lines.lines],
        time=header.time,
        warehouse=header.warehouse or None,
        dest_warehouse=header.dest_warehouse or None,
        remarks=header.remarks,
    )


def scan_shortfalls(lines: list[tuple[int, str, Decimal, Decimal]]) -> list[str]:
    """Checking a generated document by scanning (a delivery against its order): the
    lines (line no, item code, document qty, scanned qty) whose scanned quantity is not
    the document's, as "第 2 行 040071 已扫 1 / 2" texts. None when nothing was scanned at
    all: a clerk who does not scan approves the quantities as they are."""
    if not any(scanned for _, _, _, scanned in lines):
        return []
    return [
        tr(
            "第 {n} 行 {c} 已扫 {s} / {q}",
            "line {n} {c}: scanned {s} of {q}",
            n=line_no,
            c=code,
            s=money.format_exact(scanned),
            q=money.format_exact(wanted),
        )
        for line_no, code, wanted, scanned in lines
        if scanned != wanted
    ]
