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


def test_reader_accuracy_on_the_project_documents(benchmark):
    """Share of tasks whose content, lead and deadline come out as the documents' expected JSON says."""
    import json

    from django.utils import translation

    from tests.plans.ingest_documents.register import DOCUMENT_REGISTER
    from tests.plans.test_ingest_documents import DOCUMENTS, NAMES

    def read_all():
        found = {}
        with translation.override("vi"):
            for name in NAMES:
                data = (DOCUMENTS / name).read_bytes()
                found[name] = read_plan_file(data, name=name, register=DOCUMENT_REGISTER).as_json()
        return found

    found = benchmark.pedantic(read_all, rounds=3)
    counts = {"tasks": 0, "found": 0, "content": 0, "lead": 0, "deadline": 0}
    for name in NAMES:
        expected = json.loads((DOCUMENTS / f"{name}.expected.json").read_text(encoding="utf-8"))
        got = {(a["number"], t["number"]): t for a in found[name]["areas"] for t in a["tasks"]}
        for area in expected["areas"]:
            for task in area["tasks"]:
                counts["tasks"] += 1
                read = got.get((area["number"], task["number"]))
                if read is None:
                    continue
                counts["found"] += 1
                counts["content"] += read["content"] == task["content"]
                counts["lead"] += read["lead_id"] == task["lead_id"] and read["lead"] == task["lead"]
                counts["deadline"] += (read["timing"], read["deadline"]) == (task["timing"], task["deadline"])
    total = counts["tasks"]
    shares = {key: counts[key] / total for key in ("found", "content", "lead", "deadline")}
    benchmark.extra_info.update({"documents": len(NAMES), "tasks": total, **shares})
    print(
        f"{len(NAMES)} documents, {total} tasks: found {shares['found']:.0%} (floor 100 %), "
        f"content {shares['content']:.0%}, leads {shares['lead']:.0%}, deadlines {shares['deadline']:.0%} "
        "(floor 95 % each)"
    )
    assert counts["found"] == total
