import datetime
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.choices import DepartmentKind
from plans.ingest import Body, IngestError, Register, read_plan_file, read_plan_text
from plans.ingest.timing import read_timing
from tests.accounts.factories import DepartmentFactory

REGISTER = Register(
    [
        Body(1, "Sở Ngoại vụ", "Sở Ngoại vụ", "SNgV", DepartmentKind.PROVINCIAL_AGENCY),
        Body(2, "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "SKHDT", DepartmentKind.PROVINCIAL_AGENCY),
        Body(3, "Sở Công Thương", "Sở Công Thương", "SCT", DepartmentKind.PROVINCIAL_AGENCY),
        Body(4, "Sở Nội vụ", "Sở Nội vụ", "SNV", DepartmentKind.PROVINCIAL_AGENCY),
        Body(5, "UBND thành phố Sơn La", "UBND TP Sơn La", "UBND-TPSL", DepartmentKind.DISTRICT),
        Body(6, "UBND huyện Mộc Châu", "UBND huyện Mộc Châu", "UBND-MC", DepartmentKind.DISTRICT),
    ]
)
PLAN = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 51/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Sơn La, ngày 27 tháng 3 năm 2017
KẾ HOẠCH
Hành động triển khai công tác đối ngoại tỉnh Sơn La
giai đoạn 2017 – 2018
Căn cứ Quy chế quản lý thống nhất các hoạt động đối ngoại;
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao hiệu quả.
II. CÔNG TÁC NGOẠI GIAO KINH TẾ
1. Đẩy mạnh xúc tiến đầu tư, thu hút các nguồn vốn FDI, ODA
và NGO (Chủ trì: Sở KH&ĐT; phối hợp: Sở NgV, UBND các huyện, thành phố; thời gian: Quý II/2026).
2. Hỗ trợ doanh nghiệp kết nối đối tác nước ngoài.
- Cơ quan chủ trì: Sở Công Thương
- Thời gian: hằng năm
"""


@pytest.mark.parametrize(
    ("text", "timing", "deadline"),
    [
        ("Thường xuyên", "continuous", None),
        ("Hàng năm", "yearly", None),
        ("hằng quý", "quarterly", None),
        ("Hằng tháng", "monthly", None),
        ("Quý II/2026", "deadline", datetime.date(2026, 6, 30)),
        ("tháng 9/2026", "deadline", datetime.date(2026, 9, 30)),
        ("Trước ngày 15/10/2026", "deadline", datetime.date(2026, 10, 15)),
        ("Năm 2026", "deadline", datetime.date(2026, 12, 31)),
        ("2017-2018", "deadline", datetime.date(2018, 12, 31)),
    ],
)
def test_read_timing_rules(text, timing, deadline):
    result = read_timing(text)
    assert (result.timing, result.deadline) == (timing, deadline)


def test_read_timing_flags_guesses():
    assert read_timing("2017-2018").guess
    assert read_timing("").guess
    assert read_timing("Quý II/2026").guess is None


def test_register_matches_spellings_and_groups():
    mentions = REGISTER.mentions("Sở NgV, Sở Kế hoach va Dau tu; UBND các huyện, thành phố và các sở, ban, ngành")
    assert [m.kind for m in mentions] == ["body", "body", "group", "vague"]
    assert [b.id for b in mentions[2].bodies] == [5, 6]


def test_register_keeps_unknown_names():
    mentions = REGISTER.mentions("Sở Y tế, Sở Công Thương")
    assert [(m.kind, m.text) for m in mentions] == [("unknown", "Sở Y tế"), ("body", "Sở Công Thương")]


def test_read_plan_text_header_areas_and_tasks():
    draft = read_plan_text(PLAN, register=REGISTER)
    assert (draft.document_number, draft.issuer, draft.issue_date) == (
        "51/KH-UBND",
        "UBND tỉnh Sơn La",
        datetime.date(2017, 3, 27),
    )
    assert draft.title == "Hành động triển khai công tác đối ngoại tỉnh Sơn La giai đoạn 2017 – 2018"
    [area] = draft.areas
    first, second = area.tasks
    assert first.content.endswith("ODA và NGO.")
    assert (first.lead_id, first.coordinating_ids, first.deadline) == (2, [1, 5, 6], datetime.date(2026, 6, 30))
    assert (second.lead_id, second.timing) == (3, "yearly")
    assert any(warning.startswith("II.1:") for warning in draft.warnings)


def test_read_plan_file_refuses_wrong_and_hostile_files():
    with pytest.raises(IngestError):
        read_plan_file(b"MZ\x90\x00", name="plan.exe", register=REGISTER)
    with pytest.raises(IngestError):
        read_plan_file(b"not a pdf", name="plan.pdf", register=REGISTER)
    with pytest.raises(IngestError):
        read_plan_file(b"PK\x03\x04broken", name="plan.docx", register=REGISTER)


@pytest.mark.django_db
def test_plan_ingest_command_prints_json(tmp_path: Path, capsys):
    DepartmentFactory(name="Sở Công Thương", short_name="Sở Công Thương", code="SCT")
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    call_command("plan_ingest", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["document_number"] == "51/KH-UBND"
    assert data["areas"][0]["tasks"][1]["lead"] == "Sở Công Thương"


@pytest.mark.django_db
def test_plan_ingest_command_refuses_unknown_kind(tmp_path: Path):
    path = tmp_path / "plan.odt"
    path.write_bytes(b"x")
    with pytest.raises(CommandError):
        call_command("plan_ingest", str(path))


def _appendix_docx(path: Path, tasks: int = 3) -> Path:
    import docx

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "Số: 12/KH-UBND", "Sơn La, ngày 5 tháng 1 năm 2026", "KẾ HOẠCH"):
        document.add_paragraph(line)
    document.add_paragraph("Triển khai công tác đối ngoại năm 2026")
    document.add_paragraph("Căn cứ Quy chế quản lý thống nhất các hoạt động đối ngoại;")
    document.add_paragraph("Phụ lục: Danh mục nhiệm vụ")
    table = document.add_table(rows=1, cols=6)
    headers = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    area = table.add_row().cells
    area[0].text, area[1].text = "I", "Công tác ngoại giao kinh tế"
    for number in range(1, tasks + 1):
        row = table.add_row().cells
        values = (str(number), f"Nhiệm vụ số {number}", "Sở NgV", "Sở KH&ĐT", "Quý III/2026", "Báo cáo")
        for cell, text in zip(row, values, strict=True):
            cell.text = text
    document.save(path)
    return path


def test_read_plan_file_reads_the_appendix_table_of_a_docx(tmp_path: Path):
    path = _appendix_docx(tmp_path / "plan.docx")
    draft = read_plan_file(path.read_bytes(), name=path.name, register=REGISTER)
    assert (draft.document_number, draft.title) == ("12/KH-UBND", "Triển khai công tác đối ngoại năm 2026")
    [area] = draft.areas
    assert (area.number, area.title, len(area.tasks)) == ("I", "Công tác ngoại giao kinh tế", 3)
    task = area.tasks[2]
    assert (task.number, task.lead_id, task.coordinating_ids) == ("3", 1, [2])
    assert (task.deadline, task.output) == (datetime.date(2026, 9, 30), "Báo cáo")


def test_read_plan_file_reads_a_pdf_made_by_libreoffice():
    path = Path(__file__).parent / "ingest_documents" / "prose.pdf"
    draft = read_plan_file(path.read_bytes(), name=path.name, register=REGISTER)
    assert (draft.document_number, draft.issue_date) == ("51/KH-UBND", datetime.date(2017, 3, 27))
    tasks = draft.areas[0].tasks
    assert [(task.lead_id, task.timing) for task in tasks] == [(2, "deadline"), (3, "yearly")]
