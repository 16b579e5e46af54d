"""Delegations in and out of Excel and CSV without losing or duplicating a row."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from delegations.spreadsheets import headers
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("delegations:delegation_import")
TEMPLATE = reverse("delegations:delegation_import_template")


def xlsx_upload(rows, header=None, name="doan.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or headers())
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(dept, reference="D-2018-001", **overrides):
    """A row in the template's column order, as staff would type it."""
    values = {
        "reference": reference,
        "direction": "Đoàn vào",
        "title": "Đoàn tỉnh Hủa Phăn",
        "purpose": "Hội đàm",
        "department": dept.name,
        "leader_name": "Phôn-xay",
        "leader_position": "Phó Tỉnh trưởng",
        "member_count": 12,
        "countries": "Lào",
        "partner_kind": "",
        "partner": "tỉnh Hủa Phăn",
        "start_date": datetime.date(2018, 3, 12),
        "end_date": "15/03/2018",
        "funding_source": "",
        "cost_vnd": 15000000,
        "approval_document": "495/QĐ-UBND",
        "approval_date": None,
        "status": "Hoàn thành",
    }
    values.update(overrides)
    return list(values.values())


def sheet_rows(content):
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_template_has_vietnamese_headers_and_an_example_row(client_as):
    response = client_as("staff_a").get(TEMPLATE)

    rows = sheet_rows(response.content)
    assert response.status_code == 200
    assert rows[0] == headers()
    assert rows[0][0] == "Mã tham chiếu"
    assert len(rows) == 2


def test_template_example_row_imports_as_it_is(client_as, focal_department):
    template = client_as("specialist").get(TEMPLATE).content

    response = client_as("specialist").post(IMPORT, {"file": SimpleUploadedFile("mau.xlsx", template)})

    assert response.status_code == 302, response.context and response.context.get("row_errors")
    assert Delegation.objects.get().countries.get().country == "LA"


def test_import_creates_rows_then_updates_them_without_duplicates(client_as, department_a):
    client = client_as("staff_a")
    rows = [
        row(department_a),
        row(department_a, reference="D-2018-002", countries="LA; Thái Lan", direction="outbound"),
    ]

    first = client.post(IMPORT, {"file": xlsx_upload(rows)})
    second = client.post(IMPORT, {"file": xlsx_upload(rows)})

    assert (first.status_code, second.status_code) == (302, 302)
    assert Delegation.objects.count() == 2
    outbound = Delegation.objects.get(reference="D-2018-002")
    assert outbound.direction == Direction.OUTBOUND
    assert sorted(outbound.countries.values_list("country", flat=True)) == ["LA", "TH"]
    assert outbound.end_date == datetime.date(2018, 3, 15)
    assert outbound.status == DelegationStatus.COMPLETED


def test_import_updates_a_changed_row_by_reference(client_as, department_a):
    client = client_as("staff_a")
    client.post(IMPORT, {"file": xlsx_upload([row(department_a)])})

    client.post(IMPORT, {"file": xlsx_upload([row(department_a, member_count=20)])})

    assert Delegation.objects.get().member_count == 20


def test_import_lists_every_bad_row_and_writes_nothing(client_as, department_a):
    rows = [
        row(department_a, reference="OK-1"),
        row(department_a, reference="BAD-1", end_date="01/03/2018"),
        row(department_a, reference="BAD-2", member_count=0, countries="Atlantis"),
        row(department_a, reference="BAD-3", start_date="31/02/2018"),
        row(department_a, reference="OK-1"),
        row(department_a, reference="BAD-4", department="Sở không tồn tại"),
    ]

    response = client_as("staff_a").post(IMPORT, {"file": xlsx_upload(rows)})

    errors = response.context["row_errors"]
    text = "\n".join(errors)
    assert response.status_code == 200
    assert not Delegation.objects.exists()
    assert "Dòng 3: Ngày kết thúc: Ngày kết thúc không được trước ngày bắt đầu." in errors
    assert "Dòng 4: Số người" in text and "Dòng 4: Các quốc gia" in text
    assert "Dòng 5: Ngày bắt đầu" in text
    assert "Dòng 6: Mã tham chiếu OK-1 đã dùng ở dòng 2." in errors
    assert "Dòng 7: Không rõ cơ quan “Sở không tồn tại”" in text
    assert "Dòng 4: Các quốc gia: “Atlantis” không phải là một lựa chọn hợp lệ." in errors
    assert "Dòng 2" not in text


def test_import_refuses_rows_of_another_department(client_as, department_a, department_b):
    existing = DelegationFactory(department=department_b, reference="B-1")

    response = client_as("staff_a").post(
        IMPORT, {"file": xlsx_upload([row(department_b, reference="NEW"), row(department_a, reference="B-1")])}
    )

    text = "\n".join(response.context["row_errors"])
    assert "Dòng 2:" in text and "Dòng 3:" in text
    assert Delegation.objects.get().pk == existing.pk
    assert Delegation.objects.get().department == department_b


@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("doan.xlsx", b"not a workbook"), "không phải là tệp Excel"),
        (SimpleUploadedFile("doan.csv", b"a,b\n1,2"), "không phải là tệp Excel"),
        (None, "không có dòng"),
        ("wrong-headers", "Tiêu đề cột không khớp với mẫu"),
    ],
)
def test_import_explains_a_bad_file(client_as, department_a, upload, message):
    if upload is None:
        upload = xlsx_upload([])
    elif upload == "wrong-headers":
        upload = xlsx_upload([["x"]], header=["Tên đoàn", "Cột lạ"])

    response = client_as("staff_a").post(IMPORT, {"file": upload})

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert not Delegation.objects.exists()


def test_import_is_refused_to_leadership_and_readers(client_as, department_a):
    for name in ["leadership", "reader"]:
        response = client_as(name).post(IMPORT, {"file": xlsx_upload([row(department_a)])})
        assert response.status_code == 403
    assert not Delegation.objects.exists()


@pytest.fixture
def two_delegations(department_a, department_b):
    inbound = DelegationCountryFactory(
        delegation__department=department_a,
        delegation__reference="IN-1",
        delegation__cost_vnd=12150000000,
        delegation__title="Đoàn Luông Pha Băng",
    ).delegation
    outbound = DelegationCountryFactory(
        delegation__department=department_b,
        delegation__reference="OUT-1",
        delegation__direction=Direction.OUTBOUND,
        delegation__title="Đoàn đi Thái Lan",
        country="TH",
    ).delegation
    return inbound, outbound


def test_export_csv_has_bom_vietnamese_headers_and_follows_filters(client_as, two_delegations):
    response = client_as("specialist").get(
        reverse("delegations:delegation_export", args=["csv"]), {"direction": "inbound"}
    )

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0] == headers()
    assert [r[0] for r in rows[1:]] == ["IN-1"]
    assert "Lào" in rows[1] and "Đoàn vào" in rows[1]
    assert response["Content-Type"].startswith("text/csv")


def test_export_xlsx_roundtrips_through_the_import(client_as, two_delegations):
    client = client_as("specialist")
    exported = client.get(reverse("delegations:delegation_export", args=["xlsx"])).content
    before = {d.reference: (d.title, d.member_count, d.start_date, d.cost_vnd) for d in Delegation.objects.all()}

    response = client.post(IMPORT, {"file": SimpleUploadedFile("export.xlsx", exported)})

    assert response.status_code == 302, response.context and response.context.get("row_errors")
    after = {d.reference: (d.title, d.member_count, d.start_date, d.cost_vnd) for d in Delegation.objects.all()}
    assert after == before
    assert sheet_rows(exported)[0] == headers()


def test_export_only_what_the_user_may_read(client_as, two_delegations):
    response = client_as("staff_a").get(reverse("delegations:delegation_export", args=["xlsx"]))

    assert [r[0] for r in sheet_rows(response.content)[1:]] == ["IN-1"]


def test_export_unknown_format_is_404(client_as):
    assert client_as("specialist").get(reverse("delegations:delegation_export", args=["pdf"])).status_code == 404


def test_stats_export_xlsx_and_csv(client_as, two_delegations):
    client = client_as("reader")
    url = reverse("delegations:delegation_stats_export", args=["xlsx"])

    rows = sheet_rows(client.get(url, {"group_by": "country"}).content)
    csv_response = client.get(reverse("delegations:delegation_stats_export", args=["csv"]), {"group_by": "month"})
    bad = client.get(url, {"group_by": "planet"})

    assert rows[0] == ["Loại đoàn", "Mã quốc gia", "Quốc gia", "Số đoàn", "Số lượt người"]
    assert ["Đoàn vào", "LA", "Lào", 1, 10] in rows
    assert b"".join(csv_response.streaming_content).decode().startswith("\ufeff")
    assert bad.status_code == 400


def test_import_refuses_a_file_over_the_size_limit(client_as, department_a, settings):
    settings.DELEGATION_IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("doan.xlsx", b"x" * (1024 * 1024 + 1))

    response = client_as("staff_a").post(IMPORT, {"file": upload})

    assert response.status_code == 200
    assert "lớn hơn 1 MB" in str(response.context["form"].errors["file"])
    assert not Delegation.objects.exists()


def test_import_reads_existing_delegations_in_one_query(client_as, department_a):
    client = client_as("staff_a")
    rows = [row(department_a, reference=f"D-2018-{n:03d}") for n in range(1, 31)]
    client.post(IMPORT, {"file": xlsx_upload(rows)})
    lookups = []

    def count_lookups(execute, sql, params, many, context):
        # Lookups of rows by reference; full_clean's own uniqueness check ("… AND NOT id = …") aside.
        where = sql.split("WHERE")[-1]
        if 'FROM "delegations_delegation"' in sql and '"reference"' in where and "NOT" not in where:
            lookups.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_lookups):
        response = client.post(IMPORT, {"file": xlsx_upload(rows)})

    assert response.status_code == 302
    assert Delegation.objects.count() == 30
    assert len(lookups) == 1
