"""Each task's standing (completed, on track, behind, overdue) as of a day, in one database expression."""

import datetime

from django.db.models import (
    Case,
    CharField,
    QuerySet,
    Value,
    When,
)

from core.typing import AnnotatedQuerySet

from ..choices import BEHIND_STATUSES, COMPLETED_STATUSES, TaskStanding
from ..models import Task
from .progress import tasks_with_ranked_progress
from .visibility import progress_on_tasks_visible_to


def task_standing() -> Case:
    """Where a task stands; needs the progress_status and task_overdue annotations of tasks_with_ranked_progress.

    Completed: its latest entry says completed (on time or late). Overdue: not completed and its
    deadline has passed. Behind: neither, and its latest entry says behind schedule or not carried
    out. On track: every other task, those without an entry yet included.
    """
    return Case(
        When(progress_status__in=COMPLETED_STATUSES, then=Value(TaskStanding.COMPLETED)),
        When(task_overdue=True, then=Value(TaskStanding.OVERDUE)),
        When(progress_status__in=BEHIND_STATUSES, then=Value(TaskStanding.BEHIND)),
        default=Value(TaskStanding.ON_TRACK),
        output_field=CharField(),
    )


def tasks_with_standing(*, user, tasks: QuerySet[Task], as_of: datetime.date) -> AnnotatedQuerySet:
    """The tasks (already scoped to the user) with their latest readable entry up to as_of and their standing."""
    # Entries of periods that had not begun by as_of did not exist then: the figures are as of that day.
    # Only these tasks' entries are ranked: the province's other plans' entries would be sorted for nothing.
    entries = progress_on_tasks_visible_to(user=user, tasks=tasks).filter(period__start_date__lte=as_of)
    return tasks_with_ranked_progress(tasks=tasks, entries=entries, today=as_of).annotate(task_standing=task_standing())
