"""Each period's obligations, stored and kept current, so that no page walks the register to count them.

Deciding which (task, department) owes an entry walks handovers and the register of bodies in Python
(plans.obligation_rule), half a second a period at 2·10^4 tasks. Its answer changes only when plans,
areas, tasks, their coordinating bodies, handovers, bodies, successions or periods do. So it is stored
per period (PeriodObligation) with the generation it was computed under, and computed again when read
under another one.

Every transaction that saves or deletes one of those models raises ObligationsGeneration, inside the
transaction and before its first such write (the counter's row lock is always taken first, so two
writers cannot deadlock on it): a build can never carry a generation whose data it did not see.
Bulk writes and QuerySet.update() send no signals: code that uses them calls obligations_changed().
"""

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, pre_delete, pre_save

from accounts.models import Department, DepartmentSuccession

from .choices import TaskTiming
from .models import (
    ObligationsGeneration,
    PeriodObligation,
    PeriodObligationBuild,
    Plan,
    ReportingPeriod,
    Task,
    TaskArea,
    TaskHandover,
)
from .obligation_rule import collected_period_kinds, owed_pairs, tasks_owing_before_completion

SOURCES = (Department, DepartmentSuccession, Plan, TaskArea, Task, TaskHandover, ReportingPeriod)
GENERATION_ROW = 1
WRITE_BATCH = 2000
ANALYSE_AFTER = 10_000  # rows written by a build
DELETE_BATCH = 900  # ids per statement, under SQLite's oldest limit on parameters


class _GenerationRaised:
    """Marks, among the transaction's on_commit callbacks, that it raised the generation (does nothing).

    The mark is an on_commit callback because Django drops those when the transaction or the savepoint
    that registered them rolls back: exactly when the raise itself is undone.
    """

    def __init__(self) -> None:
        self.read_by_a_build = False

    def __call__(self) -> None:
        pass


def _raise_marks() -> list[_GenerationRaised]:
    connection = transaction.get_connection()
    return [func for _ids, func, _robust in connection.run_on_commit if isinstance(func, _GenerationRaised)]


def obligations_changed(**kwargs) -> None:
    """Raise the generation, once per transaction, and again after a build in it read the raised value."""
    if transaction.get_connection().in_atomic_block and any(not mark.read_by_a_build for mark in _raise_marks()):
        return
    raised = ObligationsGeneration.objects.filter(pk=GENERATION_ROW).update(value=F("value") + 1)
    if not raised:  # a database without the row (flushed): whoever creates it raises from zero
        ObligationsGeneration.objects.get_or_create(pk=GENERATION_ROW, defaults={"value": 1})
    transaction.on_commit(_GenerationRaised())


def _forget_raise() -> None:
    """After a build in this transaction, a later change in it must raise the generation again."""
    for mark in _raise_marks():
        mark.read_by_a_build = True


def current_generation() -> int:
    return ObligationsGeneration.objects.filter(pk=GENERATION_ROW).values_list("value", flat=True).first() or 0


def rule_settings() -> str:
    """The settings the rule reads, as stored with a build: a change of them outdates every build."""
    return ",".join(sorted(collected_period_kinds()))


def _build_is_current(period: ReportingPeriod, generation: int) -> bool:
    return PeriodObligationBuild.objects.filter(
        period_id=period.pk, generation=generation, rule=rule_settings()
    ).exists()


def period_obligations_ensure(period: ReportingPeriod) -> None:
    """Store the period's obligations unless they are current: two queries when they are.

    One build per period at a time: concurrent readers wait on the period's row, then find it current.
    """
    if _build_is_current(period, current_generation()):
        return
    with transaction.atomic():
        list(ReportingPeriod.objects.select_for_update().filter(pk=period.pk).values_list("pk"))
        generation = current_generation()
        if _build_is_current(period, generation):
            return
        _store(period, _computed(period))
        PeriodObligationBuild.objects.update_or_create(
            period_id=period.pk, defaults={"generation": generation, "rule": rule_settings()}
        )
        _forget_raise()


def _computed(period: ReportingPeriod) -> dict[tuple[int, int], tuple[str, bool]]:
    """(task, department) → (role, deadline task) for every pair the rule owes before completion."""
    tasks = tasks_owing_before_completion(period)
    deadline_tasks = set(tasks.filter(timing=TaskTiming.DEADLINE).values_list("pk", flat=True))
    return {(task, body): (role, task in deadline_tasks) for (task, body), role in owed_pairs(period, tasks).items()}


def _store(period: ReportingPeriod, computed: dict[tuple[int, int], tuple[str, bool]]) -> None:
    """Make the period's stored rows exactly `computed`, writing only the rows that differ.

    A plan edited changes a handful of a period's tens of thousands of rows: rewriting them all took
    seconds at 2·10^4 tasks.
    """
    stored = PeriodObligation.objects.filter(period_id=period.pk).values_list(
        "pk", "task_id", "department_id", "role", "deadline_task"
    )
    outdated = []
    for pk, task, body, role, deadline_task in stored.iterator(chunk_size=5000):
        if computed.get((task, body)) == (role, deadline_task):
            del computed[task, body]  # kept as it is
        else:
            outdated.append(pk)
    for start in range(0, len(outdated), DELETE_BATCH):
        PeriodObligation.objects.filter(pk__in=outdated[start : start + DELETE_BATCH]).delete()
    PeriodObligation.objects.bulk_create(
        [
            PeriodObligation(period_id=period.pk, task_id=task, department_id=body, role=role, deadline_task=deadline)
            for (task, body), (role, deadline) in computed.items()
        ],
        batch_size=WRITE_BATCH,
    )
    if len(computed) + len(outdated) >= ANALYSE_AFTER and connection.vendor == "postgresql":
        # The planner otherwise counts on the table's old size until autovacuum passes, and a count
        # planned for one row joins tens of thousands of entries one by one.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {PeriodObligation._meta.db_table}")


def connect_invalidation() -> None:
    """Raise the generation before every write of the models the rule reads (called from ready())."""
    for model in SOURCES:
        pre_save.connect(_model_changed, sender=model, dispatch_uid=f"obligations-save-{model.__name__}")
        pre_delete.connect(_model_changed, sender=model, dispatch_uid=f"obligations-delete-{model.__name__}")
    m2m_changed.connect(
        _coordinating_changed, sender=Task.coordinating_departments.through, dispatch_uid="obligations-coordinating"
    )


def _model_changed(sender, **kwargs) -> None:
    obligations_changed()


def _coordinating_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("pre_"):
        obligations_changed()
