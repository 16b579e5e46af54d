"""Cached dashboard figures, dropped whenever the data behind them changes.

Every key carries a generation token; any committed save or delete of the models the figures read
replaces the token, so older entries are never read again and expire on their own. Bulk writes and
QuerySet.update() send no signals: code that uses them must call bump_generation() itself.
"""

import hashlib
import json
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

GENERATION_KEY = "dashboard:generation"


def current_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def bump_generation(**kwargs) -> None:
    """Invalidate every cached figure when the transaction commits (at once outside one), once per transaction.

    Not before the commit: a request computing between the save and the commit would cache figures
    without the change under the new token. A rolled-back transaction drops its callbacks, and the
    next save queues its own. m2m_changed's "pre_" actions are followed by a "post_" one, which is enough.
    """
    if not kwargs.get("action", "post_").startswith("post_"):
        return
    _pending.bump = True
    # robust: a cache that cannot be reached must not turn a committed save into an error page.
    transaction.on_commit(_replace_generation_once, robust=True)


# Many saves in one transaction queue many callbacks; the first to run after the commit replaces the
# token and the others find nothing left to do. Per thread, like database connections.
_pending = threading.local()


def _replace_generation_once() -> None:
    if getattr(_pending, "bump", False):
        _pending.bump = False
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def cached_figures(*, scope: str, filters: dict, compute):
    """The figures for the scope and filters from the cache, computed (and stored) when missing."""
    digest = hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[:32]
    key = f"dashboard:{current_generation()}:{scope}:{digest}"
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, timeout=settings.DASHBOARD_CACHE_SECONDS)
    return figures


def cached_dashboard_figures(*, user, filters):
    """dashboard_figures for the user and filters, from the cache when nothing changed since they were computed."""
    from .permissions import dashboard_scope
    from .selectors import dashboard_figures

    # Period labels are translated: each language keeps its own copy.
    key = {**filters.key(), "language": translation.get_language()}
    return cached_figures(
        scope=dashboard_scope(user), filters=key, compute=lambda: dashboard_figures(user=user, filters=filters)
    )


def connect_invalidation() -> None:
    """Bump the generation on every change of the models the dashboard reads (called from ready())."""
    from accounts.models import Department
    from delegations.models import Delegation, DelegationCountry
    from plans.models import Plan, ReportingPeriod, Task, TaskArea, TaskProgress

    for model in (Department, Plan, TaskArea, Task, TaskProgress, ReportingPeriod, Delegation, DelegationCountry):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
    m2m_changed.connect(
        bump_generation, sender=Task.coordinating_departments.through, dispatch_uid="dashboard-coordinating"
    )
