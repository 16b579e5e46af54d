"""An export of every delegation written as the worker writes it, timed by `national.py` as a command.

    python -m benchmarks.export_job --database fa_bench_e6 --format csv

Creates the export row as bench_specialist and runs the job's code in this process (the worker's
`delegation_export_run`), so the figure is the job's own time and memory, not the queue's: it
prints `job_ms=…`, the job's time without this interpreter's start and Django's set-up, which a
worker has done once for all its jobs.
"""

import argparse
import os
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreign_affairs.settings")
    import django

    django.setup()
    from accounts.models import User
    from delegations.export_jobs import delegation_export_run
    from delegations.models import DelegationExport

    user = User.objects.get(username="bench_specialist")
    # Not through delegation_export_request: that would also send the job to the bench's worker.
    export = DelegationExport.objects.create(
        file_format=args.format, query="", fingerprint=os.urandom(16).hex(), requested_by=user
    )
    started = time.perf_counter()
    state = delegation_export_run(export_id=export.pk)
    job_ms = (time.perf_counter() - started) * 1000
    export.refresh_from_db()
    print(state, export.row_count, f"job_ms={job_ms:.0f}")
    return 0 if state == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
