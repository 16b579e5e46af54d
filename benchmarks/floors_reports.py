"""Floors for the 2017–2026 report: what its task list costs with nothing but SQL, text and zlib.

`report_floor(cursor)` fits `national.py`'s `floor(cursor)`: one plain query for every task of the
plans in force during 2017–2026 with its lead department's latest sent entry of the report's period
(the rows the body and the annex are drawn from), then those rows written twice as escaped XML text
into a deflated zip entry, as the Word table and the Excel sheet hold them. The delegation figures
are left out (their floors are the statistics' own), so the compile's ratio to this floor is the
price of everything the report adds: the rest of its queries, python-docx, openpyxl and the content
stored as JSON.

`files_floor(rows)` is the writing half alone, to compare with `docx_render` + `xlsx_render` on the
same rows (`benchmarks/report_scale.py` prints both).
"""

import io
import zipfile
from xml.sax.saxutils import escape

FIRST, LAST = "2017-01-01", "2026-12-31"

# The period: the latest whose window closes inside the range by today (the longest among equals).
PERIOD = """
SELECT id FROM plans_reportingperiod
WHERE end_date BETWEEN %(first)s AND LEAST(%(last)s::date, CURRENT_DATE)
ORDER BY end_date DESC, start_date ASC LIMIT 1
"""

# Plans in force on a day of the range, as Plan.objects.in_force_during says, and their tasks with the
# lead department's latest sent entry of the period.
TASKS = """
WITH plans AS (
    SELECT id, document_number, issue_date FROM plans_plan
    WHERE status <> 'draft'
      AND COALESCE(in_force_from, issue_date) <= %(last)s AND start_year <= EXTRACT(YEAR FROM %(last)s::date)
      AND ((in_force_to IS NULL AND (end_year IS NULL OR continues_after))
           OR in_force_to >= %(first)s
           OR (in_force_to IS NULL AND end_year >= EXTRACT(YEAR FROM %(first)s::date) AND NOT continues_after))
), latest AS (
    SELECT DISTINCT ON (task_id, department_id) task_id, department_id, status, percent_done, results
    FROM plans_taskprogress
    WHERE period_id = %(period)s AND state NOT IN ('draft', 'returned')
    ORDER BY task_id, department_id, updated_at DESC, id DESC
)
SELECT p.document_number, a.position, a.title, t.position, t.content, d.name, e.status, e.percent_done, e.results
FROM plans_task t
JOIN plans_taskarea a ON a.id = t.area_id
JOIN plans p ON p.id = a.plan_id
JOIN accounts_department d ON d.id = t.lead_department_id
LEFT JOIN latest e ON e.task_id = t.id AND e.department_id = t.lead_department_id
ORDER BY p.issue_date, p.id, a.position, t.position
"""


def report_floor(cursor) -> int:
    """The report's task rows by one query, written as a Word table and an Excel sheet would hold them."""
    cursor.execute(PERIOD, {"first": FIRST, "last": LAST})
    period = cursor.fetchone()
    cursor.execute(TASKS, {"first": FIRST, "last": LAST, "period": period[0] if period else None})
    return files_floor(cursor.fetchall())


def files_floor(rows: list) -> int:
    """The rows as escaped XML text, deflated twice (the .docx table, the .xlsx sheet); the bytes written."""
    written = 0
    for cell, row_start, row_end in (("<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>", "<w:tr>", "</w:tr>"),
                                     ('<c t="inlineStr"><is><t>{}</t></is></c>', "<row>", "</row>")):  # fmt: skip
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package, package.open("part.xml", "w") as stream:
            for first in range(0, len(rows), 500):
                text = "".join(
                    row_start + "".join(cell.format(escape(str(value or ""))) for value in row) + row_end
                    for row in rows[first : first + 500]
                )
                stream.write(text.encode())
        written += len(output.getvalue())
    return written
