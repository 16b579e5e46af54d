# ruff: noqa: E501  (the documents' lines are as a plan writes them)
"""Write the plan documents the reader is checked against (run once; the files are kept in git).

    .venv/bin/python tests/plans/ingest_documents/make_documents.py
    cd tests/plans/ingest_documents && libreoffice --headless --convert-to pdf appendix_table.docx

Modelled on the seed plans (Sơn La 51/KH-UBND, Quảng Nam 1623/KH-UBND) and the plan format of
Decree 30/2020: the two-column header, "KẾ HOẠCH" and its summary line, the bases, the aims, the
tasks (as an appendix table, as numbered sections with labelled lines, as prose naming who leads,
as closing parentheses), "Tổ chức thực hiện". Each document's expected reading is kept beside it as
<name>.expected.json.
"""

from pathlib import Path

from docx import Document

HERE = Path(__file__).parent

HEADER = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH SƠN LA",
    "Số: {number}",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Sơn La, ngày {day}",
    "KẾ HOẠCH",
]

APPENDIX_AREAS = [
    (
        "I",
        "CÔNG TÁC NGOẠI GIAO KINH TẾ",
        [
            (
                "Tổ chức Hội nghị xúc tiến đầu tư tỉnh Sơn La năm 2026 với các nhà đầu tư Nhật Bản, Hàn Quốc",
                "Sở Tài chính",
                "Sở Ngoại vụ; Sở Công Thương",
                "Quý III/2026",
                "Hội nghị; danh mục dự án kêu gọi đầu tư",
            ),
            (
                "Hỗ trợ doanh nghiệp kết nối giao thương với các tỉnh Bắc Lào",
                "Sở Công Thương",
                "Sở Ngoại vụ; UBND các xã, phường",
                "Hằng năm",
                "Báo cáo kết quả",
            ),
            (
                "Vận động các tổ chức quốc tế, tổ chức phi chính phủ nước ngoài tài trợ dự án giảm nghèo",
                "Sở Ngoại vụ",
                "Sở Tài chính; Liên hiệp các tổ chức hữu nghị tỉnh",
                "Thường xuyên",
                "Dự án được phê duyệt",
            ),
        ],
    ),
    (
        "II",
        "CÔNG TÁC NGOẠI GIAO VĂN HÓA",
        [
            (
                "Tổ chức Tuần Văn hóa Sơn La tại tỉnh Luông Pha Băng (Lào)",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Sở Ngoại vụ",
                "tháng 9/2026",
                "Chương trình Tuần Văn hóa",
            ),
            (
                "Quảng bá hình ảnh, tiềm năng du lịch tỉnh tại các hội chợ quốc tế",
                "Sở VHTT&DL",
                "Sở Ngoại vụ; Sở Công Thương",
                "Hằng năm",
                "",
            ),
        ],
    ),
    (
        "III",
        "QUẢN LÝ ĐOÀN RA, ĐOÀN VÀO",
        [
            (
                "Thẩm định, trình UBND tỉnh cho phép các đoàn ra, đoàn vào theo đúng quy định",
                "Sở NgV",
                "Công an tỉnh",
                "Thường xuyên",
                "Văn bản thẩm định",
            ),
            (
                "Tổng hợp, báo cáo tình hình đoàn ra, đoàn vào của tỉnh",
                "Sở Ngoại vụ",
                "Các sở, ban, ngành",
                "Hằng quý",
                "Báo cáo quý",
            ),
        ],
    ),
    (
        "IV",
        "CÔNG TÁC BIÊN GIỚI, LÃNH THỔ",
        [
            (
                "Phối hợp quản lý, bảo vệ đường biên, mốc giới trên tuyến biên giới Việt Nam - Lào",
                "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
                "Sở Ngoại vụ; UBND xã Lóng Sập",
                "Trước ngày 15/12/2026",
                "Báo cáo tổng kết",
            ),
        ],
    ),
]


def appendix_table() -> None:
    document = Document()
    for line in HEADER:
        document.add_paragraph(line.format(number="25/KH-UBND", day="15 tháng 01 năm 2026"))
    document.add_paragraph("Thực hiện nhiệm vụ đối ngoại năm 2026")
    document.add_paragraph("Căn cứ Nghị quyết số 22-NQ/TW ngày 10/4/2018 của Bộ Chính trị;")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("1. Triển khai đồng bộ, hiệu quả công tác đối ngoại của tỉnh năm 2026.")
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph("Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.")
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Sở Ngoại vụ: chủ trì, theo dõi, đôn đốc các cơ quan thực hiện Kế hoạch.")
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("DANH MỤC NHIỆM VỤ")
    table = document.add_table(rows=1, cols=6)
    for cell, text in zip(
        table.rows[0].cells,
        ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm"),
        strict=True,
    ):
        cell.text = text
    numbering = table.add_row().cells
    for index, cell in enumerate(numbering, start=1):
        cell.text = f"({index})"
    for number, title, tasks in APPENDIX_AREAS:
        row = table.add_row().cells
        row[0].text, row[1].text = number, title
        for position, values in enumerate(tasks, start=1):
            cells = table.add_row().cells
            cells[0].text = str(position)
            for cell, text in zip(cells[1:], values, strict=True):
                cell.text = text
    document.save(HERE / "appendix_table.docx")


NUMBERED_PROSE = [
    "Triển khai Chương trình hành động thực hiện Chỉ thị số 15-CT/TU về công tác đối ngoại",
    "Căn cứ Quy chế quản lý thống nhất các hoạt động đối ngoại ban hành kèm theo Quyết định số 272-QĐ/TW;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Nâng cao nhận thức của các cấp, các ngành về công tác đối ngoại.",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "1. Công tác thông tin đối ngoại",
    "a) Xây dựng chuyên mục thông tin đối ngoại trên Cổng thông tin điện tử tỉnh.",
    "- Cơ quan chủ trì: Sở Ngoại vụ",
    "- Cơ quan phối hợp: Văn phòng UBND tỉnh; Báo và Phát thanh, Truyền hình tỉnh",
    "- Thời gian thực hiện: Quý II/2026",
    "b) Biên soạn tài liệu giới thiệu tiềm năng của tỉnh bằng tiếng Anh, tiếng Lào.",
    "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch",
    "- Cơ quan phối hợp: Sở Ngoại vụ",
    "- Thời gian thực hiện: năm 2026",
    "- Sản phẩm: Bộ tài liệu giới thiệu",
    "2. Công tác lãnh sự và bảo hộ công dân",
    "a) Hướng dẫn, giải quyết các vụ việc lãnh sự liên quan đến công dân Việt Nam tại Lào.",
    "- Cơ quan chủ trì: Sở Ngoại vụ",
    "- Cơ quan phối hợp: Công an tỉnh; Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "- Thời gian thực hiện: Thường xuyên",
    "b) Tập huấn nghiệp vụ lãnh sự cho cán bộ cấp xã khu vực biên giới.",
    "- Cơ quan chủ trì: Sở Nội vụ",
    "- Cơ quan phối hợp: Sở Ngoại vụ",
    "- Thời gian thực hiện: tháng 10/2026",
    "3. Công tác người Việt Nam ở nước ngoài",
    "a) Tổ chức gặp mặt kiều bào về quê đón Tết.",
    "- Cơ quan chủ trì: Sở Ngoại vụ",
    "- Cơ quan phối hợp: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "- Thời gian thực hiện: Hằng năm",
    "III. TỔ CHỨC THỰC HIỆN",
    "Các sở, ban, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch thực hiện.",
]


def numbered_prose() -> None:
    document = Document()
    for line in HEADER:
        document.add_paragraph(line.format(number="40/KH-UBND", day="03 tháng 3 năm 2026"))
    for line in NUMBERED_PROSE:
        document.add_paragraph(line)
    document.save(HERE / "numbered_prose.docx")


ASSIGNMENTS = [
    "Triển khai công tác đối ngoại nhân dân năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Phát huy vai trò của các tổ chức hữu nghị trong công tác đối ngoại nhân dân.",
    "II. ĐỐI NGOẠI NHÂN DÂN",
    "1. Tổ chức các hoạt động giao lưu hữu nghị với nhân dân các tỉnh Bắc Lào. "
    "Liên hiệp các tổ chức hữu nghị tỉnh chủ trì, phối hợp với Sở Ngoại vụ; thời gian: hằng năm.",
    "2. Tổ chức Lễ kỷ niệm Ngày thành lập Liên hiệp các tổ chức hữu nghị Việt Nam. "
    "Liên hiệp các tổ chức hữu nghị tỉnh chủ trì thực hiện, Sở Văn hóa, Thể thao và Du lịch phối hợp; "
    "thời gian: tháng 5/2026.",
    "3. Giao Sở Ngoại vụ chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh vận động viện trợ phi chính phủ "
    "nước ngoài; thời gian: thường xuyên.",
    "III. CÔNG TÁC PHI CHÍNH PHỦ NƯỚC NGOÀI",
    "1. Cập nhật danh mục dự án kêu gọi viện trợ phi chính phủ nước ngoài giai đoạn 2026 - 2030; "
    "thời gian: Quý IV/2026.",
    "2. Theo dõi, giám sát hoạt động của các tổ chức phi chính phủ nước ngoài trên địa bàn tỉnh. "
    "Công an tỉnh chủ trì, phối hợp với Sở Ngoại vụ; thời gian: thường xuyên.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Sở Ngoại vụ: chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc việc thực hiện Kế hoạch; "
    "tổng hợp, báo cáo UBND tỉnh.",
    "2. Các sở, ban, ngành căn cứ chức năng, nhiệm vụ chủ động triển khai.",
]


def assignments_prose() -> None:
    document = Document()
    for line in HEADER:
        document.add_paragraph(line.format(number="112/KH-UBND", day="20 tháng 01 năm 2026"))
    for line in ASSIGNMENTS:
        document.add_paragraph(line)
    document.save(HERE / "assignments_prose.docx")


# Text pasted from a PDF viewer: lines broken mid-sentence where the page's line ended.
PASTED = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 08/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Sơn La, ngày 09 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện công tác hội nhập quốc tế
năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động, tích cực hội nhập quốc tế
toàn diện, sâu rộng.
II. HỘI NHẬP QUỐC TẾ VỀ KINH TẾ
1. Tuyên truyền, phổ biến các hiệp định thương mại tự do thế hệ mới
cho cộng đồng doanh nghiệp (Chủ trì: Sở Công Thương; phối hợp: Sở Tư pháp,
Sở Tài chính; thời gian: Quý II/2026).
2. Hỗ trợ doanh nghiệp xuất khẩu nông sản sang thị trường Trung Quốc,
Hàn Quốc (Chủ trì: Sở Nông nghiệp và Môi trường; phối hợp: Sở Công
Thương; thời gian: hằng năm).
III. HỘI NHẬP QUỐC TẾ VỀ VĂN HÓA, XÃ HỘI
1. Mở rộng hợp tác đào tạo với các trường đại học của Lào
(Chủ trì: Sở Giáo dục và Đào tạo; phối hợp: Sở Ngoại vụ; thời gian: năm
2026).
IV. TỔ CHỨC THỰC HIỆN
Giao Sở Ngoại vụ chủ trì, theo dõi, tổng hợp kết quả thực hiện Kế hoạch.
"""


def pasted_text() -> None:
    (HERE / "pasted_broken_wraps.txt").write_text(PASTED, encoding="utf-8")


# Numbered areas under "NHIỆM VỤ, GIẢI PHÁP" with lettered tasks and closing parentheses.
CONTAINER = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 56/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Sơn La, ngày 25 tháng 02 năm 2026
KẾ HOẠCH
Triển khai công tác ngoại giao kinh tế giai đoạn 2026 - 2030
I. MỤC TIÊU
1. Thu hút vốn đầu tư trực tiếp nước ngoài đạt 500 triệu USD.
II. NHIỆM VỤ, GIẢI PHÁP
1. Xúc tiến đầu tư
a) Xây dựng danh mục dự án kêu gọi đầu tư nước ngoài (Chủ trì: Sở Tài chính; phối hợp: Sở Ngoại vụ; thời gian: Quý I/2026).
b) Tổ chức đoàn xúc tiến đầu tư tại Nhật Bản (Chủ trì: Sở Tài chính; phối hợp: Sở Ngoại vụ, Sở Công Thương; thời gian: tháng 11/2026).
2. Xúc tiến thương mại
a) Tổ chức Hội chợ thương mại Việt - Lào tại thành phố Sơn La (Chủ trì: Sở Công Thương; phối hợp: UBND phường Tô Hiệu; thời gian: hằng năm).
b) Hỗ trợ doanh nghiệp tham gia hội chợ quốc tế (Chủ trì: Sở Công Thương; thời gian: thường xuyên).
3. Xúc tiến du lịch
a) Quảng bá sản phẩm du lịch Mộc Châu tại thị trường Thái Lan (Chủ trì: Sở Văn hóa, Thể thao và Du lịch; phối hợp: Sở Ngoại vụ; thời gian: trước ngày 30/6/2026).
III. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện từ nguồn ngân sách tỉnh.
IV. TỔ CHỨC THỰC HIỆN
Sở Tài chính chủ trì, phối hợp với Sở Ngoại vụ theo dõi, đôn đốc thực hiện Kế hoạch.
"""


def container_text() -> None:
    (HERE / "tasks_and_solutions.txt").write_text(CONTAINER, encoding="utf-8")


if __name__ == "__main__":
    appendix_table()
    numbered_prose()
    assignments_prose()
    pasted_text()
    container_text()
