"""The receipt (*kuitansi*) of a PNBP sale, as a PDF to print or save.

``receipt_view`` turns a sale, its treasurer and its office into every text the receipt
shows (a ``ReceiptView``); ``receipt_pdf`` lays that out on an A5 landscape sheet with
fpdf2. Only the PDF core font (Helvetica) is used, so the file opens the same on any
machine; the core fonts cover latin-1 only, and ``latin1_safe`` is the one place where
other characters (typographic quotes, dashes, ...) are replaced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dashboard.clock import local_date
from dashboard.i18n import format_moment, format_number, format_place_date, format_rupiah
from dashboard.office.profile import contact_line, office_heading
from dashboard.pnbp.rules import (
    ITEM_UNITS,
    PAYMENT_METHOD_LABELS,
    STATUS_VOID,
    ZERO_RUPIAH_REASONS,
    amount_in_words,
)
from db.models import Office, Sale, SaleItem, StaffUser

TITLE = "KUITANSI"
TREASURER_TITLE = "Bendahara Penerimaan"
PNBP_NOTE = "Penerimaan Negara Bukan Pajak (PNBP) atas produk statistik BPS, dengan rincian:"
COPY_MARK = "SALINAN"
"""The mark of every receipt but the original: a reprint, or a look after the original."""
PREVIEW_MARK = "PRATINJAU"
"""The mark of a receipt looked at before its original was printed."""
VOID_MARK = STATUS_VOID
NIP_BLANK = "NIP. ...................................."

_LATIN1_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2032": "'",
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u0131": "i",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u20ac": "EUR",
    "\u2122": "TM",
}


def latin1_safe(text: str) -> str:
    """The text with every character the PDF core fonts cannot show replaced: typographic
    quotes and dashes by their ASCII forms, accented letters outside latin-1 by their
    base letter, anything else by '?'."""
    out: list[str] = []
    for char in text:
        if char in _LATIN1_REPLACEMENTS:
            out.append(_LATIN1_REPLACEMENTS[char])
            continue
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(
            part
            for part in unicodedata.normalize("NFKD", char)
            if ord(part) < 256 and not unicodedata.combining(part)
        )
        out.append(base or "?")
    return "".join(out)


@dataclass(frozen=True)
class ReceiptLine:
    """One item of the sale as the receipt prints it."""

    number: int
    description: str
    quantity_and_price: str
    """'2 eksemplar × Rp 75.000'"""
    amount: str
    """'Rp 150.000'"""


@dataclass(frozen=True)
class ReceiptView:
    """Every text the kuitansi shows."""

    office_heading: tuple[str, ...]
    """('BADAN PUSAT STATISTIK', 'KABUPATEN MUARA ENIM')"""
    office_address: str
    office_name: str
    receipt_number: str
    payer: str
    """'Budi Santoso (Universitas Sriwijaya)'"""
    amount_in_words: str
    amount_in_figures: str
    """'Rp 125.000'"""
    purpose: str
    lines: tuple[ReceiptLine, ...]
    total: str
    """The total of the lines, for the table's last row: 'Rp 125.000'."""
    payment: str
    """'Tunai' or 'Transfer bank, ref. TRX-0012'"""
    zero_rupiah_note: str | None
    place_and_date: str
    """'Muara Enim, 26 November 2026': the WIB day of payment."""
    treasurer_title: str
    treasurer_name: str
    treasurer_nip: str
    """'NIP. 19800101 200501 1 001' (dots to fill in by hand when the NIP is not recorded)"""
    void_note: str | None
    """'Dibatalkan 27 Nov 2026 10:15 WIB. Alasan: ...' for a voided sale, else None."""
    paid_at: datetime
    """The moment of payment (UTC): the PDF's creation date, so a reprint is the same file."""

    @property
    def voided(self) -> bool:
        return self.void_note is not None


def format_nip(nip: str | None) -> str:
    """'NIP. 19800101 200501 1 001': an 18-digit NIP in its usual groups (birth date,
    appointment month, gender, sequence); another value as recorded; dots when missing."""
    if not nip or not nip.strip():
        return NIP_BLANK
    digits = nip.strip()
    if len(digits) == 18 and digits.isdigit():
        digits = f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return f"NIP. {digits}"


def _payer(sale: Sale) -> str:
    institution = (sale.payer_institution or "").strip()
    return f"{sale.payer_name} ({institution})" if institution else sale.payer_name


def _payment(sale: Sale) -> str:
    label = PAYMENT_METHOD_LABELS.get(sale.payment_method, sale.payment_method)
    reference = (sale.payment_reference or "").strip()
    return f"{label}, ref. {reference}" if reference else label


def _zero_rupiah_note(sale: Sale) -> str | None:
    if not sale.zero_rupiah_reason:
        return None
    reason = ZERO_RUPIAH_REASONS.get(sale.zero_rupiah_reason, sale.zero_rupiah_reason)
    letter = (sale.zero_rupiah_letter or "").strip() or "-"
    return f"Tarif Rp 0 (nol rupiah): {reason} — surat permohonan no. {letter}"


def _void_note(sale: Sale) -> str | None:
    if sale.voided_at is None:
        return None
    reason = (sale.void_reason or "").strip() or "-"
    return f"Dibatalkan {format_moment(sale.voided_at)}. Alasan: {reason}"


def _line(number: int, item: SaleItem, units: Mapping[int, str]) -> ReceiptLine:
    unit = units.get(item.tariff_id) or ITEM_UNITS.get(item.item_kind, "")
    quantity = f"{format_number(item.quantity)} {unit}".strip()
    return ReceiptLine(
        number=number,
        description=item.description,
        quantity_and_price=f"{quantity} × {format_rupiah(item.unit_price)}",
        amount=format_rupiah(item.amount),
    )


def receipt_view(
    sale: Sale,
    treasurer: StaffUser,
    office: Office,
    *,
    units: Mapping[int, str] | None = None,
) -> ReceiptView:
    """What the kuitansi of a sale shows. ``treasurer`` is the one who received the money
    (``sale.treasurer_id``): the receipt is signed in their name. ``units`` maps a tariff id
    to the unit that tariff names ('lembar'); without it a line shows its kind's usual
    unit ('eksemplar')."""
    tariff_units = units or {}
    return ReceiptView(
        office_heading=office_heading(office.name),
        office_address=contact_line(office.city, office.address, office.phone, office.email),
        office_name=office.name,
        receipt_number=sale.receipt_number,
        payer=_payer(sale),
        amount_in_words=amount_in_words(sale.total),
        amount_in_figures=format_rupiah(sale.total),
        purpose=PNBP_NOTE,
        lines=tuple(
            _line(number, item, tariff_units) for number, item in enumerate(sale.items, start=1)
        ),
        total=format_rupiah(sale.total),
        payment=_payment(sale),
        zero_rupiah_note=_zero_rupiah_note(sale),
        place_and_date=format_place_date(office.city, local_date(sale.paid_at)),
        treasurer_title=TREASURER_TITLE,
        treasurer_name=treasurer.full_name,
        treasurer_nip=format_nip(treasurer.nip),
        void_note=_void_note(sale),
        paid_at=sale.paid_at,
    )


def receipt_mark(print_count: int, *, printing: bool) -> str | None:
    """The mark of a receipt whose original was printed ``print_count`` times before: the
    first print (an explicit treasurer action) is the original (None), every later print a
    copy; looking at a receipt prints nothing, so it shows a preview until the original is
    printed, a copy after."""
    if print_count > 0:
        return COPY_MARK
    return None if printing else PREVIEW_MARK


def receipt_filename(receipt_number: str, *, mark: str | None) -> str:
    """The download's file name: 'kuitansi-0042-PST-1603-2026.pdf' for the original,
    '…-salinan.pdf' for a copy, '…-pratinjau.pdf' for a preview."""
    stem = "kuitansi-" + receipt_number.replace("/", "-")
    return f"{stem}-{mark.lower()}.pdf" if mark else f"{stem}.pdf"


# -- the PDF ---------------------------------------------------------------------------------

_FONT = "Helvetica"
_PAGE_SIZE = (148.0, 210.0)
"""A5, given by its size (fpdf2 warns about the "A5" name since it corrected that size)."""
_MARGIN = 12.0
_TOP_MARGIN = 9.0
_BOTTOM_MARGIN = 11.0
_LABEL_WIDTH = 36.0
_COLON_WIDTH = 4.0
_FIELD_LINE = 5.4
_ITEM_LINE = 4.2
_ROW_GAP = 0.8
_NO_WIDTH = 7.0
_QUANTITY_WIDTH = 46.0
_AMOUNT_WIDTH = 27.0
_SIGNATURE_WIDTH = 72.0
_SIGNATURE_SPACE = 14.0
"""Room for the handwritten signature (and the office stamp) above the name."""
_CLOSING_HEIGHT = 4 * 5.0 + _SIGNATURE_SPACE
"""Height of the figures box and the signature block, which never split across pages."""
_SHADE = (232, 232, 232)
_RULE_GREY = (150, 150, 150)
_MUTED = (90, 90, 90)
_MARK_RED = (170, 20, 20)
_WATERMARK_RED = (246, 196, 196)
_ITEM_HEADER = ("No", "Uraian", "Banyaknya × harga satuan", "Jumlah")


class _ReceiptPdf(FPDF):
    """The kuitansi sheet: A5 landscape. Every page carries the copy (or preview) and void
    marks and a footer with the number and the page; a page after the first starts with a
    short heading."""

    def __init__(self, view: ReceiptView, *, mark: str | None) -> None:
        super().__init__(orientation="L", unit="mm", format=_PAGE_SIZE)
        self.view = view
        self.mark = mark
        self.set_margins(_MARGIN, _TOP_MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=_BOTTOM_MARGIN)
        self.alias_nb_pages()

    @property
    def right_edge(self) -> float:
        return self.w - self.r_margin

    @property
    def content_width(self) -> float:
        return self.right_edge - self.l_margin

    def put(
        self,
        width: float,
        height: float,
        text: str,
        *,
        align: str = "L",
        border: int | str = 0,
        fill: bool = False,
        new_line: bool = False,
    ) -> None:
        """One cell of text on one line."""
        self.cell(
            width,
            height,
            latin1_safe(text),
            border=border,
            align=align,
            fill=fill,
            new_x=XPos.LMARGIN if new_line else XPos.RIGHT,
            new_y=YPos.NEXT if new_line else YPos.TOP,
        )

    def put_block(
        self,
        x: float,
        height: float,
        text: str,
        *,
        border: int | str = 0,
        fill: bool = False,
        padding: float = 0,
    ) -> None:
        """Text wrapped between ``x`` and the right margin; the cursor ends at the left
        margin below it."""
        self.set_x(x)
        self.multi_cell(
            self.right_edge - x,
            height,
            latin1_safe(text),
            border=border,
            align="L",
            fill=fill,
            padding=padding,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def line_count(self, width: float, text: str) -> int:
        lines = self.multi_cell(width, _ITEM_LINE, latin1_safe(text), dry_run=True, output="LINES")
        return max(1, len(lines))

    def rule(self, x: float, gap: float = _ROW_GAP) -> None:
        """A thin grey line from ``x`` to the right margin."""
        y = self.get_y()
        self.set_draw_color(*_RULE_GREY)
        self.line(x, y, self.right_edge, y)
        self.set_draw_color(0, 0, 0)
        self.set_y(y + gap)

    def header(self) -> None:
        if self.view.voided:
            self._void_watermark()
        if self.mark:
            self._mark_stamp(self.mark)
        if self.page_no() > 1:
            self.set_font(_FONT, "B", 9)
            self.put(0, 5, f"{TITLE} Nomor {self.view.receipt_number} (lanjutan)", new_line=True)
            self.ln(4)

    def footer(self) -> None:
        self.set_y(-8.5)
        self.set_font(_FONT, "", 7)
        self.set_text_color(110, 110, 110)
        self.put(self.content_width / 2, 3.5, f"{TITLE} {self.view.receipt_number}")
        self.put(self.content_width / 2, 3.5, f"Halaman {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def _void_watermark(self) -> None:
        """A large pale diagonal BATAL, drawn first so the text stays readable over it."""
        self.set_font(_FONT, "B", 120)
        self.set_text_color(*_WATERMARK_RED)
        width = self.get_string_width(VOID_MARK)
        center_x, center_y = self.w / 2, self.h / 2 + 8
        with self.rotation(angle=22, x=center_x, y=center_y):
            self.text(center_x - width / 2, center_y + 15, latin1_safe(VOID_MARK))
        self.set_text_color(0, 0, 0)

    def _mark_stamp(self, mark: str) -> None:
        """A framed SALINAN (or PRATINJAU) in the top right corner."""
        x, y = self.get_x(), self.get_y()
        self.set_font(_FONT, "B", 15)
        self.set_text_color(*_MARK_RED)
        self.set_draw_color(*_MARK_RED)
        self.set_line_width(0.7)
        width = self.get_string_width(mark) + 10
        self.set_xy(self.right_edge - width, _TOP_MARGIN)
        self.put(width, 9, mark, align="C", border=1)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        self.set_xy(x, y)


def _draw_heading(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    """The office heading (*kop*) over a double rule."""
    for index, line in enumerate(view.office_heading):
        pdf.set_font(_FONT, "B", 13 if index == 0 else 11.5)
        pdf.put(0, 5.2 if index == 0 else 5, line, new_line=True)
    pdf.set_font(_FONT, "", 8.5)
    pdf.put_block(pdf.l_margin, 4, view.office_address)
    y = pdf.get_y() + 1.3
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.right_edge, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.1, pdf.right_edge, y + 1.1)
    pdf.set_y(y + 3.5)


def _draw_title(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    pdf.set_font(_FONT, "BU", 16)
    pdf.set_char_spacing(2)
    pdf.put(0, 7, TITLE, align="C", new_line=True)
    pdf.set_char_spacing(0)
    pdf.set_font(_FONT, "", 10)
    pdf.put(0, 5, f"Nomor: {view.receipt_number}", align="C", new_line=True)
    pdf.ln(1.5)


def _draw_void_box(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    """The reason of a void, framed in red under the number."""
    if view.void_note is None:
        return
    pdf.set_font(_FONT, "B", 9.5)
    pdf.set_text_color(*_MARK_RED)
    pdf.set_draw_color(*_MARK_RED)
    pdf.set_line_width(0.5)
    pdf.put_block(pdf.l_margin, 5, f"{VOID_MARK} - {view.void_note}", border=1, padding=1)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(1.5)


def _label(pdf: _ReceiptPdf, label: str) -> float:
    """The label and colon of a field; returns the x where its value starts."""
    pdf.set_font(_FONT, "", 10)
    pdf.put(_LABEL_WIDTH, _FIELD_LINE, label)
    pdf.put(_COLON_WIDTH, _FIELD_LINE, ":")
    return pdf.get_x()


def _draw_payer(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    value_x = _label(pdf, "Sudah terima dari")
    pdf.set_font(_FONT, "B", 10)
    pdf.put_block(value_x, _FIELD_LINE, view.payer)
    pdf.ln(1)


def _draw_amount_in_words(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    """The amount in words, italic in a shaded band (so nothing can be written after it)."""
    top = pdf.get_y()
    pdf.set_y(top + 1)  # level with the band's padded text
    value_x = _label(pdf, "Uang sebanyak")
    pdf.set_y(top)
    pdf.set_font(_FONT, "BI", 10.5)
    pdf.set_fill_color(*_SHADE)
    pdf.put_block(value_x, _FIELD_LINE, view.amount_in_words, fill=True, padding=1)
    pdf.ln(1.5)


def _item_row(
    pdf: _ReceiptPdf, x: float, cells: tuple[str, str, str, str], *, style: str = ""
) -> None:
    """One row of the items table from ``x`` to the right margin; the description wraps and
    a row that does not fit moves to the next page whole, under the table's header."""
    description_width = pdf.right_edge - x - _NO_WIDTH - _QUANTITY_WIDTH - _AMOUNT_WIDTH
    pdf.set_font(_FONT, style, 9)
    height = pdf.line_count(description_width - 1.5, cells[1]) * _ITEM_LINE
    if pdf.will_page_break(height) and cells != _ITEM_HEADER:
        pdf.add_page()
        _item_header(pdf, x)
        pdf.set_font(_FONT, style, 9)
    top = pdf.get_y()
    pdf.set_xy(x, top)
    pdf.put(_NO_WIDTH, _ITEM_LINE, cells[0], align="R")
    pdf.set_xy(x + _NO_WIDTH + 1.5, top)
    pdf.multi_cell(
        description_width - 1.5,
        _ITEM_LINE,
        latin1_safe(cells[1]),
        align="L",
        new_x=XPos.RIGHT,
        new_y=YPos.TOP,
    )
    pdf.set_xy(x + _NO_WIDTH + description_width, top)
    pdf.put(_QUANTITY_WIDTH, _ITEM_LINE, cells[2], align="R")
    pdf.put(_AMOUNT_WIDTH, _ITEM_LINE, cells[3], align="R")
    pdf.set_y(top + height + _ROW_GAP)


def _item_header(pdf: _ReceiptPdf, x: float) -> None:
    pdf.set_text_color(*_MUTED)
    _item_row(pdf, x, _ITEM_HEADER)
    pdf.set_text_color(0, 0, 0)
    pdf.rule(x)


def _draw_purpose(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    """What was paid for: the PNBP note, the items with quantity × unit price = amount, how it
    was paid, and the zero-rupiah ground when there is one."""
    value_x = _label(pdf, "Untuk pembayaran")
    pdf.set_font(_FONT, "", 10)
    pdf.put_block(value_x, _FIELD_LINE, view.purpose)
    _item_header(pdf, value_x)
    for line in view.lines:
        row = (f"{line.number}.", line.description, line.quantity_and_price, line.amount)
        _item_row(pdf, value_x, row)
    pdf.rule(value_x)
    if len(view.lines) > 1:
        _item_row(pdf, value_x, ("", "Jumlah", "", view.total), style="B")
    pdf.set_font(_FONT, "", 9)
    pdf.put_block(value_x, _ITEM_LINE + 0.4, f"Dibayar: {view.payment}")
    if view.zero_rupiah_note:
        pdf.set_font(_FONT, "B", 9)
        pdf.put_block(value_x, _ITEM_LINE + 0.4, view.zero_rupiah_note)
    pdf.ln(1.5)


def _draw_closing(pdf: _ReceiptPdf, view: ReceiptView) -> None:
    """The amount in figures (left) beside the place, date and signature (right), kept
    together at the foot of the page."""
    if pdf.will_page_break(_CLOSING_HEIGHT):
        pdf.add_page()
    top = max(pdf.get_y(), pdf.page_break_trigger - _CLOSING_HEIGHT)
    pdf.set_xy(pdf.l_margin, top + 9)
    pdf.set_font(_FONT, "", 10)
    pdf.put(22, 10, "Terbilang")
    pdf.set_font(_FONT, "B", 14)
    pdf.set_fill_color(*_SHADE)
    pdf.set_line_width(0.5)
    box_width = pdf.get_string_width(view.amount_in_figures) + 14
    pdf.put(box_width, 10, view.amount_in_figures, align="C", border=1, fill=True)
    pdf.set_line_width(0.2)
    x = pdf.right_edge - _SIGNATURE_WIDTH
    rows = (
        (0.0, "", 10.0, view.place_and_date),
        (5.0, "", 10.0, f"{view.treasurer_title},"),
        (10.0 + _SIGNATURE_SPACE, "BU", 10.0, view.treasurer_name),
        (15.0 + _SIGNATURE_SPACE, "", 9.5, view.treasurer_nip),
    )
    for offset, style, size, text in rows:
        pdf.set_xy(x, top + offset)
        pdf.set_font(_FONT, style, size)
        pdf.put(_SIGNATURE_WIDTH, 5, text, align="C")
    pdf.set_y(top + _CLOSING_HEIGHT)


def receipt_pdf(view: ReceiptView, *, mark: str | None) -> bytes:
    """The kuitansi as PDF bytes. ``mark`` (``receipt_mark``) stamps a copy (SALINAN) or a
    preview (PRATINJAU), None the original; a voided sale carries a large BATAL mark and its
    reason. The same view always gives the same bytes."""
    pdf = _ReceiptPdf(view, mark=mark)
    pdf.set_creation_date(view.paid_at)
    pdf.set_title(latin1_safe(f"{TITLE} {view.receipt_number}"))
    pdf.set_author(latin1_safe(view.office_name))
    pdf.set_subject("Kuitansi penerimaan PNBP")
    pdf.set_creator("PST Dashboard")
    pdf.set_lang("id")
    pdf.add_page()
    _draw_heading(pdf, view)
    _draw_title(pdf, view)
    _draw_void_box(pdf, view)
    _draw_payer(pdf, view)
    _draw_amount_in_words(pdf, view)
    _draw_purpose(pdf, view)
    _draw_closing(pdf, view)
    return bytes(pdf.output())
