"""The plan editor in a real browser: rows added and moved from the keyboard, bodies chosen as one types."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans.models import Task
from tests.browser.test_progress_flow import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_specialist_adds_and_moves_a_task_from_the_keyboard(world, live_server, page, screenshot):
    for user in world.users.values():
        user.set_password(PASSWORD)
        user.save()
    log_in(page, live_server, "specialist")
    page.goto(f"{live_server.url}{reverse('plans:plan_edit', args=[world.plan.pk])}")
    expect(page.locator("#plan-rows .row-number").nth(1)).to_have_text("I.1")

    # Alt+Enter in the first task adds a task below it, numbered I.2.
    page.locator("#plan-rows tbody tr").nth(1).locator("textarea").first.press("Alt+Enter")
    new_row = page.locator("#plan-rows tbody tr").nth(2)
    expect(new_row.locator(".row-number")).to_have_text("I.2")
    new_row.locator("textarea").first.fill("Biên soạn tài liệu thông tin đối ngoại bằng tiếng Lào")
    # The lead typed without diacritics, chosen from the suggestions with ↓ and Enter.
    lead = new_row.locator("[name$='-lead']")
    lead.press_sequentially("giao duc")
    expect(new_row.locator(".suggest-list").first).to_contain_text("Sở Giáo dục và Đào tạo")
    lead.press("ArrowDown")
    lead.press("Enter")
    expect(lead).to_have_value("Sở Giáo dục và Đào tạo")
    # Alt+↑ moves it above the first task.
    new_row.locator("textarea").first.press("Alt+ArrowUp")
    expect(page.locator("#plan-rows tbody tr").nth(1).locator(".row-number")).to_have_text("I.1")
    screenshot("editor-before-save")

    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu")

    tasks = list(Task.objects.filter(area=world.area).order_by("position"))
    assert [task.content for task in tasks] == [
        "Biên soạn tài liệu thông tin đối ngoại bằng tiếng Lào",
        world.task.content,
    ]
    assert tasks[0].lead_department == world.departments["b"]
