"""A period's progress carried through the workflow in a real browser, in Vietnamese."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans.choices import WorkflowState
from plans.models import TaskProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("nav")).to_contain_text("Đăng xuất")


def log_out(page):
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_progress_from_submission_to_return_and_resubmission(world, live_server, page, screenshot):
    task_url = f"{live_server.url}{reverse('plans:task_detail', args=[world.task.pk])}"

    # The staff member opens "my work", fills in the progress and submits it.
    log_in(page, live_server, "staff_a")
    page.get_by_role("link", name="Việc của tôi").click()
    expect(page.locator("#my-work")).to_contain_text("Luông Pha Băng")
    screenshot("staff-my-work")
    page.locator("#my-work").get_by_role("link", name="Báo cáo").click()
    page.get_by_label("Trạng thái").select_option(label="Đang thực hiện")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("60")
    page.get_by_label("Kết quả thực hiện").fill("Đã tổ chức 2 lớp tiếng Việt cho 113 học viên Lào")
    page.get_by_label("Lớp tiếng Việt (lớp)").fill("2")
    screenshot("staff-fills-form")
    page.get_by_role("button", name="Lưu và gửi").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo")
    expect(page.locator("[data-state=submitted]").first).to_be_visible()
    screenshot("staff-submitted")
    log_out(page)

    # The head approves and sends it to the Department of Foreign Affairs.
    log_in(page, live_server, "head_a")
    page.goto(task_url)
    page.get_by_role("button", name="Duyệt và gửi Sở Ngoại vụ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thực hiện")
    screenshot("head-approved")
    log_out(page)

    # The specialist finds it on the review page and returns it with a comment.
    log_in(page, live_server, "specialist")
    page.get_by_role("link", name="Tiếp nhận tiến độ").click()
    expect(page.locator("#review-rows")).to_contain_text("Lãnh đạo đơn vị đã duyệt")
    screenshot("specialist-review")
    page.locator("#review-rows").get_by_role("link", name=re.compile("Luông Pha Băng")).first.click()
    page.locator(".step-return textarea").fill("Đề nghị bổ sung số lượt người tham gia.")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".review-comment")).to_contain_text("bổ sung số lượt người")
    screenshot("specialist-returned")
    log_out(page)

    # The staff member sees the comment, corrects the entry and submits it again.
    log_in(page, live_server, "staff_a")
    page.get_by_role("link", name="Việc của tôi").click()
    expect(page.locator("#my-work")).to_contain_text("Bị trả lại")
    page.locator("#my-work").get_by_role("link", name="Báo cáo").click()
    expect(page.locator(".review-comment")).to_contain_text("Đề nghị bổ sung số lượt người tham gia.")
    screenshot("staff-sees-comment")
    page.get_by_label("Kết quả thực hiện").fill("Đã tổ chức 2 lớp tiếng Việt cho 113 học viên Lào, 226 lượt người")
    page.get_by_role("button", name="Lưu và gửi").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo")
    screenshot("staff-resubmitted")

    progress = TaskProgress.objects.get(task=world.task, department=world.departments["a"])
    assert progress.state == WorkflowState.SUBMITTED
    assert "226 lượt người" in progress.results
    assert list(progress.history.values_list("history_change_reason", flat=True)) == [
        "submit", "save", "return", "approve", "submit", "save",
    ]  # fmt: skip


def test_second_save_of_the_same_entry_is_refused_and_keeps_the_text(world, live_server, page, browser, screenshot):
    world.entry(results="Bản đầu tiên")
    form_url = f"{live_server.url}{reverse('plans:progress_edit', args=[world.task.pk, world.period.pk])}"
    # Both open the form of the same entry.
    log_in(page, live_server, "staff_a")
    page.goto(form_url)
    head_context = browser.new_context(locale="vi-VN")
    head_page = head_context.new_page()
    log_in(head_page, live_server, "head_a")
    head_page.goto(form_url)

    # The head saves first.
    head_page.get_by_label("Kết quả thực hiện").fill("Bản của trưởng phòng")
    head_page.get_by_role("button", name="Lưu nháp").click()
    expect(head_page.locator(".alert-success")).to_contain_text("Đã lưu bản nháp")
    head_context.close()

    # The staff member's later save is refused; their text stays and the head's version is shown.
    page.get_by_label("Kết quả thực hiện").fill("Bản của cán bộ")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".alert-danger")).to_contain_text("đã sửa báo cáo này lúc")
    expect(page.get_by_label("Kết quả thực hiện")).to_have_value("Bản của cán bộ")
    expect(page.locator("#conflict")).to_contain_text("Bản của trưởng phòng")
    screenshot("conflict")
    assert TaskProgress.objects.get().results == "Bản của trưởng phòng"

    # Having compared, the staff member saves again on purpose.
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu bản nháp")
    assert TaskProgress.objects.get().results == "Bản của cán bộ"


def test_the_review_page_shows_the_years_rates_after_it_is_shown(world, live_server, page, screenshot):
    world.entry()
    log_in(page, live_server, "specialist")
    page.goto(f"{live_server.url}{reverse('plans:review')}?period={world.period.pk}")

    # The list comes with the page; the year's rate grid is fetched after it (portal.js data-fragment).
    grid = page.locator("#review-rates-grid #reporting-rates")
    expect(grid).to_be_visible()
    expect(grid.get_by_role("link").first).to_have_attribute("href", re.compile(rf"period={world.period.pk}"))
    expect(page.locator("#review-rates-grid")).not_to_have_attribute("aria-busy", "true")
    screenshot("review-rates-loaded")
