"""The default template of the work report (``templates/laporan-kerja.docx``), built with
python-docx so that it can be rebuilt after a change here:

    python -m dashboard.reports.default_template [FILE]

It holds what an office may change in Word without code (``docs/work-report.md``): the page,
the styles, the heading (*kop*), the header and footer (the page number is a PAGE field), the
table of contents (a TOC field, brought up to date when the document is opened), the signature
block, and the tags (``dashboard.reports.template.TAGS``) where the report's text goes. Every
tag is written in one run, as Word must keep it."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "laporan-kerja.docx"
BLUE = RGBColor(0x0B, 0x4A, 0x8B)
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '
TOC_PLACEHOLDER = (
    "Daftar isi diperbarui saat dokumen dibuka (Word: klik kanan di sini lalu Perbarui "
    "bidang; LibreOffice: Alat › Perbarui › Semua)."
)


def _field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) in ``paragraph``, marked to be updated on opening."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(begin)
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(separate)
    paragraph.add_run(placeholder or "1")
    paragraph.add_run()._r.append(end)


def _bottom_border(paragraph: Paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "0B4A8B")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _styles(document: Document) -> None:  # type: ignore[valid-type]
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 12)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE
        style.font.bold = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    styles["Heading 2"].paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    caption.font.size = Pt(9.5)
    caption.font.italic = True
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0x33, 0x3D, 0x48)
    narrative = styles.add_style("Uraian", WD_STYLE_TYPE.PARAGRAPH)
    narrative.base_style = normal
    narrative.font.italic = True
    narrative.font.color.rgb = RGBColor(0x80, 0x4A, 0x00)
    document.settings.element.append(_update_fields())


def _update_fields() -> OxmlElement:
    """Word brings the fields (the table of contents) up to date when the file opens."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    return update


def _centered(document: Document, text: str, style: str | None = None) -> Paragraph:  # type: ignore[valid-type]
    paragraph = document.add_paragraph(text, style=style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def build_default_template() -> Document:  # type: ignore[valid-type]
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    header = section.header.paragraphs[0]
    header.text = "{{ nama_kantor }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Halaman ")
    _field(footer, " PAGE ")

    kop = _centered(document, "{{ kop }}")
    kop.runs[0].bold = True
    kop.runs[0].font.size = Pt(14)
    kop.runs[0].font.color.rgb = BLUE
    address = _centered(document, "{{ alamat }}")
    address.runs[0].font.size = Pt(9)
    _bottom_border(address)
    document.add_paragraph()
    _centered(document, "{{ judul }}", "Title")
    _centered(document, "Periode {{ periode }}")
    made = _centered(document, "{{ dibuat }}")
    made.runs[0].font.size = Pt(9)
    document.add_paragraph()
    contents = document.add_paragraph("Daftar isi")
    contents.runs[0].bold = True
    contents.runs[0].font.size = Pt(12)
    _field(document.add_paragraph(), TOC_INSTRUCTION, TOC_PLACEHOLDER)

    document.add_paragraph("{%p for b in bagian %}")
    document.add_paragraph("{{ b.judul }}", style="Heading 1")
    document.add_paragraph("{{ b.uraian }}", style="Uraian")
    document.add_paragraph("{{ b.isi }}")
    document.add_paragraph("{%p endfor %}")

    closing = document.add_paragraph()
    closing.add_run().add_break(WD_BREAK.LINE)
    signature = document.add_paragraph("{{ tempat_tanggal }}")
    signature.paragraph_format.left_indent = Cm(9)
    for line in ("Kepala,", "", "", "", "(nama dan NIP)"):
        document.add_paragraph(line).paragraph_format.left_indent = Cm(9)
    return document


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else DEFAULT_TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    build_default_template().save(str(target))
    print(f"Templat bawaan ditulis: {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
