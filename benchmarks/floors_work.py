"""The best direct SQL for the work lists and the dashboard's task figures (PostgreSQL), for `make bench`.

Each function answers what a page's own figures answer, by hand-written SQL on a cursor, so the
benchmark can print the page's time beside its floor. "Latest entry per task" is DISTINCT ON over
the entries ordered as `plans.selectors.progress.LATEST_FIRST` orders them.
"""

import datetime

LATEST = """
    SELECT DISTINCT ON (e.task_id) e.task_id, e.id, e.state, e.status, e.percent_done
    FROM plans_taskprogress e JOIN plans_reportingperiod p ON p.id = e.period_id
    WHERE p.start_date <= %(as_of)s
    ORDER BY e.task_id, p.end_date DESC, e.updated_at DESC, e.id DESC
"""


# Only the plan's entries are ranked, as the plan page ranks them.
PLAN_ENTRIES = """JOIN plans_task lt ON lt.id = e.task_id
    JOIN plans_taskarea la ON la.id = lt.area_id AND la.plan_id = %(plan)s WHERE"""


def dashboard_task_counts_floor(cursor, *, as_of: datetime.date, plan_ids: list[int]) -> dict:
    """Tasks in total and per standing (completed, overdue, behind, on track) of the plans, one query."""
    cursor.execute(
        f"""
        WITH latest AS ({LATEST}),
        standing AS (
            SELECT CASE
                WHEN l.status IN ('completed', 'completed_late') THEN 'completed'
                WHEN t.deadline < %(as_of)s THEN 'overdue'
                WHEN l.status IN ('behind', 'not_carried_out') THEN 'behind'
                ELSE 'on_track' END AS standing
            FROM plans_task t JOIN plans_taskarea a ON a.id = t.area_id
            LEFT JOIN latest l ON l.task_id = t.id
            WHERE a.plan_id = ANY(%(plans)s)
        )
        SELECT standing, COUNT(*) FROM standing GROUP BY standing
        """,
        {"as_of": as_of, "plans": plan_ids},
    )
    return dict(cursor.fetchall())


def plan_page_floor(cursor, *, plan_id: int, as_of: datetime.date, page_size: int = 100) -> list[tuple]:
    """The first page of a plan's tasks in the plan's order, each with its latest entry."""
    cursor.execute(
        f"""
        WITH latest AS ({LATEST.replace("WHERE", PLAN_ENTRIES, 1)})
        SELECT t.id, t.content, t.deadline, l.state, l.status, l.percent_done
        FROM plans_task t JOIN plans_taskarea a ON a.id = t.area_id
        LEFT JOIN latest l ON l.task_id = t.id
        WHERE a.plan_id = %(plan)s
        ORDER BY a.position, t.position, t.id LIMIT %(size)s
        """,
        {"plan": plan_id, "as_of": as_of, "size": page_size},
    )
    return cursor.fetchall()


def my_work_floor(cursor, *, department_id: int, period_id: int, page_size: int = 50) -> list[tuple]:
    """The first page of the tasks a department leads or coordinates, those still to send first.

    A floor, not the same rule: it leaves out the obligations rule's timing, lineage and handovers.
    """
    cursor.execute(
        """
        SELECT t.id, t.content, e.state,
               CASE WHEN e.state IS NULL OR e.state IN ('draft', 'returned') THEN 0 ELSE 1 END AS needs
        FROM plans_task t JOIN plans_taskarea a ON a.id = t.area_id JOIN plans_plan p ON p.id = a.plan_id
        LEFT JOIN plans_taskprogress e ON e.task_id = t.id AND e.period_id = %(period)s
             AND e.department_id = %(department)s
        WHERE t.lead_department_id = %(department)s OR t.id IN (
            SELECT task_id FROM plans_task_coordinating_departments WHERE department_id = %(department)s)
        ORDER BY needs, p.issue_date, a.position, t.position, t.id LIMIT %(size)s
        """,
        {"department": department_id, "period": period_id, "size": page_size},
    )
    return cursor.fetchall()


def review_counts_floor(cursor, *, period_id: int) -> list[tuple]:
    """Entries of a period per department and state: the review page's counts without the missing ones."""
    cursor.execute(
        """
        SELECT department_id, state, COUNT(*) FROM plans_taskprogress
        WHERE period_id = %(period)s GROUP BY department_id, state ORDER BY department_id, state
        """,
        {"period": period_id},
    )
    return cursor.fetchall()
