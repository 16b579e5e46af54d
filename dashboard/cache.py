"""Dashboard figures kept in the cache and recomputed by a Celery job after the data behind them changes.

Every committed save or delete of the models the figures read replaces a generation token and
dispatches (once per transaction, deduplicated per generation) `dashboard_figures_refresh_task`,
which recomputes the figures of the scopes and filters viewed lately. Meanwhile the page serves the
last figures with the time they were computed; it computes inline only when it has none at all
(first visit, cache emptied or unreachable). Bulk writes and QuerySet.update() send no signals:
code that uses them must call bump_generation() itself.
"""

import datetime
import hashlib
import json
import logging
import threading
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

GENERATION_KEY = "dashboard:generation"
# The scopes and filters viewed lately: {figures key: {"user", "query", "language"}}, what the job recomputes.
RECENT_KEY = "dashboard:recent"
RECENT_KEPT = 50
# A job queued for a generation is not queued again for this long (a lost message is retried after it).
REFRESH_QUEUED_SECONDS = 120


def current_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def bump_generation(**kwargs) -> None:
    """Invalidate every cached figure when the transaction commits (at once outside one), once per transaction.

    Not before the commit: a job computing between the save and the commit would store figures
    without the change under the new token. A rolled-back transaction drops its callbacks, and the
    next save queues its own. m2m_changed's "pre_" actions are followed by a "post_" one, which is enough.
    """
    if not kwargs.get("action", "post_").startswith("post_"):
        return
    _pending.bump = True
    # robust: a cache or broker that cannot be reached must not turn a committed save into an error page.
    transaction.on_commit(_replace_generation_once, robust=True)


# Many saves in one transaction queue many callbacks; the first to run after the commit replaces the
# token and the others find nothing left to do. Per thread, like database connections.
_pending = threading.local()


def _replace_generation_once() -> None:
    if getattr(_pending, "bump", False):
        _pending.bump = False
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, timeout=None)
        refresh_dispatch(generation)


def refresh_dispatch(generation: str) -> None:
    """Queue the job that recomputes the figures for this generation, unless one is queued already."""
    if not cache.get(RECENT_KEY):
        return  # nobody viewed the dashboard lately: the next visit computes its figures
    if not cache.add(f"dashboard:refresh:{generation}", True, timeout=REFRESH_QUEUED_SECONDS):
        return
    from .tasks import dashboard_figures_refresh_task

    try:
        dashboard_figures_refresh_task.delay()
    except Exception:  # a broker that is down: the page keeps serving the last figures
        logger.warning("Could not queue the dashboard refresh; the page serves the last figures.", exc_info=True)


@dataclass(frozen=True)
class ServedFigures:
    figures: dict
    computed_at: datetime.datetime
    # False while the data changed since computed_at and the job has not recomputed them yet.
    current: bool


def figures_key(*, scope: str, filters: dict) -> str:
    digest = hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[:32]
    return f"dashboard:figures:{scope}:{digest}"


def served_dashboard_figures(*, user, filters) -> ServedFigures:
    """The last figures for the user's scope and the filters, computed inline only when there are none."""
    from .permissions import dashboard_scope

    language = translation.get_language()
    # Period labels are translated: each language keeps its own copy.
    key = figures_key(scope=dashboard_scope(user), filters={**filters.key(), "language": language})
    generation = current_generation()
    _remember(key, user=user, filters=filters, language=language)
    stored = cache.get(key)
    if stored is None:
        stored = compute_and_store(key, user=user, filters=filters, generation=generation)
    elif stored["generation"] != generation:
        refresh_dispatch(generation)
    return ServedFigures(stored["figures"], stored["computed_at"], stored["generation"] == generation)


def cached_dashboard_figures(*, user, filters) -> dict:
    """dashboard_figures for the user and filters, as served_dashboard_figures gives them (the API's)."""
    return served_dashboard_figures(user=user, filters=filters).figures


def compute_and_store(key: str, *, user, filters, generation: str) -> dict:
    """Compute the figures and keep them with their generation and the time they were computed."""
    from .selectors import dashboard_figures

    stored = {"figures": dashboard_figures(user=user, filters=filters), "computed_at": timezone.now()}
    stored["generation"] = generation
    cache.set(key, stored, timeout=settings.DASHBOARD_FIGURES_KEEP_SECONDS)
    return stored


def _remember(key: str, *, user, filters, language: str) -> None:
    recent = cache.get(RECENT_KEY) or {}
    entry = {"user": user.pk, "query": filters.query(), "language": language}
    if recent.get(key) == entry:
        return
    recent.pop(key, None)
    recent[key] = entry
    while len(recent) > RECENT_KEPT:  # dicts keep insertion order: drop the oldest
        recent.pop(next(iter(recent)))
    cache.set(RECENT_KEY, recent, timeout=settings.DASHBOARD_FIGURES_KEEP_SECONDS)


def dashboard_figures_refresh() -> int:
    """Recompute the figures viewed lately whose generation is not the current one; returns how many."""
    from django.contrib.auth import get_user_model

    from .forms import DashboardFilterForm

    generation = current_generation()
    refreshed = 0
    for key, entry in list((cache.get(RECENT_KEY) or {}).items()):
        stored = cache.get(key)
        if stored is not None and stored["generation"] == generation:
            continue
        user = get_user_model().objects.filter(pk=entry["user"], is_active=True).first()
        form = DashboardFilterForm(entry["query"], user=user) if user else None
        if form is None or not form.is_valid():
            continue  # the user left, or the plan or period is gone: the next visit decides
        with translation.override(entry["language"]):
            compute_and_store(key, user=user, filters=form.filters, generation=generation)
        refreshed += 1
    return refreshed


def connect_invalidation() -> None:
    """Bump the generation on every change of the models the dashboard reads (called from ready())."""
    from accounts.models import Department, DepartmentSuccession
    from delegations.models import Delegation, DelegationCountry
    from plans.models import Plan, ReportingPeriod, Task, TaskArea, TaskHandover, TaskProgress

    # Handovers and successions decide which body owes a period's entries (plans.selectors.obligations),
    # so they change the timeliness figures as much as an entry does.
    plan_sources = (Department, DepartmentSuccession, Plan, TaskArea, Task, TaskHandover, TaskProgress, ReportingPeriod)
    for model in (*plan_sources, Delegation, DelegationCountry):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
    m2m_changed.connect(
        bump_generation, sender=Task.coordinating_departments.through, dispatch_uid="dashboard-coordinating"
    )
