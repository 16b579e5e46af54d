"""Reads of plans, scoped to the user asking."""

from django.db.models import Count, Prefetch, QuerySet

from accounts.permissions import can_manage_plans

from .choices import PlanStatus
from .models import Plan, Task, TaskArea


def plans_visible_to(*, user) -> QuerySet[Plan]:
    """Plans the user may open: drafts only for those who manage plans."""
    plans = Plan.objects.annotate(area_count=Count("areas", distinct=True), task_count=Count("areas__tasks"))
    if not can_manage_plans(user):
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return plans


def plan_areas_with_tasks(*, plan: Plan) -> QuerySet[TaskArea]:
    """The plan's areas in order, each with its tasks and their departments, in a fixed number of queries."""
    tasks = Task.objects.select_related("lead_department").prefetch_related("coordinating_departments", "targets")
    return (
        plan.areas.select_related("standard_area")
        .prefetch_related(Prefetch("tasks", queryset=tasks.order_by("position")))
        .order_by("position")
    )
