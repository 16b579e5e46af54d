"""How long the plan reader takes on a generated 200-task appendix table (aim: under 2 s)."""

from plans.ingest import read_plan_file
from tests.plans.test_ingest import REGISTER, _appendix_docx


def test_read_a_200_task_plan(benchmark, tmp_path):
    data = _appendix_docx(tmp_path / "plan.docx", tasks=200).read_bytes()
    draft = benchmark.pedantic(
        read_plan_file, args=(data,), kwargs={"name": "plan.docx", "register": REGISTER}, rounds=3
    )
    tasks = [task for area in draft.areas for task in area.tasks]
    right = sum(task.lead_id == 1 and task.deadline is not None for task in tasks)
    benchmark.extra_info.update({"tasks_found": len(tasks), "leads_and_deadlines_right": right / len(tasks)})
    print(f"tasks found {len(tasks)}/200 (floor: all); leads and deadlines right {right / len(tasks):.0%} (floor 95 %)")
    assert len(tasks) == 200
