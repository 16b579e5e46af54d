"""The report's content against the figures counted by hand in tests/reports/conftest.py."""

import datetime

import pytest
from django.utils import translation

from core.formatting import date_in_words_vi, month_label, number_vi, percent_vi
from delegations.choices import DelegationStatus, Direction
from plans.models import TaskProgress
from reports.models import CompiledReport
from reports.selectors import report_content
from tests.reports.conftest import delegation

pytestmark = pytest.mark.django_db
PLANNED = DelegationStatus.PLANNED
D = datetime.date


def content_of(**scope) -> dict:
    report = CompiledReport(title="Báo cáo thử", **scope)
    with translation.override("vi"):
        content = report_content(report=report)
    for section in content["sections"] + content["annex"]:
        for block in section["blocks"]:
            if "rows" in block:
                block["rows"] = list(block["rows"])
    return content


def tables(content, number):
    """The tables of the phụ lục's section `number`."""
    return [block for block in content["annex"][number - 1]["blocks"] if block["type"] == "table"]


def texts(content, number):
    """Headings, paragraphs and list items of a body section, in order; an empty list reads its "none"."""
    lines = []
    for block in content["sections"][number - 1]["blocks"]:
        if block["type"] == "list":
            lines.extend(block["rows"] or [block["empty"]])
        elif block["type"] != "table":
            lines.append(block["text"])
    return lines


def test_number_vi_writes_figures_the_vietnamese_way():
    assert number_vi(2024) == "2.024"
    assert number_vi(12150000000) == "12.150.000.000"
    assert number_vi(1.38) == "1,38"
    assert percent_vi(1, 4) == "25%"
    assert percent_vi(138, 10000) == "1,38%"
    assert percent_vi(0, 0) == "0%"
    assert date_in_words_vi(D(2018, 5, 3)) == "ngày 03 tháng 5 năm 2018"
    assert date_in_words_vi(D(2017, 2, 14)) == "ngày 14 tháng 02 năm 2017"


def test_report_content_counts_tasks_by_status_of_the_lead_departments_sent_entries(province):
    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    status_table, progress_table, overdue_table = tables(content, 1)
    counts = dict(status_table["rows"])
    assert counts == {
        "Chưa triển khai": 0,
        "Đang thực hiện": 1,
        "Hoàn thành": 1,
        "Hoàn thành chậm": 0,
        "Chậm tiến độ": 1,
        "Không thực hiện": 0,
        "Chưa báo cáo": 1,
    }
    assert (
        "Theo báo cáo tiến độ quý 1 năm 2018, trong tổng số 4 nhiệm vụ có 1 nhiệm vụ đã hoàn thành "
        "(tỷ lệ hoàn thành 25%) và 1 nhiệm vụ quá hạn" in texts(content, 2)[1]
    )
    # The plan's number comes first: task numbers repeat from one plan to the next.
    assert {row[0] for row in progress_table["rows"]} == {province.plan.document_number}
    assert [row[2] for row in progress_table["rows"]] == ["I.1", "I.2", "II.1", "II.2"]
    assert [row[6] for row in progress_table["rows"]] == [100, 40, None, 20]
    assert progress_table["rows"][0][7] == "Đã mở 3 lớp cho 113 cán bộ"
    assert overdue_table["rows"] == [
        [
            province.plan.document_number,
            "II. Quản lý đoàn ra, đoàn vào",
            "II.2",
            "Ban hành quy chế quản lý đoàn ra",
            "Sở Giáo dục và Đào tạo",
            "Chậm tiến độ",
            "2018-02-01",  # a date, typed in the annex and printed 01/02/2018
        ]
    ]


def test_report_content_names_departments_that_did_not_report_on_time(province):
    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    late = texts(content, 2)[2]
    assert "Sở Văn hóa, Thể thao và Du lịch" in late
    assert "Sở Giáo dục và Đào tạo" in late
    assert "Sở Tài chính" not in late
    assert "16/03/2018" in late


def test_report_content_adds_achieved_parts_of_sent_entries_against_targets(province):
    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    (targets,) = tables(content, 3)
    assert targets["rows"] == [
        ["I.1", "Lớp tiếng Việt", "lớp", 3.0, 3.0, 100.0],
        ["II.1", "Báo cáo thống kê", "báo cáo", 4.0, 0.0, 0.0],
    ]


def test_report_content_gathers_difficulties_by_area_and_proposals(province):
    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    assessment = texts(content, 2)
    assert assessment[3:] == ["2. Tồn tại, hạn chế và nguyên nhân", "- Ngoại giao văn hóa: Thiếu giáo viên tiếng Việt."]
    assert texts(content, 4) == ["- Bổ sung kinh phí đào tạo."]


def test_report_content_counts_delegations_by_start_date_when_the_range_cuts_a_stay(province, delegations):
    content = content_of(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14))

    paragraphs = texts(content, 1)[-3:-1]  # the two sentences before the pointer to the annex
    assert paragraphs[0] == (
        "Công tác đoàn vào: Tỉnh đã đón tiếp và làm việc với 2 đoàn với 2.030 lượt khách quốc tế; "
        "trong đó có 1 đoàn với 2.024 lượt khách đến từ nước CHDCND Lào."
    )
    assert paragraphs[1] == (
        "Công tác đoàn ra: Tỉnh đã cử 1 đoàn với 8 lượt cán bộ đi công tác tại các nước và vùng lãnh thổ; "
        "trong đó có 1 đoàn với 8 lượt cán bộ đi công tác tại nước CHDCND Lào."
    )
    totals, by_country = tables(content, 2)
    assert totals["rows"] == [["Đoàn vào", 2, 2030], ["Đoàn ra", 1, 8]]
    assert sorted(by_country["rows"]) == sorted(
        [["Đoàn vào", "CHDCND Lào", 1, 2024], ["Đoàn vào", "Thái Lan", 1, 6], ["Đoàn ra", "CHDCND Lào", 1, 8]]
    )


def test_report_content_of_a_range_takes_progress_from_the_latest_period_closing_inside(province):
    content = content_of(date_from=D(2017, 1, 1), date_to=D(2018, 4, 30))

    assert content["progress_period"] == "Quý 1 năm 2018"
    assert dict(tables(content, 1)[0]["rows"])["Hoàn thành"] == 1


def test_report_content_of_an_empty_range_reports_nothing_but_says_so(province):
    content = content_of(date_from=D(2019, 1, 1), date_to=D(2019, 1, 31))

    assert content["progress_period"] == ""
    counts = dict(tables(content, 1)[0]["rows"])
    assert counts["Chưa báo cáo"] == 4
    assert sum(counts.values()) == 4
    assert "Không có kỳ báo cáo nào" in texts(content, 2)[1]
    assert texts(content, 1)[-2] == "Trong thời gian báo cáo không có đoàn ra, đoàn vào nào."
    assert tables(content, 2)[0]["rows"] == []
    assert tables(content, 3)[0]["rows"][0][4] == 0.0
    assert texts(content, 2)[-1] == "Các cơ quan không báo cáo khó khăn, vướng mắc."
    assert texts(content, 4) == ["Không có."]


def test_report_content_of_a_range_running_on_is_as_of_today(province, monkeypatch):
    # Given today is 20/01/2018: the first quarter (to 14/03/2018) has not closed and II.2 (due 01/02/2018) is not late
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: D(2018, 1, 20))

    content = content_of(date_from=D(2018, 1, 1), date_to=D(2018, 4, 30))

    assert content["progress_period"] == ""
    assert tables(content, 1)[2]["rows"] == []


def test_month_label_writes_month_then_year():
    assert month_label("2018-04") == "04/2018"


def test_the_opening_cites_each_plan_by_number_date_issuer_and_title(province):
    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    plan = province.plan
    assert content["opening"] == [
        f"Thực hiện Kế hoạch số 51/KH-UBND ngày 27/3/2017 của {plan.issuer_name} về kế hoạch triển khai công "
        "tác đối ngoại 2017–2018, kết quả thực hiện từ ngày 15/12/2017 đến ngày 14/03/2018 được báo cáo như sau:"
    ]


def test_results_are_written_by_area_from_the_departments_words_with_targets(province):
    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    results = texts(content, 1)
    assert results[0].startswith("1. ")
    assert "Đã mở 3 lớp cho 113 cán bộ (Lớp tiếng Việt: đạt 3/3 lớp, 100%)." in results


def test_a_planned_delegation_is_never_counted_as_received(province, delegations):
    # given a visit planned inside the range, after the day the report is compiled (today)
    delegation(Direction.INBOUND, "TH", 7, D(2026, 12, 20), D(2026, 12, 22), province.departments["a"], PLANNED)

    content = content_of(date_from=D(2017, 12, 15), date_to=D(2026, 12, 31))

    lines = texts(content, 1)
    received = next(line for line in lines if line.startswith("Công tác đoàn vào:"))
    assert received.startswith("Công tác đoàn vào: Tỉnh đã đón tiếp và làm việc với 2 đoàn với 2.030 lượt")
    assert "Dự kiến trong thời gian tới, tỉnh sẽ đón 1 đoàn với 7 lượt khách." in lines
    assert tables(content, 2)[0]["rows"][0] == ["Đoàn vào", 2, 2030]


def test_proposals_are_grouped_by_the_body_they_are_addressed_to(province):
    entry = TaskProgress.objects.filter(period=province.period).exclude(proposals="").first()
    entry.proposals = "Đề nghị UBND tỉnh bổ sung kinh phí đào tạo"
    entry.save()
    other = TaskProgress.objects.filter(period=province.period, proposals="").exclude(state="draft").first()
    other.proposals = "Kiến nghị Bộ Ngoại giao hướng dẫn thủ tục đón đoàn"
    other.save()

    content = content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))

    assert texts(content, 4) == [
        "Đối với Bộ Ngoại giao hướng dẫn thủ tục đón đoàn:",
        "- Kiến nghị Bộ Ngoại giao hướng dẫn thủ tục đón đoàn.",
        "Đối với Ủy ban nhân dân tỉnh:",
        "- Đề nghị UBND tỉnh bổ sung kinh phí đào tạo.",
    ]


def test_the_coming_period_lists_the_open_tasks_falling_due(province, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: D(2018, 1, 20))

    content = content_of(date_from=D(2018, 1, 1), date_to=D(2018, 4, 30))

    direction = texts(content, 3)
    assert direction[1] == "Các nhiệm vụ đến hạn trước ngày 22/04/2018:"
    assert any(
        line.startswith("- Ban hành quy chế quản lý đoàn ra (Sở Giáo dục và Đào tạo; thời hạn 01/02/2018)")
        for line in direction
    )
