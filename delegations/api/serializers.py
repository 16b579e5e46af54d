from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from rest_framework import serializers

from accounts.models import Department

from ..choices import Direction
from ..models import Delegation
from ..permissions import can_record_for_department
from ..selectors import BODIES_CHOICES, GROUP_BY_CHOICES


class CountryCodesField(serializers.ListField):
    """The delegation's countries as ISO codes, read from the prefetched DelegationCountry rows."""

    child = serializers.ChoiceField(choices=list(all_countries))

    def get_attribute(self, instance):
        return [link.country.code for link in instance.countries.all()]


class DelegationSerializer(serializers.ModelSerializer):
    """A delegation as the API, the import and other systems see it; writes go through the services."""

    countries = CountryCodesField(
        allow_empty=False,
        help_text=_('ISO 3166-1 alpha-2 codes, e.g. ["LA"].'),
    )
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    # Whole đồng as a JSON integer: a decimal would be rendered as a float and lose digits past 2^53.
    cost_vnd = serializers.IntegerField(
        min_value=0, max_value=10**18 - 1, allow_null=True, required=False, help_text=_("Cost in đồng.")
    )
    approval_document = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text=_("Number and symbol, e.g. 495/QĐ-UBND.")
    )

    class Meta:
        model = Delegation
        fields = [
            "id",
            "direction",
            "title",
            "purpose",
            "department",
            "leader_name",
            "leader_position",
            "member_count",
            "countries",
            "partner",
            "start_date",
            "end_date",
            "funding_source",
            "cost_vnd",
            "approval_document",
            "status",
        ]

    def validate_department(self, department):
        user = self.context["user"] if "user" in self.context else self.context["request"].user
        if not can_record_for_department(user, department.pk):
            raise serializers.ValidationError(_("You may only record delegations of your own department."))
        return department

    # Rules on the whole delegation (dates in order, caps, duplicate countries) live in the model and
    # the services; the views turn their ValidationError into this serializer's error shape.


class DelegationCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("Reason for cancelling"))


class StatsRowSerializer(serializers.Serializer):
    """One row of the statistics; the group key named by group_by sits beside direction."""

    direction = serializers.ChoiceField(choices=Direction.choices)
    country = serializers.CharField(required=False, help_text=_("With group_by=country: ISO alpha-2 code."))
    country_name = serializers.CharField(required=False, help_text=_("With group_by=country: name in Vietnamese."))
    department = serializers.IntegerField(required=False, help_text=_("With group_by=department: its id."))
    department_name = serializers.CharField(required=False)
    month = serializers.CharField(required=False, help_text=_("With group_by=month: YYYY-MM of the start date."))
    quarter = serializers.IntegerField(required=False, help_text=_("With group_by=quarter: 1 to 4."))
    year = serializers.IntegerField(required=False, help_text=_("With group_by=year or quarter."))
    delegations = serializers.IntegerField()
    persons = serializers.IntegerField(help_text=_("Sum of the delegations' number of persons."))


class StatsTotalSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=Direction.choices)
    delegations = serializers.IntegerField()
    persons = serializers.IntegerField()


class DelegationStatsSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=GROUP_BY_CHOICES)
    include_cancelled = serializers.BooleanField()
    bodies = serializers.ChoiceField(
        choices=BODIES_CHOICES, help_text=_("as_of: departments as recorded; current: their present successors.")
    )
    counting = serializers.CharField(help_text=_("How delegations and persons are counted."))
    rows = StatsRowSerializer(many=True)
    totals = StatsTotalSerializer(many=True)
