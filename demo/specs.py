"""The demo provinces' data, read from the YAML files under demo/data/ into typed records.

The loader (demo/loader.py) works on these records; to change what the demo holds, edit the YAML.
Each province has a folder: organisation.yaml (bodies over time, successions, focal point, users)
and plans/ (one file per plan or programme). Sơn La is the default and the only one with
delegations and a progress history that follows the seed report (seed 004).
"""

from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from accounts.choices import Role
from plans.choices import TaskTiming

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "demo12345"
PROVINCE = "Sơn La"
DEFAULT_PROVINCE = "son-la"
PROVINCES = ("son-la", "dien-bien", "quang-nam", "kon-tum")
FIRST_PERIOD_YEAR = 2017
# Delegation statuses are judged against this date, not today, so that reruns give the same rows.
STATUS_AS_OF = date(2026, 11, 20)
FOCAL_POINT_CODE = "SNgV"
# The window of Sơn La's report of 03/05/2018 (seed 004) and its figures, which the demo's delegations
# reproduce exactly: (delegations, persons) in all and of them with Laos.
SEED_WINDOW = (date(2017, 1, 1), date(2018, 4, 30))
SEED_FIGURES = {
    "inbound": {"all": (266, 2024), "LA": (14, 176)},
    "outbound": {"all": (112, 627), "LA": (59, 457)},
}


class BodySpec(NamedTuple):
    code: str
    name: str
    short_name: str
    kind: str
    head_title: str  # how the head signs; used for the leaders of outbound delegations
    valid_from: date | None = None
    valid_to: date | None = None

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class SuccessionSpec(NamedTuple):
    predecessors: tuple[str, ...]
    successor: str
    kind: str
    effective_date: date
    legal_basis: str
    others: tuple[str, ...] = ()


class UserSpec(NamedTuple):
    username: str
    role: str
    department: str | None
    last_name: str  # family and middle names (họ và tên đệm)
    first_name: str  # given name (tên)
    position: str


class TaskSpec(NamedTuple):
    content: str
    lead: str
    coordinating: tuple[str, ...] = ()
    timing: str = TaskTiming.CONTINUOUS
    deadline: date | None = None
    expected_output: str = ""
    targets: tuple[tuple[str, str, int], ...] = ()  # (indicator, unit, target)


class AreaSpec(NamedTuple):
    title: str
    standard_area: str  # code in plans/standard_areas.py
    tasks: list[TaskSpec]


class PlanSpec(NamedTuple):
    key: str
    document_number: str
    kind: str
    issue_date: date
    title: str
    summary: str
    start_year: int
    end_year: int
    continues_after: bool
    status: str
    legal_bases: list[str]
    areas: list[AreaSpec]
    in_force_to: date | None = None
    replaced_by: str | None = None  # key of the replacing plan
    issuing_body: str | None = None  # code of the issuer when not the province's (e.g. the Tỉnh ủy)


class ProvinceSpec(NamedTuple):
    key: str
    name: str
    code_prefix: str  # prepended to the stored codes of a province that can sit beside another
    issuing_body: str
    note: str  # appended to its plans' summaries (e.g. the province's merger in 2025)
    bodies: list[BodySpec]
    successions: list[SuccessionSpec]
    focal_points: list[dict]
    users: list[UserSpec]
    plans: list[PlanSpec]

    def stored_code(self, code: str) -> str:
        return f"{self.code_prefix}-{code}" if self.code_prefix else code


class ProgressSpec(NamedTuple):
    plan: str
    area: int
    task: int
    period: str  # key of the loader's periods
    department: str
    status: str
    percent: int
    state: str
    results: str
    difficulties: str = ""
    proposals: str = ""
    review_comment: str = ""
    achieved: tuple[tuple[str, int], ...] = ()  # (indicator, achieved value)


@cache
def _read(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _task(data: dict) -> TaskSpec:
    return TaskSpec(
        **{
            **data,
            "coordinating": tuple(data.get("coordinating", ())),
            "targets": tuple(tuple(target) for target in data.get("targets", ())),
        }
    )


def _plan(data: dict) -> PlanSpec:
    areas = [
        AreaSpec(area["title"], area["standard_area"], [_task(task) for task in area["tasks"]])
        for area in data["areas"]
    ]
    return PlanSpec(**{**data, "areas": areas})


def _succession(data: dict) -> SuccessionSpec:
    return SuccessionSpec(
        **{**data, "predecessors": tuple(data["predecessors"]), "others": tuple(data.get("others", ()))}
    )


@cache
def province_spec(key: str) -> ProvinceSpec:
    """The province's bodies, successions, focal point, users and plans (in order of issue). Raises KeyError."""
    if key not in PROVINCES:
        raise KeyError(key)
    data = _read(f"{key}/organisation.yaml")
    plan_files = sorted((DATA / key / "plans").glob("*.yaml"))
    plans = sorted((_plan(_read(f"{key}/plans/{path.name}")) for path in plan_files), key=lambda p: p.issue_date)
    return ProvinceSpec(
        key=key,
        name=data["province"],
        code_prefix=data.get("code_prefix", ""),
        issuing_body=data["issuing_body"],
        note=data.get("note", ""),
        bodies=[BodySpec(**row) for row in data["bodies"]],
        successions=[_succession(row) for row in data["successions"]],
        focal_points=data["focal_points"],
        users=[UserSpec(**row) for row in data["users"]],
        plans=plans,
    )


def _progress(data: dict) -> ProgressSpec:
    return ProgressSpec(**{**data, "achieved": tuple(tuple(pair) for pair in data.get("achieved", ()))})


def bodies_over_time(spec: ProvinceSpec) -> list[BodySpec]:
    """The bodies with the end dates their successions give them (the loader has the service set them)."""
    ends = {
        code: succession.effective_date - timedelta(days=1)
        for succession in spec.successions
        for code in succession.predecessors
    }
    return [body._replace(valid_to=ends.get(body.code, body.valid_to)) for body in spec.bodies]


SON_LA = province_spec(DEFAULT_PROVINCE)
DEPARTMENTS = bodies_over_time(SON_LA)
BODIES = {spec.code: spec for spec in DEPARTMENTS}
HEAD_TITLES = {spec.code: spec.head_title for spec in DEPARTMENTS}
# The body that took over a body's work (the heir of a merger, split or renaming), to follow it in time.
HEIRS = {predecessor: spec.successor for spec in SON_LA.successions for predecessor in spec.predecessors}
# What the run command prints: each login with its role and, where it has one, its department.
DEMO_USERS = [
    (
        spec.username,
        f"{Role(spec.role).label} · {BODIES[spec.department].short_name}"
        if spec.department
        else str(Role(spec.role).label),
    )
    for spec in SON_LA.users
]

_progress_data = _read("progress.yaml")
# The window of Sơn La's report of 03/05/2018 (seed 004), keyed on its kind and name.
AD_HOC_PERIOD_NAME = _progress_data["ad_hoc_period_name"]
AD_HOC_PERIOD = _progress_data["ad_hoc_period"]
PROGRESS = [_progress(row) for row in _progress_data["entries"]]
# Entries of the reporting period containing today, so that "my work" and the review page show
# every workflow state on a fresh demo: (department, state, status, percent, results, comment).
CURRENT_PERIOD_PROGRESS = [tuple(row) for row in _progress_data["current_period"]]
PHRASES = _progress_data["phrases"]

_delegations = _read("delegations.yaml")
LAO_PROVINCES = _delegations["lao_provinces"]
COUNTRY_NAMES = _delegations["country_names"]
COUNTRY_WEIGHTS = _delegations["country_weights"]
MULTI_COUNTRY_ROUTES = [tuple(route) for route in _delegations["multi_country_routes"]]
# country: (kind of partner, partner, locality in that country)
FOREIGN_PARTNERS = {code: [tuple(p) for p in partners] for code, partners in _delegations["foreign_partners"].items()}
FOREIGN_NAMES = _delegations["foreign_names"]
FOREIGN_POSITIONS = _delegations["foreign_positions"]
INBOUND_PURPOSES = _delegations["inbound_purposes"]
INBOUND_HOSTS = _delegations["inbound_hosts"]
OUTBOUND_PURPOSES = _delegations["outbound_purposes"]
ENTERPRISE_FUNDED_DEPARTMENTS = set(_delegations["enterprise_funded_departments"])
LAO_INBOUND_PURPOSES = _delegations["lao_inbound_purposes"]
LAO_OUTBOUND_PURPOSES = _delegations["lao_outbound_purposes"]
LAO_DEPARTMENTS = _delegations["lao_departments"]
LAO_NAMES = _delegations["lao_names"]
LAO_POSITIONS = _delegations["lao_positions"]
LEADER_FAMILY_NAMES = _delegations["leader_family_names"]
LEADER_GIVEN_NAMES = _delegations["leader_given_names"]
CANCELLATION_REASONS = _delegations["cancellation_reasons"]
# Delegations outside the seed window, per year (2020–2021: the COVID-19 pandemic stopped most travel).
DELEGATIONS_PER_YEAR = _delegations["delegations_per_year"]
CANCELLED_IN_SEED_WINDOW = _delegations["cancelled_in_seed_window"]
