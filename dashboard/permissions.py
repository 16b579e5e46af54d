"""Who opens the leadership dashboard, and how much of the province they see on it.

- Leadership, specialists and administrators see the whole province.
- Department staff and heads see it for their own department's tasks, entries and delegations only
  (the same rows their plan pages and delegation list show them).
- The statistics reader (an outside system) does not: its access is the delegation statistics only.
"""

from accounts.permissions import can_manage_plans, reads_all_progress, reports_for_department


def can_open_dashboard(user) -> bool:
    """Province-wide readers and department reporters open the dashboard; the statistics reader does not."""
    return reads_all_progress(user) or reports_for_department(user)


def dashboard_scope(user) -> str:
    """A short key of what the user's figures cover, so that cached figures are never shown to another scope."""
    plans = "managed" if can_manage_plans(user) else "published"
    rows = "province" if reads_all_progress(user) else f"department-{user.department_id}"
    return f"{plans}:{rows}"


def may_see_department(user, department_id: int) -> bool:
    """Province-wide readers drill into any department's reports; department members into their own only."""
    return reads_all_progress(user) or (reports_for_department(user) and department_id == user.department_id)
