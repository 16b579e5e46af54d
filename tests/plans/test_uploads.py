"""Uploads are checked by content and size, capped per entry, and leave no orphan files behind."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Plan
from plans.services import progress_save_draft

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DISGUISED = {
    "program.pdf": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200,
    "page.pdf": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "drawing.pdf": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    "program.exe": b"MZ\x90\x00" + b"\x00" * 200,
}


def with_document(plan: Plan, name: str, content: bytes) -> Plan:
    plan.signed_document = SimpleUploadedFile(name, content)
    return plan


@pytest.mark.parametrize("name", list(DISGUISED))
def test_signed_document_refuses_what_is_not_a_document(world, name):
    plan = with_document(world.plan, name, DISGUISED[name])
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    assert "signed_document" in refused.value.message_dict
    assert not Plan.objects.get(pk=plan.pk).signed_document


def test_signed_document_refuses_an_oversized_file(world, settings):
    settings.PLAN_DOCUMENT_MAX_MB = 1
    plan = with_document(world.plan, "ke-hoach.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="MB"):
        plan.full_clean()


def test_signed_document_accepts_a_pdf(world):
    with_document(world.plan, "ke-hoach-51.pdf", PDF).full_clean()


def test_replaced_signed_document_is_removed_from_storage_after_commit(world, django_capture_on_commit_callbacks):
    plan = world.plan
    plan.signed_document.save("cu.pdf", ContentFile(PDF), save=True)
    plan = Plan.objects.get(pk=plan.pk)
    old_name, storage = plan.signed_document.name, plan.signed_document.storage
    with django_capture_on_commit_callbacks(execute=True):
        plan.signed_document.save("moi.pdf", ContentFile(PDF), save=True)
    assert not storage.exists(old_name) and storage.exists(plan.signed_document.name)
    with django_capture_on_commit_callbacks(execute=True):
        plan.signed_document = ""
        plan.save()
    assert not storage.listdir("plans/signed/" + old_name.split("/")[2])[1]


def save_with_files(world, count: int, size: int = len(PDF), version: int = 0):
    files = [SimpleUploadedFile(f"bao-cao-{n}.pdf", PDF + b"0" * (size - len(PDF))) for n in range(count)]
    return progress_save_draft(
        task=world.task,
        period=world.period,
        department=world.departments["a"],
        by=world.users["staff_a"],
        data={"results": "Đã triển khai"},
        expected_version=version,
        files=files,
    )


def test_progress_entry_refuses_the_eleventh_file(world, settings):
    settings.PROGRESS_ATTACHMENT_MAX_COUNT = 10
    progress = save_with_files(world, 10)
    with pytest.raises(ValidationError, match="10"):
        save_with_files(world, 1, version=progress.version)
    assert progress.attachments.count() == 10


def test_progress_entry_refuses_files_past_the_total_size(world, settings):
    settings.PROGRESS_ATTACHMENT_MAX_TOTAL_BYTES = 3000
    progress = save_with_files(world, 1, size=2000)
    with pytest.raises(ValidationError, match="KB|byte"):
        save_with_files(world, 1, size=1500, version=progress.version)
    assert progress.attachments.count() == 1


def test_signed_document_download_is_never_stored(world, login):
    world.plan.signed_document.save("ke-hoach-51.pdf", ContentFile(PDF), save=True)
    response = login("specialist").get(reverse("plans:plan_document", args=[world.plan.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
