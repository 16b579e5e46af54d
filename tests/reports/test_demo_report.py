"""The report of the seed's range on the demo data, compiled as an operator would, in the official format."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum
from docx import Document
from pypdf import PdfReader

from core.formatting import number_vi
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from plans.choices import PeriodKind
from plans.models import ReportingPeriod, Task
from reports.models import CompiledReport

pytestmark = pytest.mark.django_db


def test_compile_report_of_the_demo_ad_hoc_period_counts_what_the_database_holds(capsys):
    call_command("load_demo_data", stdout=None)
    period = ReportingPeriod.objects.get(kind=PeriodKind.AD_HOC)
    inbound = Delegation.objects.filter(
        direction=Direction.INBOUND, start_date__range=(period.start_date, period.end_date)
    ).exclude(status=DelegationStatus.CANCELLED)
    persons = inbound.aggregate(total=Sum("member_count"))["total"]

    call_command("compile_report", str(period.pk))

    report = CompiledReport.objects.get()
    lines = [paragraph.text for paragraph in Document(report.docx_file.path).paragraphs]
    assert "Kết quả công tác đối ngoại tỉnh Sơn La năm 2017 và 4 tháng đầu năm 2018" in lines
    assert any(
        line.startswith(
            f"Công tác đoàn vào: Tỉnh đã đón tiếp và làm việc với {inbound.count()} đoàn với "
            f"{number_vi(persons)} lượt khách quốc tế; trong đó có "
        )
        for line in lines
    )
    assert report.docx_file.path in capsys.readouterr().out
    # The seed's range is reported on Sơn La's own plan in force then, cited in the opening, and on
    # nothing issued after it; the seed's sentence names Laos as the ministry writes it.
    assert report.content["plans"] == ["51/KH-UBND"]
    assert any(line.startswith("Thực hiện Kế hoạch số 51/KH-UBND ngày 27/3/2017 của ") for line in lines)
    assert any("trong đó có 14 đoàn với 176 lượt khách đến từ nước CHDCND Lào" in line for line in lines)
    assert any(
        "Tỉnh đã cử 112 đoàn với 627 lượt cán bộ đi công tác tại các nước và vùng lãnh thổ; trong đó có 59 đoàn "
        "với 457 lượt cán bộ đi công tác tại nước CHDCND Lào." in line
        for line in lines
    )


def test_the_seed_report_of_26_tasks_prints_in_a_sane_number_of_pages(settings):
    call_command("load_demo_data", stdout=None)
    settings.REPORT_PDF = True
    period = ReportingPeriod.objects.get(kind=PeriodKind.AD_HOC)

    call_command("compile_report", str(period.pk), "--again")

    report = CompiledReport.objects.order_by("-version").first()
    assert Task.objects.filter(area__plan__document_number__in=report.content["plans"]).count() == 26
    pages = PdfReader(io.BytesIO(report.pdf_file.read())).pages
    first = [line.strip() for line in pages[0].extract_text().splitlines()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first  # the Quốc hiệu on one line
    assert len(pages) <= 16  # the body in a few pages, the 26 tasks' phụ lục on landscape pages
