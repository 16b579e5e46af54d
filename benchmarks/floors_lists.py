"""Floors of the delegation lists, search and exports (issue 15, item 4 and 5), and a quick measure.

Each floor is a function of a psycopg2 cursor, like those of `sql_floors.py`, running the best
direct SQL for the same answer and fetching every row, so `national.py` can print a page's time
beside it. `main()` times the portal's own code in-process (Django's test client and the export
job's writer, no HTTP server) beside each floor:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fa_bench_copy .venv/bin/python -m benchmarks.floors_lists
"""

import io
import statistics
import time
from collections.abc import Callable

LIST_COLUMNS = (
    "d.id, d.reference, d.direction, d.title, d.purpose, d.department_id, d.leader_name, d.leader_position, "
    "d.member_count, d.partner_kind, d.partner, d.start_date, d.end_date, d.funding_source, d.cost_vnd, "
    "d.approval_document, d.approval_date, d.status, d.cancellation_reason, d.result_report_submitted_on, "
    "dep.name"
)
FROM = "FROM delegations_delegation d JOIN accounts_department dep ON dep.id = d.department_id"
ORDER = "ORDER BY d.start_date DESC, d.id DESC"
# The export's eighteen columns in its order (delegations/spreadsheets.py COLUMNS): codes where the
# file has Vietnamese labels, which the database does not hold.
EXPORT_COLUMNS = (
    "d.reference, d.direction, d.title, d.purpose, dep.name, d.leader_name, d.leader_position, d.member_count, "
    "(SELECT string_agg(c.country, '; ' ORDER BY c.id) FROM delegations_delegationcountry c "
    "WHERE c.delegation_id = d.id), "
    "d.partner_kind, d.partner, d.start_date, d.end_date, d.funding_source, d.cost_vnd, d.approval_document, "
    "d.approval_date, d.status"
)


def _page_with_countries(cursor, sql: str, params: list) -> None:
    cursor.execute(sql, params)
    ids = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT id, delegation_id, country, locality FROM delegations_delegationcountry "
        "WHERE delegation_id = ANY(%s) ORDER BY id",
        [ids],
    )
    cursor.fetchall()


def list_page_floor(size: int = 25, offset: int = 0) -> Callable:
    """A page of the list in its order with its countries (OFFSET as the HTML list pages)."""

    def run(cursor) -> None:
        _page_with_countries(cursor, f"SELECT {LIST_COLUMNS} {FROM} {ORDER} LIMIT %s OFFSET %s", [size, offset])

    return run


def keyset_page_floor(start_date: str, last_id: int, size: int = 50) -> Callable:
    """The API's page after (start_date, id), as a row comparison the order index answers."""

    def run(cursor) -> None:
        _page_with_countries(
            cursor,
            f"SELECT {LIST_COLUMNS} {FROM} WHERE (d.start_date, d.id) < (%s, %s) {ORDER} LIMIT %s",
            [start_date, last_id, size],
        )

    return run


def search_floor(words: str = "nhat ban", size: int = 50, names: bool = True) -> Callable:
    """The first page of a search over the accent-free columns (trigram or order index)."""
    condition = "d.search_text LIKE %s" + (" OR d.search_names LIKE %s" if names else "")

    def run(cursor) -> None:
        pattern = f"%{words}%"
        params = [pattern, pattern] if names else [pattern]
        _page_with_countries(
            cursor, f"SELECT {LIST_COLUMNS} {FROM} WHERE {condition} {ORDER} LIMIT %s", [*params, size]
        )

    return run


def capped_count_floor(cap: int = 1001, words: str | None = None) -> Callable:
    """What the HTML list's count costs: COUNT(*) over at most `cap` rows."""
    where = "WHERE search_text LIKE %s OR search_names LIKE %s" if words else ""

    def run(cursor) -> None:
        params = [f"%{words}%", f"%{words}%"] if words else []
        cursor.execute(
            f"SELECT count(*) FROM (SELECT id FROM delegations_delegation {where} LIMIT %s) s", [*params, cap]
        )
        cursor.fetchall()

    return run


def csv_export_floor(cursor) -> None:
    """Every delegation as CSV, the export's columns in its order, by PostgreSQL's COPY."""
    sink = io.StringIO()
    cursor.copy_expert(f"COPY (SELECT {EXPORT_COLUMNS} {FROM} {ORDER}) TO STDOUT WITH (FORMAT csv, HEADER)", sink)


def _median_ms(run: Callable, rounds: int) -> float:
    run()  # warm
    durations = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


def main(rounds: int = 5, *, exports: tuple[str, ...] = ("csv", "xlsx")) -> None:  # pragma: no cover
    import django

    django.setup()
    import resource
    import tempfile
    from types import SimpleNamespace

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import User
    from core.pagination import KeysetPagination
    from delegations.export_jobs import export_file_write, export_filterset
    from delegations.models import Delegation

    setup_test_environment()
    user = User.objects.get(username="bench_specialist")
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    total = Delegation.objects.count()
    deep = Delegation.objects.order_by("-start_date", "-id").values_list("start_date", "pk")[int(total * 0.95)]
    paginator = KeysetPagination()
    paginator.ordering = ("-start_date", "-id")
    paginator.base_url = "/api/v1/delegations/"
    cursor_link = paginator._link(SimpleNamespace(start_date=deep[0], id=deep[1]), reverse=False)

    def get(path: str) -> Callable:
        def run() -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return run

    def floor(run_floor: Callable) -> Callable:
        def run() -> None:
            with connection.cursor() as cursor:
                run_floor(cursor.cursor)

        return run

    cases = [
        ("HTML list page 1", get("/delegations/"), list_page_floor(25)),
        ("HTML list last reachable page (40)", get("/delegations/?page=last"), list_page_floor(25, 975)),
        ("HTML search 'nhat ban'", get("/delegations/?search=nhat+ban"), search_floor("nhat ban", 25)),
        ("API page 1", get("/api/v1/delegations/"), list_page_floor(50)),
        ("API keyset page at 95 %", get(cursor_link), keyset_page_floor(deep[0].isoformat(), deep[1])),
        ("API search 'nhat ban'", get("/api/v1/delegations/?search=nhat+ban"), search_floor("nhat ban")),
        ("API search 'bun-thoong' (names)", get("/api/v1/delegations/?search=bun-thoong"), search_floor("bun-thoong")),
    ]
    print(f"{total:,} delegations; medians of {rounds} rounds")
    print("| case | portal ms | floor ms | ratio |\n|---|---|---|---|")
    for name, portal, best in cases:
        portal_ms, floor_ms = _median_ms(portal, rounds), _median_ms(floor(best), rounds)
        print(f"| {name} | {portal_ms:,.1f} | {floor_ms:,.1f} | {portal_ms / floor_ms:.2f} |")

    def export(kind: str) -> Callable:
        def run() -> None:
            with tempfile.TemporaryDirectory() as folder:
                delegations = export_filterset(user=user, query="").qs
                export_file_write(path=f"{folder}/export.{kind}", file_format=kind, delegations=delegations)

        return run

    if "csv" in exports:
        csv_ms = _median_ms(export("csv"), max(1, rounds // 2))
        copy_ms = _median_ms(floor(csv_export_floor), max(1, rounds // 2))
        print(f"| CSV export job, every delegation | {csv_ms:,.0f} | {copy_ms:,.0f} | {csv_ms / copy_ms:.2f} |")
    if "xlsx" not in exports:
        return
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    export("xlsx")()
    xlsx_ms = (time.perf_counter() - started) * 1000
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"| XLSX export job, every delegation | {xlsx_ms:,.0f} | — | peak RSS grew {grown / 1024:,.0f} MB |")


if __name__ == "__main__":  # pragma: no cover
    import os
    import sys

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreign_affairs.settings")
    # python -m benchmarks.floors_lists [ROUNDS] [csv,xlsx]
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 5,
        exports=tuple((sys.argv[2] if len(sys.argv) > 2 else "csv,xlsx").split(",")),
    )
