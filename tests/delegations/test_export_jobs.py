"""Exports: rows from values_list equal to the model's, small ones immediate, large ones as jobs."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from delegations import export_jobs
from delegations.choices import DelegationStatus, Direction, ExportState, FundingSource, PartnerKind
from delegations.export_jobs import delegation_export_request, delegation_export_run, delegation_exports_sweep
from delegations.models import Delegation, DelegationExport
from delegations.spreadsheets import COLUMNS, headers
from notifications.models import Notification
from notifications.texts import notification_text
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("delegations:delegation_export", args=["csv"])
XLSX_URL = reverse("delegations:delegation_export", args=["xlsx"])


def model_row(delegation) -> list:
    """A delegation as the export wrote it before: from the model, one label lookup per cell."""
    with translation.override("vi"):
        values = {
            "department": delegation.department.name,
            "countries": "; ".join(str(link.country.name) for link in delegation.countries.order_by("id")),
            "direction": str(Direction(delegation.direction).label),
            "status": str(DelegationStatus(delegation.status).label),
            "partner_kind": str(PartnerKind(delegation.partner_kind).label) if delegation.partner_kind else "",
            "funding_source": str(FundingSource(delegation.funding_source).label) if delegation.funding_source else "",
        }
    return [values.get(key, getattr(delegation, key)) for key, _header in COLUMNS]


def csv_rows(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))


@pytest.fixture
def varied(department_a, department_b):
    """Delegations with every kind of value: several countries, empty choices, no cost, a formula title."""
    many = DelegationFactory(
        department=department_b,
        direction=Direction.OUTBOUND,
        title='=HYPERLINK("x")',
        purpose='Dòng 1\nDòng "2", ba',
        partner_kind=PartnerKind.LOCALITY,
        funding_source=FundingSource.PROVINCIAL_BUDGET,
        cost_vnd=12150000000,
        approval_document="495/QĐ-UBND",
        approval_date=datetime.date(2018, 2, 1),
        start_date=datetime.date(2018, 3, 2),
        end_date=datetime.date(2018, 3, 9),
    )
    for code in ("TH", "LA", "KH"):
        DelegationCountryFactory(delegation=many, country=code)
    plain = DelegationCountryFactory(delegation__department=department_a, delegation__status=DelegationStatus.PLANNED)
    cancelled = DelegationCountryFactory(
        country="JP", delegation__department=department_a, delegation__status=DelegationStatus.CANCELLED
    )
    return [many, plain.delegation, cancelled.delegation]


def test_export_rows_equal_the_model_rows_in_list_order(client_as, varied, django_assert_max_num_queries):
    client = client_as("specialist")
    expected = [model_row(delegation) for delegation in Delegation.objects.order_by("-start_date", "-id")]

    with django_assert_max_num_queries(6):
        response = client.get(CSV_URL)
        content = b"".join(response.streaming_content).decode("utf-8")

    rows = csv_rows(content)
    assert rows[0] == headers()
    as_text = [["" if value is None else str(value) for value in row] for row in expected]
    as_text[[row[0] for row in as_text].index(varied[0].reference)][2] = '\'=HYPERLINK("x")'  # sanitised
    assert rows[1:] == as_text
    assert rows[1 + [r[0] for r in rows[1:]].index(varied[0].reference)][8] == "Thái Lan; Lào; Campuchia"


def test_export_xlsx_cells_equal_the_model_values(client_as, varied):
    content = client_as("specialist").get(XLSX_URL).content

    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    expected = [model_row(delegation) for delegation in Delegation.objects.order_by("-start_date", "-id")]
    normalise = [
        [value.date() if isinstance(value, datetime.datetime) else ("" if value is None else value) for value in row]
        for row in rows[1:]
    ]
    wanted = [["" if value is None else value for value in row] for row in expected]
    wanted = [
        [int(v) if key == "cost_vnd" and v != "" else v for v, (key, _h) in zip(row, COLUMNS, strict=True)]
        for row in wanted
    ]
    assert rows[0] == tuple(headers()) or list(rows[0]) == headers()
    assert normalise == wanted


@pytest.fixture
def large(settings, varied):
    settings.DELEGATION_EXPORT_IMMEDIATE_ROWS = 2
    return varied


def test_small_export_is_the_answer(client_as, varied, settings):
    settings.DELEGATION_EXPORT_IMMEDIATE_ROWS = 3

    response = client_as("specialist").get(CSV_URL)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert DelegationExport.objects.count() == 0


def test_large_export_becomes_a_job_with_a_page_then_a_link(
    client_as, large, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("delegations.tasks.delegation_export_task.delay", sent.append)
    client = client_as("specialist")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(CSV_URL, {"direction": "", "status": ""})
    export = DelegationExport.objects.get()
    waiting = client.get(response["Location"])

    assert response.status_code == 302 and response["Location"] == reverse(
        "delegations:delegation_export_status", args=[export.pk]
    )
    assert sent == [export.pk] and export.state == ExportState.QUEUED
    assert "data-reload-after" in waiting.content.decode()

    assert delegation_export_run(export_id=export.pk) == ExportState.DONE
    ready = client.get(response["Location"])
    download = client.get(reverse("delegations:delegation_export_download", args=[export.pk]))

    assert "data-reload-after" not in ready.content.decode()
    assert reverse("delegations:delegation_export_download", args=[export.pk]) in ready.content.decode()
    body = b"".join(download.streaming_content).decode("utf-8")
    immediate = _immediate(client, CSV_URL)
    assert body == immediate
    assert download["Content-Disposition"].startswith("attachment")


def _immediate(client, url, params=None):
    from django.conf import settings

    settings.DELEGATION_EXPORT_IMMEDIATE_ROWS = 10**6
    return b"".join(client.get(url, params or {}).streaming_content).decode("utf-8")


def test_xlsx_job_holds_the_immediate_rows(client_as, large, users):
    export = delegation_export_request(by=users["specialist"], file_format="xlsx", query="direction=outbound")

    delegation_export_run(export_id=export.pk)

    export.refresh_from_db()
    sheet = load_workbook(export.file.path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == headers() and [row[0] for row in rows[1:]] == [large[0].reference]
    assert export.row_count == 1


def test_job_reads_with_the_requesters_reach(large, users, department_a):
    export = delegation_export_request(by=users["staff_a"], file_format="csv", query="")

    delegation_export_run(export_id=export.pk)

    export.refresh_from_db()
    with export.file.open("rb") as file:
        rows = csv_rows(file.read().decode("utf-8"))
    assert {row[4] for row in rows[1:]} == {department_a.name}


def test_job_search_by_names_follows_the_requester(large, users):
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="search=bun-thoong")

    delegation_export_run(export_id=export.pk)

    assert DelegationExport.objects.get(pk=export.pk).row_count == 3


def test_asking_twice_while_pending_gives_the_same_export(
    large, users, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("delegations.tasks.delegation_export_task.delay", sent.append)

    with django_capture_on_commit_callbacks(execute=True):
        first = delegation_export_request(by=users["specialist"], file_format="csv", query="status=planned")
        second = delegation_export_request(by=users["specialist"], file_format="csv", query="status=planned")
    other_format = delegation_export_request(by=users["specialist"], file_format="xlsx", query="status=planned")

    assert first.pk == second.pk != other_format.pk
    assert sent == [first.pk]


def test_the_same_filters_in_another_order_are_the_same_request(client_as, large, settings):
    settings.DELEGATION_EXPORT_IMMEDIATE_ROWS = 0
    client = client_as("specialist")

    first = client.get(CSV_URL, {"status": "planned", "direction": "inbound", "page": "3"})
    second = client.get(CSV_URL + "?direction=inbound&status=planned")

    assert first["Location"] == second["Location"]
    assert DelegationExport.objects.get().query == "direction=inbound&status=planned"


def test_a_second_delivery_writes_nothing(large, users):
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")

    assert delegation_export_run(export_id=export.pk) == ExportState.DONE
    assert delegation_export_run(export_id=export.pk) == "skipped"


def test_broker_down_keeps_the_export_queued_and_the_sweeper_sends_it(
    large, users, monkeypatch, django_capture_on_commit_callbacks
):
    def down(export_id):
        raise ConnectionError("broker down")

    monkeypatch.setattr("delegations.tasks.delegation_export_task.delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        export = delegation_export_request(by=users["specialist"], file_format="csv", query="")
    sent = []
    monkeypatch.setattr("delegations.tasks.delegation_export_task.delay", sent.append)

    later = timezone.now() + datetime.timedelta(minutes=10)
    assert delegation_exports_sweep(now=later)["sent_again"] == 1
    assert sent == [export.pk]
    assert DelegationExport.objects.get(pk=export.pk).state == ExportState.QUEUED


def test_sweeper_takes_back_an_export_whose_worker_died_and_fails_it_at_last(large, users, settings, monkeypatch):
    monkeypatch.setattr("delegations.tasks.delegation_export_task.delay", lambda export_id: None)
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    DelegationExport.objects.filter(pk=export.pk).update(state=ExportState.RUNNING, heartbeat_at=long_ago, attempts=1)

    assert delegation_exports_sweep()["taken_back"] == 1
    DelegationExport.objects.filter(pk=export.pk).update(
        state=ExportState.RUNNING, heartbeat_at=long_ago, attempts=settings.REPORT_MAX_ATTEMPTS
    )
    assert delegation_exports_sweep()["failed"] == 1
    assert DelegationExport.objects.get(pk=export.pk).state == ExportState.FAILED


def test_sweeper_deletes_old_files(large, users, settings):
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")
    delegation_export_run(export_id=export.pk)
    path = DelegationExport.objects.get(pk=export.pk).file.path

    later = timezone.now() + datetime.timedelta(days=settings.DELEGATION_EXPORT_KEEP_DAYS + 1)
    assert delegation_exports_sweep(now=later)["deleted"] == 1

    assert not DelegationExport.objects.exists()
    import os

    assert not os.path.exists(path)


def test_a_failure_is_recorded_and_shown(client_as, large, users, monkeypatch):
    def broken(*, export):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_jobs, "delegation_export_write", broken)
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")

    assert delegation_export_run(export_id=export.pk) == ExportState.FAILED
    page = client_as("specialist").get(reverse("delegations:delegation_export_status", args=[export.pk]))
    assert "disk full" in page.content.decode()


def notices_of(user) -> list[tuple[str, str, str]]:
    """(kind, title, link) of the user's notifications, in Vietnamese."""
    with translation.override("vi"):
        return [
            (n.kind, notification_text(n.kind, n.params)[0], n.link)
            for n in Notification.objects.filter(recipient=user)
        ]


def test_the_requester_is_told_with_a_link_when_the_export_is_ready(large, users):
    export = delegation_export_request(by=users["staff_a"], file_format="xlsx", query="")

    delegation_export_run(export_id=export.pk)

    rows = DelegationExport.objects.get(pk=export.pk).row_count
    status = reverse("delegations:delegation_export_status", args=[export.pk])
    assert notices_of(users["staff_a"]) == [("export_done", f"Đã xuất xong {rows} đoàn (XLSX)", status)]
    assert Notification.objects.count() == 1  # nobody else hears of it


def test_the_requester_is_told_why_an_export_failed(large, users, monkeypatch):
    def broken(*, export):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_jobs, "delegation_export_write", broken)
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")

    delegation_export_run(export_id=export.pk)

    notice = Notification.objects.get(recipient=users["specialist"])
    assert notice.kind == "export_failed" and "disk full" in notice.params["reason"]
    assert notice.link == reverse("delegations:delegation_export_status", args=[export.pk])


def test_an_export_the_sweeper_gives_up_on_is_told_once(large, users, settings, monkeypatch):
    monkeypatch.setattr("delegations.tasks.delegation_export_task.delay", lambda export_id: None)
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    DelegationExport.objects.filter(pk=export.pk).update(
        state=ExportState.RUNNING, heartbeat_at=long_ago, attempts=settings.REPORT_MAX_ATTEMPTS
    )

    delegation_exports_sweep()
    delegation_exports_sweep()

    assert [kind for kind, _title, _link in notices_of(users["specialist"])] == ["export_failed"]


@pytest.mark.parametrize("name", ["specialist", "staff_b"])
def test_another_users_export_is_404(client_as, large, users, name):
    export = delegation_export_request(by=users["leadership"], file_format="csv", query="")
    delegation_export_run(export_id=export.pk)
    client = client_as(name)

    assert client.get(reverse("delegations:delegation_export_status", args=[export.pk])).status_code == 404
    assert client.get(reverse("delegations:delegation_export_download", args=[export.pk])).status_code == 404


def test_statistics_readers_cannot_export(client_as, large):
    assert client_as("reader").get(CSV_URL).status_code == 403
    assert DelegationExport.objects.count() == 0


def test_pending_export_has_no_download(client_as, large, users):
    export = delegation_export_request(by=users["specialist"], file_format="csv", query="")

    response = client_as("specialist").get(reverse("delegations:delegation_export_download", args=[export.pk]))

    assert response.status_code == 404
