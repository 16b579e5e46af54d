"""One FilterSet for delegation lists, shared by the HTML list, the API, the exports and the statistics."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from django_filters.rest_framework import BooleanFilter

from accounts.models import Department
from accounts.selectors import present_bodies, present_body_of
from core.countries import sorted_choices
from core.forms import StyledFilterForm

from .choices import DelegationStatus, Direction
from .models import Delegation, DelegationCountry
from .permissions import can_read_person_names
from .search import search_query
from .selectors import AS_OF, BODIES, CURRENT, GROUP_BY_CHOICES


class DelegationFilterSet(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"),
        choices=all_countries,
        method="filter_country",
        help_text=_("ISO 3166-1 alpha-2 code, e.g. LA; repeat for several countries."),
    )
    department = django_filters.ModelChoiceFilter(label=_("Department"), queryset=Department.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DelegationStatus.choices)
    # cancelled=false leaves cancelled delegations out, as the statistics and the dashboard count them.
    cancelled = BooleanFilter(label=_("Cancelled"), method="filter_cancelled")
    start_date = django_filters.DateFromToRangeFilter(
        label=_("Start date between"),
        help_text=_("start_date_after and start_date_before, both inclusive (YYYY-MM-DD)."),
    )
    # Bounded so that a year like 99999 is a 400, not a date overflow in the year lookup.
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="start_date", lookup_expr="year", min_value=1900, max_value=2999, decimal_places=0
    )
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = Delegation
        fields = ["direction", "country", "department", "status", "cancelled", "start_date", "year", "search"]
        form = StyledFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sorted per request: the order of the names depends on the language being spoken.
        self.filters["country"].extra["choices"] = sorted_choices(all_countries)

    def filter_country(self, queryset, name, value: str):
        # A subquery, not a join: a delegation to two of the chosen countries must stay one row, or
        # the sums of persons would count it twice.
        if not value:
            return queryset
        return queryset.filter(pk__in=DelegationCountry.objects.filter(country__in=value).values("delegation_id"))

    def filter_cancelled(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(status=DelegationStatus.CANCELLED)
        return queryset.exclude(status=DelegationStatus.CANCELLED)

    def filter_search(self, queryset, name, value):
        # Matched without diacritics against the search columns (delegations/search.py), which trigram
        # indexes answer on PostgreSQL: "nhat ban" finds "Nhật Bản".
        words = search_query(value)
        if not words:
            return queryset
        condition = Q(search_text__contains=words)
        # Whoever may not read names must not find delegations by them either.
        if self.request is None or can_read_person_names(self.request.user):
            condition |= Q(search_names__contains=words)
        return queryset.filter(condition)


class DelegationStatsFilterSet(DelegationFilterSet):
    """The list filters plus how to group, whether cancelled delegations count, and which bodies count."""

    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), method="filter_department"
    )

    group_by = django_filters.ChoiceFilter(
        label=_("Group by"),
        choices=[(choice, choice) for choice in GROUP_BY_CHOICES],
        method="filter_nothing",
        empty_label=None,
    )
    include_cancelled = BooleanFilter(label=_("Include cancelled delegations"), method="filter_nothing")
    bodies = django_filters.ChoiceFilter(
        label=_("Departments"),
        choices=BODIES,
        method="filter_nothing",
        empty_label=None,
        help_text=_("as_of: the body recorded on each delegation; current: the body that holds its work today."),
    )

    class Meta(DelegationFilterSet.Meta):
        fields = [*DelegationFilterSet.Meta.fields, "group_by", "include_cancelled", "bodies"]

    def filter_department(self, queryset, name, value):
        # Counted by present bodies, a department stands for the bodies whose work it took over too.
        if value is None:
            return queryset
        if self.chosen_bodies != CURRENT:
            return queryset.filter(department=value)
        return queryset.alias(body=present_body_of("department_id", present_bodies())).filter(body=value.pk)

    def filter_nothing(self, queryset, name, value):
        # Read by the statistics view; they shape the answer, not the set of delegations.
        return queryset

    @property
    def chosen_group_by(self) -> str:
        return self.form.cleaned_data.get("group_by") or "direction"

    @property
    def wants_cancelled(self) -> bool:
        # Asking for cancelled delegations (by status or by the cancelled filter) means counting them.
        data = self.form.cleaned_data
        asked = data.get("status") == DelegationStatus.CANCELLED or data.get("cancelled") is True
        return bool(data.get("include_cancelled")) or asked

    @property
    def chosen_countries(self) -> list[str]:
        return list(self.form.cleaned_data.get("country") or [])

    @property
    def chosen_bodies(self) -> str:
        return self.form.cleaned_data.get("bodies") or AS_OF

    def stats_options(self) -> dict:
        """The arguments of delegation_stats that the request chose, besides the delegations."""
        return {
            "group_by": self.chosen_group_by,
            "include_cancelled": self.wants_cancelled,
            "countries": self.chosen_countries,
            "bodies": self.chosen_bodies,
        }
