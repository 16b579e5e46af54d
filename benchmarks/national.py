"""The portal at national scale on PostgreSQL, through HTTP as its users ask it (`make bench`).

    python -m benchmarks.national --scale e5 [--rounds 9] [--only stats] [--markdown FILE]

Builds the database with benchmarks/generate.py unless a database of that scale exists, migrates
it, serves it as production does (gunicorn with gunicorn.conf.py, DJANGO_ENV=production, Redis and
a Celery worker), logs in as the bench users and asks every page and endpoint of issue 15's table
several times. Each figure is printed beside its floor — the same answer by the best direct SQL,
or the rollup query alone — as a ratio, and beside its goal. Where the floor is a query of a
millisecond (the statistics from the rollups), the ratio compares the endpoint's own SQL with it
(benchmarks/endpoint_sql.py): through HTTP, what every signed-in request costs whatever it asks
(the first row) would hide it. Nothing here is asserted: the suite
asserts query counts and answers; this measures time.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psycopg2

from benchmarks import floors_lists, floors_reports, sql_floors
from benchmarks.generate import PASSWORD, SCALES
from scripts.smoke_production import Client

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
BIN = ROOT / ".venv" / "bin"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
TEN_YEARS = "start_date_after=2017-01-01&start_date_before=2026-12-31"
GUNICORN_TIMEOUT = 60
# What a signed-in request costs through gunicorn whatever it asks: the p95 of a small API list by four
# clients at once (the table's first row checks it).
REQUEST_COST_MS = 40
ONE_YEAR = "start_date_after=2026-01-01&start_date_before=2026-12-31"


@dataclass
class Case:
    """One row of the table: a request (or a command) timed several times, and what it should meet."""

    label: str
    user: str
    path: str = ""
    goal_ms: float | None = None  # the p95 to meet
    floor: Callable | None = None  # floor(cursor) runs the best SQL for the same answer
    floor_goal: float | None = None  # the largest p95 / floor ratio allowed
    clients: int = 1
    before: Callable | None = None  # run before each timed request, e.g. to empty the cache
    command: list[str] = field(default_factory=list)  # time a command instead of a request
    memory_goal_mb: float | None = None
    # Compare the endpoint's own SQL with the floor, not its p95 through HTTP.
    own_sql: bool = False


@dataclass
class Result:
    case: Case
    median_ms: float
    p95_ms: float
    floor_ms: float | None
    peak_mb: float | None = None
    note: str = ""
    own_sql_ms: float | None = None  # the endpoint's own statements on a cursor (Case.own_sql)

    @property
    def ratio(self) -> float | None:
        if not self.floor_ms:
            return None
        return (self.p95_ms if self.own_sql_ms is None else self.own_sql_ms) / self.floor_ms

    @property
    def meets_goal(self) -> bool:
        within_time = self.case.goal_ms is None or self.p95_ms <= self.case.goal_ms
        within_floor = self.case.floor_goal is None or (self.ratio or 0) <= self.case.floor_goal
        within_memory = self.case.memory_goal_mb is None or (self.peak_mb or 0) <= self.case.memory_goal_mb
        return within_time and within_floor and within_memory and not self.note


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the values lie."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def flush_cache() -> None:
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)


def cases() -> list[Case]:
    """Issue 15's table, row by row, with the goals it sets."""
    stats = [
        Case(
            f"API stats group_by={group} {span}",
            "bench_specialist",
            f"/api/v1/delegations/stats/?group_by={group}&{query}",
            goal_ms=300,
            floor=sql_floors.stats_rollup_floor(group, query),
            floor_goal=1.5,
            clients=4,
            own_sql=True,
        )
        for group in ("direction", "country", "department", "month", "quarter", "year")
        for span, query in (("10y", TEN_YEARS), ("1y", ONE_YEAR))
    ]
    return [
        # What any signed-in request costs (the session, the user, the middleware): REQUEST_COST_MS.
        Case(
            "fixed cost: /api/v1/periods/", "bench_specialist", "/api/v1/periods/", goal_ms=REQUEST_COST_MS, clients=4
        ),
        Case("/dashboard/ cold (after a save)", "bench_leader", "/dashboard/", goal_ms=1000, before=flush_cache),
        Case("/dashboard/ served", "bench_leader", "/dashboard/", goal_ms=300),
        Case(
            "/api/v1/dashboard/ cold (department staff)",
            "bench_staff",
            "/api/v1/dashboard/",
            goal_ms=1000,
            before=flush_cache,
        ),
        Case("/dashboard/tasks/ drill-down", "bench_leader", "/dashboard/tasks/", goal_ms=300),
        Case("/api/v1/tasks/ (department staff)", "bench_staff", "/api/v1/tasks/", goal_ms=300),
        Case("/review/rates/", "bench_specialist", "/review/rates/", goal_ms=500),
        # The list opens on the approved entries waiting for the focal point; "every row" is the period's whole list.
        Case("/review/ (specialist)", "bench_specialist", "/review/", goal_ms=200),
        Case("/review/ every row (specialist)", "bench_specialist", "/review/?state=", goal_ms=200),
        Case("/my-work/ (department head)", "bench_head", "/my-work/", goal_ms=200),
        Case("/my-work/ (department staff)", "bench_staff", "/my-work/", goal_ms=200),
        Case("biggest plan page", "bench_specialist", "{biggest_plan}", goal_ms=200),
        *stats,
        Case("stats page 1y", "bench_specialist", "/delegations/stats/", goal_ms=300),
        Case(
            "stats page 10y",
            "bench_specialist",
            "/delegations/stats/?start_date_after=01/01/2017&start_date_before=31/12/2026",
            goal_ms=300,
        ),
        Case(
            "API delegations page 1",
            "bench_specialist",
            "/api/v1/delegations/",
            goal_ms=100,
            floor=floors_lists.list_page_floor(size=50),
        ),
        Case("API delegations page 1 (staff)", "bench_staff", "/api/v1/delegations/", goal_ms=100),
        Case("API delegations deep (2017)", "bench_specialist", "{deep_api}", goal_ms=100),
        Case(
            "API search 'nhat ban'",
            "bench_specialist",
            "/api/v1/delegations/?search=nhat+ban",
            goal_ms=100,
            floor=floors_lists.search_floor("nhat ban"),
        ),
        Case("list page 1", "bench_specialist", "/delegations/", goal_ms=200, floor=floors_lists.list_page_floor()),
        Case("list search 'nhat ban'", "bench_specialist", "/delegations/?search=nhat+ban", goal_ms=200),
        Case("list deepest page offered", "bench_specialist", "{deep_html}", goal_ms=200),
        Case(
            "CSV export job, every delegation",
            "bench_specialist",
            command=["-m", "benchmarks.export_job", "--database", "{database}", "--format", "csv"],
            floor=floors_lists.csv_export_floor,
            floor_goal=3,
        ),
        Case(
            "XLSX export job, every delegation",
            "bench_specialist",
            command=["-m", "benchmarks.export_job", "--database", "{database}", "--format", "xlsx"],
            memory_goal_mb=300,
        ),
        Case(
            "report 2017–2026",
            "bench_specialist",
            command=["manage.py", "compile_report", "--from", "01/01/2017", "--to", "31/12/2026", "--again"],
            floor=floors_reports.report_floor,
            goal_ms=15_000,
            memory_goal_mb=300,
        ),
    ]


class Portal:
    """gunicorn and a Celery worker serving the bench database as production does."""

    def __init__(self, database: str, port: int, workers: int):
        self.work = Path(tempfile.mkdtemp(prefix="fa-bench-"))
        self.env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "REDIS_URL": REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "STATIC_ROOT": str(self.work / "static"),
            "VAR_DIR": str(self.work / "var"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_ACCESS_LOG": str(self.work / "access.log"),
            "REPORT_PDF": "0",
            "GUNICORN_TIMEOUT": str(GUNICORN_TIMEOUT),
        }
        self.port = port
        self.processes: list[subprocess.Popen] = []

    def manage(self, *args: str) -> None:
        subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def start(self) -> None:
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        flush_cache()
        log = open(self.work / "server.log", "w")  # noqa: SIM115  # closed with the processes
        self.processes.append(
            subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "foreign_affairs.wsgi"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
            )
        )
        self.processes.append(
            subprocess.Popen(
                [str(BIN / "celery"), "-A", "foreign_affairs", "worker", "-c", "1", "-l", "warning"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
            )
        )
        client = Client(self.port)
        for _ in range(120):
            try:
                client.request("GET", "/healthz/", https=False)
                return
            except OSError:
                time.sleep(0.5)
        sys.exit(f"gunicorn did not answer; see {self.work / 'server.log'}")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=60)
        shutil.rmtree(self.work, ignore_errors=True)


def logged_in(port: int, username: str) -> Client:
    # Longer than gunicorn's timeout: a request cut by it shows as cut, not as the client giving up.
    client = Client(port, timeout=GUNICORN_TIMEOUT + 10)
    page = client.request("GET", "/accounts/login/")[1]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    response, _content = client.request(
        "POST",
        "/accounts/login/",
        body=form,
        **{"Content-Type": "application/x-www-form-urlencoded", "Referer": "https://127.0.0.1/accounts/login/"},
    )
    if response.status != 302:
        sys.exit(f"{username} could not log in ({response.status}).")
    return client


def timed_requests(client: Client, case: Case, path: str, rounds: int) -> tuple[list[float], str]:
    """Durations in ms of `rounds` requests; a note if any answer was not 200."""
    durations, note = [], ""
    for _ in range(rounds):
        if case.before:
            case.before()
        started = time.perf_counter()
        try:
            status = client.request("GET", path)[0].status
        except OSError:  # cut by gunicorn's timeout, or no answer at all
            status = None
        durations.append((time.perf_counter() - started) * 1000)
        if status != 200:
            note = f"HTTP {status}" if status else "no complete answer"
    return durations, note


def warm_every_worker(port: int, case: Case, path: str, clients: dict[str, Client], *, workers: int) -> None:
    """Ask the path of every worker before timing it, so that a worker's first page is not the p95.

    A worker's first request of a page loads its templates, catalogues and connection (several
    hundred ms). Requests one after another may all land on the same idle worker; as many at once
    as there are workers keep each busy, so each gets one. A failure here is timed and recorded later.
    """
    for number in range(1, workers):  # logged in once per user, then reused from case to case
        if f"{case.user}#{number}" not in clients:
            clients[f"{case.user}#{number}"] = logged_in(port, case.user)
    sessions = [clients[case.user]] + [clients[f"{case.user}#{number}"] for number in range(1, workers)]

    def ask(client: Client) -> None:
        with contextlib.suppress(OSError):
            client.request("GET", path)

    for _ in range(2):
        threads = [threading.Thread(target=ask, args=(session,)) for session in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def run_request_case(
    port: int, case: Case, path: str, rounds: int, clients: dict[str, Client], *, workers: int
) -> tuple:
    if case.user not in clients:
        clients[case.user] = logged_in(port, case.user)
    client = clients[case.user]
    warm_every_worker(port, case, path, clients, workers=workers)
    if case.clients == 1:
        return timed_requests(client, case, path, rounds)
    # Several clients at once, each with its own session, as four readers of the statistics would be.
    sessions = [logged_in(port, case.user) for _ in range(case.clients)]
    results: list[tuple[list[float], str]] = [([], "")] * case.clients

    def ask(index: int) -> None:
        results[index] = timed_requests(sessions[index], case, path, rounds)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(case.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    durations = [duration for result in results for duration in result[0]]
    return durations, next((note for _d, note in results if note), "")


def run_command_case(portal: Portal, case: Case, database: str) -> tuple[list[float], float, str]:
    """Time a command once in a child process; its peak resident memory from the kernel's accounting."""
    script = (
        "import re, resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "child = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)\n"
        "elapsed = (time.perf_counter() - started) * 1000\n"
        # A command that times its own work (job_ms=…) is timed without its interpreter's start.
        "own = re.search(r'job_ms=([0-9.]+)', child.stdout)\n"
        "print(float(own.group(1)) if own else elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " child.returncode)\n"
    )
    command = [str(PYTHON), *(part.format(database=database) for part in case.command)]
    output = subprocess.run(
        [sys.executable, "-c", script, *command], cwd=ROOT, env=portal.env, capture_output=True, text=True, check=True
    ).stdout.split()
    elapsed, peak_kb, code = float(output[0]), int(output[1]), int(output[2])
    return [elapsed], peak_kb / 1024, "" if code == 0 else f"exit {code}"


def sql_medians_ms(database: str, runs: list[Callable], rounds: int) -> list[float]:
    """The median time of each run(cursor) on one cursor, warmed, the runs taken in turn each round.

    In turn, so that runs compared with one another see the same moments of the machine.
    """
    # As the portal's sessions run (DATABASE_SERVER_OPTIONS), so that both sides plan alike.
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=database, options="-c jit=off")
    durations: list[list[float]] = [[] for _ in runs]
    with connection.cursor() as cursor:
        for run in runs:
            run(cursor)  # warm
        for _ in range(rounds):
            for run, times in zip(runs, durations, strict=True):
                started = time.perf_counter()
                run(cursor)
                times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return [statistics.median(times) for times in durations]


def floor_ms(database: str, floor: Callable | None, rounds: int) -> float | None:
    return None if floor is None else sql_medians_ms(database, [floor], rounds)[0]


# Queries of a millisecond vary by a tenth of one from run to run: their ratio is read from many
# rounds, the endpoint's and the floor's taken in turn.
SQL_PAIR_ROUNDS = 41


def own_sql_and_floor_ms(database: str, case: Case, path: str) -> tuple[float, float]:
    """Median times of the statements the endpoint runs of its own and of its floor, taken in turn."""
    command = [str(PYTHON), "-m", "benchmarks.endpoint_sql", "--database", database, "--user", case.user, path]
    found = json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout)

    def own(cursor) -> None:
        for sql in found[path]:
            cursor.execute(sql)
            cursor.fetchall()

    assert case.floor is not None, "a case compared on its own SQL needs a floor"
    own_ms, floor = sql_medians_ms(database, [own, case.floor], SQL_PAIR_ROUNDS)
    return own_ms, floor


def placeholders(database: str) -> dict[str, str]:
    """Paths that depend on the data: the biggest plan in force, the oldest delegations' page."""
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=database)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.plan_id FROM plans_task t JOIN plans_taskarea a ON a.id = t.area_id "
            "JOIN plans_plan p ON p.id = a.plan_id WHERE p.status = 'in_force' "
            "GROUP BY a.plan_id ORDER BY count(*) DESC, a.plan_id LIMIT 1"
        )
        plan = cursor.fetchone()[0]
    connection.close()
    return {
        "biggest_plan": f"/plans/{plan}/",
        "deep_api": "/api/v1/delegations/?start_date_before=2017-03-31",
        "deep_html": "/delegations/?page=last",
    }


def ensure_database(scale: str, database: str, *, fresh: bool) -> None:
    """Build the database unless it exists; `fresh` builds it anew whatever is there."""
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        exists = cursor.fetchone() is not None
    connection.close()
    if fresh or not exists:
        generate = [str(PYTHON), "-m", "benchmarks.generate", "--scale", scale, "--database", database, "--replace"]
        subprocess.run(generate, cwd=ROOT, check=True)


def drop_database(database: str) -> None:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", "--if-exists", database], check=True)


def table(results: list[Result], scale: str) -> str:
    rows = [
        f"| page / endpoint ({scale}) | users | median ms | p95 ms | own SQL ms | floor ms | ÷ floor | goal | meets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        case = result.case
        goal = []
        if case.goal_ms:
            goal.append(f"p95 ≤ {case.goal_ms:,.0f} ms")
        if case.floor_goal:
            goal.append(f"{'own SQL' if case.own_sql else 'p95'} ≤ {case.floor_goal}× floor")
        if case.memory_goal_mb:
            goal.append(f"≤ {case.memory_goal_mb:.0f} MB (peak {result.peak_mb:.0f} MB)")
        rows.append(
            f"| {case.label} | {case.user} ×{case.clients} | {result.median_ms:,.0f} | {result.p95_ms:,.0f} | "
            f"{'' if result.own_sql_ms is None else f'{result.own_sql_ms:,.1f}'} | "
            f"{'' if result.floor_ms is None else f'{result.floor_ms:,.1f}'} | "
            f"{'' if result.ratio is None else f'{result.ratio:.2f}'} | {'; '.join(goal)} | "
            f"{'yes' if result.meets_goal else 'NO'}{f' ({result.note})' if result.note else ''} |"
        )
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="e5")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--port", type=int, default=8795)
    parser.add_argument("--only", help="run only the cases whose label contains this text")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="CI: a fresh database dropped afterwards, one round, one client; fails only on a wrong answer",
    )
    parser.add_argument("--database", help="an existing database to measure instead of fa_bench_<scale>")
    args = parser.parse_args(argv)
    database = args.database or f"fa_bench_{args.scale}" + (f"_smoke_{os.getpid()}" if args.smoke else "")
    ensure_database(args.scale, database, fresh=args.smoke)
    chosen = [case for case in cases() if not args.only or args.only in case.label]
    if args.smoke:
        args.rounds = 1
        for case in chosen:
            case.clients = 1
    workers = 2 if args.smoke else 4
    portal = Portal(database, args.port, workers=workers)
    results, clients = [], {}
    try:
        portal.start()
        paths = placeholders(database)
        for case in chosen:
            peak = None
            if case.command:
                durations, peak, note = run_command_case(portal, case, database)
            else:
                durations, note = run_request_case(
                    args.port, case, case.path.format(**paths), args.rounds, clients, workers=workers
                )
            own_sql = floor = None
            if case.own_sql:
                own_sql, floor = own_sql_and_floor_ms(database, case, case.path.format(**paths))
            else:
                floor = floor_ms(database, case.floor, args.rounds)
            result = Result(case, statistics.median(durations), percentile(durations, 0.95), floor, peak, note, own_sql)
            results.append(result)
            print(table([result], args.scale).splitlines()[-1], flush=True)
    finally:
        portal.stop()
        if args.smoke:
            drop_database(database)
    report = table(results, args.scale)
    print("\n" + report)
    if args.markdown:
        args.markdown.write_text(report + "\n")
    if args.smoke:
        return 0 if all(not result.note for result in results) else 1
    return 0 if all(result.meets_goal for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
