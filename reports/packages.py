"""Large tables written straight into the saved Word and Excel files, a few hundred rows at a time.

python-docx and openpyxl build the document (styles, header, page set-up) and each table's header;
their data rows are then written as text while the file is zipped again, so a table of 20,000 rows
costs a string per row instead of an object per cell, and memory does not grow with the rows.
"""

import io
import zipfile
from collections.abc import Callable, Iterable

CHUNK_ROWS = 500


def package_rewrite(package: bytes, parts: Callable[[str, bytes], Iterable[bytes] | None]) -> bytes:
    """The zip package with the entries for which `parts(name, data)` gives pieces written as those pieces."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            pieces = parts(item.filename, data)
            if pieces is None:
                target.writestr(item, data)
                continue
            with target.open(item.filename, "w") as stream:
                stream.writelines(pieces)
    return output.getvalue()


def chunks(rows: list, row_xml: Callable[[int, list], str]) -> Iterable[bytes]:
    """The rows' text, `row_xml(index, row)` each, a few hundred rows to a piece."""
    for first in range(0, len(rows), CHUNK_ROWS):
        batch = rows[first : first + CHUNK_ROWS]
        yield "".join(row_xml(first + offset, row) for offset, row in enumerate(batch)).encode()
