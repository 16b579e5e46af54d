"""The "Thống kê đoàn ra, đoàn vào" page: figures for a period as tables, charts and report sentences."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.charts import chart
from core.formatting import month_label

from .choices import Direction
from .forms import StatsPeriodForm
from .permissions import can_read_delegation_stats
from .selectors import delegation_stats, delegation_stats_sentences, delegations_for_stats


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
            data.setdefault("start_date_after", f"01/01/{year}")
            data.setdefault("start_date_before", f"31/12/{year}")
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
                delegations=delegations,
                group_by=group,
                include_cancelled=data["include_cancelled"],
                bodies=data["bodies"],
                with_totals=group != "department",  # the totals are the same for every grouping
            )
            for group in ("direction", "country", "month", "department")
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
                + f"&bodies={data['bodies']}"
            ),
        }
