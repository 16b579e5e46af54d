"""The demo province's data, read from the YAML files under demo/data/ into typed records.

The loader (demo/loader.py) works on these records; to change what the demo holds, edit the YAML.
"""

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from accounts.choices import Role
from plans.choices import TaskTiming

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "demo12345"
PROVINCE = "Sơn La"
PERIOD_YEARS = range(2017, 2027)
# Delegation statuses are judged against this date, not today, so that reruns give the same rows.
STATUS_AS_OF = date(2026, 11, 20)
FOCAL_POINT_CODE = "SNgV"


class DepartmentSpec(NamedTuple):
    code: str
    name: str
    short_name: str
    kind: str
    head_title: str  # how the head signs; used for the leaders of outbound delegations


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
    issuer: str
    issue_date: date
    title: str
    summary: str
    start_year: int
    end_year: int
    continues_after: bool
    status: str
    legal_bases: list[str]
    areas: list[AreaSpec]


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


def _progress(data: dict) -> ProgressSpec:
    return ProgressSpec(**{**data, "achieved": tuple(tuple(pair) for pair in data.get("achieved", ()))})


_organisation = _read("organisation.yaml")
DEPARTMENTS = [DepartmentSpec(**row) for row in _organisation["departments"]]
USERS = [UserSpec(**row) for row in _organisation["users"]]
HEAD_TITLES = {spec.code: spec.head_title for spec in DEPARTMENTS}
DEPARTMENT_SHORT_NAMES = {spec.code: spec.short_name for spec in DEPARTMENTS}
# What the run command prints: each login with its role and, where it has one, its department.
DEMO_USERS = [
    (
        spec.username,
        f"{Role(spec.role).label} · {DEPARTMENT_SHORT_NAMES[spec.department]}"
        if spec.department
        else str(Role(spec.role).label),
    )
    for spec in USERS
]

# The plans in the order they load (their ids in a fresh database follow it).
PLAN_FILES = ["son-la.yaml", "dien-bien.yaml", "quang-nam.yaml", "kon-tum.yaml"]
PLANS = [_plan(_read(f"plans/{name}")) for name in PLAN_FILES]

_progress_data = _read("progress.yaml")
# The window of Sơn La's report of 03/05/2018 (seed 004), keyed on its kind and name.
AD_HOC_PERIOD_NAME = _progress_data["ad_hoc_period_name"]
AD_HOC_PERIOD = _progress_data["ad_hoc_period"]
PROGRESS = [_progress(row) for row in _progress_data["entries"]]
# Entries of the reporting period containing today, so that "my work" and the review page show
# every workflow state on a fresh demo: (department, state, status, percent, results, comment).
CURRENT_PERIOD_PROGRESS = [tuple(row) for row in _progress_data["current_period"]]

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
DELEGATIONS_PER_YEAR = _delegations["delegations_per_year"]
