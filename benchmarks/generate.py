"""A province at national scale in PostgreSQL, written with COPY and seeded, for `make bench`.

    python -m benchmarks.generate --scale e5 --database fa_bench_e5 [--replace]

Creates the database, migrates it, loads the demo province (bodies, focal point, periods, demo
logins) and adds, at scale e5 / e6: 10^5 / 10^6 delegations over 2017–2026 (one in eight to two or
three countries, one in twenty cancelled, next month's planned), 2·10^3 / 2·10^4 tasks in plans in
force this year (the biggest plan 500 / 2,000 tasks) plus nine closed plans of earlier years, and
2·10^4 / 2·10^5 progress entries in every workflow state. Logins, password demo12345:
bench_specialist (focal point), bench_leader, bench_staff and bench_head (the busiest department).

Rows are built from a seeded random generator, so the same scale gives the same data; the numbers
are printed at the end and stored in the table `bench_marker`, which `make bench` reads to reuse a
database instead of building it again.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from dataclasses import dataclass

PASSWORD = "demo12345"
FIRST_YEAR = 2017


@dataclass(frozen=True)
class Scale:
    name: str
    delegations: int
    tasks_in_force: int
    plans_in_force: int
    closed_plan_tasks: int
    entries: int


SCALES = {
    "e4": Scale("e4", 10_000, 400, 2, 40, 4_000),
    "e5": Scale("e5", 100_000, 2_000, 4, 200, 20_000),
    "e6": Scale("e6", 1_000_000, 20_000, 10, 2_000, 200_000),
}

# Partner countries weighted roughly as a northern border province receives them.
COUNTRIES = [
    ("LA", 30, "tỉnh Luông Pha Băng"),
    ("CN", 18, "tỉnh Vân Nam"),
    ("KH", 6, "tỉnh Xiêm Riệp"),
    ("TH", 6, "tỉnh Chiềng Mai"),
    ("JP", 7, "Đại sứ quán Nhật Bản"),
    ("KR", 7, "tỉnh Gyeonggi"),
    ("US", 4, "Tổng Lãnh sự quán Hoa Kỳ"),
    ("FR", 3, "vùng Nouvelle-Aquitaine"),
    ("DE", 3, "bang Sachsen"),
    ("AU", 3, "Đại sứ quán Ô-xtơ-rây-li-a"),
    ("SG", 3, "Tổng Lãnh sự quán Xin-ga-po"),
    ("RU", 2, "tỉnh Ulyanovsk"),
    ("IN", 2, "bang Gujarat"),
    ("GB", 1, "Đại sứ quán Anh"),
    ("NL", 1, "tỉnh Bắc Brabant"),
    ("CU", 1, "tỉnh Artemisa"),
    ("MN", 1, "tỉnh Bulgan"),
    ("BE", 1, "vùng Wallonie"),
    ("IT", 1, "vùng Lombardia"),
    ("CA", 1, "tỉnh Quebec"),
]
COUNTRY_NAMES = {
    "LA": "Lào",
    "CN": "Trung Quốc",
    "KH": "Campuchia",
    "TH": "Thái Lan",
    "JP": "Nhật Bản",
    "KR": "Hàn Quốc",
    "US": "Hoa Kỳ",
    "FR": "Pháp",
    "DE": "Đức",
    "AU": "Ô-xtơ-rây-li-a",
    "SG": "Xin-ga-po",
    "RU": "Liên bang Nga",
    "IN": "Ấn Độ",
    "GB": "Vương quốc Anh",
    "NL": "Hà Lan",
    "CU": "Cu-ba",
    "MN": "Mông Cổ",
    "BE": "Bỉ",
    "IT": "I-ta-li-a",
    "CA": "Ca-na-đa",
}
LEADERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường", "Phạm Thu Hà", "Hoàng Minh Đức", "Vũ Thị Lan"]
POSITIONS = ["Phó Chủ tịch UBND tỉnh", "Giám đốc Sở", "Phó Giám đốc Sở", "Chủ tịch UBND xã", "Trưởng phòng"]
TASK_WORDS = [
    "Tổ chức đoàn công tác xúc tiến đầu tư, thương mại, du lịch",
    "Triển khai thỏa thuận hợp tác với tỉnh kết nghĩa",
    "Tuyên truyền, quảng bá hình ảnh tỉnh ra nước ngoài",
    "Quản lý chặt chẽ hoạt động đoàn ra, đoàn vào",
    "Phối hợp giải quyết các vấn đề biên giới, lãnh sự",
    "Vận động nguồn viện trợ phi chính phủ nước ngoài",
]
TIMINGS = ["continuous"] * 6 + ["quarterly", "yearly", "deadline", "deadline"]
# (state, share) of entries of a period whose deadline has passed.
STATES = [("accepted", 60), ("approved", 10), ("submitted", 14), ("returned", 4), ("draft", 12)]
PROGRESS = ["in_progress", "in_progress", "completed", "behind", "not_started"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="e5")
    parser.add_argument("--database", help="database name (default fa_bench_<scale>)")
    parser.add_argument("--host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--user", default=os.environ.get("PGUSER", "postgres"))
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--replace", action="store_true", help="drop the database first if it exists")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    name = args.database or f"fa_bench_{scale.name}"
    _create_database(name, host=args.host, user=args.user, replace=args.replace)
    os.environ["DATABASE_URL"] = f"postgres://{args.user}@{args.host}:5432/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreign_affairs.settings")
    import django

    django.setup()
    started = time.monotonic()
    counts = build(scale, seed=args.seed)
    print(f"{name}: {counts} in {time.monotonic() - started:.0f} s")
    return 0


def _create_database(name: str, *, host: str, user: str, replace: bool) -> None:
    import psycopg2

    connection = psycopg2.connect(host=host, user=user, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            if not replace:
                sys.exit(f"{name} exists; pass --replace to build it again.")
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def build(scale: Scale, *, seed: int) -> dict:
    from django.core.management import call_command

    from plans.obligation_builds import obligations_changed

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    rng = random.Random(seed)
    world = _World.read()
    users = _users(world)
    tasks = _plans_and_tasks(scale, world, rng)
    # Written with COPY and bulk_create, which send no signals: the periods' stored obligations are outdated.
    obligations_changed()
    entries = _entries(scale, world, tasks, users, rng)
    delegations = _delegations(scale, world, rng)
    _analyse_and_mark(scale, seed, tasks=len(tasks), entries=entries, delegations=delegations)
    return {"tasks": len(tasks), "entries": entries, "delegations": delegations}


@dataclass
class _World:
    today: datetime.date
    departments: list[int]
    busiest: int
    focal: int
    quarters: dict[tuple[int, int], tuple[int, datetime.date]]  # (year, q) → (period id, deadline)

    @classmethod
    def read(cls) -> "_World":
        from django.utils import timezone

        from accounts.models import Department
        from accounts.selectors import focal_point_on
        from plans.models import ReportingPeriod

        today = timezone.localdate()
        departments = list(
            Department.objects.filter(valid_to__isnull=True, is_active=True)
            .exclude(kind__in=["provincial_leadership", "district"])
            .order_by("sort_order", "pk")
            .values_list("pk", flat=True)
        )
        focal = focal_point_on(today).body_id
        busiest = next(pk for pk in departments if pk != focal)
        quarters = {
            (period.year, period.sequence): (period.pk, period.deadline)
            for period in ReportingPeriod.objects.filter(kind="quarterly")
        }
        return cls(today, departments, busiest, focal, quarters)


def _users(world: _World) -> dict[str, int]:
    from accounts.models import User

    wanted = {
        "bench_specialist": ("specialist", world.focal),
        "bench_leader": ("leadership", None),
        "bench_staff": ("staff", world.busiest),
        "bench_head": ("head", world.busiest),
    }
    ids = {}
    for username, (role, department) in wanted.items():
        user = User(username=username, role=role, department_id=department, first_name="Bench")
        user.set_password(PASSWORD)
        user.save()
        ids[username] = user.pk
    return ids


def _copy(table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples; None is NULL) into the table in blocks of 50,000; returns how many."""
    from django.db import connection

    count = 0
    block = io.StringIO()

    def flush():
        block.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT text)", block)
        block.seek(0)
        block.truncate()

    for row in rows:
        block.write("\t".join(_text(value) for value in row) + "\n")
        count += 1
        if count % 50_000 == 0:
            flush()
    flush()
    return count


def _text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _plans_and_tasks(scale: Scale, world: _World, rng: random.Random) -> list[tuple]:
    """Plans in force this year and one closed plan a year before; returns (task, year, lead, coordinators)."""
    from plans.models import Plan, StandardArea, TaskArea
    from plans.search import normalise_search_text

    standard_areas = list(StandardArea.objects.order_by("sort_order"))
    plans = [(world.today.year, n, scale.tasks_in_force // scale.plans_in_force) for n in range(scale.plans_in_force)]
    plans += [(year, 0, scale.closed_plan_tasks) for year in range(FIRST_YEAR, world.today.year)]
    tasks = []
    now = datetime.datetime.now(datetime.UTC).isoformat()
    for year, number, size in plans:
        in_force = year == world.today.year
        plan = Plan.objects.create(
            document_number=f"{100 + number}/KH-BENCH",
            issuer="UBND tỉnh",
            issue_date=datetime.date(year, 1, 10 + number),
            title=f"Kế hoạch công tác đối ngoại số {number + 1} năm {year}",
            start_year=year,
            end_year=year,
            status="in_force" if in_force else "closed",
        )
        areas = TaskArea.objects.bulk_create(
            TaskArea(plan=plan, position=n + 1, title=area.name, standard_area=area)
            for n, area in enumerate(standard_areas)
        )
        rows = []
        for n in range(size):
            lead = world.busiest if n % 10 == 0 else rng.choice(world.departments)
            others = [pk for pk in world.departments if pk != lead]
            coordinators = rng.sample(others, rng.choice([0, 1, 1, 2]))
            timing = rng.choice(TIMINGS)
            deadline = datetime.date(year, rng.randint(3, 12), 28) if timing == "deadline" else None
            content = f"{rng.choice(TASK_WORDS)} ({year}, nhiệm vụ {n + 1})"
            area = areas[n % len(areas)]
            rows.append((area.pk, n // len(areas) + 1, content, timing, deadline, lead, coordinators))
        first = _next_id("plans_task")
        _copy(
            "plans_task",
            [
                "id",
                "created_at",
                "updated_at",
                "position",
                "content",
                "timing",
                "deadline",
                "expected_output",
                "lead_department_id",
                "area_id",
                "search_text",
            ],
            (
                (first + n, now, now, pos, content, timing, deadline, "", lead, area, normalise_search_text(content))
                for n, (area, pos, content, timing, deadline, lead, _c) in enumerate(rows)
            ),
        )
        _copy(
            "plans_task_coordinating_departments",
            ["task_id", "department_id"],
            ((first + n, pk) for n, row in enumerate(rows) for pk in row[6]),
        )
        tasks += [(first + n, year, row[5], row[6]) for n, row in enumerate(rows)]
        _reset_sequence("plans_task")
    return tasks


def _next_id(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def _reset_sequence(table: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


def _entries(scale: Scale, world: _World, tasks: list[tuple], users: dict, rng: random.Random) -> int:
    """Entries by the lead and coordinators per quarter of the plan's year that has begun, up to the count."""
    wanted = []
    for quarter in range(1, 5):
        for task, year, lead, coordinators in tasks:
            period = world.quarters.get((year, quarter))
            if period and datetime.date(year, 3 * quarter - 2, 1) <= world.today:
                wanted += [(year, task, period, department) for department in [lead, *coordinators]]
    # Closed plans' entries first (every one), then this year's quarter by quarter until the count.
    wanted.sort(key=lambda item: item[0] == world.today.year)
    wanted = wanted[: scale.entries]
    now = datetime.datetime.now(datetime.UTC)
    state_names = [state for state, _share in STATES]
    state_weights = [share for _state, share in STATES]

    def rows():
        for _year, task, (period, deadline), department in wanted:
            open_period = deadline >= world.today
            state = "draft" if open_period and rng.random() < 0.7 else rng.choices(state_names, state_weights)[0]
            status = rng.choice(PROGRESS)
            sent = None
            if state != "draft":
                sent = datetime.datetime.combine(deadline, datetime.time(9), datetime.UTC) + datetime.timedelta(
                    days=rng.randint(-10, 4)
                )
            accepted = sent + datetime.timedelta(days=3) if state == "accepted" else None
            yield (
                now, now, status, 100 if status == "completed" else rng.randint(0, 90),
                f"Đã triển khai thực hiện nhiệm vụ theo kế hoạch; kết quả quý {period}.", "", "", state,
                "Đề nghị bổ sung số liệu." if state == "returned" else "", sent, accepted, 1, department, period,
                task, users["bench_staff"] if department == world.busiest else None, None, False,
            )  # fmt: skip

    return _copy(
        "plans_taskprogress",
        [
            "created_at",
            "updated_at",
            "status",
            "percent_done",
            "results",
            "difficulties",
            "proposals",
            "state",
            "review_comment",
            "submitted_at",
            "accepted_at",
            "version",
            "department_id",
            "period_id",
            "task_id",
            "updated_by_id",
            "carried_from_id",
            "confirmed_unchanged",
        ],
        rows(),
    )


def _delegations(scale: Scale, world: _World, rng: random.Random) -> int:
    """Delegations over 2017 to next month, their countries after them."""
    first = datetime.date(FIRST_YEAR, 1, 1)
    last = world.today + datetime.timedelta(days=45)
    days = (last - first).days
    codes = [code for code, _w, _p in COUNTRIES]
    weights = [weight for _c, weight, _p in COUNTRIES]
    partners = {code: partner for code, _w, partner in COUNTRIES}
    start_id = _next_id("delegations_delegation")
    links: list[tuple[int, str, str]] = []
    now = datetime.datetime.now(datetime.UTC).isoformat()

    def rows():
        for n in range(scale.delegations):
            pk = start_id + n
            start = first + datetime.timedelta(days=rng.randrange(days))
            end = start + datetime.timedelta(days=rng.randint(0, 10))
            inbound = rng.random() < 0.66
            trip = rng.choices(codes, weights, k=rng.choices([1, 2, 3], [87, 10, 3])[0])
            trip = list(dict.fromkeys(trip))
            links.extend((pk, code, partners[code] if rng.random() < 0.5 else "") for code in trip)
            where = COUNTRY_NAMES[trip[0]]
            if start > world.today:
                status = rng.choice(["planned", "approved"])
            else:
                status = "cancelled" if rng.random() < 0.05 else "completed"
            title = (
                f"Đoàn đại biểu {partners[trip[0]]} ({where}) thăm và làm việc tại tỉnh"
                if inbound
                else f"Đoàn công tác của tỉnh đi {where}" + (f" và {COUNTRY_NAMES[trip[1]]}" if len(trip) > 1 else "")
            )
            reported = not inbound and status == "completed"
            report = end + datetime.timedelta(days=rng.randint(3, 20)) if reported else None
            yield (
                pk, f"G-{pk}", "inbound" if inbound else "outbound", title, "Trao đổi hợp tác, xúc tiến đầu tư",
                rng.choice(LEADERS), rng.choice(POSITIONS), rng.randint(1, 30), "locality", partners[trip[0]], start,
                end, rng.choice(["provincial_budget", "partner", ""]), rng.randrange(0, 900) * 1_000_000 or None,
                "", None, status, "Đối tác đề nghị lùi thời gian" if status == "cancelled" else "",
                report, now, now, None, rng.choice(world.departments),
            )  # fmt: skip

    count = _copy(
        "delegations_delegation",
        [
            "id",
            "reference",
            "direction",
            "title",
            "purpose",
            "leader_name",
            "leader_position",
            "member_count",
            "partner_kind",
            "partner",
            "start_date",
            "end_date",
            "funding_source",
            "cost_vnd",
            "approval_document",
            "approval_date",
            "status",
            "cancellation_reason",
            "result_report_submitted_on",
            "created_at",
            "updated_at",
            "created_by_id",
            "department_id",
        ],
        rows(),
    )
    _copy("delegations_delegationcountry", ["delegation_id", "country", "locality"], iter(links))
    _reset_sequence("delegations_delegation")
    return count


def _analyse_and_mark(scale: Scale, seed: int, **counts) -> None:
    """Refresh the planner's statistics, let apps rebuild what they derive, and record what was built."""
    from django.core.management import call_command, get_commands
    from django.db import connection

    # Derived tables (e.g. a statistics rollup) are rebuilt by their own commands when they exist.
    for command in ("delegation_rollup_rebuild", "delegation_search_rebuild"):
        if command in get_commands():
            call_command(command)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker (scale text, seed int, counts text)")
        cursor.execute("DELETE FROM bench_marker")
        cursor.execute("INSERT INTO bench_marker VALUES (%s, %s, %s)", [scale.name, seed, repr(counts)])
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    sys.exit(main())
