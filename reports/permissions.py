"""Who reads and who compiles reports: the one place that answers it for the reports app."""

from accounts.permissions import can_manage_plans, reads_all_progress


def may_read_reports(user) -> bool:
    """Specialists, administrators and leadership read compiled reports; department users do not."""
    return reads_all_progress(user)


def may_request_reports(user) -> bool:
    """Specialists and administrators compile reports; leadership reads them."""
    return can_manage_plans(user)
