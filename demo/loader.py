"""Load a demo province into the portal: its bodies over time, one user per role, its plans and
programmes, reporting periods, progress in every period and (Sơn La) about 660 delegations.

Rows are found by their natural key and created only when missing: a row that exists is never
written, so loading again adds nothing and keeps what a user changed. The mergers are recorded
through the plans' succession service, once, so that open tasks move to the successors as they would
in the portal. Everything random comes from seeded generators and fixed dates, so every run (and
every fresh database) gets the same rows.
"""

from datetime import date
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Department, DepartmentSuccession, FocalPoint, User
from delegations.models import Delegation, DelegationCountry
from plans.choices import PeriodKind, PlanStatus
from plans.models import (
    Plan,
    ProgressTargetValue,
    ReportingPeriod,
    StandardArea,
    Task,
    TaskArea,
    TaskProgress,
    TaskTarget,
)
from plans.selectors import current_period
from plans.services import PLAN_PARTS, department_succession_record, plan_part_save, reporting_periods_generate
from plans.standard_areas import STANDARD_AREAS

from . import delegations as demo_delegations
from . import progress as demo_progress
from .models import DemoLoad
from .specs import (
    AD_HOC_PERIOD,
    AD_HOC_PERIOD_NAME,
    DEFAULT_PROVINCE,
    DEMO_PASSWORD,
    FIRST_PERIOD_YEAR,
    PROGRESS,
    PlanSpec,
    ProvinceSpec,
    TaskSpec,
    province_spec,
)

Bodies = dict[str, Department]


class OtherProvinceLoaded(Exception):
    """The database already holds another demo province (load it with force, or into a fresh database)."""


@transaction.atomic
def demo_data_load(*, province: str = DEFAULT_PROVINCE, force: bool = False, today: date | None = None) -> dict:
    """Load the province's demo data, adding only missing rows; return the row count of each model it fills.

    Raises OtherProvinceLoaded when another province was loaded here, unless force. With force the
    province goes beside it, and the demo logins stay with the province loaded first.
    """
    spec = province_spec(province)
    today = today or timezone.localdate()
    others = DemoLoad.objects.exclude(province=province)
    if others.exists() and not force:
        raise OtherProvinceLoaded(", ".join(others.values_list("province", flat=True)))
    _load_standard_areas()
    bodies, new_bodies = _load_bodies(spec)
    _load_focal_points(spec, bodies)
    users = _load_users(spec, bodies) if not others.exists() else {}
    plans, tasks, created = _load_plans(spec, bodies)
    _record_successions(spec, bodies)
    _end_bodies(new_bodies, today)
    _finish_plans(spec, plans, created)
    periods = _load_periods(spec, today)
    _load_progress(spec, tasks, periods, bodies, users)
    demo_progress.generate(plans=list(plans.values()), today=today)
    if spec.key == DEFAULT_PROVINCE:
        _load_current_progress(bodies, users, today)
        demo_delegations.load(bodies=bodies, author=users.get("chuyenvien"), tasks=tasks)
    DemoLoad.objects.get_or_create(province=province)
    return _row_counts()


def _row_counts() -> dict[str, int]:
    loaded = [
        Department,
        DepartmentSuccession,
        User,
        Plan,
        TaskArea,
        Task,
        TaskTarget,
        ReportingPeriod,
        TaskProgress,
        ProgressTargetValue,
        Delegation,
        DelegationCountry,
    ]
    return {model._meta.label: model.objects.count() for model in loaded}


def _ensure(model: type[models.Model], lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """Find the row by its natural key, or create it; an existing row is left exactly as it is.

    Never writing an existing row keeps a user's edits and adds no history record on a rerun.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is not None:
        return instance, False
    fields = {key: value for key, value in lookup.items() if "__" not in key}
    return _save(model(**fields, **values)), True


def _save(instance: models.Model) -> models.Model:
    """Plans and their parts go through the plans service, so the demo obeys the portal's rules."""
    if isinstance(instance, PLAN_PARTS):
        return plan_part_save(instance=instance)
    instance.save()
    return instance


def _load_standard_areas() -> None:
    """The catalogue a data migration fills; again here because `demo-reset` flushes every table."""
    for order, (code, name) in enumerate(STANDARD_AREAS, start=1):
        _ensure(StandardArea, {"code": code}, {"name": name, "sort_order": order})


def _load_bodies(spec: ProvinceSpec) -> tuple[Bodies, list[Department]]:
    """Load the bodies, all active until `_end_bodies`: a successor must be active to take over work."""
    bodies, created = {}, []
    for order, body in enumerate(spec.bodies, start=1):
        code = spec.stored_code(body.code)
        bodies[body.code], is_new = _ensure(
            Department,
            {"code": code},
            {
                "name": body.name,
                "short_name": body.short_name,
                "kind": body.kind,
                "email": f"{code.lower()}@example.gov.vn",
                "valid_from": body.valid_from,
                "valid_to": body.valid_to,
                "sort_order": order,
            },
        )
        if is_new:
            created.append(bodies[body.code])
    return bodies, created


def _end_bodies(bodies: list[Department], today: date) -> None:
    """Deactivate the new bodies that have ended (a dissolved district, a merged province's bodies)."""
    for body in bodies:
        body.refresh_from_db(fields=["valid_to", "is_active"])
        if body.is_active and body.valid_to is not None and body.valid_to < today:
            body.is_active = False
            body.save(update_fields=["is_active"])


def _load_focal_points(spec: ProvinceSpec, bodies: Bodies) -> None:
    for focal_point in spec.focal_points:
        values = {key: value for key, value in focal_point.items() if key not in ("valid_from", "body")}
        values["body"] = bodies[focal_point["body"]]
        # Terms of different provinces begin on different days: the table holds one term per start day.
        _ensure(FocalPoint, {"province_name": spec.name, "valid_from": focal_point["valid_from"]}, values)


def _load_users(spec: ProvinceSpec, bodies: Bodies) -> dict[str, User]:
    users = {}
    for user_spec in spec.users:
        user, created = _ensure(
            User,
            {"username": user_spec.username},
            {
                "first_name": user_spec.first_name,
                "last_name": user_spec.last_name,
                "email": f"{user_spec.username}@example.gov.vn",
                "role": user_spec.role,
                "department": bodies[user_spec.department] if user_spec.department else None,
                "position": user_spec.position,
                "is_active": True,
                "is_staff": user_spec.role == Role.ADMINISTRATOR,
                "is_superuser": user_spec.role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[user_spec.username] = user
    return users


def _load_plans(spec: ProvinceSpec, bodies: Bodies):
    """Load the plans; return them by key, their tasks by (plan key, area, task) and the keys just created.

    A new plan starts in force with open dates: `_finish_plans` gives it its end once the successions
    are recorded, so that the tasks of plans still open on a merger's date move to the successor.
    """
    standard_areas = {area.code: area for area in StandardArea.objects.all()}
    plans, tasks, created = {}, {}, set()
    for plan_spec in spec.plans:
        lookup = {
            "issuing_body": bodies[plan_spec.issuing_body or spec.issuing_body],
            "document_number": plan_spec.document_number,
            "issue_date__year": plan_spec.issue_date.year,
        }
        plan, is_new = _ensure(Plan, lookup, _plan_values(spec, plan_spec))
        plans[plan_spec.key] = plan
        if is_new:
            created.add(plan_spec.key)
        for area_position, area_spec in enumerate(plan_spec.areas, start=1):
            area, _created = _ensure(
                TaskArea,
                {"plan": plan, "position": area_position},
                {"title": area_spec.title, "standard_area": standard_areas[area_spec.standard_area]},
            )
            for task_position, task_spec in enumerate(area_spec.tasks, start=1):
                tasks[plan_spec.key, area_position, task_position] = _load_task(area, task_position, task_spec, bodies)
    return plans, tasks, created


def _plan_values(spec: ProvinceSpec, plan_spec: PlanSpec) -> dict:
    summary = f"{plan_spec.summary}\n\n{spec.note}" if spec.note else plan_spec.summary
    return {
        "kind": plan_spec.kind,
        "issue_date": plan_spec.issue_date,
        "title": plan_spec.title,
        "summary": summary,
        "start_year": plan_spec.start_year,
        "end_year": plan_spec.end_year,
        "continues_after": plan_spec.continues_after,
        "legal_bases": "\n".join(plan_spec.legal_bases),
        "status": PlanStatus.IN_FORCE,
    }


def _load_task(area: TaskArea, position: int, spec: TaskSpec, bodies: Bodies) -> Task:
    lookup = {"area": area, "position": position}
    task = Task.objects.filter(**lookup).first()
    if task is None:
        task = Task(
            **lookup,
            content=spec.content,
            lead_department=bodies[spec.lead],
            timing=spec.timing,
            deadline=spec.deadline,
            expected_output=spec.expected_output,
        )
        plan_part_save(instance=task, coordinating=[bodies[code] for code in spec.coordinating])
    for name, unit, value in spec.targets:
        _ensure(TaskTarget, {"task": task, "name": name}, {"unit": unit, "target_value": Decimal(value)})
    return task


def _record_successions(spec: ProvinceSpec, bodies: Bodies) -> None:
    """Record each merger, split and renaming once, through the service that moves open work."""
    for succession in spec.successions:
        predecessors = [bodies[code] for code in succession.predecessors]
        if DepartmentSuccession.objects.filter(predecessor__in=predecessors).exists():
            continue
        department_succession_record(
            predecessors=predecessors,
            successor=bodies[succession.successor],
            other_successors=[bodies[code] for code in succession.others],
            kind=succession.kind,
            effective_date=succession.effective_date,
            legal_basis=succession.legal_basis,
        )
        for body in [*predecessors, bodies[succession.successor]]:
            body.refresh_from_db()


def _finish_plans(spec: ProvinceSpec, plans: dict[str, Plan], created: set[str]) -> None:
    """Give the plans created in this run their real end: closed, or replaced by a later one."""
    for plan_spec in spec.plans:
        if plan_spec.key not in created or plan_spec.status == PlanStatus.IN_FORCE:
            continue
        plan = plans[plan_spec.key]
        plan.status, plan.in_force_to = plan_spec.status, plan_spec.in_force_to
        plan.replaced_by = plans[plan_spec.replaced_by] if plan_spec.replaced_by else None
        plan_part_save(instance=plan)


def _load_periods(spec: ProvinceSpec, today: date) -> dict[str, ReportingPeriod]:
    """Generate the periods from the first plan's year through next year; return those entries refer to."""
    first_year = min(FIRST_PERIOD_YEAR, *(plan.start_year for plan in spec.plans))
    generated = set(ReportingPeriod.objects.filter(kind=PeriodKind.YEARLY).values_list("year", flat=True))
    for year in range(first_year, today.year + 2):
        if year not in generated:  # a year's periods are left as they are, like every demo row
            reporting_periods_generate(year=year)
    periods = {
        "Y2017": ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2017),
        "H1-2018": ReportingPeriod.objects.get(kind=PeriodKind.SIX_MONTHLY, year=2018, sequence=1),
        "Y2018": ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2018),
    }
    if spec.key == DEFAULT_PROVINCE:
        periods["AH-2018"], _created = _ensure(
            ReportingPeriod, {"kind": PeriodKind.AD_HOC, "name": AD_HOC_PERIOD_NAME}, AD_HOC_PERIOD
        )
    return periods


def _load_progress(spec: ProvinceSpec, tasks, periods, bodies: Bodies, users: dict[str, User]) -> None:
    """The written entries of the seed plans (progress.yaml), as their departments reported them."""
    writers = demo_progress.writers(users)
    keys = {plan.key for plan in spec.plans}
    for entry in PROGRESS:
        if entry.plan not in keys:
            continue
        task, period, body = tasks[entry.plan, entry.area, entry.task], periods[entry.period], bodies[entry.department]
        values = demo_progress.entry_values(entry, period, writers.get(body.pk))
        progress, _created = _ensure(TaskProgress, {"task": task, "period": period, "department": body}, values)
        targets = {target.name: target for target in task.targets.all()}
        for name, value in entry.achieved:
            _ensure(ProgressTargetValue, {"progress": progress, "target": targets[name]}, {"achieved_value": value})


def _load_current_progress(bodies: Bodies, users: dict[str, User], today: date) -> None:
    """Give the current period's tasks of two demo departments one entry in each workflow state."""
    period = current_period(today=today)
    if period is not None:
        demo_progress.load_current(period=period, bodies=bodies, writers=demo_progress.writers(users))


def demo_province_loaded() -> bool:
    """Whether any demo province was loaded into this database."""
    return DemoLoad.objects.exists()
