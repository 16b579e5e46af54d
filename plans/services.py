"""Writes to plans that carry a business rule."""

from django.conf import settings
from django.db import transaction

from .models import ReportingPeriod
from .periods import add_working_days, windows_of_year


@transaction.atomic
def reporting_periods_generate(*, year: int) -> list[ReportingPeriod]:
    """Create (or bring up to date) every periodic reporting period of a year.

    Deadlines fall REPORT_DEADLINE_WORKING_DAYS working days after each window closes. Running it
    again changes nothing unless the settings changed. Raises ValidationError on an invalid year.
    """
    periods = []
    for window in windows_of_year(year, nine_monthly=settings.REPORT_NINE_MONTH_PERIOD):
        period = ReportingPeriod(
            kind=window.kind,
            year=window.year,
            sequence=window.sequence,
            start_date=window.start_date,
            end_date=window.end_date,
            deadline=add_working_days(window.end_date, settings.REPORT_DEADLINE_WORKING_DAYS),
        )
        period.full_clean(validate_unique=False, validate_constraints=False)
        period, _created = ReportingPeriod.objects.update_or_create(
            kind=period.kind,
            year=period.year,
            sequence=period.sequence,
            defaults={"start_date": period.start_date, "end_date": period.end_date, "deadline": period.deadline},
        )
        periods.append(period)
    return periods
