"""The dashboard's figures as JSON: plain rows (no model serializers), described for the schema."""

from rest_framework import serializers

from delegations.choices import Direction
from plans.choices import TaskStanding


class TaskCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    completed = serializers.IntegerField()
    on_track = serializers.IntegerField()
    behind = serializers.IntegerField()
    overdue = serializers.IntegerField()


class AreaCountsSerializer(TaskCountsSerializer):
    key = serializers.IntegerField(help_text="Id of the task area, or of the standard area (0: none).")
    name = serializers.CharField(allow_null=True)


class LateTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    content = serializers.CharField()
    plan_number = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    standing = serializers.ChoiceField(source="task_standing", choices=TaskStanding.choices)
    progress_status = serializers.CharField(allow_null=True)
    lead_department = serializers.IntegerField()
    lead_department_name = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    deadline = serializers.DateField()


class DepartmentTimelinessSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    expected = serializers.IntegerField(help_text="Entries owed: one per task the department leads or coordinates.")
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()


class TimelinessSerializer(serializers.Serializer):
    period = PeriodSerializer(allow_null=True)
    departments = DepartmentTimelinessSerializer(many=True)
    department_count = serializers.IntegerField(help_text="Departments owing entries for the period.")
    on_time_departments = serializers.IntegerField(help_text="Departments that sent every entry by the deadline.")
    on_time_share = serializers.FloatField(allow_null=True, help_text="Percent of the departments owing entries.")


class DelegationCountSerializer(serializers.Serializer):
    delegations = serializers.IntegerField()
    persons = serializers.IntegerField()


class DirectionCountsSerializer(serializers.Serializer):
    inbound = DelegationCountSerializer()
    outbound = DelegationCountSerializer()


class MonthRowSerializer(DelegationCountSerializer):
    direction = serializers.ChoiceField(choices=Direction.choices)
    month = serializers.CharField(help_text="YYYY-MM")


class CountryRowSerializer(serializers.Serializer):
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2")
    country_name = serializers.CharField()
    total = serializers.IntegerField()
    inbound = DelegationCountSerializer()
    outbound = DelegationCountSerializer()


class DelegationFiguresSerializer(serializers.Serializer):
    last_year_from = serializers.DateField()
    last_year_to = serializers.DateField()
    this_year = DirectionCountsSerializer()
    last_year = DirectionCountsSerializer()
    months = MonthRowSerializer(many=True)
    countries = CountryRowSerializer(many=True)
    counting = serializers.CharField()


class DashboardSerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="The day the task figures describe.")
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    tasks = TaskCountsSerializer()
    areas_grouped_by = serializers.ChoiceField(choices=["standard_area", "area"])
    areas = AreaCountsSerializer(many=True)
    late_tasks = LateTaskSerializer(many=True)
    timeliness = TimelinessSerializer()
    delegations = DelegationFiguresSerializer()
