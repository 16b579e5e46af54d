"""The plan reader against the project's own plan documents, each read as its expected JSON says."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from plans.ingest import read_plan_file
from tests.plans.ingest_documents.register import DOCUMENT_REGISTER

DOCUMENTS = Path(__file__).parent / "ingest_documents"
NAMES = sorted(path.name.removesuffix(".expected.json") for path in DOCUMENTS.glob("*.expected.json"))


def test_there_are_at_least_six_documents_in_four_forms():
    assert len(NAMES) >= 6
    assert {Path(name).suffix for name in NAMES} == {".docx", ".pdf", ".txt"}


@pytest.mark.parametrize("name", NAMES)
def test_each_document_reads_as_expected(name):
    expected = json.loads((DOCUMENTS / f"{name}.expected.json").read_text(encoding="utf-8"))

    with translation.override("vi"):
        found = read_plan_file((DOCUMENTS / name).read_bytes(), name=name, register=DOCUMENT_REGISTER).as_json()

    assert {key: found[key] for key in ("document_number", "issuer", "issue_date", "title")} == {
        key: expected[key] for key in ("document_number", "issuer", "issue_date", "title")
    }
    assert [(area["number"], area["title"]) for area in found["areas"]] == [
        (area["number"], area["title"]) for area in expected["areas"]
    ]
    for found_area, expected_area in zip(found["areas"], expected["areas"], strict=True):
        assert found_area["tasks"] == expected_area["tasks"], (name, expected_area["number"])
    assert found["warnings"] == expected["warnings"]
