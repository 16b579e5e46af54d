"""Signals plans sends for the apps above it, which it may not import."""

from django.dispatch import Signal

# Sent inside the transaction of plans.services.department_succession_record, after the open tasks
# and users moved, with predecessors, successor, effective_date and by: delegations moves the trips
# still to come (delegations.services.delegations_follow_succession).
department_succeeded = Signal()
