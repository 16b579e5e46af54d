"""Compile the 2017–2026 report on a generated province and print each phase's time and the peak RSS.

    DATABASE_URL=postgres://…/fa_x_e5 REPORT_PDF=false python -m benchmarks.report_scale [--from 2017 --to 2026]

Phases: gathering the content in the database (`report_content`, which leans on the plans and
delegations selectors), the Word file, the Excel annex, and the whole `report_compile` (content,
both files, storing them and the content), with the floors of `benchmarks/floors_reports.py`.
Each phase is timed on its own; the peak resident memory (getrusage) is the process's, so a phase's
figure includes those before it. The report written is rolled back, so the database stays as it was.
"""

import argparse
import datetime
import os
import resource
import time

import django


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="first", type=int, default=2017)
    parser.add_argument("--to", dest="last", type=int, default=2026)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreign_affairs.settings")
    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from benchmarks.floors_reports import files_floor, report_floor
    from reports.annex import xlsx_render
    from reports.documents import docx_render
    from reports.selectors import report_content
    from reports.services import report_compile, report_request

    date_from, date_to = datetime.date(args.first, 1, 1), datetime.date(args.last, 12, 31)
    print(f"start: {peak_mb():.0f} MB")
    with transaction.atomic():
        report = report_request(date_from=date_from, date_to=date_to, again=True, dispatch=False)
        started = time.perf_counter()
        with translation.override("vi"), CaptureQueriesContext(connection) as queries:
            content = report_content(report=report)
        content["issuer"] = _issuer()
        rows = sum(len(block.get("rows") or []) for part in content["annex"] for block in part["blocks"])
        tasks = len(content["annex"][0]["blocks"][2]["rows"])  # the progress table: one row a task
        print(f"content: {time.perf_counter() - started:.2f} s, {len(queries)} queries, {tasks} tasks, {rows} rows, "
              f"peak {peak_mb():.0f} MB")  # fmt: skip
        for name, render in (("docx", docx_render), ("xlsx", xlsx_render)):
            started = time.perf_counter()
            with translation.override("vi"):
                data = render(content=content, document_number="…/BC", issued_on=None) if name == "docx" else (
                    render(content=content)
                )  # fmt: skip
            print(f"{name}: {time.perf_counter() - started:.2f} s, {len(data) / 1e6:.1f} MB, peak {peak_mb():.0f} MB")
        tables = [block["rows"] for part in content["annex"] for block in part["blocks"] if block.get("rows")]
        started = time.perf_counter()
        files_floor([row for rows in tables for row in rows])
        print(f"floor of the files (the same rows as text, deflated twice): {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            report_floor(cursor)
        print(f"floor of the report (one query, then the files' floor): {time.perf_counter() - started:.2f} s")
        del content, data
        started = time.perf_counter()
        report_compile(report=report)
        print(f"report_compile: {time.perf_counter() - started:.2f} s, peak {peak_mb():.0f} MB")
        transaction.set_rollback(True)


def _issuer() -> dict:
    from django.utils import timezone

    from accounts.selectors import focal_point_header, focal_point_on

    return focal_point_header(focal_point_on(timezone.localdate()))


if __name__ == "__main__":
    main()
