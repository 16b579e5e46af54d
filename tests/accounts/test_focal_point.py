"""The focal point kept in data: its terms, its move in the admin, and the report header of each date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from accounts.choices import DepartmentKind, Role
from accounts.models import FocalPoint
from accounts.selectors import focal_point_on
from accounts.services import focal_point_save
from reports.choices import ReportState
from reports.services import report_request, report_run
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.reports.test_documents import footer_of

D = datetime.date
pytestmark = pytest.mark.django_db


def term(body, *, valid_from, printed_name="SỞ NGOẠI VỤ", symbol="BC-SNgV", signer="PHÓ GIÁM ĐỐC", **extra):
    return FocalPoint(
        province_name="Sơn La", body=body, printed_name=printed_name, parent_body="UBND TỈNH SƠN LA",
        document_symbol=symbol, place_name="Sơn La", signer_authority="KT. GIÁM ĐỐC", signer_title=signer,
        recipients="Bộ Ngoại giao (b/c);\nTT Tỉnh ủy (b/c)", valid_from=valid_from, **extra,
    )  # fmt: skip


@pytest.fixture
def moved():
    """The Sở Ngoại vụ until 28/02/2025, the Văn phòng UBND tỉnh from 01/03/2025."""
    office = DepartmentFactory(code="VP", name="Văn phòng UBND tỉnh", kind=DepartmentKind.PROVINCIAL_OFFICE)
    focal_point_save(focal_point=term(DepartmentFactory(code="SNgV"), valid_from=D(2000, 1, 1)))
    focal_point_save(
        focal_point=term(
            office, valid_from=D(2025, 3, 1), printed_name="VĂN PHÒNG", symbol="BC-VP", signer="CHÁNH VĂN PHÒNG"
        )
    )
    return office


def test_a_new_term_ends_the_open_one_the_day_before(moved):
    first, second = FocalPoint.objects.order_by("valid_from")
    assert (first.valid_to, second.valid_to) == (D(2025, 2, 28), None)
    assert focal_point_on(D(2025, 2, 28)).document_symbol == "BC-SNgV"
    assert focal_point_on(D(2025, 3, 1)).document_symbol == "BC-VP"


def test_overlapping_terms_are_refused(moved):
    overlapping = term(moved, valid_from=D(2024, 6, 1))
    overlapping.valid_to = D(2025, 6, 1)
    with pytest.raises(ValidationError):
        focal_point_save(focal_point=overlapping)
    assert FocalPoint.objects.count() == 2


def test_without_a_record_the_environment_seeds_the_focal_point(settings):
    settings.REPORT_ISSUING_BODY, settings.REPORT_DOCUMENT_SYMBOL = "VĂN PHÒNG", "BC-VP"
    seeded = focal_point_on(D(2026, 1, 1))
    assert (seeded.pk, seeded.printed_name, seeded.document_symbol) == (None, "VĂN PHÒNG", "BC-VP")


@pytest.mark.parametrize(("today", "header"), [
    (D(2025, 2, 28), ["UBND TỈNH SƠN LA", "SỞ NGOẠI VỤ", "Số: …/BC-SNgV"]),
    (D(2025, 3, 1), ["UBND TỈNH SƠN LA", "VĂN PHÒNG", "Số: …/BC-VP"]),
])  # fmt: skip
def test_the_report_prints_the_focal_point_in_charge_on_its_date(moved, monkeypatch, today, header):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: today)
    specialist = UserFactory(role=Role.SPECIALIST, department=None)
    report = report_request(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31), by=specialist)
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()

    document = Document(report.docx_file.path)
    left = document.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs if p.text] == header
    footer = "\n".join(cell.text for cell in footer_of(document).rows[0].cells)
    assert ("CHÁNH VĂN PHÒNG" in footer) == (today >= D(2025, 3, 1))
    assert "- Bộ Ngoại giao (b/c);" in footer
    assert report.content["issuer"]["document_symbol"] == header[-1].split("/")[-1]


def test_moving_the_focal_point_in_the_admin_is_one_form(moved, client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, department=None, is_staff=True, is_superuser=True))
    add = reverse("admin:accounts_focalpoint_add")
    assert "UBND TỈNH SƠN LA" in client.get(add).content.decode()  # started from the term in charge
    data = {
        "province_name": "Sơn La", "body": moved.pk, "valid_from": "01/01/2026", "parent_body": "UBND TỈNH SƠN LA",
        "printed_name": "VĂN PHÒNG", "document_symbol": "BC-VPUB", "place_name": "Sơn La",
        "signer_title": "PHÓ CHÁNH VĂN PHÒNG", "recipients": "Bộ Ngoại giao (b/c)", "archive_note": "Lưu: VT.",
    }  # fmt: skip
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert focal_point_on(D(2025, 12, 31)).document_symbol == "BC-VP"
    assert focal_point_on(D(2026, 1, 1)).document_symbol == "BC-VPUB"

    overlapping = {**data, "valid_from": "01/06/2024", "valid_to": "01/06/2025"}
    refused = client.post(add, overlapping)
    assert refused.status_code == 200 and "trùng" in refused.content.decode()
    assert FocalPoint.objects.count() == 3


def test_the_specialist_role_reads_in_vietnamese():
    from django.utils import translation

    with translation.override("vi"):
        assert str(Role.SPECIALIST.label) == "Chuyên viên cơ quan đầu mối"
