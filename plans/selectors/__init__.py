"""Every read of the plans app scoped to the user, by subject: `from plans.selectors import …`.

visibility (who sees which rows), progress (tasks with their latest entries, periods), review (the
focal point's period review), history (an entry's changes), standing (a task's standing as of a day),
timeliness (on time, late, missing), obligations (which task and department owe an entry in a period).
"""

from .history import HISTORY_HIDDEN_FIELDS, progress_history
from .obligations import Obligation, owed_entries, period_obligations, stored_obligations, timings_owed_in
from .progress import (
    carried_entry,
    current_period,
    last_closed_period,
    my_work_tasks,
    plan_areas_with_tasks,
    plan_tasks_visible_to,
    tasks_with_latest_progress,
    tasks_with_progress,
    tasks_with_ranked_progress,
)
from .reminders import reminder_logs
from .review import ReviewFilters, departments_not_submitted, review_counts, review_filter_choices, review_rows
from .standing import task_standing, tasks_with_standing
from .timeliness import (
    RateRow,
    department_tasks_by_timeliness,
    department_timeliness,
    report_deadline_cutoff,
    reporting_periods_begun,
    reporting_rates,
)
from .visibility import (
    areas_visible_to,
    attachments_visible_to,
    department_reports_on,
    department_tasks,
    period_choices,
    periods_visible_to,
    plans_readable_by,
    plans_visible_to,
    progress_visible_to,
    tasks_linkable_by,
    tasks_visible_to,
)

__all__ = [
    "plans_visible_to",
    "plans_readable_by",
    "areas_visible_to",
    "periods_visible_to",
    "period_choices",
    "department_tasks",
    "tasks_visible_to",
    "tasks_linkable_by",
    "progress_visible_to",
    "attachments_visible_to",
    "department_reports_on",
    "current_period",
    "last_closed_period",
    "tasks_with_progress",
    "tasks_with_ranked_progress",
    "tasks_with_latest_progress",
    "my_work_tasks",
    "plan_areas_with_tasks",
    "plan_tasks_visible_to",
    "review_rows",
    "carried_entry",
    "ReviewFilters",
    "review_filter_choices",
    "review_counts",
    "departments_not_submitted",
    "reminder_logs",
    "HISTORY_HIDDEN_FIELDS",
    "progress_history",
    "task_standing",
    "tasks_with_standing",
    "report_deadline_cutoff",
    "department_timeliness",
    "department_tasks_by_timeliness",
    "Obligation",
    "stored_obligations",
    "owed_entries",
    "period_obligations",
    "timings_owed_in",
    "RateRow",
    "reporting_rates",
    "reporting_periods_begun",
]
