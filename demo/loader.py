"""Load the demo province into the portal: departments, one user per role, the seed plans,
reporting periods, progress entries and about 120 delegations (the data is in demo/data/).

Every row is found by its natural key and saved only when a value differs, so running the loader
again adds no rows, no history records and no fresh timestamps. Delegations are generated from a
seeded random generator and a fixed reference date, so every run produces the same rows.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from accounts.choices import DepartmentKind, Role
from accounts.models import Department, FocalPoint, User
from delegations.choices import DelegationStatus, Direction, FundingSource, PartnerKind
from delegations.models import Delegation, DelegationCountry
from plans.choices import PeriodKind, PlanKind, PlanStatus, WorkflowState
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
from plans.services import PLAN_PARTS, plan_part_save, reporting_periods_generate

from .specs import (
    AD_HOC_PERIOD,
    AD_HOC_PERIOD_NAME,
    CANCELLATION_REASONS,
    COUNTRY_NAMES,
    COUNTRY_WEIGHTS,
    CURRENT_PERIOD_PROGRESS,
    DELEGATIONS_PER_YEAR,
    DEMO_PASSWORD,
    DEPARTMENTS,
    ENTERPRISE_FUNDED_DEPARTMENTS,
    FOCAL_POINT_CODE,
    FOREIGN_NAMES,
    FOREIGN_PARTNERS,
    FOREIGN_POSITIONS,
    HEAD_TITLES,
    INBOUND_HOSTS,
    INBOUND_PURPOSES,
    LAO_DEPARTMENTS,
    LAO_INBOUND_PURPOSES,
    LAO_NAMES,
    LAO_OUTBOUND_PURPOSES,
    LAO_POSITIONS,
    LAO_PROVINCES,
    LEADER_FAMILY_NAMES,
    LEADER_GIVEN_NAMES,
    MULTI_COUNTRY_ROUTES,
    OUTBOUND_PURPOSES,
    PERIOD_YEARS,
    PLANS,
    PROGRESS,
    PROVINCE,
    STATUS_AS_OF,
    USERS,
    ProgressSpec,
    TaskSpec,
)

# --- Loading -------------------------------------------------------------------------------


@transaction.atomic
def demo_data_load() -> dict[str, int]:
    """Load (or bring up to date) all demo data; return the row count of each model it fills."""
    departments = _load_departments()
    _load_focal_point(departments[FOCAL_POINT_CODE])
    users = _load_users(departments)
    tasks = _load_plans(departments)
    periods = _load_periods()
    _load_progress(tasks, periods, departments, users)
    _load_current_progress(departments, users)
    _load_delegations(departments, users, tasks)
    return _row_counts()


def _row_counts() -> dict[str, int]:
    loaded = [
        Department,
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


def _upsert(model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Find the row by its natural key, create it, or save it only if a value differs.

    Saving only on change keeps reruns from adding history records and touching timestamps.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        fields = {key: value for key, value in lookup.items() if "__" not in key}
        return _save(model(**fields, **values))
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        _save(instance)
    return instance


def _save(instance: models.Model) -> models.Model:
    """Plans and their parts go through the plans service, so the demo obeys the portal's rules."""
    if isinstance(instance, PLAN_PARTS):
        return plan_part_save(instance=instance)
    instance.save()
    return instance


def _sync_many(manager, objects) -> None:
    """Set a many-to-many relation only if it differs, so that no m2m history is recorded needlessly."""
    if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
        manager.set(objects)


def _load_departments() -> dict[str, Department]:
    departments = {}
    for order, spec in enumerate(DEPARTMENTS, start=1):
        departments[spec.code] = _upsert(
            Department,
            {"code": spec.code},
            {
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "email": f"{spec.code.lower()}@example.gov.vn",
                "is_active": True,
                "sort_order": order,
            },
        )
    return departments


def _load_focal_point(body: Department) -> None:
    _upsert(
        FocalPoint,
        {"valid_from": date(2000, 1, 1)},
        {
            "province_name": "Sơn La",
            "body": body,
            "printed_name": "SỞ NGOẠI VỤ",
            "parent_body": "UBND TỈNH SƠN LA",
            "document_symbol": "BC-SNgV",
            "place_name": "Sơn La",
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "recipients": "Bộ Ngoại giao (b/c)\nTT Tỉnh ủy (b/c)\nUBND tỉnh Sơn La (b/c)",
        },
    )


def _load_users(departments: dict[str, Department]) -> dict[str, User]:
    users = {}
    for spec in USERS:
        user = _upsert(
            User,
            {"username": spec.username},
            {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@example.gov.vn",
                "role": spec.role,
                "department": departments[spec.department] if spec.department else None,
                "position": spec.position,
                "is_active": True,
                "is_staff": spec.role == Role.ADMINISTRATOR,
                "is_superuser": spec.role == Role.ADMINISTRATOR,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[spec.username] = user
    return users


def _load_plans(departments: dict[str, Department]) -> dict[tuple[str, int, int], Task]:
    """Load the seed plans; return their tasks keyed by (plan key, area position, task position)."""
    standard_areas = {area.code: area for area in StandardArea.objects.all()}
    tasks = {}
    for spec in PLANS:
        plan = _upsert(
            Plan,
            {"issuer": spec.issuer, "document_number": spec.document_number, "issue_date__year": spec.issue_date.year},
            {
                "kind": PlanKind.PLAN,
                "issue_date": spec.issue_date,
                "title": spec.title,
                "summary": spec.summary,
                "start_year": spec.start_year,
                "end_year": spec.end_year,
                "continues_after": spec.continues_after,
                "legal_bases": "\n".join(spec.legal_bases),
                "status": spec.status,
            },
        )
        for area_position, area_spec in enumerate(spec.areas, start=1):
            area = _upsert(
                TaskArea,
                {"plan": plan, "position": area_position},
                {"title": area_spec.title, "standard_area": standard_areas[area_spec.standard_area]},
            )
            for task_position, task_spec in enumerate(area_spec.tasks, start=1):
                task = _load_task(area, task_position, task_spec, departments)
                tasks[spec.key, area_position, task_position] = task
    return tasks


def _load_task(area: TaskArea, position: int, spec: TaskSpec, departments: dict[str, Department]) -> Task:
    task = _upsert(
        Task,
        {"area": area, "position": position},
        {
            "content": spec.content,
            "lead_department": departments[spec.lead],
            "timing": spec.timing,
            "deadline": spec.deadline,
            "expected_output": spec.expected_output,
        },
    )
    _sync_many(task.coordinating_departments, [departments[code] for code in spec.coordinating])
    for name, unit, value in spec.targets:
        _upsert(TaskTarget, {"task": task, "name": name}, {"unit": unit, "target_value": Decimal(value)})
    return task


def _load_periods() -> dict[str, ReportingPeriod]:
    """Generate the periodic reporting periods and the ad hoc one; return those progress refers to."""
    for year in PERIOD_YEARS:
        reporting_periods_generate(year=year)
    ad_hoc_period = _upsert(ReportingPeriod, {"kind": PeriodKind.AD_HOC, "name": AD_HOC_PERIOD_NAME}, AD_HOC_PERIOD)
    return {
        "Y2017": ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2017),
        "H1-2018": ReportingPeriod.objects.get(kind=PeriodKind.SIX_MONTHLY, year=2018, sequence=1),
        "Y2018": ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2018),
        "AH-2018": ad_hoc_period,
    }


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _load_progress(tasks, periods, departments, users) -> None:
    # Entries appear as written by the demo user of the department where there is one.
    writers = {user.department.code: user for user in users.values() if user.role == Role.STAFF}
    writers[FOCAL_POINT_CODE] = users["chuyenvien"]
    for spec in PROGRESS:
        task, period = tasks[spec.plan, spec.area, spec.task], periods[spec.period]
        progress = _upsert(
            TaskProgress,
            {"task": task, "period": period, "department": departments[spec.department]},
            _progress_values(spec, period, writers.get(spec.department)),
        )
        targets = {target.name: target for target in task.targets.all()}
        for name, value in spec.achieved:
            _upsert(ProgressTargetValue, {"progress": progress, "target": targets[name]}, {"achieved_value": value})


def _load_current_progress(departments, users) -> None:
    """Give the current period's tasks of two demo departments one entry in each workflow state."""
    period = current_period()
    if period is None:
        return
    writers = {user.department.code: user for user in users.values() if user.role == Role.STAFF}
    for code in {row[0] for row in CURRENT_PERIOD_PROGRESS}:
        rows = [row for row in CURRENT_PERIOD_PROGRESS if row[0] == code]
        led = Task.objects.filter(lead_department=departments[code], area__plan__status=PlanStatus.IN_FORCE)
        for task, (_code, state, status, percent, results, comment) in zip(led.order_by("pk"), rows, strict=False):
            spec = ProgressSpec("", 0, 0, "", code, status, percent, state, results, review_comment=comment)
            values = _progress_values(spec, period, writers.get(code))
            # The period is still open: date the steps at its start, not around its future deadline.
            for field, days in (("submitted_at", 1), ("accepted_at", 3)):
                if values[field]:
                    values[field] = _at(period.start_date + timedelta(days=days), 9)
            _upsert(TaskProgress, {"task": task, "period": period, "department": departments[code]}, values)


def _progress_values(spec: ProgressSpec, period: ReportingPeriod, writer: User | None) -> dict:
    """The entry's fields, dated around the period's deadline: sent the day before, accepted days after."""
    sent = spec.state != WorkflowState.DRAFT
    accepted = spec.state == WorkflowState.ACCEPTED
    return {
        "status": spec.status,
        "percent_done": spec.percent,
        "results": spec.results,
        "difficulties": spec.difficulties,
        "proposals": spec.proposals,
        "state": spec.state,
        "review_comment": spec.review_comment,
        "submitted_at": _at(period.deadline - timedelta(days=1), 9) if sent else None,
        "accepted_at": _at(period.deadline + timedelta(days=5), 15) if accepted else None,
        "updated_by": writer,
    }


def _load_delegations(departments, users, tasks) -> None:
    lao_exchanges, investment = tasks["son-la", 3, 4], tasks["son-la", 2, 1]
    for spec in _delegation_specs():
        countries = spec.pop("countries")
        values = {**spec, "department": departments[spec["department"]], "created_by": users["chuyenvien"]}
        reference = values.pop("reference")
        delegation = _upsert(Delegation, {"reference": reference}, values)
        _sync_countries(delegation, countries)
        related = []
        if spec["start_date"].year <= 2018:
            if any(code == "LA" for code, _locality in countries):
                related.append(lao_exchanges)
            if spec["partner_kind"] == PartnerKind.ENTERPRISE:
                related.append(investment)
        _sync_many(delegation.related_tasks, related)


def _sync_countries(delegation: Delegation, countries: list[tuple[str, str]]) -> None:
    codes = [code for code, _locality in countries]
    delegation.countries.exclude(country__in=codes).delete()
    for code, locality in countries:
        _upsert(DelegationCountry, {"delegation": delegation, "country": code}, {"locality": locality})


# --- Generating delegations ----------------------------------------------------------------


def _delegation_specs() -> list[dict]:
    """About 120 delegations over 2017–2018 and 2025–2026, the same on every run."""
    rng = random.Random(2018)
    specs = []
    for year, count in DELEGATIONS_PER_YEAR.items():
        of_year = [_delegation_spec(rng, year) for _ in range(count)]
        specs.extend(sorted(of_year, key=lambda spec: (spec["start_date"], spec["title"])))
    for number, spec in enumerate(specs, start=1):
        spec["reference"] = f"DEMO-{number:04d}"
        _set_status(spec, number)
    return specs


def _delegation_spec(rng: random.Random, year: int) -> dict:
    inbound = rng.random() < 0.55
    if not inbound and rng.random() < 0.12:
        codes = list(rng.choice(MULTI_COUNTRY_ROUTES))
    else:
        codes = rng.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[:1]
    if codes == ["LA"]:
        spec = _lao_delegation(rng, inbound, year)
    elif inbound:
        spec = _foreign_inbound_delegation(rng, codes[0])
    else:
        spec = _foreign_outbound_delegation(rng, codes, year)
    start = date(year, rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(1, 4) if inbound else rng.randint(3, 8)
    spec.update(
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        approval_document=f"{rng.randint(100, 3200)}/QĐ-UBND" if not inbound else f"{rng.randint(50, 900)}/SNgV-LS",
        approval_date=start - timedelta(days=rng.randint(7, 25)),
    )
    spec["result_report_days"] = rng.randint(3, 14) if not inbound and rng.random() < 0.85 else None
    return spec


def _lao_delegation(rng: random.Random, inbound: bool, year: int) -> dict:
    province = rng.choice(LAO_PROVINCES)
    if inbound:
        return {
            "title": f"Đoàn đại biểu tỉnh {province}, nước CHDCND Lào thăm và làm việc tại tỉnh {PROVINCE}",
            "purpose": rng.choice(LAO_INBOUND_PURPOSES),
            "department": rng.choice(LAO_DEPARTMENTS),
            "leader_name": rng.choice(LAO_NAMES),
            "leader_position": rng.choice(LAO_POSITIONS).format(province=province),
            "member_count": rng.randint(5, 25),
            "funding_source": FundingSource.PROVINCIAL_BUDGET,
            "cost_vnd": Decimal(rng.randrange(20, 150) * 1_000_000),
            **_partner(PartnerKind.LOCALITY, f"tỉnh {province}", [("LA", province)]),
        }
    department = rng.choice(LAO_DEPARTMENTS)
    return {
        "title": f"Đoàn công tác của {_sending(department)} thăm và làm việc tại tỉnh {province}, nước CHDCND Lào",
        "purpose": rng.choice(LAO_OUTBOUND_PURPOSES),
        "department": department,
        **_sending_leader(rng, department, year),
        "member_count": rng.randint(3, 10),
        "funding_source": FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": Decimal(rng.randrange(40, 250) * 1_000_000),
        **_partner(PartnerKind.LOCALITY, f"tỉnh {province}", [("LA", province)]),
    }


def _foreign_inbound_delegation(rng: random.Random, code: str) -> dict:
    kind, partner, locality = rng.choice(FOREIGN_PARTNERS[code])
    country = COUNTRY_NAMES[code]
    origin = partner if country in partner else f"{partner} ({country})"
    paid_by_partner = rng.random() < 0.8
    return {
        "title": f"Đoàn {origin} thăm và làm việc tại tỉnh {PROVINCE}",
        "purpose": rng.choice(INBOUND_PURPOSES[kind]),
        "department": rng.choice(INBOUND_HOSTS[kind]),
        "leader_name": rng.choice(FOREIGN_NAMES[code]),
        "leader_position": rng.choice(FOREIGN_POSITIONS[kind]),
        "member_count": rng.randint(2, 12),
        "funding_source": FundingSource.PARTNER if paid_by_partner else FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": None if paid_by_partner else Decimal(rng.randrange(15, 80) * 1_000_000),
        **_partner(kind, partner, [(code, locality)]),
    }


def _foreign_outbound_delegation(rng: random.Random, codes: list[str], year: int) -> dict:
    department = rng.choice(list(OUTBOUND_PURPOSES))
    countries, partners, kinds = [], [], set()
    for code in codes:
        if code == "LA":
            province = rng.choice(LAO_PROVINCES)
            kind, partner, locality = PartnerKind.LOCALITY, f"tỉnh {province}", province
        else:
            kind, partner, locality = rng.choice([p for p in FOREIGN_PARTNERS[code] if p[0] != PartnerKind.EMBASSY])
        countries.append((code, locality))
        partners.append(partner)
        kinds.add(kind)
    by_enterprise = department in ENTERPRISE_FUNDED_DEPARTMENTS and rng.random() < 0.4
    return {
        "title": f"Đoàn công tác của {_sending(department)} đi " + " và ".join(COUNTRY_NAMES[code] for code in codes),
        "purpose": rng.choice(OUTBOUND_PURPOSES[department]),
        "department": department,
        **_sending_leader(rng, department, year),
        "member_count": rng.randint(2, 8),
        "funding_source": FundingSource.ENTERPRISE if by_enterprise else FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": Decimal(rng.randrange(150, 900) * 1_000_000),
        **_partner(kinds.pop() if len(kinds) == 1 else PartnerKind.OTHER, "; ".join(partners), countries),
    }


def _partner(kind: str, partner: str, countries: list[tuple[str, str]]) -> dict:
    return {"partner_kind": kind, "partner": partner, "countries": countries}


def _sending(code: str) -> str:
    """The sending body as titles write it: "Sở Công Thương tỉnh Sơn La", "Công an tỉnh Sơn La"."""
    spec = next(spec for spec in DEPARTMENTS if spec.code == code)
    if spec.kind == DepartmentKind.DISTRICT:
        return spec.name
    if spec.name.endswith("tỉnh"):
        return f"{spec.name} {PROVINCE}"
    if spec.name == "Tỉnh đoàn":
        return f"Tỉnh đoàn {PROVINCE}"
    return f"{spec.name} tỉnh {PROVINCE}"


def _sending_leader(rng: random.Random, code: str, year: int) -> dict:
    """The head or a deputy of the sending body; the same post has the same holder within an era."""
    deputy = rng.random() < 0.5
    title = HEAD_TITLES[code]  # "Phó Giám đốc Sở …", "Phó Chánh Thanh tra tỉnh": the title keeps its capital
    order = [spec.code for spec in DEPARTMENTS].index(code)
    holder = order * 2 + deputy + (len(DEPARTMENTS) * 2 if year > 2020 else 0)
    family, given = LEADER_FAMILY_NAMES, LEADER_GIVEN_NAMES
    name = f"{family[holder % len(family)]} {given[holder % len(given)]}"
    return {"leader_name": name, "leader_position": f"Phó {title}" if deputy else title}


def _set_status(spec: dict, number: int) -> None:
    """Judge the status against STATUS_AS_OF; cancel a few, and date the result reports of past trips."""
    report_days = spec.pop("result_report_days")
    if number % 23 == 7:
        spec["status"] = DelegationStatus.CANCELLED
        spec["cancellation_reason"] = CANCELLATION_REASONS[number % len(CANCELLATION_REASONS)]
    elif spec["end_date"] < STATUS_AS_OF:
        spec["status"] = DelegationStatus.COMPLETED
    elif number % 2:
        spec["status"] = DelegationStatus.APPROVED
    else:
        spec["status"] = DelegationStatus.PLANNED
        spec["approval_document"], spec["approval_date"] = "", None
    spec.setdefault("cancellation_reason", "")
    done = spec["status"] == DelegationStatus.COMPLETED and spec["direction"] == Direction.OUTBOUND
    reported = done and report_days is not None
    spec["result_report_submitted_on"] = spec["end_date"] + timedelta(days=report_days) if reported else None
