"""A plan copied to the next year as a draft, and a plan's status changed from its page."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import DepartmentSuccession
from plans.choices import PlanKind, PlanStatus, TaskTiming
from plans.models import Plan, Task
from tests.accounts.factories import DepartmentFactory
from tests.plans.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_a_plan_is_copied_to_the_next_year_as_a_draft(world, login):
    world.plan.title, world.plan.start_year, world.plan.end_year = "Kế hoạch đối ngoại năm 2026", 2026, 2026
    world.plan.issue_date = datetime.date(2024, 2, 29)
    world.plan.save()
    TaskFactory(
        area=world.area,
        position=2,
        lead_department=world.departments["c"],
        timing=TaskTiming.DEADLINE,
        deadline=datetime.date(2026, 9, 30),
    )

    response = login("specialist").post(reverse("plans:plan_copy", args=[world.plan.pk]))

    copy = Plan.objects.exclude(pk=world.plan.pk).get()
    assert response.url == reverse("plans:plan_edit", args=[copy.pk])
    assert (copy.status, copy.title, copy.start_year, copy.end_year) == (
        PlanStatus.DRAFT,
        "Kế hoạch đối ngoại năm 2027",
        2027,
        2027,
    )
    assert copy.issue_date == datetime.date(2025, 2, 28)
    tasks = list(Task.objects.filter(area__plan=copy).order_by("position"))
    assert [task.content for task in tasks] == list(
        world.area.tasks.order_by("position").values_list("content", flat=True)
    )
    assert tasks[1].deadline == datetime.date(2027, 9, 30)
    assert [d.code for d in tasks[0].coordinating_departments.all()] == ["sgddt"]
    assert tasks[0].targets.get().name == "Lớp tiếng Việt"
    assert Task.objects.filter(area__plan=world.plan).count() == 2  # the original is untouched


def test_copying_twice_explains_that_the_copy_exists(world, login):
    client = login("specialist")
    client.post(reverse("plans:plan_copy", args=[world.plan.pk]))

    response = client.post(reverse("plans:plan_copy", args=[world.plan.pk]), follow=True)

    assert Plan.objects.count() == 2
    assert "đã có văn bản mang số, ký hiệu này trong năm" in response.content.decode()


def test_staff_cannot_copy(world, login):
    assert login("staff_a").post(reverse("plans:plan_copy", args=[world.plan.pk])).status_code == 403
    assert Plan.objects.count() == 1


def test_a_specialist_closes_a_plan_and_marks_another_replaced_from_the_plan_page(world, login):
    client = login("specialist")
    successor = PlanFactory(document_number="200/KH-UBND", status=PlanStatus.IN_FORCE)
    page = client.get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    assert reverse("plans:plan_status", args=[world.plan.pk]) in page

    client.post(
        reverse("plans:plan_status", args=[world.plan.pk]),
        {"status": PlanStatus.REPLACED, "on": "01/07/2026", "replaced_by": successor.pk},
    )

    world.plan.refresh_from_db()
    assert (world.plan.status, world.plan.in_force_to, world.plan.replaced_by) == (
        PlanStatus.REPLACED,
        datetime.date(2026, 6, 30),
        successor,
    )


def test_replacing_without_the_successor_changes_nothing(world, login):
    response = login("specialist").post(
        reverse("plans:plan_status", args=[world.plan.pk]),
        {"status": PlanStatus.REPLACED, "on": "01/07/2026"},
        follow=True,
    )

    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.IN_FORCE
    assert "Hãy chọn kế hoạch thay thế" in response.content.decode()


def test_leadership_cannot_change_a_status(world, login):
    response = login("leadership").post(
        reverse("plans:plan_status", args=[world.plan.pk]), {"status": PlanStatus.CLOSED, "on": "01/07/2026"}
    )

    assert response.status_code == 403
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.IN_FORCE


def test_a_programme_open_ended_keeps_its_kind_and_29_february_becomes_28(world, login):
    programme = PlanFactory(
        kind=PlanKind.PROGRAMME,
        document_number="01/CTr-UBND",
        title="Chương trình hoạt động đối ngoại",
        start_year=2027,
        end_year=None,
        continues_after=True,
        issue_date=datetime.date(2027, 1, 15),
    )
    task = TaskFactory(
        area__plan=programme,
        lead_department=world.departments["a"],
        timing=TaskTiming.DEADLINE,
        deadline=datetime.date(2028, 2, 29),
        expected_output="Báo cáo kết quả",
    )

    login("specialist").post(reverse("plans:plan_copy", args=[programme.pk]))

    copy = Plan.objects.get(document_number="01/CTr-UBND", start_year=2028)
    assert (copy.kind, copy.end_year, copy.continues_after, copy.status) == (
        PlanKind.PROGRAMME,
        None,
        True,
        PlanStatus.DRAFT,
    )
    copied = Task.objects.get(area__plan=copy)
    assert (copied.deadline, copied.expected_output, copied.lead_department) == (
        datetime.date(2029, 2, 28),
        "Báo cáo kết quả",
        task.lead_department,
    )
    assert copied.area.title == task.area.title


def test_the_copy_button_asks_before_it_copies(world, login):
    page = login("specialist").get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    staff_page = login("staff_a").get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()

    copy_url = reverse("plans:plan_copy", args=[world.plan.pk])
    assert f'action="{copy_url}" data-confirm="' in page
    assert copy_url not in staff_page


def test_copy_out_of_reach_or_by_get_copies_nothing(world, login):
    assert login("statistics_reader").post(reverse("plans:plan_copy", args=[world.plan.pk])).status_code == 404
    client = login("specialist")
    assert client.post(reverse("plans:plan_copy", args=[world.plan.pk + 100])).status_code == 404
    assert client.get(reverse("plans:plan_copy", args=[world.plan.pk])).status_code == 405
    assert Plan.objects.count() == 1


def test_a_specialist_puts_a_draft_in_force_and_closes_it(world, login):
    client = login("specialist")
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.DRAFT)

    client.post(reverse("plans:plan_status", args=[world.plan.pk]), {"status": PlanStatus.IN_FORCE, "on": "15/01/2026"})
    world.plan.refresh_from_db()
    assert (world.plan.status, world.plan.in_force_from) == (PlanStatus.IN_FORCE, datetime.date(2026, 1, 15))

    client.post(reverse("plans:plan_status", args=[world.plan.pk]), {"status": PlanStatus.CLOSED, "on": "01/10/2026"})
    world.plan.refresh_from_db()
    assert (world.plan.status, world.plan.in_force_to) == (PlanStatus.CLOSED, datetime.date(2026, 9, 30))


def test_a_draft_cannot_be_named_as_the_successor(world, login):
    draft = PlanFactory(document_number="300/KH-UBND", status=PlanStatus.DRAFT)

    login("specialist").post(
        reverse("plans:plan_status", args=[world.plan.pk]),
        {"status": PlanStatus.REPLACED, "on": "01/07/2026", "replaced_by": draft.pk},
    )

    world.plan.refresh_from_db()
    assert (world.plan.status, world.plan.replaced_by) == (PlanStatus.IN_FORCE, None)


def test_status_out_of_reach_answers_404(world, login):
    response = login("statistics_reader").post(
        reverse("plans:plan_status", args=[world.plan.pk]), {"status": PlanStatus.CLOSED, "on": "01/07/2026"}
    )
    missing = login("specialist").post(
        reverse("plans:plan_status", args=[world.plan.pk + 100]), {"status": PlanStatus.CLOSED, "on": "01/07/2026"}
    )

    assert (response.status_code, missing.status_code) == (404, 404)
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.IN_FORCE


def test_the_status_form_offers_the_plans_in_reach_but_not_drafts_nor_the_plan_itself(world, login):
    in_force = PlanFactory(document_number="200/KH-UBND", status=PlanStatus.IN_FORCE)
    PlanFactory(document_number="300/KH-UBND", status=PlanStatus.DRAFT)

    page = login("specialist").get(reverse("plans:plan_detail", args=[world.plan.pk]))

    offered = page.context["status_form"].fields["replaced_by"].queryset
    assert list(offered) == [in_force]
    assert "status_form" not in login("staff_a").get(reverse("plans:plan_detail", args=[world.plan.pk])).context


def test_the_copy_names_the_bodies_that_hold_the_work_today(world, login):
    # Given: the coordinating department merged into a new one, and the lead renamed, after the plan was made
    merged_into = DepartmentFactory(name="Sở Giáo dục, Khoa học và Công nghệ", code="sgdkhcn")
    renamed = DepartmentFactory(name="Sở Văn hóa và Du lịch", code="svhdl")
    for old, new, kind in (
        (world.departments["b"], merged_into, "merger"),
        (world.departments["a"], renamed, "rename"),
    ):
        DepartmentSuccession.objects.create(
            predecessor=old, successor=new, kind=kind, effective_date=datetime.date(2026, 3, 1)
        )

    login("specialist").post(reverse("plans:plan_copy", args=[world.plan.pk]))

    copied = Task.objects.get(area__plan__status=PlanStatus.DRAFT)
    assert copied.lead_department == renamed
    assert list(copied.coordinating_departments.all()) == [merged_into]
    assert world.task.lead_department == world.departments["a"]  # the original keeps the bodies it had
    assert list(world.task.coordinating_departments.all()) == [world.departments["b"]]
