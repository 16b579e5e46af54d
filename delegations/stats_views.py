"""The "Thống kê đoàn ra, đoàn vào" page: figures for a period as tables, charts and report sentences."""

import datetime

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.formatting import month_label
from core.forms import style_widgets
from plans.models import ReportingPeriod

from .choices import Direction
from .forms import DATE_INPUT
from .permissions import can_read_delegation_stats
from .selectors import delegation_stats, delegation_stats_sentences, delegations_for_stats


class StatsPeriodForm(forms.Form):
    period = forms.ModelChoiceField(
        label=gettext_lazy("Reporting period"),
        queryset=ReportingPeriod.objects.order_by("-end_date", "kind", "sequence"),
        required=False,
        help_text=gettext_lazy("Choosing a period uses its data window instead of the dates."),
    )
    start_date_after = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE_INPUT)
    start_date_before = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_INPUT)
    include_cancelled = forms.BooleanField(label=gettext_lazy("Include cancelled delegations"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("period"):
            data["start_date_after"], data["start_date_before"] = data["period"].start_date, data["period"].end_date
        today = timezone.localdate()
        data["start_date_after"] = data.get("start_date_after") or datetime.date(today.year, 1, 1)
        data["start_date_before"] = data.get("start_date_before") or datetime.date(today.year, 12, 31)
        if data["start_date_before"] < data["start_date_after"]:
            self.add_error("start_date_before", _("The end of the period cannot come before its start."))
        return data


def chart(kind: str, labels: list, datasets: list[tuple[str, list]]) -> dict:
    """Chart data in the shape static/js/charts.js draws."""
    return {"type": kind, "labels": labels, "datasets": [{"label": label, "data": data} for label, data in datasets]}


def by_direction(rows: list[dict], key, label) -> tuple[list, list[tuple[str, list]]]:
    """Pivot aggregated rows so each direction becomes a data series over the same labels."""
    keys = sorted({row[key] for row in rows})
    labels = [label(k) for k in keys]
    series = []
    for direction in Direction:
        values = {row[key]: row["delegations"] for row in rows if row["direction"] == direction}
        series.append((str(direction.label), [values.get(k, 0) for k in keys]))
    return labels, series


class DelegationStatsView(LoginRequiredMixin, UserPassesTestMixin, TemplateView):
    template_name = "delegations/delegation_stats.html"

    def test_func(self):
        return can_read_delegation_stats(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Always bound, with this calendar year filled in when no dates are given, so the inputs
        # show the period the figures cover.
        data = self.request.GET.copy()
        if not data.get("period"):
            year = timezone.localdate().year
            data.setdefault("start_date_after", f"{year}-01-01")
            data.setdefault("start_date_before", f"{year}-12-31")
        form = StatsPeriodForm(data)
        context["form"] = form
        if form.is_valid():
            context.update(self.figures(form.cleaned_data))
        return context

    def figures(self, data: dict) -> dict:
        delegations = delegations_for_stats(user=self.request.user).filter(
            start_date__gte=data["start_date_after"], start_date__lte=data["start_date_before"]
        )
        stats = {
            group: delegation_stats(
                delegations=delegations, group_by=group, include_cancelled=data["include_cancelled"]
            )
            for group in ("direction", "country", "month")
        }
        month_labels, month_series = by_direction(stats["month"]["rows"], "month", month_label)
        names = {row["country"]: row["country_name"] for row in stats["country"]["rows"]}
        country_labels, country_series = by_direction(stats["country"]["rows"], "country", names.get)
        totals = stats["direction"]["totals"]
        return {
            "period": data,
            "stats": stats,
            "sentences": delegation_stats_sentences(by_country=stats["country"]),
            "direction_chart": chart(
                "bar",
                [str(Direction(row["direction"]).label) for row in totals],
                [
                    (_("Number of delegations"), [row["delegations"] for row in totals]),
                    (_("Persons"), [row["persons"] for row in totals]),
                ],
            ),
            "month_chart": chart("line", month_labels, month_series),
            "country_chart": chart("bar", country_labels, country_series),
            "export_query": (
                f"start_date_after={data['start_date_after']:%Y-%m-%d}&start_date_before={data['start_date_before']:%Y-%m-%d}"
                + ("&include_cancelled=true" if data["include_cancelled"] else "")
            ),
        }
