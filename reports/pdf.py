"""A report's PDF, converted from its Word file by LibreOffice headless (Debian's package in the image).

The conversion runs in the worker, in a private LibreOffice profile so that two conversions at once do
not share one, under a time limit. Without LibreOffice, or when it fails, the report keeps its Word and
Excel files and the PDF is missing: the failure is logged, never a failed report.
"""

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


def docx_to_pdf(docx: bytes) -> bytes | None:
    """The PDF of a .docx, or None when LibreOffice is missing or fails (logged)."""
    binary = shutil.which(settings.LIBREOFFICE_BINARY)
    if binary is None:
        logger.warning("No PDF: LibreOffice (%s) is not installed.", settings.LIBREOFFICE_BINARY)
        return None
    with tempfile.TemporaryDirectory(prefix="report-pdf-") as folder:
        work = Path(folder)
        (work / "report.docx").write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(work / "report.docx"),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=settings.REPORT_PDF_TIMEOUT_SECONDS)
        except (OSError, subprocess.SubprocessError) as error:
            logger.warning("No PDF: LibreOffice failed: %s", error)
            return None
        pdf = work / "report.pdf"
        return pdf.read_bytes() if pdf.exists() else None
