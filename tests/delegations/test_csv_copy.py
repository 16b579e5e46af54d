"""The export job's CSV is byte for byte the one csv_write makes of export_rows.

On PostgreSQL the job's lines are written by the database (csv_copy), so this compares the two ways;
on SQLite the job takes the rows' way, and the same expectations hold.
"""

import datetime
import io
import tempfile
from pathlib import Path

import pytest

from delegations.choices import DelegationStatus, Direction, ExportFormat, FundingSource, PartnerKind
from delegations.export_jobs import export_file_write, export_filterset
from delegations.models import Delegation
from delegations.spreadsheets import EXPORT_TEXT_COLUMNS, csv_write, export_rows, headers
from tests.accounts.factories import DepartmentFactory
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(department_a):
    """Text a spreadsheet would run, control characters, quotes, commas and line breaks everywhere."""
    odd_department = DepartmentFactory(name='=Sở "Ngoại vụ",\x07 tỉnh')
    rows = [
        {"title": '=HYPERLINK("x")', "purpose": 'Dòng 1\r\nDòng "2", ba', "partner_kind": PartnerKind.LOCALITY},
        {"title": "\x01=SUM(1)", "purpose": "a\x02b\n-c", "leader_name": "@tên", "leader_position": "\tTab"},
        {"title": "Tiêu đề\x03", "partner": "+84 tỉnh", "approval_document": '-5"', "purpose": "\x1f"},
        {"title": "Bình thường, phẩy", "purpose": "", "leader_position": "\rCR", "funding_source": "enterprise"},
        {"title": "x\n=y", "purpose": "\\N \\. '", "department": odd_department, "status": DelegationStatus.APPROVED},
        {"direction": Direction.OUTBOUND, "cost_vnd": 12150000000, "approval_date": datetime.date(2018, 2, 1)},
    ]
    made = []
    for at, values in enumerate(rows):
        values.setdefault("department", department_a)
        start = datetime.date(2018, 3, at + 1)
        made.append(DelegationFactory(reference=f"D-{at},{at}", start_date=start, end_date=start, **values))
    for code in ("TH", "LA", "KH"):
        DelegationCountryFactory(delegation=made[0], country=code)
    DelegationCountryFactory(delegation=made[1], country="ZZ")  # a code without a name
    DelegationCountryFactory(delegation=made[2], country="JP")
    DelegationFactory(funding_source=FundingSource.PARTNER, cancellation_reason="", status=DelegationStatus.PLANNED)
    return made


def rows_csv(delegations) -> bytes:
    """What the export writes off PostgreSQL: export_rows through csv_write."""
    text = io.StringIO(newline="")
    count = csv_write(text, headers(), export_rows(delegations), text_columns=EXPORT_TEXT_COLUMNS)
    return text.getvalue().encode(), count


def copied_csv(delegations) -> bytes:
    """What the export job writes: through COPY on PostgreSQL."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        count = export_file_write(path=str(path), file_format=ExportFormat.CSV, delegations=delegations)
        return path.read_bytes(), count


@pytest.mark.parametrize("query", ["", "direction=outbound", "q=thuong"])
def test_copied_csv_is_the_rows_csv(hostile, users, query):
    delegations = export_filterset(user=users["specialist"], query=query).qs

    copied, copied_count = copied_csv(delegations)
    written, written_count = rows_csv(delegations)

    assert copied == written
    assert copied_count == written_count > 0


def test_copied_csv_sanitises_and_quotes(hostile):
    copied, _count = copied_csv(Delegation.objects.order_by("-start_date", "-id"))

    text = copied.decode()
    assert text.startswith("\ufeff") and text.count("\r\n") >= len(hostile) + 1
    assert '\'=HYPERLINK(""x"")' in text and ",'=SUM(1)," in text and '"Dòng 1\r\nDòng ""2"", ba"' in text
    assert "\x01" not in text and "\x02" not in text and "\x07" not in text
    assert "'+84 tỉnh" in text and "'@tên" in text and "Thái Lan; Lào; Campuchia" in text


def test_copied_csv_of_no_delegation_is_the_header(hostile):
    for nothing in (Delegation.objects.none(), Delegation.objects.filter(pk__in=[])):
        assert copied_csv(nothing) == rows_csv(nothing)
