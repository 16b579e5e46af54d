"""The demo's delegations: those of 01/01/2017–30/04/2018 reproduce seed 004's figures exactly, the
others spread over 2018–2026, each hosted or sent by a body that existed on its dates.

Seed 004 counts 266 inbound delegations with 2.024 persons (14 with 176 from Laos) and 112 outbound
with 627 (59 with 457 to Laos). The statistics count a delegation once in the totals and once in
each of its countries' rows, and leave out cancelled ones: so every delegation of the window that
goes to Laos with another country counts in Laos's row, and the window's cancelled delegations come
on top. Everything is drawn from one seeded generator.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from accounts.models import Department
from delegations.choices import DelegationStatus, Direction, FundingSource, PartnerKind
from delegations.models import Delegation, DelegationCountry
from delegations.rollup import rollup_touch

from .rows import bulk_create
from .specs import (
    BODIES,
    CANCELLATION_REASONS,
    CANCELLED_IN_SEED_WINDOW,
    COUNTRY_NAMES,
    COUNTRY_WEIGHTS,
    DELEGATIONS_PER_YEAR,
    DEPARTMENTS,
    ENTERPRISE_FUNDED_DEPARTMENTS,
    FOCAL_POINT_CODE,
    FOREIGN_NAMES,
    FOREIGN_PARTNERS,
    FOREIGN_POSITIONS,
    HEAD_TITLES,
    HEIRS,
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
    PROVINCE,
    SEED_FIGURES,
    SEED_WINDOW,
    STATUS_AS_OF,
)

# Persons per delegation in the seed window: (fewest, most) for each (direction, with Laos).
MEMBER_RANGES = {
    (Direction.INBOUND, True): (6, 22),
    (Direction.INBOUND, False): (2, 16),
    (Direction.OUTBOUND, True): (4, 10),
    (Direction.OUTBOUND, False): (1, 6),
}
# Routes of several countries that the window's outbound delegations take, with or without Laos.
LAO_ROUTES = [route for route in MULTI_COUNTRY_ROUTES if "LA" in route]
OTHER_ROUTES = [route for route in MULTI_COUNTRY_ROUTES if "LA" not in route]


def load(*, bodies: dict[str, Department], author, tasks: dict) -> None:
    """Create the delegations that are missing (by reference), with their countries and related tasks."""
    specs = delegation_specs()
    existing = set(Delegation.objects.filter(reference__startswith="DEMO-").values_list("reference", flat=True))
    missing = [spec for spec in specs if spec["reference"] not in existing]
    rows = [_delegation(spec, bodies, author) for spec in missing]
    created = {row.reference: row for row in bulk_create(Delegation, rows)}
    countries = [
        DelegationCountry(delegation=created[spec["reference"]], country=code, locality=locality)
        for spec in missing
        for code, locality in spec["countries"]
    ]
    DelegationCountry.objects.bulk_create(countries, batch_size=500)
    # bulk_create sends no signals: the statistics rollup is told of the new delegations here.
    rollup_touch(keys={(row.start_date, row.department_id) for row in created.values()})
    _link_tasks(missing, created, tasks)


def _delegation(spec: dict, bodies: dict[str, Department], author) -> Delegation:
    fields = {key: value for key, value in spec.items() if key not in ("countries", "department")}
    return Delegation(**fields, department=bodies[spec["department"]], created_by=author)


def _link_tasks(specs: list[dict], created: dict[str, Delegation], tasks: dict) -> None:
    """Delegations of the seed window served 51/KH-UBND's tasks: Lao exchanges and investment promotion."""
    lao_exchanges, investment = tasks.get(("son-la", 3, 4)), tasks.get(("son-la", 2, 1))
    links = []
    through = Delegation.related_tasks.through
    for spec in specs:
        if spec["start_date"] > SEED_WINDOW[1] or lao_exchanges is None:
            continue
        delegation = created[spec["reference"]]
        if any(code == "LA" for code, _locality in spec["countries"]):
            links.append(through(delegation=delegation, task=lao_exchanges))
        if spec["partner_kind"] == PartnerKind.ENTERPRISE and investment is not None:
            links.append(through(delegation=delegation, task=investment))
    through.objects.bulk_create(links, batch_size=500)


# --- Which body hosts or sends on a day ---------------------------------------------------------


def body_on(code: str, start: date, end: date) -> str | None:
    """The body doing `code`'s work over [start, end]: itself or its heir; None if neither existed then."""
    seen = set()
    while code not in seen:
        seen.add(code)
        body = BODIES[code]
        if body.exists_on(start) and body.exists_on(end):
            return code
        if body.valid_to is not None and body.valid_to < end and code in HEIRS:
            code = HEIRS[code]
            continue
        return None
    return None


def _host(rng: random.Random, candidates: list[str], start: date, end: date) -> str:
    found = [body for body in (body_on(code, start, end) for code in candidates) if body]
    return rng.choice(found) if found else FOCAL_POINT_CODE


# --- Generating ---------------------------------------------------------------------------------


def delegation_specs() -> list[dict]:
    """The demo's delegations in date order, numbered DEMO-0001…, the same on every run."""
    rng = random.Random(2018)
    specs = _seed_window(rng)
    for year, count in DELEGATIONS_PER_YEAR.items():
        specs.extend(_free(rng, year) for _ in range(count))
    specs.sort(key=lambda spec: (spec["start_date"], spec["title"], spec["member_count"]))
    for number, spec in enumerate(specs, start=1):
        spec["reference"] = f"DEMO-{number:04d}"
        _set_status(spec, number)
    return specs


def _seed_window(rng: random.Random) -> list[dict]:
    """Delegations whose figures are exactly seed 004's, and a few cancelled ones beside them."""
    specs = []
    for direction in (Direction.INBOUND, Direction.OUTBOUND):
        figures = SEED_FIGURES[direction]
        lao, total = figures["LA"], figures["all"]
        for with_laos, (count, persons) in ((True, lao), (False, (total[0] - lao[0], total[1] - lao[1]))):
            for members in split_total(rng, persons, count, *MEMBER_RANGES[direction, with_laos]):
                start = _day_in(rng, *SEED_WINDOW)
                specs.append(_spec(rng, direction, start, members, laos=with_laos, routes=True))
    for _ in range(CANCELLED_IN_SEED_WINDOW):
        direction = rng.choice([Direction.INBOUND, Direction.OUTBOUND])
        spec = _spec(rng, direction, _day_in(rng, *SEED_WINDOW), rng.randint(2, 8), laos=rng.random() < 0.4)
        spec["cancelled"] = True
        specs.append(spec)
    return specs


def split_total(rng: random.Random, total: int, count: int, lowest: int, highest: int) -> list[int]:
    """`count` numbers between lowest and highest that add up to total, spread at random. Raises ValueError."""
    if not count * lowest <= total <= count * highest:
        raise ValueError(f"{total} cannot be split into {count} parts of {lowest}–{highest}")
    parts = [lowest] * count
    for _ in range(total - count * lowest):
        index = rng.choice([i for i, part in enumerate(parts) if part < highest])
        parts[index] += 1
    return parts


def _day_in(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _free(rng: random.Random, year: int) -> dict:
    """A delegation of a year outside the window; in 2020–2021 only before the borders closed."""
    first = max(date(year, 1, 1), SEED_WINDOW[1] + timedelta(days=1))
    last = date(2020, 3, 15) if year == 2020 else date(year, 12, 28)
    start = _day_in(rng, first, last)
    inbound = rng.random() < 0.55
    laos = rng.random() < 0.45
    members = rng.randint(4, 20) if inbound else rng.randint(2, 10)
    return _spec(rng, Direction.INBOUND if inbound else Direction.OUTBOUND, start, members, laos=laos, routes=True)


def _spec(rng: random.Random, direction: str, start: date, members: int, *, laos: bool, routes: bool = False) -> dict:
    inbound = direction == Direction.INBOUND
    end = start + timedelta(days=(rng.randint(1, 4) if inbound else rng.randint(3, 8)) - 1)
    codes = _countries(rng, inbound, laos, routes)
    if codes == ["LA"]:
        spec = _lao_delegation(rng, inbound, start, end)
    elif inbound:
        spec = _foreign_inbound_delegation(rng, codes[0], start, end)
    else:
        spec = _foreign_outbound_delegation(rng, codes, start, end)
    spec.update(
        direction=direction,
        start_date=start,
        end_date=end,
        member_count=members,
        approval_document=f"{rng.randint(50, 900)}/SNgV-LS" if inbound else f"{rng.randint(100, 3200)}/QĐ-UBND",
        approval_date=start - timedelta(days=rng.randint(7, 25)),
        result_report_days=rng.randint(3, 14) if not inbound and rng.random() < 0.85 else None,
    )
    return spec


def _countries(rng: random.Random, inbound: bool, laos: bool, routes: bool) -> list[str]:
    several = routes and not inbound and rng.random() < 0.08
    if laos:
        return list(rng.choice(LAO_ROUTES)) if several else ["LA"]
    if several:
        return list(rng.choice(OTHER_ROUTES))
    others = {code: weight for code, weight in COUNTRY_WEIGHTS.items() if code != "LA"}
    return rng.choices(list(others), weights=list(others.values()))[:1]


def _lao_delegation(rng: random.Random, inbound: bool, start: date, end: date) -> dict:
    province = rng.choice(LAO_PROVINCES)
    partner = _partner(PartnerKind.LOCALITY, f"tỉnh {province}", [("LA", province)])
    if inbound:
        return {
            "title": f"Đoàn đại biểu tỉnh {province}, nước CHDCND Lào thăm và làm việc tại tỉnh {PROVINCE}",
            "purpose": rng.choice(LAO_INBOUND_PURPOSES),
            "department": _host(rng, LAO_DEPARTMENTS, start, end),
            "leader_name": rng.choice(LAO_NAMES),
            "leader_position": rng.choice(LAO_POSITIONS).format(province=province),
            "funding_source": FundingSource.PROVINCIAL_BUDGET,
            "cost_vnd": Decimal(rng.randrange(20, 150) * 1_000_000),
            **partner,
        }
    department = _host(rng, LAO_DEPARTMENTS, start, end)
    return {
        "title": f"Đoàn công tác của {_sending(department)} thăm và làm việc tại tỉnh {province}, nước CHDCND Lào",
        "purpose": rng.choice(LAO_OUTBOUND_PURPOSES),
        "department": department,
        **_sending_leader(rng, department, start.year),
        "funding_source": FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": Decimal(rng.randrange(40, 250) * 1_000_000),
        **partner,
    }


def _foreign_inbound_delegation(rng: random.Random, code: str, start: date, end: date) -> dict:
    kind, partner, locality = rng.choice(FOREIGN_PARTNERS[code])
    country = COUNTRY_NAMES[code]
    origin = partner if country in partner else f"{partner} ({country})"
    paid_by_partner = rng.random() < 0.8
    return {
        "title": f"Đoàn {origin} thăm và làm việc tại tỉnh {PROVINCE}",
        "purpose": rng.choice(INBOUND_PURPOSES[kind]),
        "department": _host(rng, INBOUND_HOSTS[kind], start, end),
        "leader_name": rng.choice(FOREIGN_NAMES[code]),
        "leader_position": rng.choice(FOREIGN_POSITIONS[kind]),
        "funding_source": FundingSource.PARTNER if paid_by_partner else FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": None if paid_by_partner else Decimal(rng.randrange(15, 80) * 1_000_000),
        **_partner(kind, partner, [(code, locality)]),
    }


def _foreign_outbound_delegation(rng: random.Random, codes: list[str], start: date, end: date) -> dict:
    sender = rng.choice(list(OUTBOUND_PURPOSES))
    purpose = rng.choice(OUTBOUND_PURPOSES[sender])
    department = _host(rng, [sender], start, end)
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
    by_enterprise = sender in ENTERPRISE_FUNDED_DEPARTMENTS and rng.random() < 0.4
    return {
        "title": f"Đoàn công tác của {_sending(department)} đi " + " và ".join(COUNTRY_NAMES[code] for code in codes),
        "purpose": purpose,
        "department": department,
        **_sending_leader(rng, department, start.year),
        "funding_source": FundingSource.ENTERPRISE if by_enterprise else FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": Decimal(rng.randrange(150, 900) * 1_000_000),
        **_partner(kinds.pop() if len(kinds) == 1 else PartnerKind.OTHER, "; ".join(partners), countries),
    }


def _partner(kind: str, partner: str, countries: list[tuple[str, str]]) -> dict:
    return {"partner_kind": kind, "partner": partner, "countries": countries}


def _sending(code: str) -> str:
    """The sending body as titles write it: "Sở Công Thương tỉnh Sơn La", "UBND huyện Mộc Châu"."""
    spec = BODIES[code]
    if spec.name.startswith("UBND") or spec.name.endswith(PROVINCE):
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
    cancelled = spec.pop("cancelled", False) or (spec["start_date"] > SEED_WINDOW[1] and number % 23 == 7)
    spec["cancellation_reason"] = ""
    if cancelled:
        spec["status"] = DelegationStatus.CANCELLED
        spec["cancellation_reason"] = CANCELLATION_REASONS[number % len(CANCELLATION_REASONS)]
    elif spec["end_date"] < STATUS_AS_OF:
        spec["status"] = DelegationStatus.COMPLETED
    elif number % 2:
        spec["status"] = DelegationStatus.APPROVED
    else:
        spec["status"] = DelegationStatus.PLANNED
        spec["approval_document"], spec["approval_date"] = "", None
    done = spec["status"] == DelegationStatus.COMPLETED and spec["direction"] == Direction.OUTBOUND
    reported = done and report_days is not None
    spec["result_report_submitted_on"] = spec["end_date"] + timedelta(days=report_days) if reported else None
