"""Addresses of the lists behind each dashboard figure (drill-down), with the filters that reproduce it."""

import datetime

from django.urls import reverse
from django.utils.http import urlencode

from .forms import DashboardFilters


def task_list_url(filters: DashboardFilters, **extra) -> str:
    """The dashboard's task list with the same plan, period and dates, narrowed by extra (standing, area…)."""
    return f"{reverse('dashboard:task_list')}?{urlencode({**filters.query(), **extra})}"


def delegation_list_url(date_from: datetime.date, date_to: datetime.date, **extra) -> str:
    """The delegation list filtered as delegation_stats counts: by start date, cancelled ones left out."""
    query = {
        "start_date_after": date_from.isoformat(),
        "start_date_before": date_to.isoformat(),
        "cancelled": "false",
        **extra,
    }
    return f"{reverse('delegations:delegation_list')}?{urlencode(query)}"


def month_span(month: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a "YYYY-MM" month."""
    first = datetime.date.fromisoformat(f"{month}-01")
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)
