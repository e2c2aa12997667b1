"""The report's DOCX template: which one is used, and the check of its tags before use.

The office may put its own template (its letterhead, styles, header and footer, made in Word
from the default one) at ``data/templat-laporan.docx``, or name another file with
``PST_REPORT_TEMPLATE`` (the command line's ``--template`` wins over both); otherwise the
default ``dashboard/reports/templates/laporan-kerja.docx`` is used. ``docs/work-report.md``
says how to edit it."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError

from dashboard.config import DEFAULT_DATA_DIR
from dashboard.errors import InputError
from dashboard.reports.default_template import DEFAULT_TEMPLATE

OFFICE_TEMPLATE = DEFAULT_DATA_DIR / "templat-laporan.docx"
TEMPLATE_ENV = "PST_REPORT_TEMPLATE"
TAGS: dict[str, str] = {
    "judul": "judul laporan",
    "periode": "periode laporan (1 Januari 2026 – 31 Desember 2026)",
    "bagian": "bagian-bagian laporan: {%p for b in bagian %} … {%p endfor %}, di dalamnya "
    "{{ b.judul }}, {{ b.uraian }} dan {{ b.isi }} (isi bagian, dalam paragrafnya sendiri)",
    "kop": "kop kantor (BADAN PUSAT STATISTIK / KABUPATEN …)",
    "nama_kantor": "nama kantor dari Profil kantor",
    "alamat": "alamat, telepon dan e-mail kantor",
    "dibuat": "tanggal laporan dibuat",
    "tempat_tanggal": "kota dan tanggal di atas tanda tangan",
}
"""Every tag a template may use, with what it holds."""
REQUIRED_TAGS = ("judul", "periode", "bagian")
SECTION_PARTS = ("b.judul", "b.uraian", "b.isi")
FIELD = "template"


def template_path(chosen: Path | None = None) -> Path:
    """The template to use: ``chosen``, else ``PST_REPORT_TEMPLATE``, else the office's own
    ``data/templat-laporan.docx`` when present, else the default."""
    if chosen is not None:
        return chosen
    named = os.environ.get(TEMPLATE_ENV, "").strip()
    if named:
        return Path(named)
    return OFFICE_TEMPLATE if OFFICE_TEMPLATE.is_file() else DEFAULT_TEMPLATE


def read_template(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError.on(
            FIELD, f"Templat laporan {path} tidak dapat dibaca: {error.strerror}."
        ) from error


def _body_text(template: DocxTemplate) -> str:
    """The text of the body's paragraphs (a tag split over several runs reads whole)."""
    return "\n".join(paragraph.text for paragraph in template.get_docx().paragraphs)


def check_template(content: bytes) -> None:
    """The template opens as a Word document and uses the report's tags, each typed whole:
    InputError with what is wrong, in Indonesian, otherwise nothing."""
    try:
        template = DocxTemplate(io.BytesIO(content))
        used = template.get_undeclared_template_variables()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError.on(
            FIELD, "Templat laporan bukan dokumen Word (.docx) yang dapat dibuka."
        ) from None
    except TemplateSyntaxError as error:
        raise InputError.on(
            FIELD,
            f"Tag dalam templat laporan tidak dapat dibaca ({error.message}). Ketik setiap tag "
            "sekaligus dalam satu format, mis. {{ judul }}, dan tutup setiap {%p for %} dengan "
            "{%p endfor %}.",
        ) from None
    problems = []
    missing = [tag for tag in REQUIRED_TAGS if tag not in used]
    if missing:
        problems.append("tag wajib belum ada: " + ", ".join(f"{{{{ {tag} }}}}" for tag in missing))
    unknown = sorted(used - set(TAGS))
    if unknown:
        problems.append(
            "tag tidak dikenal: "
            + ", ".join(f"{{{{ {tag} }}}}" for tag in unknown)
            + " (yang dikenal: "
            + ", ".join(TAGS)
            + ")"
        )
    if "bagian" in used:
        text = _body_text(template)
        absent = [part for part in SECTION_PARTS if part not in text]
        if absent:
            problems.append(
                "di dalam {%p for b in bagian %} belum ada: "
                + ", ".join(f"{{{{ {part} }}}}" for part in absent)
            )
    if problems:
        summary = "; ".join(problems)
        raise InputError.on(FIELD, f"Templat laporan tidak dapat dipakai: {summary}.")
