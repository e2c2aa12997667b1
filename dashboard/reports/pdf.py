"""The report's PDF: the DOCX converted by LibreOffice headless (``soffice``) where it is
installed. The DOCX and XLSX never depend on it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_SECONDS = 180
INSTALL_HINT = (
    "PDF tidak dibuat: LibreOffice tidak terpasang di server. Pasang dengan "
    "`apt-get install libreoffice-writer-nogui`, atau buka berkas DOCX lalu simpan sebagai PDF."
)
PDF_TYPE = "application/pdf"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class ConversionFailed(RuntimeError):
    """LibreOffice ran but gave no PDF: the message says why, in Indonesian."""


def convert(soffice: str, source: Path, target_format: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice into ``folder`` (a profile of its own, so that
    conversions never wait for each other or for a desktop LibreOffice)."""
    with tempfile.TemporaryDirectory(prefix="pst-soffice-") as profile:
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    target_format,
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise ConversionFailed(f"LibreOffice gagal mengubah {source.name}: {error}.") from error
    converted = folder / f"{source.stem}.{target_format.split(':')[0]}"
    if not converted.is_file():
        raise ConversionFailed(f"LibreOffice tidak menghasilkan {converted.name}.")
    return converted


def docx_to_pdf(soffice: str, docx: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="pst-laporan-") as folder:
        source = Path(folder) / "laporan.docx"
        source.write_bytes(docx)
        return convert(soffice, source, "pdf", Path(folder)).read_bytes()
