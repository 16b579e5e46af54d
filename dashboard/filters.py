"""The dashboard's filters once read: what its selectors, cache and links work from."""

import datetime
from dataclasses import dataclass

from plans.models import Plan, ReportingPeriod


@dataclass(frozen=True)
class DashboardFilters:
    plan: Plan | None
    period: ReportingPeriod | None
    date_from: datetime.date
    date_to: datetime.date
    # The day the task figures describe: the end of the range, or today while the range runs on.
    as_of: datetime.date

    def key(self) -> dict:
        """What the cached figures depend on (with as_of, so that yesterday's figures expire at midnight)."""
        return {
            "plan": self.plan.pk if self.plan else None,
            "period": self.period.pk if self.period else None,
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "as_of": self.as_of.isoformat(),
        }

    def query(self) -> dict:
        """The query parameters that reproduce these filters on a drill-down list."""
        query: dict[str, str | int] = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if self.plan:
            query["plan"] = self.plan.pk
        if self.period:
            query["period"] = self.period.pk
        return query
