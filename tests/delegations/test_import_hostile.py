"""The Excel import under attack and under load: crafted files refused, racing imports kept apart."""

import io
import threading
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from delegations.models import Delegation
from tests.delegations.test_import_export import row, xlsx_upload

IMPORT = reverse("delegations:delegation_import")


def gap_bomb(upload) -> io.BytesIO:
    """The good file's sheet with one extra cell in the sheet's last row, 1,048,576."""
    source = zipfile.ZipFile(io.BytesIO(upload.read()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            target.writestr(item, data)
    out.seek(0)
    out.name = "doan.xlsx"
    return out


@pytest.mark.django_db
def test_import_refuses_the_gap_bomb_and_writes_nothing(client_as, department_a):
    bomb = gap_bomb(xlsx_upload([row(department_a)]))
    response = client_as("staff_a").post(IMPORT, {"file": bomb})
    assert response.status_code == 200
    assert "1048576" in response.content.decode()
    assert not Delegation.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_workbook_with_formulas(client_as, department_a):
    upload = xlsx_upload([row(department_a, title='=HYPERLINK("http://evil","Bấm")')])
    response = client_as("staff_a").post(IMPORT, {"file": upload})
    assert response.status_code == 200
    assert "công thức" in response.content.decode()
    assert not Delegation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_imports_give_one_success_and_one_message(users, department_a):
    # Given two staff members uploading the same new delegations at the same moment
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(users["staff_a"])
        clients.append(client)
    start = threading.Barrier(2)
    responses = []

    def upload(client):
        start.wait()
        responses.append(client.post(IMPORT, {"file": xlsx_upload([row(department_a, reference="D-RACE")])}))

    threads = [threading.Thread(target=upload, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one import created the delegation once and the other answered with a message, not a 500
    statuses = sorted(response.status_code for response in responses)
    assert statuses in ([200, 302], [302, 302])
    assert Delegation.objects.filter(reference="D-RACE").count() == 1
    refused = [response for response in responses if response.status_code == 200]
    for response in refused:
        assert response.context["row_errors"]
