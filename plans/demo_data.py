"""Demo data for the portal: departments, one user per role, the four seed plans, reporting periods,
progress entries and about 120 delegations, as a province like Sơn La would have them.

Loaded by ``python manage.py load_demo_data``. The plans, tasks and figures come from the seed
documents (Kế hoạch 51/KH-UBND of Sơn La, 139/KH-UBND of Điện Biên, 1623/KH-UBND of Quảng Nam,
3394/KH-UBND of Kon Tum and Sơn La's report on 2017 and the first four months of 2018).

Every row is found by its natural key and saved only when a value differs, so running the loader
again adds no rows, no history records and no fresh timestamps. Delegations are generated from a
seeded random generator and a fixed reference date, so every run produces the same rows.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db import models, transaction
from django.utils import timezone

from accounts.choices import DepartmentKind, Role
from accounts.models import Department, User
from delegations.choices import DelegationStatus, Direction, FundingSource, PartnerKind
from delegations.models import Delegation, DelegationCountry
from plans.choices import PeriodKind, PlanKind, PlanStatus, ProgressStatus, TaskTiming, WorkflowState
from plans.models import (
    Plan,
    ProgressTargetValue,
    ReportingPeriod,
    StandardArea,
    Task,
    TaskArea,
    TaskProgress,
    TaskTarget,
)
from plans.selectors import current_period
from plans.services import reporting_periods_generate

DEMO_PASSWORD = "demo12345"
PROVINCE = "Sơn La"
PERIOD_YEARS = range(2017, 2027)
# Delegation statuses are judged against this date, not today, so that reruns give the same rows.
STATUS_AS_OF = date(2026, 11, 20)

# --- Departments ---------------------------------------------------------------------------


class DepartmentSpec(NamedTuple):
    code: str
    name: str
    short_name: str
    kind: str
    head_title: str  # how the head signs; used for the leaders of outbound delegations


AGENCY, DISTRICT, ASSOCIATION = DepartmentKind.PROVINCIAL_AGENCY, DepartmentKind.DISTRICT, DepartmentKind.ASSOCIATION

DEPARTMENTS = [
    DepartmentSpec("SNgV", "Sở Ngoại vụ", "Sở Ngoại vụ", AGENCY, "Giám đốc Sở Ngoại vụ"),
    DepartmentSpec("SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", AGENCY, "Giám đốc Sở Kế hoạch và Đầu tư"),
    DepartmentSpec("SCT", "Sở Công Thương", "Sở Công Thương", AGENCY, "Giám đốc Sở Công Thương"),
    DepartmentSpec(
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VHTT&DL",
        AGENCY,
        "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
    ),
    DepartmentSpec(
        "STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", AGENCY, "Giám đốc Sở Thông tin và Truyền thông"
    ),
    DepartmentSpec("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", AGENCY, "Giám đốc Sở Giáo dục và Đào tạo"),
    DepartmentSpec("SNV", "Sở Nội vụ", "Sở Nội vụ", AGENCY, "Giám đốc Sở Nội vụ"),
    DepartmentSpec("STC", "Sở Tài chính", "Sở Tài chính", AGENCY, "Giám đốc Sở Tài chính"),
    DepartmentSpec("CA", "Công an tỉnh", "Công an tỉnh", AGENCY, "Giám đốc Công an tỉnh"),
    DepartmentSpec(
        "BDBP",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "BĐBP tỉnh",
        AGENCY,
        "Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    ),
    DepartmentSpec(
        "BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS tỉnh", AGENCY, "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"
    ),
    DepartmentSpec("TTr", "Thanh tra tỉnh", "Thanh tra tỉnh", AGENCY, "Chánh Thanh tra tỉnh"),
    DepartmentSpec("UBND-TPSL", "UBND thành phố Sơn La", "UBND TP Sơn La", DISTRICT, "Chủ tịch UBND thành phố Sơn La"),
    DepartmentSpec("UBND-MC", "UBND huyện Mộc Châu", "UBND huyện Mộc Châu", DISTRICT, "Chủ tịch UBND huyện Mộc Châu"),
    DepartmentSpec(
        "LHHN",
        "Liên hiệp các tổ chức hữu nghị tỉnh",
        "Liên hiệp hữu nghị",
        ASSOCIATION,
        "Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh",
    ),
    DepartmentSpec("TD", "Tỉnh đoàn", "Tỉnh đoàn", ASSOCIATION, "Bí thư Tỉnh đoàn"),
]
FOCAL_POINT_CODE = "SNgV"
HEAD_TITLES = {spec.code: spec.head_title for spec in DEPARTMENTS}

# --- Users ---------------------------------------------------------------------------------


class UserSpec(NamedTuple):
    username: str
    role: str
    department: str | None
    last_name: str  # family and middle names (họ và tên đệm)
    first_name: str  # given name (tên)
    position: str


USERS = [
    UserSpec("canbo", Role.STAFF, "STTTT", "Nguyễn Thị", "Lan", "Chuyên viên Phòng Thông tin điện tử"),
    UserSpec("canbo2", Role.STAFF, "SCT", "Vì Văn", "Thành", "Chuyên viên Phòng Quản lý thương mại"),
    UserSpec("truongphong", Role.HEAD, "STTTT", "Lò Văn", "Hùng", "Trưởng phòng Thông tin điện tử"),
    UserSpec("chuyenvien", Role.SPECIALIST, "SNgV", "Cầm Thị", "Hoa", "Chuyên viên Phòng Hợp tác quốc tế"),
    UserSpec("lanhdao", Role.LEADERSHIP, None, "Hoàng Văn", "Minh", "Phó Chủ tịch UBND tỉnh"),
    UserSpec("quantri", Role.ADMINISTRATOR, None, "Trần Quốc", "Tuấn", "Quản trị hệ thống"),
    UserSpec(
        "thongke",
        Role.STATISTICS_READER,
        None,
        "Phạm Thu",
        "Trang",
        "Tài khoản đọc số liệu của Hệ thống thông tin báo cáo tỉnh",
    ),
]
DEPARTMENT_SHORT_NAMES = {spec.code: spec.short_name for spec in DEPARTMENTS}
# What the run command prints: each login with its role and, where it has one, its department.
DEMO_USERS = [
    (
        spec.username,
        f"{Role(spec.role).label} · {DEPARTMENT_SHORT_NAMES[spec.department]}"
        if spec.department
        else str(Role(spec.role).label),
    )
    for spec in USERS
]

# --- Plans ---------------------------------------------------------------------------------


class TaskSpec(NamedTuple):
    content: str
    lead: str
    coordinating: tuple[str, ...] = ()
    timing: str = TaskTiming.CONTINUOUS
    deadline: date | None = None
    expected_output: str = ""
    targets: tuple[tuple[str, str, int], ...] = ()  # (indicator, unit, target)


class AreaSpec(NamedTuple):
    title: str
    standard_area: str  # code in plans/standard_areas.py
    tasks: list[TaskSpec]


class PlanSpec(NamedTuple):
    key: str
    document_number: str
    issuer: str
    issue_date: date
    title: str
    summary: str
    start_year: int
    end_year: int
    continues_after: bool
    status: str
    legal_bases: list[str]
    areas: list[AreaSpec]


CONTINUOUS, YEARLY, QUARTERLY, DEADLINE = (
    TaskTiming.CONTINUOUS,
    TaskTiming.YEARLY,
    TaskTiming.QUARTERLY,
    TaskTiming.DEADLINE,
)
DECISION_272 = (
    "Quyết định số 272-QĐ/TW ngày 21/5/2015 của Bộ Chính trị ban hành Quy chế quản lý thống nhất "
    "các hoạt động đối ngoại"
)

SON_LA_PLAN = PlanSpec(
    key="son-la",
    document_number="51/KH-UBND",
    issuer="UBND tỉnh Sơn La",
    issue_date=date(2017, 3, 27),
    title="Hành động triển khai công tác đối ngoại tỉnh Sơn La giai đoạn 2017 – 2018",
    summary=(
        "Triển khai kết quả Hội nghị Ngoại vụ toàn quốc lần thứ 18 và các Nghị quyết, Chỉ thị, Chương trình "
        "hành động của Đảng và Nhà nước, của tỉnh về đối ngoại và hội nhập quốc tế; tăng cường chỉ đạo quản lý, "
        "triển khai hoạt động đối ngoại nhằm nâng cao công tác đối ngoại của tỉnh."
    ),
    start_year=2017,
    end_year=2018,
    continues_after=False,
    status=PlanStatus.CLOSED,
    legal_bases=[
        "Kết quả Hội nghị Ngoại vụ toàn quốc lần thứ 18",
        DECISION_272,
        "Nghị quyết Đại hội Đảng bộ tỉnh Sơn La lần thứ XIV, nhiệm kỳ 2015 – 2020",
        "Quy chế quản lý thống nhất các hoạt động đối ngoại của tỉnh Sơn La",
    ],
    areas=[
        AreaSpec(
            "Quán triệt chủ trương, đường lối đối ngoại và nâng cao hiệu quả quản lý hoạt động đối ngoại",
            "quan-triet",
            [
                TaskSpec(
                    "Tăng cường quán triệt thực hiện chủ trương, đường lối của Đảng và Nhà nước về đối ngoại và "
                    "hội nhập quốc tế.",
                    "SNgV",
                    ("SNV", "STTTT"),
                    expected_output="Các hội nghị quán triệt; báo cáo kết quả hằng năm",
                ),
                TaskSpec(
                    "Xây dựng các chương trình, kế hoạch để cụ thể hóa mục tiêu, nhiệm vụ công tác đối ngoại của "
                    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV nhiệm kỳ 2015 – 2020 đề ra; tổ chức thực hiện "
                    "Quy chế quản lý thống nhất các hoạt động đối ngoại của tỉnh.",
                    "SNgV",
                    ("SKHDT",),
                    YEARLY,
                    expected_output="Chương trình, kế hoạch đối ngoại được UBND tỉnh ban hành",
                ),
                TaskSpec(
                    "Ban hành và tổ chức triển khai thực hiện hiệu quả chương trình đối ngoại hàng năm đã được "
                    "phê duyệt; củng cố và tăng cường hiệu quả hoạt động của Ban chỉ đạo về Hội nhập quốc tế tỉnh.",
                    "SNgV",
                    ("SKHDT", "SCT"),
                    YEARLY,
                    expected_output="Chương trình hoạt động đối ngoại hằng năm; các phiên họp của Ban chỉ đạo",
                ),
                TaskSpec(
                    "Tăng cường công tác quản lý nhà nước và công tác kiểm tra, giám sát trong triển khai thực hiện "
                    "các hoạt động đối ngoại, đảm bảo hiệu quả, tiết kiệm và nâng cao tính chủ động của các sở, "
                    "ngành, địa phương, đơn vị trên địa bàn.",
                    "SNgV",
                    ("STC", "TTr"),
                ),
                TaskSpec(
                    "Thực hiện tốt công tác thanh tra ngoại giao theo quy định của Chính phủ và đảm bảo quá trình "
                    "triển khai thực hiện các hoạt động đối ngoại trên địa bàn tuân thủ các quy định.",
                    "SNgV",
                    ("TTr",),
                    YEARLY,
                    expected_output="Kết luận thanh tra chuyên ngành ngoại giao",
                ),
            ],
        ),
        AreaSpec(
            "Công tác ngoại giao kinh tế",
            "ngoai-giao-kinh-te",
            [
                TaskSpec(
                    "Đẩy mạnh hoạt động, đổi mới phương thức xúc tiến vận động, thu hút các nguồn vốn FDI, ODA, NGO "
                    "góp phần phát triển kinh tế - xã hội của tỉnh, chú trọng thu hút đầu tư nước ngoài vào khu du "
                    "lịch quốc gia Mộc Châu.",
                    "SKHDT",
                    ("SNgV", "SVHTTDL", "UBND-MC"),
                    expected_output="Các hội nghị xúc tiến đầu tư; dự án FDI được cấp chứng nhận đầu tư",
                ),
                TaskSpec(
                    "Hỗ trợ các doanh nghiệp địa phương trong việc kết nối với các đối tác nước ngoài, thu hút đầu tư.",
                    "SCT",
                    ("SKHDT", "SNgV"),
                ),
                TaskSpec(
                    "Tiếp tục đẩy mạnh triển khai thực hiện Chương trình xúc tiến vận động nguồn viện trợ phi "
                    "chính phủ nước ngoài; hàng năm ban hành Kế hoạch xúc tiến vận động viện trợ phi chính phủ "
                    "nước ngoài làm căn cứ triển khai thực hiện.",
                    "SNgV",
                    ("SKHDT", "STC", "LHHN"),
                    YEARLY,
                    expected_output="Kế hoạch xúc tiến vận động viện trợ phi chính phủ nước ngoài hằng năm",
                ),
                TaskSpec(
                    "Tranh thủ sự giúp đỡ của các cơ quan đầu mối Trung ương; tăng cường tiếp xúc, gặp gỡ các tổ "
                    "chức phi chính phủ nước ngoài và các cơ quan đối tác; đa dạng hóa các hình thức vận động.",
                    "LHHN",
                    ("SNgV",),
                ),
            ],
        ),
        AreaSpec(
            "Hợp tác quốc tế, quan hệ hữu nghị và hợp tác toàn diện với các tỉnh Bắc Lào",
            "hoi-nhap-quoc-te",
            [
                TaskSpec(
                    "Duy trì và không ngừng phát triển mối quan hệ truyền thống hữu nghị, hợp tác toàn diện với các "
                    "tỉnh Bắc Lào; thực hiện nghiêm túc các văn bản hợp tác đã ký kết với các tỉnh bạn Lào.",
                    "SNgV",
                    ("BDBP", "CA", "BCHQS"),
                ),
                TaskSpec(
                    "Triển khai hợp tác đi vào chiều sâu theo hướng hợp tác phát triển kinh tế đôi bên cùng có lợi "
                    "và hợp tác trên các lĩnh vực quốc phòng, an ninh, phát triển nông nghiệp, giáo dục đào tạo.",
                    "SKHDT",
                    ("SCT", "SGDDT", "BCHQS"),
                    YEARLY,
                ),
                TaskSpec(
                    "Hỗ trợ các tỉnh Bắc Lào xây dựng các công trình, trường học, hỗ trợ trang thiết bị văn phòng.",
                    "SKHDT",
                    ("STC", "SNgV"),
                    DEADLINE,
                    date(2018, 12, 31),
                    "Các công trình, trường học được bàn giao cho các tỉnh bạn",
                    (("Kinh phí hỗ trợ các tỉnh Bắc Lào", "đồng", 12_150_000_000),),
                ),
                TaskSpec(
                    "Duy trì và tăng cường công tác trao đổi đoàn các cấp để tổng kết, đánh giá kết quả hợp tác.",
                    "SNgV",
                    ("UBND-TPSL", "UBND-MC"),
                    YEARLY,
                    expected_output="Hội nghị tổng kết, đánh giá kết quả hợp tác hằng năm",
                ),
                TaskSpec(
                    "Thực hiện đầy đủ các cam kết trong cộng đồng ASEAN, thiết lập và đưa các mối quan hệ đối tác "
                    "đi vào thực chất.",
                    "SCT",
                    ("SNgV", "SKHDT"),
                ),
            ],
        ),
        AreaSpec(
            "Bảo vệ, xây dựng đường biên giới hòa bình, ổn định, hợp tác và phát triển",
            "bien-gioi-lanh-tho",
            [
                TaskSpec(
                    "Đẩy mạnh công tác bảo vệ, xây dựng đường biên giới hòa bình, ổn định, hợp tác và phát triển.",
                    "BDBP",
                    ("BCHQS", "CA", "UBND-MC"),
                ),
                TaskSpec(
                    "Thực hiện tốt công tác tuyên truyền, phổ biến, hướng dẫn và tổ chức thực hiện nghiêm túc Hiệp "
                    "định quy chế biên giới quốc gia Việt Nam – Lào.",
                    "BDBP",
                    ("STTTT", "SNgV"),
                    YEARLY,
                ),
                TaskSpec("Kiên quyết đấu tranh với các loại tội phạm qua biên giới.", "CA", ("BDBP",)),
            ],
        ),
        AreaSpec(
            "Đối ngoại Đảng, đối ngoại nhân dân và công tác đối với người Việt Nam ở nước ngoài",
            "doi-ngoai-nhan-dan",
            [
                TaskSpec(
                    "Nâng cao hiệu quả công tác đối ngoại Đảng và đối ngoại nhân dân.",
                    "LHHN",
                    ("TD",),
                ),
                TaskSpec("Đẩy mạnh công tác đối với người Việt Nam ở nước ngoài.", "SNgV", ("CA",)),
            ],
        ),
        AreaSpec(
            "Ngoại giao văn hóa và thông tin đối ngoại",
            "ngoai-giao-van-hoa",
            [
                TaskSpec(
                    "Tích cực triển khai Chiến lược ngoại giao văn hóa đến năm 2020.",
                    "SVHTTDL",
                    ("SNgV",),
                ),
                TaskSpec(
                    "Đổi mới, nâng cao chất lượng công tác đối ngoại nhằm tăng cường giới thiệu, quảng bá hình ảnh, "
                    "tiềm năng, thế mạnh của tỉnh đến với bạn bè, cộng đồng quốc tế.",
                    "STTTT",
                    ("SVHTTDL", "SNgV", "UBND-TPSL"),
                    QUARTERLY,
                ),
                TaskSpec(
                    "Xây dựng các sản phẩm thông tin đối ngoại, văn hóa đối ngoại có chất lượng.",
                    "STTTT",
                    ("SVHTTDL",),
                    DEADLINE,
                    date(2017, 9, 30),
                    "Ấn phẩm giới thiệu tỉnh Sơn La bằng tiếng Anh và tiếng Lào",
                    (("Số ấn phẩm thông tin đối ngoại", "ấn phẩm", 2),),
                ),
            ],
        ),
        AreaSpec(
            "Đào tạo, bồi dưỡng và tăng cường nguồn lực cho công tác đối ngoại",
            "dao-tao-boi-duong",
            [
                TaskSpec(
                    "Tiếp tục kiện toàn bộ máy tổ chức làm công tác đối ngoại địa phương theo hướng chuyên nghiệp, "
                    "tăng cường nguồn lực cho công tác đối ngoại và hội nhập quốc tế.",
                    "SNV",
                    ("SNgV",),
                ),
                TaskSpec(
                    "Mở lớp bồi dưỡng tiếng Việt bằng nguồn ngân sách của tỉnh cho cán bộ các cơ quan đoàn thể, "
                    "chính quyền và lực lượng công an, quân đội của các tỉnh Bắc Lào.",
                    "SGDDT",
                    ("SNgV", "STC"),
                    YEARLY,
                    expected_output="Các lớp bồi dưỡng tiếng Việt cho cán bộ các tỉnh Bắc Lào",
                    targets=(("Số lớp bồi dưỡng tiếng Việt", "lớp", 3), ("Số học viên", "học viên", 113)),
                ),
                TaskSpec(
                    "Tiếp nhận lưu học sinh Lào sang học tập tại tỉnh.",
                    "SGDDT",
                    ("SNgV", "CA"),
                    YEARLY,
                    targets=(("Số lưu học sinh Lào được tiếp nhận", "lưu học sinh", 256),),
                ),
                TaskSpec(
                    "Tiếp nhận chỉ tiêu đào tạo tiếng Việt và chuyên ngành Trung cấp Y tế cho cán bộ ngành công an "
                    "và lực lượng quân đội của các tỉnh Bắc Lào bằng nguồn ngân sách của tỉnh.",
                    "SGDDT",
                    ("CA", "BCHQS"),
                    YEARLY,
                    targets=(("Số chỉ tiêu đào tạo", "chỉ tiêu", 55),),
                ),
            ],
        ),
    ],
)

DIEN_BIEN_PLAN = PlanSpec(
    key="dien-bien",
    document_number="139/KH-UBND",
    issuer="UBND tỉnh Điện Biên",
    issue_date=date(2019, 1, 15),
    title="Hành động triển khai công tác đối ngoại tỉnh Điện Biên giai đoạn 2019 – 2021 và các năm tiếp theo",
    summary=(
        "Thực hiện tốt các nhiệm vụ đề ra tại Hội nghị Ngoại vụ toàn quốc lần thứ 19; công tác đối ngoại phải "
        "bám sát chủ trương, chính sách đối ngoại của Đảng và Nhà nước, gắn kết chặt chẽ hoạt động đối ngoại của "
        "Đảng, ngoại giao Nhà nước và đối ngoại nhân dân. Kế hoạch nêu 9 nội dung cần thực hiện."
    ),
    start_year=2019,
    end_year=2021,
    continues_after=True,
    status=PlanStatus.IN_FORCE,
    legal_bases=[
        "Kết quả Hội nghị Ngoại vụ toàn quốc lần thứ 19",
        DECISION_272,
        "Nghị quyết Đại hội Đảng bộ tỉnh Điện Biên lần thứ XIII",
        "Quyết định số 281/QĐ-UBND ngày 18/4/2018 của UBND tỉnh phê duyệt Đề án Phát triển thông tin đối ngoại "
        "tỉnh Điện Biên giai đoạn 2018 – 2020 tầm nhìn đến 2025",
    ],
    areas=[
        AreaSpec(
            "Tăng cường lãnh đạo, chỉ đạo và quản lý các hoạt động đối ngoại",
            "quan-triet",
            [
                TaskSpec(
                    "Các cấp, các ngành chủ động, sáng tạo trong quán triệt, cụ thể hóa thực hiện đường lối đối "
                    "ngoại của Đảng, chính sách của Nhà nước và Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIII.",
                    "SNgV",
                    ("SNV",),
                ),
                TaskSpec(
                    "Gắn kết chặt chẽ hoạt động đối ngoại của Đảng, ngoại giao Nhà nước và đối ngoại nhân dân; quản "
                    "lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh.",
                    "SNgV",
                    ("LHHN",),
                    YEARLY,
                ),
            ],
        ),
        AreaSpec(
            "Hội nhập quốc tế và công tác ngoại giao kinh tế phục vụ phát triển bền vững",
            "ngoai-giao-kinh-te",
            [
                TaskSpec(
                    "Thúc đẩy phát triển kinh tế - xã hội, trao đổi thương mại khu vực biên giới.",
                    "SCT",
                    ("SKHDT", "BDBP"),
                    YEARLY,
                ),
                TaskSpec(
                    "Tăng cường quan hệ hợp tác thực chất, hiệu quả với từng đối tác, trong từng lĩnh vực, nhất là "
                    "về kinh tế.",
                    "SKHDT",
                    ("SNgV", "SCT"),
                ),
            ],
        ),
        AreaSpec(
            "Đẩy mạnh và làm sâu sắc hơn mối quan hệ hợp tác quốc tế, đặc biệt là với các địa phương nước CHDCND "
            "Lào, Trung Quốc và các nước trong cộng đồng ASEAN",
            "hoi-nhap-quoc-te",
            [
                TaskSpec(
                    "Triển khai các thỏa thuận hợp tác đã ký với các tỉnh Bắc Lào và tỉnh Vân Nam (Trung Quốc); duy "
                    "trì trao đổi đoàn các cấp.",
                    "SNgV",
                    ("SKHDT", "BDBP"),
                    YEARLY,
                ),
            ],
        ),
        AreaSpec(
            "Công tác ngoại giao văn hóa",
            "ngoai-giao-van-hoa",
            [
                TaskSpec(
                    "Gắn quá trình hội nhập quốc tế với giữ gìn bản sắc dân tộc; tổ chức các hoạt động giao lưu văn "
                    "hóa với các địa phương nước ngoài có quan hệ hợp tác với tỉnh.",
                    "SVHTTDL",
                    ("SNgV",),
                ),
            ],
        ),
        AreaSpec(
            "Công tác thông tin đối ngoại",
            "thong-tin-doi-ngoai",
            [
                TaskSpec(
                    "Chủ trì, phối hợp với các sở, ban, ngành tỉnh và UBND các huyện, thị xã, thành phố tham mưu "
                    "đẩy mạnh công tác thông tin đối ngoại phục vụ quá trình hội nhập kinh tế quốc tế trên địa bàn "
                    "tỉnh.",
                    "STTTT",
                    ("SNgV", "SVHTTDL", "UBND-TPSL"),
                ),
                TaskSpec(
                    "Triển khai thực hiện có hiệu quả Quyết định số 281/QĐ-UBND ngày 18/4/2018 của UBND tỉnh phê "
                    "duyệt Đề án Phát triển thông tin đối ngoại tỉnh Điện Biên giai đoạn 2018 – 2020 tầm nhìn "
                    "đến 2025.",
                    "STTTT",
                    ("SNgV",),
                    DEADLINE,
                    date(2020, 12, 31),
                    "Báo cáo tổng kết thực hiện Đề án giai đoạn 2018 – 2020",
                ),
            ],
        ),
        AreaSpec(
            "Công tác lãnh sự và bảo hộ công dân",
            "lanh-su-bao-ho-cong-dan",
            [
                TaskSpec(
                    "Giải quyết kịp thời các vụ việc lãnh sự, bảo hộ công dân liên quan đến công dân của tỉnh ở "
                    "nước ngoài và người nước ngoài trên địa bàn.",
                    "SNgV",
                    ("CA",),
                ),
            ],
        ),
        AreaSpec(
            "Công tác quản lý biên giới lãnh thổ quốc gia",
            "bien-gioi-lanh-tho",
            [
                TaskSpec(
                    "Bảo vệ biên giới, nhất là đối với những địa bàn phức tạp; quản lý, bảo vệ đường biên, mốc giới.",
                    "BDBP",
                    ("CA", "BCHQS"),
                ),
            ],
        ),
        AreaSpec(
            "Đối ngoại nhân dân và công tác đối với người Việt Nam ở nước ngoài",
            "doi-ngoai-nhan-dan",
            [
                TaskSpec(
                    "Phát huy vai trò của các tổ chức hữu nghị trong giao lưu nhân dân với các địa phương của Lào "
                    "và Trung Quốc.",
                    "LHHN",
                    ("TD",),
                    YEARLY,
                ),
            ],
        ),
        AreaSpec(
            "Tăng cường nguồn lực cho công tác đối ngoại",
            "dao-tao-boi-duong",
            [
                TaskSpec(
                    "Kiện toàn tổ chức bộ máy, bồi dưỡng nghiệp vụ đối ngoại cho đội ngũ cán bộ làm công tác đối "
                    "ngoại của tỉnh.",
                    "SNV",
                    ("SNgV",),
                    YEARLY,
                ),
            ],
        ),
    ],
)

QUANG_NAM_PLAN = PlanSpec(
    key="quang-nam",
    document_number="1623/KH-UBND",
    issuer="UBND tỉnh Quảng Nam",
    issue_date=date(2018, 4, 2),
    title="Triển khai công tác đối ngoại tỉnh Quảng Nam năm 2018",
    summary=(
        "Đề ra 13 nhiệm vụ đối ngoại trọng tâm trong năm 2018; tăng cường quản lý thống nhất các hoạt động đối "
        "ngoại trên địa bàn tỉnh. Sở Ngoại vụ là cơ quan đầu mối theo dõi, hỗ trợ, hướng dẫn và tổng hợp báo cáo "
        "định kỳ hoặc đột xuất để UBND tỉnh chỉ đạo."
    ),
    start_year=2018,
    end_year=2018,
    continues_after=False,
    status=PlanStatus.IN_FORCE,
    legal_bases=[DECISION_272, "Kết quả Hội nghị Ngoại vụ toàn quốc lần thứ 18"],
    areas=[
        AreaSpec(
            "Quán triệt và triển khai các văn bản chỉ đạo của Trung ương, của tỉnh về công tác đối ngoại",
            "quan-triet",
            [
                TaskSpec(
                    "Quán triệt, phổ biến các văn bản chỉ đạo của Trung ương và của tỉnh về công tác đối ngoại đến "
                    "cán bộ, công chức các sở, ban, ngành và địa phương.",
                    "SNgV",
                    ("SNV",),
                    DEADLINE,
                    date(2018, 6, 30),
                ),
                TaskSpec(
                    "Xây dựng kế hoạch triển khai các hoạt động đối ngoại năm 2018 phù hợp với chức năng, nhiệm vụ "
                    "và dự toán kinh phí được giao.",
                    "SNgV",
                    ("SKHDT", "STC"),
                    DEADLINE,
                    date(2018, 4, 30),
                    "Kế hoạch hoạt động đối ngoại năm 2018 của các sở, ngành, địa phương",
                ),
            ],
        ),
        AreaSpec(
            "Thúc đẩy và mở rộng hội nhập quốc tế, hợp tác quốc tế",
            "hoi-nhap-quoc-te",
            [
                TaskSpec(
                    "Tham mưu triển khai các văn bản hợp tác đã ký kết với các địa phương nước ngoài; nghiên cứu "
                    "thiết lập quan hệ hợp tác với các địa phương có tiềm năng.",
                    "SNgV",
                    ("SKHDT",),
                    YEARLY,
                ),
                TaskSpec(
                    "Theo dõi, đôn đốc thực hiện các cam kết hội nhập quốc tế của Việt Nam trên địa bàn tỉnh.",
                    "SCT",
                    ("SKHDT",),
                ),
            ],
        ),
        AreaSpec(
            "Ngoại giao kinh tế",
            "ngoai-giao-kinh-te",
            [
                TaskSpec(
                    "Tổ chức các hoạt động xúc tiến đầu tư, thương mại, du lịch tại các thị trường trọng điểm; hỗ "
                    "trợ doanh nghiệp tìm kiếm đối tác nước ngoài.",
                    "SKHDT",
                    ("SCT", "SVHTTDL", "SNgV"),
                    YEARLY,
                    targets=(("Số doanh nghiệp được hỗ trợ kết nối đối tác", "doanh nghiệp", 10),),
                ),
                TaskSpec(
                    "Vận động, thu hút nguồn vốn FDI, ODA phục vụ phát triển kinh tế - xã hội của tỉnh.",
                    "SKHDT",
                    ("STC",),
                ),
                TaskSpec(
                    "Hỗ trợ doanh nghiệp của tỉnh tham gia hội chợ, triển lãm quốc tế.",
                    "SCT",
                    ("SKHDT",),
                    QUARTERLY,
                ),
            ],
        ),
        AreaSpec(
            "Ngoại giao văn hóa",
            "ngoai-giao-van-hoa",
            [
                TaskSpec(
                    "Tổ chức các hoạt động giao lưu văn hóa, nghệ thuật với các địa phương nước ngoài có quan hệ "
                    "hợp tác với tỉnh.",
                    "SVHTTDL",
                    ("SNgV",),
                    YEARLY,
                ),
                TaskSpec(
                    "Quảng bá các di sản văn hóa thế giới trên địa bàn tỉnh gắn với xúc tiến du lịch.",
                    "SVHTTDL",
                    ("STTTT",),
                ),
            ],
        ),
        AreaSpec(
            "Đối ngoại nhân dân",
            "doi-ngoai-nhan-dan",
            [
                TaskSpec(
                    "Tăng cường hoạt động của các tổ chức hữu nghị; tổ chức các hoạt động giao lưu nhân dân với các "
                    "địa phương nước ngoài.",
                    "LHHN",
                    ("TD",),
                    YEARLY,
                ),
            ],
        ),
        AreaSpec(
            "Công tác đối với người Việt Nam ở nước ngoài",
            "nguoi-viet-nam-o-nuoc-ngoai",
            [
                TaskSpec(
                    "Nắm tình hình, kết nối và vận động kiều bào tham gia đầu tư, kinh doanh và quảng bá hình ảnh "
                    "của tỉnh.",
                    "SNgV",
                    ("SKHDT",),
                ),
                TaskSpec(
                    "Thông tin, tuyên truyền chính sách của Đảng và Nhà nước đối với người Việt Nam ở nước ngoài.",
                    "STTTT",
                    ("SNgV",),
                ),
            ],
        ),
        AreaSpec(
            "Quản lý đoàn ra, đoàn vào",
            "doan-ra-doan-vao",
            [
                TaskSpec(
                    "Thẩm định, trình UBND tỉnh cho phép các đoàn ra, đoàn vào theo đúng quy định; theo dõi việc báo "
                    "cáo kết quả sau chuyến công tác.",
                    "SNgV",
                    ("CA",),
                ),
                TaskSpec(
                    "Tổng hợp, báo cáo tình hình đoàn ra, đoàn vào định kỳ hằng quý.",
                    "SNgV",
                    timing=QUARTERLY,
                    expected_output="Báo cáo quý về đoàn ra, đoàn vào",
                ),
            ],
        ),
        AreaSpec(
            "Công tác thông tin đối ngoại",
            "thong-tin-doi-ngoai",
            [
                TaskSpec(
                    "Xây dựng và cập nhật chuyên mục thông tin đối ngoại bằng tiếng Anh trên Cổng thông tin điện tử "
                    "của tỉnh.",
                    "STTTT",
                    ("SNgV",),
                    DEADLINE,
                    date(2018, 9, 30),
                    "Chuyên mục tiếng Anh trên Cổng thông tin điện tử tỉnh",
                ),
                TaskSpec(
                    "Định hướng các cơ quan báo chí địa phương đẩy mạnh thông tin tuyên truyền về hội nhập quốc tế.",
                    "STTTT",
                    timing=QUARTERLY,
                ),
            ],
        ),
        AreaSpec(
            "Công tác quản lý biên giới, lãnh thổ quốc gia",
            "bien-gioi-lanh-tho",
            [
                TaskSpec(
                    "Quản lý, bảo vệ đường biên, mốc giới trên tuyến biên giới Việt Nam – Lào; phối hợp với lực "
                    "lượng bảo vệ biên giới của tỉnh giáp biên nước bạn.",
                    "BDBP",
                    ("CA", "BCHQS"),
                ),
                TaskSpec(
                    "Tuyên truyền, phổ biến pháp luật về biên giới quốc gia cho nhân dân khu vực biên giới.",
                    "BDBP",
                    ("STTTT",),
                    YEARLY,
                ),
            ],
        ),
        AreaSpec(
            "Công tác phi chính phủ nước ngoài",
            "phi-chinh-phu-nuoc-ngoai",
            [
                TaskSpec(
                    "Ban hành và triển khai Kế hoạch xúc tiến vận động viện trợ phi chính phủ nước ngoài năm 2018.",
                    "LHHN",
                    ("SNgV", "SKHDT"),
                    DEADLINE,
                    date(2018, 5, 31),
                    "Kế hoạch xúc tiến vận động viện trợ phi chính phủ nước ngoài năm 2018",
                ),
                TaskSpec(
                    "Quản lý, theo dõi hoạt động của các tổ chức phi chính phủ nước ngoài trên địa bàn tỉnh.",
                    "SNgV",
                    ("CA",),
                ),
            ],
        ),
        AreaSpec(
            "Công tác lãnh sự và bảo hộ công dân",
            "lanh-su-bao-ho-cong-dan",
            [
                TaskSpec(
                    "Giải quyết kịp thời các vụ việc lãnh sự, bảo hộ công dân phát sinh; hỗ trợ thủ tục thị thực "
                    "cho khách nước ngoài đến làm việc tại tỉnh.",
                    "SNgV",
                    ("CA",),
                ),
            ],
        ),
        AreaSpec(
            "Công tác thanh tra đối ngoại và dịch vụ tư vấn đối ngoại",
            "thanh-tra-doi-ngoai",
            [
                TaskSpec(
                    "Tiến hành thanh tra chuyên ngành ngoại giao đối với một số cơ quan, đơn vị theo kế hoạch được "
                    "phê duyệt.",
                    "SNgV",
                    ("TTr",),
                    DEADLINE,
                    date(2018, 11, 30),
                    "Kết luận thanh tra",
                    (("Số cuộc thanh tra chuyên ngành", "cuộc", 2),),
                ),
                TaskSpec(
                    "Cung cấp dịch vụ tư vấn, hỗ trợ thủ tục đối ngoại cho doanh nghiệp và người dân.",
                    "SNgV",
                ),
            ],
        ),
        AreaSpec(
            "Công tác đào tạo, bồi dưỡng",
            "dao-tao-boi-duong",
            [
                TaskSpec(
                    "Tổ chức lớp bồi dưỡng kiến thức đối ngoại và hội nhập quốc tế cho cán bộ, công chức các sở, "
                    "ngành và địa phương.",
                    "SNgV",
                    ("SNV",),
                    DEADLINE,
                    date(2018, 10, 31),
                    targets=(("Số lớp bồi dưỡng", "lớp", 2), ("Số học viên", "học viên", 120)),
                ),
                TaskSpec(
                    "Cử cán bộ tham gia các khóa đào tạo ngoại ngữ và kỹ năng đối ngoại do Bộ Ngoại giao tổ chức.",
                    "SNV",
                    ("SNgV",),
                    YEARLY,
                ),
            ],
        ),
    ],
)

KON_TUM_PLAN = PlanSpec(
    key="kon-tum",
    document_number="3394/KH-UBND",
    issuer="UBND tỉnh Kon Tum",
    issue_date=date(2018, 12, 4),
    title="Kế hoạch hành động triển khai công tác đối ngoại của tỉnh giai đoạn 2018-2021 và các năm tiếp theo",
    summary=(
        "Bảo đảm sự lãnh đạo thống nhất của Tỉnh ủy, sự quản lý tập trung của UBND tỉnh đối với các hoạt động đối "
        "ngoại; tăng cường phối hợp đồng bộ, chặt chẽ giữa đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại nhân "
        "dân, phát huy tính chủ động, linh hoạt và sáng tạo trong công tác đối ngoại."
    ),
    start_year=2018,
    end_year=2021,
    continues_after=True,
    status=PlanStatus.IN_FORCE,
    legal_bases=[
        DECISION_272,
        "Kết luận số 33-KL/TW ngày 25/7/2018 của Bộ Chính trị về tiếp tục thực hiện Quy chế 272",
        "Chỉ thị số 25-CT/TW ngày 08/8/2018 của Ban Bí thư về đẩy mạnh và nâng tầm đối ngoại đa phương",
        "Chỉ thị số 26/CT-TTg ngày 04/9/2018 của Thủ tướng Chính phủ về đẩy mạnh hội nhập kinh tế quốc tế theo "
        "hướng hiệu lực, hiệu quả hơn",
        "Quyết định số 363-QĐ/TU ngày 26/10/2016 của Ban Thường vụ Tỉnh ủy Kon Tum ban hành Quy chế quản lý thống "
        "nhất các hoạt động đối ngoại của tỉnh",
    ],
    areas=[
        AreaSpec(
            "Về hợp tác quốc tế",
            "hoi-nhap-quoc-te",
            [
                TaskSpec(
                    "Tập trung cao độ đẩy mạnh hội nhập quốc tế phục vụ phát triển bền vững của địa phương theo "
                    "Nghị quyết Đại hội XII của Đảng; triển khai có hiệu quả Đề án định hướng Hội nhập quốc tế của "
                    "tỉnh Kon Tum đến năm 2020, tầm nhìn đến năm 2030 theo lộ trình.",
                    "SNgV",
                    ("SKHDT", "SCT"),
                ),
                TaskSpec(
                    "Xây dựng Chương trình hành động về hội nhập kinh tế quốc tế theo hướng khả thi, cụ thể, thiết "
                    "thực, có trọng tâm, trọng điểm với lộ trình thực hiện.",
                    "SCT",
                    ("SKHDT", "SNgV"),
                    DEADLINE,
                    date(2019, 6, 30),
                    "Chương trình hành động về hội nhập kinh tế quốc tế được UBND tỉnh ban hành",
                ),
                TaskSpec(
                    "Tiếp tục cải thiện môi trường đầu tư kinh doanh, đẩy mạnh cải cách hành chính nhằm thúc đẩy "
                    "xuất khẩu, thu hút FDI, tranh thủ ODA, NGOs và các nguồn thay thế.",
                    "SKHDT",
                    ("SNV", "SCT"),
                ),
                TaskSpec(
                    "Tiếp tục triển khai xúc tiến thiết lập quan hệ cấp địa phương với một số địa phương của Pháp, "
                    "Hàn Quốc, Nhật Bản và Úc theo lộ trình.",
                    "SNgV",
                    timing=YEARLY,
                ),
                TaskSpec(
                    "Tham mưu triển khai Kế hoạch của Ban Thường vụ Tỉnh ủy triển khai Chỉ thị số 25-CT/TW, ngày "
                    "08/8/2018 của Ban Bí thư về đẩy mạnh và nâng tầm đối ngoại đa phương.",
                    "SNgV",
                    ("SGDDT", "SVHTTDL"),
                ),
            ],
        ),
        AreaSpec(
            "Về quản lý các hoạt động đối ngoại",
            "quan-triet",
            [
                TaskSpec(
                    "Tiếp tục quán triệt và thực hiện nghiêm túc Quyết định 272-QĐ/TW, ngày 21/5/2015 của Bộ Chính "
                    "trị, Kết luận số 33-KL/TW, ngày 25/7/2018 của Bộ Chính trị và Quyết định số 363-QĐ/TU ngày "
                    "26/10/2016 của Ban Thường vụ Tỉnh ủy Kon Tum.",
                    "SNgV",
                    ("SNV",),
                ),
                TaskSpec(
                    "Tăng cường quản lý các đoàn đi công tác nước ngoài theo chỉ đạo tại Chỉ thị số 38-CT/TW của Bộ "
                    "Chính trị và các chỉ đạo của Thủ tướng Chính phủ, Ban Thường vụ Tỉnh ủy, UBND tỉnh.",
                    "SNgV",
                    ("SNV",),
                ),
                TaskSpec(
                    "Tăng cường nâng cao hiệu quả công tác đối ngoại của Đảng và đối ngoại nhân dân.",
                    "LHHN",
                    ("TD",),
                ),
                TaskSpec(
                    "Quản lý các đoàn nước ngoài vào hoạt động tại tỉnh theo đúng quy định.",
                    "CA",
                    ("SNgV",),
                ),
            ],
        ),
        AreaSpec(
            "Về thông tin đối ngoại và ngoại giao văn hóa",
            "thong-tin-doi-ngoai",
            [
                TaskSpec(
                    "Đẩy mạnh triển khai Kế hoạch hành động triển khai Chiến lược ngoại giao văn hóa đến năm 2020 "
                    "của tỉnh.",
                    "SVHTTDL",
                    ("SNgV",),
                ),
                TaskSpec(
                    "Chủ động đề xuất các hoạt động giao lưu văn hóa, thể thao với các đối tác, các địa phương có "
                    "quan hệ hợp tác chính thức với tỉnh.",
                    "SVHTTDL",
                    ("SNgV", "TD"),
                    YEARLY,
                ),
                TaskSpec(
                    "Nâng cao chất lượng thông tin đối ngoại thông qua các đoàn ra, đoàn vào và triển khai một số "
                    "hoạt động quảng bá hình ảnh địa phương ra thế giới.",
                    "STTTT",
                    ("SNgV",),
                ),
                TaskSpec(
                    "Đẩy mạnh triển khai hiệu quả Chiến lược thông tin tuyên truyền đối ngoại đến năm 2020 và các kế "
                    "hoạch, chỉ thị về công tác thông tin đối ngoại của Trung ương cũng như của tỉnh.",
                    "STTTT",
                    ("SVHTTDL",),
                ),
                TaskSpec(
                    "Triển khai công tác tổng hợp thông tin khu vực và thế giới có tác động đến tỉnh.",
                    "SNgV",
                    timing=QUARTERLY,
                    expected_output="Bản tin tổng hợp thông tin khu vực và thế giới hằng quý",
                ),
            ],
        ),
        AreaSpec(
            "Về công tác lãnh sự và người Việt Nam ở nước ngoài",
            "lanh-su-bao-ho-cong-dan",
            [
                TaskSpec(
                    "Làm tốt công tác người Việt Nam ở nước ngoài, đề xuất hỗ trợ các nguồn lực cho cộng đồng người "
                    "Việt Nam đang sinh sống tại các tỉnh giáp biên.",
                    "SNgV",
                    ("STC",),
                ),
                TaskSpec(
                    "Thực hiện hiệu quả công tác lãnh sự, bảo hộ công dân, công tác quản lý hội nghị, hội thảo quốc "
                    "tế.",
                    "SNgV",
                    ("CA",),
                ),
                TaskSpec(
                    "Triển khai công tác thanh tra chuyên ngành ngoại giao theo quy định.",
                    "SNgV",
                    ("TTr",),
                    YEARLY,
                ),
            ],
        ),
        AreaSpec(
            "Về công tác quản lý biên giới",
            "bien-gioi-lanh-tho",
            [
                TaskSpec(
                    "Làm tốt công tác quản lý biên giới lãnh thổ, bảo vệ đường biên cột mốc, xây dựng đường biên "
                    "giới hòa bình, hữu nghị.",
                    "BDBP",
                    ("BCHQS", "CA"),
                ),
                TaskSpec(
                    "Xây dựng chính sách phát triển kinh tế-xã hội ở khu vực biên giới phù hợp với quy định và tình "
                    "hình thực tế.",
                    "SKHDT",
                    ("BDBP",),
                ),
                TaskSpec(
                    "Tham mưu hoàn thành Đề án thỏa thuận về giải quyết người di cư tự do và kết hôn không giá thú "
                    "có hiệu lực đến tháng 11/2019.",
                    "CA",
                    ("BDBP", "SNgV"),
                    DEADLINE,
                    date(2019, 11, 30),
                    "Đề án được cấp có thẩm quyền phê duyệt",
                ),
            ],
        ),
        AreaSpec(
            "Về công tác đào tạo, bồi dưỡng",
            "dao-tao-boi-duong",
            [
                TaskSpec(
                    "Tổ chức các lớp bồi dưỡng kỹ năng kiến thức về công tác đối ngoại và hội nhập quốc tế cho cán "
                    "bộ, công chức của tỉnh.",
                    "SNgV",
                    ("SNV",),
                    YEARLY,
                ),
                TaskSpec(
                    "Tiếp tục kiện toàn bộ máy làm công tác đối ngoại của tỉnh theo hướng chuyên nghiệp, đáp ứng yêu "
                    "cầu công nghiệp hóa, hiện đại hóa và hội nhập quốc tế.",
                    "SNV",
                ),
                TaskSpec(
                    "Bồi dưỡng cán bộ, công chức làm công tác đối ngoại theo các đề án về đào tạo, bồi dưỡng cán bộ "
                    "đối ngoại giai đoạn 2016-2020 đã được Thủ tướng Chính phủ phê duyệt.",
                    "SNV",
                    ("SNgV",),
                    YEARLY,
                ),
            ],
        ),
    ],
)

PLANS = [SON_LA_PLAN, DIEN_BIEN_PLAN, QUANG_NAM_PLAN, KON_TUM_PLAN]

# --- Reporting periods ---------------------------------------------------------------------

# The window of Sơn La's report of 03/05/2018 (seed 004), keyed on its kind and name.
AD_HOC_PERIOD_NAME = "Năm 2017 và 4 tháng đầu năm 2018"
AD_HOC_PERIOD = {
    "year": 2018,
    "sequence": None,
    "start_date": date(2017, 1, 1),
    "end_date": date(2018, 4, 30),
    "deadline": date(2018, 5, 3),
}

# --- Progress ------------------------------------------------------------------------------


class ProgressSpec(NamedTuple):
    plan: str
    area: int
    task: int
    period: str  # key of _periods()
    department: str
    status: str
    percent: int
    state: str
    results: str
    difficulties: str = ""
    proposals: str = ""
    review_comment: str = ""
    achieved: tuple[tuple[str, int], ...] = ()  # (indicator, achieved value)


# Short names keep the progress tables below one entry per block.
S = ProgressStatus
W = WorkflowState

SON_LA_PROGRESS = [
    ProgressSpec(
        "son-la", 1, 2, "Y2017", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Đã tham mưu UBND tỉnh ban hành Chương trình hoạt động đối ngoại năm 2017 và Kế hoạch triển khai Quy chế "
        "quản lý thống nhất các hoạt động đối ngoại của tỉnh.",
    ),
    ProgressSpec(
        "son-la", 1, 3, "Y2017", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Chương trình đối ngoại năm 2017 được phê duyệt và triển khai; kiện toàn Ban chỉ đạo về Hội nhập quốc tế "
        "tỉnh, tổ chức 02 phiên họp.",
    ),
    ProgressSpec(
        "son-la", 1, 3, "Y2017", "SKHDT", S.IN_PROGRESS, 80, W.ACCEPTED,
        "Phối hợp xây dựng nội dung hợp tác kinh tế trong Chương trình đối ngoại năm 2017.",
        proposals="Đề nghị bố trí kinh phí riêng cho hoạt động của Ban chỉ đạo về Hội nhập quốc tế.",
    ),
    ProgressSpec(
        "son-la", 2, 1, "Y2017", "SKHDT", S.IN_PROGRESS, 60, W.ACCEPTED,
        "Tổ chức 02 hội nghị xúc tiến đầu tư; thu hút 03 dự án có vốn đầu tư nước ngoài vào khu du lịch quốc gia "
        "Mộc Châu.",
        "Hạ tầng giao thông kết nối còn hạn chế, chưa hấp dẫn các nhà đầu tư lớn.",
        "Đề nghị bố trí kinh phí xúc tiến đầu tư năm 2018.",
    ),
    ProgressSpec(
        "son-la", 2, 2, "Y2017", "SCT", S.IN_PROGRESS, 70, W.ACCEPTED,
        "Hỗ trợ 06 doanh nghiệp tham gia hội chợ thương mại Việt – Lào và kết nối với đối tác Thái Lan.",
        "Doanh nghiệp địa phương chủ yếu quy mô nhỏ, thiếu cán bộ ngoại ngữ.",
    ),
    ProgressSpec(
        "son-la", 3, 3, "Y2017", "SKHDT", S.IN_PROGRESS, 65, W.ACCEPTED,
        "Hoàn thành và bàn giao 02 trường học, hỗ trợ trang thiết bị văn phòng cho các tỉnh Hủa Phăn và Luông "
        "Pha Băng.",
        achieved=(("Kinh phí hỗ trợ các tỉnh Bắc Lào", 8_400_000_000),),
    ),
    ProgressSpec(
        "son-la", 3, 4, "Y2017", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Tổ chức hội nghị tổng kết hợp tác năm 2017 với các tỉnh Bắc Lào; ký Biên bản ghi nhớ hợp tác năm 2018.",
    ),
    ProgressSpec(
        "son-la", 4, 2, "Y2017", "BDBP", S.COMPLETED, 100, W.ACCEPTED,
        "Tổ chức 45 buổi tuyên truyền Hiệp định quy chế biên giới Việt Nam – Lào cho nhân dân các xã biên giới.",
    ),
    ProgressSpec(
        "son-la", 6, 2, "Y2017", "STTTT", S.IN_PROGRESS, 75, W.ACCEPTED,
        "Duy trì chuyên mục Thông tin đối ngoại trên Cổng thông tin điện tử tỉnh; phát hành 12 số bản tin song ngữ "
        "Việt – Lào.",
    ),
    ProgressSpec(
        "son-la", 6, 3, "Y2017", "STTTT", S.COMPLETED_LATE, 100, W.ACCEPTED,
        "Hoàn thành ấn phẩm giới thiệu tỉnh Sơn La bằng tiếng Anh và tiếng Lào trong tháng 11/2017.",
        "Chậm so với kế hoạch do phải điều chỉnh nội dung bản dịch tiếng Lào.",
        achieved=(("Số ấn phẩm thông tin đối ngoại", 2),),
    ),
    ProgressSpec(
        "son-la", 7, 2, "Y2017", "SGDDT", S.COMPLETED, 100, W.ACCEPTED,
        "Mở 02 lớp bồi dưỡng tiếng Việt cho cán bộ các tỉnh Bắc Lào.",
        achieved=(("Số lớp bồi dưỡng tiếng Việt", 2), ("Số học viên", 75)),
    ),
    ProgressSpec(
        "son-la", 7, 3, "Y2017", "SGDDT", S.COMPLETED, 100, W.ACCEPTED,
        "Tiếp nhận 180 lưu học sinh Lào sang học tập tại các trường trên địa bàn tỉnh.",
        achieved=(("Số lưu học sinh Lào được tiếp nhận", 180),),
    ),
    ProgressSpec(
        "son-la", 1, 1, "H1-2018", "SNgV", S.IN_PROGRESS, 50, W.SUBMITTED,
        "Tổ chức hội nghị quán triệt kết quả Hội nghị Ngoại vụ toàn quốc cho lãnh đạo các sở, ngành, địa phương.",
    ),
    ProgressSpec(
        "son-la", 2, 1, "H1-2018", "SKHDT", S.IN_PROGRESS, 40, W.APPROVED,
        "Tổ chức đoàn xúc tiến đầu tư tại Nhật Bản; tiếp và làm việc với 04 nhà đầu tư quan tâm đến Mộc Châu.",
    ),
    ProgressSpec(
        "son-la", 2, 2, "H1-2018", "SCT", S.BEHIND, 30, W.RETURNED,
        "Đang khảo sát nhu cầu kết nối của doanh nghiệp.",
        "Chưa bố trí được kinh phí tổ chức hội nghị kết nối giao thương.",
        review_comment="Đề nghị bổ sung số doanh nghiệp đã được hỗ trợ kết nối và tên các đối tác nước ngoài.",
    ),
    ProgressSpec(
        "son-la", 3, 3, "H1-2018", "SKHDT", S.IN_PROGRESS, 90, W.ACCEPTED,
        "Bàn giao trang thiết bị văn phòng cho tỉnh Phông Xa Lỳ; khởi công nhà lớp học tại tỉnh U Đôm Xay.",
        achieved=(("Kinh phí hỗ trợ các tỉnh Bắc Lào", 3_750_000_000),),
    ),
    ProgressSpec(
        "son-la", 4, 3, "H1-2018", "CA", S.IN_PROGRESS, 50, W.APPROVED,
        "Phối hợp với lực lượng công an các tỉnh Bắc Lào triệt phá 07 vụ mua bán trái phép chất ma túy qua biên "
        "giới.",
    ),
    ProgressSpec(
        "son-la", 6, 1, "H1-2018", "SVHTTDL", S.IN_PROGRESS, 45, W.SUBMITTED,
        "Tổ chức giao lưu văn hóa, thể thao Việt – Lào nhân dịp Tết cổ truyền Bun Pi May.",
    ),
    ProgressSpec(
        "son-la", 6, 2, "H1-2018", "STTTT", S.IN_PROGRESS, 55, W.DRAFT,
        "Đăng tải 86 tin, bài thông tin đối ngoại; phối hợp với Đài Phát thanh – Truyền hình tỉnh sản xuất phóng "
        "sự về Mộc Châu.",
    ),
    ProgressSpec(
        "son-la", 6, 2, "H1-2018", "SVHTTDL", S.IN_PROGRESS, 50, W.RETURNED,
        "Phối hợp quảng bá du lịch.",
        review_comment="Nội dung kết quả chưa nêu rõ các hoạt động quảng bá đã tổ chức; đề nghị bổ sung.",
    ),
    ProgressSpec(
        "son-la", 7, 2, "H1-2018", "SGDDT", S.IN_PROGRESS, 40, W.SUBMITTED,
        "Mở 01 lớp bồi dưỡng tiếng Việt; chuẩn bị khai giảng lớp tiếp theo trong tháng 5/2018.",
        achieved=(("Số lớp bồi dưỡng tiếng Việt", 1), ("Số học viên", 38)),
    ),
    ProgressSpec(
        "son-la", 5, 1, "H1-2018", "LHHN", S.NOT_STARTED, 0, W.DRAFT,
        "",
        "Đang chờ Trung ương Liên hiệp các tổ chức hữu nghị Việt Nam hướng dẫn chương trình năm 2018.",
    ),
    ProgressSpec(
        "son-la", 2, 4, "H1-2018", "LHHN", S.NOT_DONE, 0, W.SUBMITTED,
        "",
        "Không bố trí được kinh phí để tổ chức các cuộc tiếp xúc với tổ chức phi chính phủ nước ngoài.",
        "Đề nghị Sở Tài chính bố trí kinh phí trong dự toán bổ sung năm 2018.",
    ),
    ProgressSpec(
        "son-la", 3, 4, "AH-2018", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Đã đón tiếp và làm việc với 266 đoàn với 2.024 lượt khách quốc tế; trong đó có 14 đoàn với 176 lượt "
        "khách đến từ nước CHDCND Lào. Tỉnh đã cử 112 đoàn với 627 lượt cán bộ đi công tác tại các nước và vùng "
        "lãnh thổ trên thế giới, trong đó có 59 đoàn với 457 lượt cán bộ đi công tác tại nước CHDCND Lào.",
    ),
    ProgressSpec(
        "son-la", 3, 3, "AH-2018", "SKHDT", S.COMPLETED, 100, W.ACCEPTED,
        "Hỗ trợ các tỉnh Bắc Lào xây dựng các công trình, trường học, hỗ trợ trang thiết bị văn phòng với tổng "
        "kinh phí: 12.150.000.000 đồng.",
        achieved=(("Kinh phí hỗ trợ các tỉnh Bắc Lào", 12_150_000_000),),
    ),
    ProgressSpec(
        "son-la", 7, 2, "AH-2018", "SGDDT", S.COMPLETED, 100, W.ACCEPTED,
        "Mở 03 lớp Bồi dưỡng tiếng Việt bằng nguồn ngân sách của tỉnh cho 113 cán bộ của các cơ quan đoàn thể, "
        "chính quyền và lực lượng công an, quân đội của 08 tỉnh Bắc Lào.",
        achieved=(("Số lớp bồi dưỡng tiếng Việt", 3), ("Số học viên", 113)),
    ),
    ProgressSpec(
        "son-la", 7, 3, "AH-2018", "SGDDT", S.COMPLETED, 100, W.ACCEPTED,
        "Tiếp nhận 256 lưu học sinh sang học tập tại tỉnh.",
        achieved=(("Số lưu học sinh Lào được tiếp nhận", 256),),
    ),
    ProgressSpec(
        "son-la", 7, 4, "AH-2018", "SGDDT", S.COMPLETED, 100, W.ACCEPTED,
        "Tiếp nhận 55 chỉ tiêu đào tạo tiếng Việt và chuyên ngành Trung cấp Y tế cho cán bộ ngành công an và lực "
        "lượng quân đội của 9 tỉnh Bắc Lào bằng nguồn ngân sách của tỉnh.",
        achieved=(("Số chỉ tiêu đào tạo", 55),),
    ),
    ProgressSpec(
        "son-la", 6, 2, "AH-2018", "STTTT", S.IN_PROGRESS, 80, W.ACCEPTED,
        "Hoạt động thông tin đối ngoại tiếp tục được triển khai đồng bộ, địa bàn và đối tượng ngày càng được mở "
        "rộng, có nhiều kênh thông tin, quảng bá hình ảnh con người và đa dạng bản sắc dân tộc Sơn La.",
        proposals="Tiếp tục đẩy mạnh thông tin tuyên truyền về tiềm năng phát triển và chính sách thu hút đầu tư "
        "của tỉnh trong 8 tháng cuối năm 2018.",
    ),
]  # fmt: skip

QUANG_NAM_PROGRESS = [
    ProgressSpec(
        "quang-nam", 1, 1, "H1-2018", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Tổ chức hội nghị quán triệt các văn bản chỉ đạo về công tác đối ngoại cho 150 đại biểu các sở, ngành, "
        "địa phương.",
    ),
    ProgressSpec(
        "quang-nam", 1, 2, "H1-2018", "SNgV", S.COMPLETED_LATE, 100, W.ACCEPTED,
        "Tổng hợp kế hoạch hoạt động đối ngoại năm 2018 của 32 sở, ngành, địa phương.",
        "Một số đơn vị gửi kế hoạch chậm nên hoàn thành tổng hợp ngày 15/5/2018, chậm so với thời hạn.",
    ),
    ProgressSpec(
        "quang-nam", 1, 2, "H1-2018", "SKHDT", S.COMPLETED, 100, W.SUBMITTED,
        "Ban hành kế hoạch hoạt động đối ngoại năm 2018 của Sở Kế hoạch và Đầu tư.",
    ),
    ProgressSpec(
        "quang-nam", 3, 1, "H1-2018", "SKHDT", S.IN_PROGRESS, 45, W.ACCEPTED,
        "Tổ chức hội nghị xúc tiến đầu tư tại Hàn Quốc; hỗ trợ 04 doanh nghiệp kết nối với đối tác nước ngoài.",
        achieved=(("Số doanh nghiệp được hỗ trợ kết nối đối tác", 4),),
    ),
    ProgressSpec(
        "quang-nam", 3, 3, "H1-2018", "SCT", S.IN_PROGRESS, 50, W.SUBMITTED,
        "Hỗ trợ 05 doanh nghiệp tham gia Hội chợ Thương mại quốc tế Việt Nam.",
    ),
    ProgressSpec(
        "quang-nam", 4, 1, "H1-2018", "SVHTTDL", S.IN_PROGRESS, 40, W.APPROVED,
        "Tổ chức chương trình giao lưu nghệ thuật với đoàn nghệ sĩ tỉnh Sê Kông (Lào).",
    ),
    ProgressSpec(
        "quang-nam", 7, 2, "H1-2018", "SNgV", S.IN_PROGRESS, 50, W.ACCEPTED,
        "Hoàn thành báo cáo tình hình đoàn ra, đoàn vào quý I và quý II năm 2018.",
    ),
    ProgressSpec(
        "quang-nam", 8, 1, "H1-2018", "STTTT", S.IN_PROGRESS, 60, W.SUBMITTED,
        "Hoàn thành khung chuyên mục tiếng Anh; đang biên dịch các bài giới thiệu về tỉnh.",
    ),
    ProgressSpec(
        "quang-nam", 8, 2, "H1-2018", "STTTT", S.IN_PROGRESS, 50, W.RETURNED,
        "Định hướng báo chí địa phương tuyên truyền về hội nhập quốc tế.",
        review_comment="Đề nghị nêu cụ thể số tin, bài thông tin đối ngoại đã đăng tải trong kỳ.",
    ),
    ProgressSpec(
        "quang-nam", 9, 1, "H1-2018", "BDBP", S.IN_PROGRESS, 50, W.ACCEPTED,
        "Tổ chức 12 đợt tuần tra song phương với lực lượng bảo vệ biên giới tỉnh Sê Kông.",
    ),
    ProgressSpec(
        "quang-nam", 10, 1, "H1-2018", "LHHN", S.BEHIND, 60, W.RETURNED,
        "Đã xây dựng dự thảo kế hoạch, đang lấy ý kiến các sở, ngành.",
        "Chậm nhận được ý kiến góp ý của một số đơn vị.",
        review_comment="Kế hoạch chưa ban hành đúng hạn 31/5/2018; đề nghị giải trình nguyên nhân và thời gian "
        "hoàn thành.",
    ),
    ProgressSpec(
        "quang-nam", 13, 1, "H1-2018", "SNgV", S.NOT_STARTED, 0, W.DRAFT,
        "",
        "Đang chờ Học viện Ngoại giao thống nhất thời gian giảng dạy.",
    ),
    ProgressSpec(
        "quang-nam", 2, 1, "Y2018", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Triển khai các văn bản hợp tác đã ký với tỉnh Sê Kông và tỉnh Chăm Pa Sắc (Lào); nghiên cứu thiết lập quan "
        "hệ với 02 địa phương của Hàn Quốc.",
    ),
    ProgressSpec(
        "quang-nam", 3, 1, "Y2018", "SKHDT", S.COMPLETED, 100, W.ACCEPTED,
        "Tổ chức 03 hội nghị xúc tiến đầu tư tại Hàn Quốc, Nhật Bản và Thái Lan; hỗ trợ 12 doanh nghiệp kết nối "
        "với đối tác nước ngoài.",
        achieved=(("Số doanh nghiệp được hỗ trợ kết nối đối tác", 12),),
    ),
    ProgressSpec(
        "quang-nam", 3, 3, "Y2018", "SCT", S.IN_PROGRESS, 85, W.APPROVED,
        "Hỗ trợ 11 doanh nghiệp tham gia 03 hội chợ, triển lãm quốc tế.",
    ),
    ProgressSpec(
        "quang-nam", 8, 1, "Y2018", "STTTT", S.COMPLETED_LATE, 100, W.SUBMITTED,
        "Chuyên mục tiếng Anh trên Cổng thông tin điện tử tỉnh chính thức hoạt động từ ngày 20/10/2018.",
        "Chậm so với thời hạn do thiếu biên dịch viên tiếng Anh.",
    ),
    ProgressSpec(
        "quang-nam", 8, 2, "Y2018", "STTTT", S.IN_PROGRESS, 90, W.DRAFT,
        "Đăng tải 240 tin, bài thông tin đối ngoại trên báo chí địa phương.",
    ),
    ProgressSpec(
        "quang-nam", 10, 1, "Y2018", "LHHN", S.COMPLETED_LATE, 100, W.ACCEPTED,
        "Kế hoạch xúc tiến vận động viện trợ phi chính phủ nước ngoài năm 2018 được ban hành ngày 20/6/2018.",
    ),
    ProgressSpec(
        "quang-nam", 12, 1, "Y2018", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Hoàn thành 02 cuộc thanh tra chuyên ngành ngoại giao; ban hành kết luận thanh tra.",
        achieved=(("Số cuộc thanh tra chuyên ngành", 2),),
    ),
    ProgressSpec(
        "quang-nam", 12, 1, "Y2018", "TTr", S.COMPLETED, 100, W.APPROVED,
        "Cử 02 thanh tra viên tham gia đoàn thanh tra chuyên ngành ngoại giao.",
    ),
    ProgressSpec(
        "quang-nam", 13, 1, "Y2018", "SNgV", S.COMPLETED, 100, W.ACCEPTED,
        "Tổ chức 02 lớp bồi dưỡng kiến thức đối ngoại cho 126 cán bộ, công chức.",
        achieved=(("Số lớp bồi dưỡng", 2), ("Số học viên", 126)),
    ),
    ProgressSpec(
        "quang-nam", 13, 2, "Y2018", "SNV", S.NOT_DONE, 0, W.SUBMITTED,
        "",
        "Trong năm 2018 Bộ Ngoại giao không tổ chức khóa đào tạo phù hợp với đối tượng của tỉnh.",
    ),
    ProgressSpec(
        "quang-nam", 9, 2, "Y2018", "BDBP", S.BEHIND, 70, W.RETURNED,
        "Tổ chức tuyên truyền tại 08 xã biên giới.",
        review_comment="Đề nghị bổ sung số buổi tuyên truyền và số lượt người tham dự.",
    ),
    ProgressSpec(
        "quang-nam", 5, 1, "Y2018", "LHHN", S.IN_PROGRESS, 80, W.DRAFT,
        "Tổ chức 04 chương trình giao lưu nhân dân với các địa phương của Lào và Hàn Quốc.",
    ),
]  # fmt: skip

PROGRESS = SON_LA_PROGRESS + QUANG_NAM_PROGRESS

# --- Delegations ---------------------------------------------------------------------------

LAO_PROVINCES = [
    "Hủa Phăn",
    "Luông Pha Băng",
    "Phông Xa Lỳ",
    "U Đôm Xay",
    "Xiêng Khoảng",
    "Luông Nặm Thà",
    "Bò Kẹo",
    "Xay Nha Bu Ly",
]
COUNTRY_NAMES = {
    "LA": "Lào",
    "JP": "Nhật Bản",
    "KR": "Hàn Quốc",
    "CN": "Trung Quốc",
    "TH": "Thái Lan",
    "FR": "Pháp",
    "AU": "Australia",
    "US": "Hoa Kỳ",
}
COUNTRY_WEIGHTS = {"LA": 50, "JP": 10, "KR": 10, "CN": 8, "TH": 8, "FR": 5, "AU": 5, "US": 4}
MULTI_COUNTRY_ROUTES = [("JP", "KR"), ("LA", "TH"), ("CN", "LA"), ("KR", "JP", "CN"), ("FR", "TH")]

# country: (kind of partner, partner, locality in that country)
FOREIGN_PARTNERS = {
    "JP": [
        (PartnerKind.EMBASSY, "Đại sứ quán Nhật Bản tại Việt Nam", ""),
        (PartnerKind.OTHER, "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)", ""),
        (PartnerKind.LOCALITY, "tỉnh Shizuoka", "Shizuoka"),
        (PartnerKind.ENTERPRISE, "Công ty Nông nghiệp Hokkaido Agri", "Hokkaido"),
    ],
    "KR": [
        (PartnerKind.LOCALITY, "tỉnh Gyeongsangbuk", "Gyeongsangbuk"),
        (PartnerKind.ENTERPRISE, "Công ty TNHH Nông sản Daesung", "Seoul"),
        (PartnerKind.NGO, "Tổ chức Good Neighbors International", ""),
    ],
    "CN": [
        (PartnerKind.LOCALITY, "tỉnh Vân Nam", "Vân Nam"),
        (PartnerKind.ENTERPRISE, "Công ty Xuất nhập khẩu Nông sản Côn Minh", "Vân Nam"),
    ],
    "TH": [
        (PartnerKind.LOCALITY, "tỉnh Nan", "Nan"),
        (PartnerKind.ENTERPRISE, "Công ty Chế biến thực phẩm Chiang Mai", "Chiang Mai"),
    ],
    "FR": [
        (PartnerKind.NGO, "Tổ chức Nông học và Thú y không biên giới (AVSF)", ""),
        (PartnerKind.LOCALITY, "vùng Normandie", "Normandie"),
    ],
    "AU": [
        (PartnerKind.EMBASSY, "Đại sứ quán Australia tại Việt Nam", ""),
        (PartnerKind.INTERNATIONAL_ORGANISATION, "Chương trình Phát triển Liên hợp quốc (UNDP)", ""),
    ],
    "US": [
        (PartnerKind.NGO, "Tổ chức Đông Tây Hội ngộ (East Meets West)", ""),
        (PartnerKind.EMBASSY, "Đại sứ quán Hoa Kỳ tại Việt Nam", ""),
    ],
}
FOREIGN_NAMES = {
    "JP": ["Tanaka Hiroshi", "Sato Kenji", "Yamamoto Yuki"],
    "KR": ["Kim Jae-won", "Park Min-soo", "Lee Ji-hye"],
    "CN": ["Lý Kiến Quốc", "Vương Minh Huy", "Trương Lệ Hoa"],
    "TH": ["Somchai Phanit", "Suwit Thongdee"],
    "FR": ["Jean-Pierre Martin", "Claire Dubois"],
    "AU": ["Andrew Wilson", "Sarah Mitchell"],
    "US": ["Michael Johnson", "Emily Carter"],
}
FOREIGN_POSITIONS = {
    PartnerKind.EMBASSY: ["Đại sứ", "Tham tán Chính trị", "Tham tán Kinh tế"],
    PartnerKind.LOCALITY: ["Phó Thống đốc", "Chủ tịch Hội đồng tỉnh", "Giám đốc Sở Hợp tác quốc tế"],
    PartnerKind.ENTERPRISE: ["Tổng Giám đốc", "Phó Tổng Giám đốc"],
    PartnerKind.NGO: ["Trưởng đại diện tại Việt Nam", "Điều phối viên chương trình"],
    PartnerKind.INTERNATIONAL_ORGANISATION: ["Trưởng đại diện", "Phó Trưởng đại diện"],
    PartnerKind.OTHER: ["Trưởng đại diện", "Chuyên gia tư vấn"],
}
INBOUND_PURPOSES = {
    PartnerKind.EMBASSY: ["Tìm hiểu tiềm năng hợp tác kinh tế, văn hóa, giáo dục", "Chào xã giao lãnh đạo tỉnh"],
    PartnerKind.LOCALITY: ["Trao đổi về khả năng thiết lập quan hệ hợp tác hữu nghị", "Giao lưu văn hóa, du lịch"],
    PartnerKind.ENTERPRISE: ["Khảo sát cơ hội đầu tư vào khu du lịch quốc gia Mộc Châu", "Khảo sát vùng nguyên liệu"],
    PartnerKind.NGO: ["Khảo sát, xây dựng dự án viện trợ phi chính phủ", "Giám sát thực hiện dự án viện trợ"],
    PartnerKind.INTERNATIONAL_ORGANISATION: ["Làm việc về dự án giảm nghèo bền vững"],
    PartnerKind.OTHER: ["Khảo sát dự án hỗ trợ phát triển nông nghiệp"],
}
INBOUND_HOSTS = {
    PartnerKind.EMBASSY: ["SNgV"],
    PartnerKind.LOCALITY: ["SNgV", "SVHTTDL"],
    PartnerKind.ENTERPRISE: ["SKHDT", "SCT", "UBND-MC"],
    PartnerKind.NGO: ["LHHN", "SNgV"],
    PartnerKind.INTERNATIONAL_ORGANISATION: ["SKHDT", "SNgV"],
    PartnerKind.OTHER: ["SKHDT", "SGDDT"],
}
OUTBOUND_PURPOSES = {
    "SKHDT": ["Xúc tiến đầu tư, thương mại và du lịch", "Làm việc với nhà đầu tư quan tâm đến khu du lịch Mộc Châu"],
    "SCT": ["Tham dự hội chợ, triển lãm quốc tế và giới thiệu sản phẩm nông sản của tỉnh"],
    "SVHTTDL": ["Quảng bá du lịch và tham dự lễ hội văn hóa", "Học tập kinh nghiệm phát triển du lịch cộng đồng"],
    "SNgV": ["Trao đổi về khả năng thiết lập quan hệ hợp tác hữu nghị giữa hai địa phương"],
    "SGDDT": ["Học tập kinh nghiệm hợp tác đào tạo và trao đổi học sinh, sinh viên"],
    "UBND-TPSL": ["Học tập kinh nghiệm quản lý đô thị"],
    "UBND-MC": ["Học tập kinh nghiệm phát triển nông nghiệp công nghệ cao"],
}
# Enterprises pay for some trade and investment trips; other bodies travel on the provincial budget.
ENTERPRISE_FUNDED_DEPARTMENTS = {"SKHDT", "SCT"}
LAO_INBOUND_PURPOSES = [
    "Trao đổi kinh nghiệm và đánh giá kết quả thực hiện Biên bản ghi nhớ hợp tác",
    "Chúc Tết cổ truyền Việt Nam",
    "Khảo sát mô hình phát triển nông nghiệp và xây dựng nông thôn mới",
    "Dự lễ khai giảng lớp bồi dưỡng tiếng Việt cho cán bộ các tỉnh Bắc Lào",
    "Hội đàm về công tác quản lý biên giới, phòng chống tội phạm ma túy qua biên giới",
]
LAO_OUTBOUND_PURPOSES = [
    "Chúc Tết cổ truyền Bun Pi May",
    "Hội nghị tổng kết hợp tác và ký Biên bản ghi nhớ hợp tác năm tiếp theo",
    "Bàn giao công trình trường học do tỉnh Sơn La hỗ trợ",
    "Hội đàm về phân giới, cắm mốc và quản lý đường biên",
    "Khảo sát nhu cầu đào tạo cán bộ và tuyển sinh lưu học sinh",
]
LAO_DEPARTMENTS = ["SNgV", "SNgV", "BDBP", "CA", "BCHQS", "SGDDT", "UBND-MC", "UBND-TPSL", "LHHN", "TD"]
LAO_NAMES = [
    "Khăm Phăn Xay Nha Vông",
    "Bun Thoong Phôm Ma Chăn",
    "Xổm Phít Ín Thạ Vông",
    "Vi Lay Phon Xay",
    "Thong Xạ Văn Keo Ma Ny",
    "Phon Xay Xổm Bun",
    "Ăn Nu Sắc Phi La Vông",
]
LAO_POSITIONS = [
    "Phó Tỉnh trưởng tỉnh {province}",
    "Phó Bí thư Tỉnh ủy tỉnh {province}",
    "Giám đốc Sở Ngoại giao tỉnh {province}",
    "Giám đốc Sở Giáo dục và Thể thao tỉnh {province}",
    "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh {province}",
]
# Leaders' names are built from these so that each post has one holder per era (11 and 13 are coprime).
LEADER_FAMILY_NAMES = ["Nguyễn", "Lò", "Cầm", "Hoàng", "Đinh", "Quàng", "Lường", "Tòng", "Trần", "Vũ", "Lê"]
LEADER_GIVEN_NAMES = [
    "Văn An",
    "Văn Mạnh",
    "Thị Hạnh",
    "Công Sứ",
    "Thị Thu",
    "Minh Đức",
    "Thị Ngọc",
    "Quang Huy",
    "Văn Bình",
    "Xuân Trường",
    "Thị Hương",
    "Đức Thắng",
    "Văn Chung",
]
CANCELLATION_REASONS = [
    "Phía đối tác đề nghị lùi thời gian làm việc sang năm sau.",
    "Mưa lũ làm chia cắt tuyến đường đến cửa khẩu.",
    "Lãnh đạo tỉnh có lịch công tác đột xuất.",
]
DELEGATIONS_PER_YEAR = {2017: 32, 2018: 30, 2025: 28, 2026: 30}


# --- Loading -------------------------------------------------------------------------------


@transaction.atomic
def demo_data_load() -> dict[str, int]:
    """Load (or bring up to date) all demo data; return the row count of each model it fills."""
    departments = _load_departments()
    users = _load_users(departments)
    tasks = _load_plans(departments)
    periods = _load_periods()
    _load_progress(tasks, periods, departments, users)
    _load_current_progress(departments, users)
    _load_delegations(departments, users, tasks)
    return _row_counts()


def _row_counts() -> dict[str, int]:
    loaded = [
        Department,
        User,
        Plan,
        TaskArea,
        Task,
        TaskTarget,
        ReportingPeriod,
        TaskProgress,
        ProgressTargetValue,
        Delegation,
        DelegationCountry,
    ]
    return {model._meta.label: model.objects.count() for model in loaded}


def _upsert(model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Find the row by its natural key, create it, or save it only if a value differs.

    Saving only on change keeps reruns from adding history records and touching timestamps.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        fields = {key: value for key, value in lookup.items() if "__" not in key}
        return model.objects.create(**fields, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
    return instance


def _sync_many(manager, objects) -> None:
    """Set a many-to-many relation only if it differs, so that no m2m history is recorded needlessly."""
    if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
        manager.set(objects)


def _load_departments() -> dict[str, Department]:
    departments = {}
    for order, spec in enumerate(DEPARTMENTS, start=1):
        departments[spec.code] = _upsert(
            Department,
            {"code": spec.code},
            {
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "is_focal_point": spec.code == FOCAL_POINT_CODE,
                "email": f"{spec.code.lower()}@example.gov.vn",
                "is_active": True,
                "sort_order": order,
            },
        )
    return departments


def _load_users(departments: dict[str, Department]) -> dict[str, User]:
    users = {}
    for spec in USERS:
        user = _upsert(
            User,
            {"username": spec.username},
            {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@example.gov.vn",
                "role": spec.role,
                "department": departments[spec.department] if spec.department else None,
                "position": spec.position,
                "is_active": True,
                "is_staff": spec.role == Role.ADMINISTRATOR,
                "is_superuser": spec.role == Role.ADMINISTRATOR,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[spec.username] = user
    return users


def _load_plans(departments: dict[str, Department]) -> dict[tuple[str, int, int], Task]:
    """Load the seed plans; return their tasks keyed by (plan key, area position, task position)."""
    standard_areas = {area.code: area for area in StandardArea.objects.all()}
    tasks = {}
    for spec in PLANS:
        plan = _upsert(
            Plan,
            {"issuer": spec.issuer, "document_number": spec.document_number, "issue_date__year": spec.issue_date.year},
            {
                "kind": PlanKind.PLAN,
                "issue_date": spec.issue_date,
                "title": spec.title,
                "summary": spec.summary,
                "start_year": spec.start_year,
                "end_year": spec.end_year,
                "continues_after": spec.continues_after,
                "legal_bases": "\n".join(spec.legal_bases),
                "status": spec.status,
            },
        )
        for area_position, area_spec in enumerate(spec.areas, start=1):
            area = _upsert(
                TaskArea,
                {"plan": plan, "position": area_position},
                {"title": area_spec.title, "standard_area": standard_areas[area_spec.standard_area]},
            )
            for task_position, task_spec in enumerate(area_spec.tasks, start=1):
                task = _load_task(area, task_position, task_spec, departments)
                tasks[spec.key, area_position, task_position] = task
    return tasks


def _load_task(area: TaskArea, position: int, spec: TaskSpec, departments: dict[str, Department]) -> Task:
    task = _upsert(
        Task,
        {"area": area, "position": position},
        {
            "content": spec.content,
            "lead_department": departments[spec.lead],
            "timing": spec.timing,
            "deadline": spec.deadline,
            "expected_output": spec.expected_output,
        },
    )
    _sync_many(task.coordinating_departments, [departments[code] for code in spec.coordinating])
    for name, unit, value in spec.targets:
        _upsert(TaskTarget, {"task": task, "name": name}, {"unit": unit, "target_value": Decimal(value)})
    return task


def _load_periods() -> dict[str, ReportingPeriod]:
    """Generate the periodic reporting periods and the ad hoc one; return those progress refers to."""
    for year in PERIOD_YEARS:
        reporting_periods_generate(year=year)
    ad_hoc_period = _upsert(ReportingPeriod, {"kind": PeriodKind.AD_HOC, "name": AD_HOC_PERIOD_NAME}, AD_HOC_PERIOD)
    return {
        "Y2017": ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2017),
        "H1-2018": ReportingPeriod.objects.get(kind=PeriodKind.SIX_MONTHLY, year=2018, sequence=1),
        "Y2018": ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2018),
        "AH-2018": ad_hoc_period,
    }


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _load_progress(tasks, periods, departments, users) -> None:
    # Entries appear as written by the demo user of the department where there is one.
    writers = {user.department.code: user for user in users.values() if user.role == Role.STAFF}
    writers[FOCAL_POINT_CODE] = users["chuyenvien"]
    for spec in PROGRESS:
        task, period = tasks[spec.plan, spec.area, spec.task], periods[spec.period]
        progress = _upsert(
            TaskProgress,
            {"task": task, "period": period, "department": departments[spec.department]},
            _progress_values(spec, period, writers.get(spec.department)),
        )
        targets = {target.name: target for target in task.targets.all()}
        for name, value in spec.achieved:
            _upsert(ProgressTargetValue, {"progress": progress, "target": targets[name]}, {"achieved_value": value})


# Entries of the reporting period containing today, so that "my work" and the review page show
# every workflow state on a fresh demo: (department, state, status, percent, results, comment).
CURRENT_PERIOD_PROGRESS = [
    (
        "STTTT",
        W.DRAFT,
        S.IN_PROGRESS,
        40,
        "Đang cập nhật chuyên mục thông tin đối ngoại trên Cổng thông tin điện tử tỉnh.",
        "",
    ),
    ("STTTT", W.SUBMITTED, S.IN_PROGRESS, 60, "Đã đăng tải 24 tin, bài về hoạt động đối ngoại của tỉnh trong kỳ.", ""),
    (
        "STTTT",
        W.RETURNED,
        S.IN_PROGRESS,
        50,
        "Đã phối hợp tổ chức 02 đợt tuyên truyền về biên giới.",
        "Đề nghị bổ sung số liệu tin, bài và đối tượng được tuyên truyền.",
    ),
    (
        "SCT",
        W.APPROVED,
        S.IN_PROGRESS,
        70,
        "Đã tổ chức 01 đoàn doanh nghiệp xúc tiến thương mại tại tỉnh Luông Pha Băng.",
        "",
    ),
    ("SCT", W.ACCEPTED, S.COMPLETED, 100, "Đã hoàn thành hội nghị kết nối giao thương với doanh nghiệp Lào.", ""),
]


def _load_current_progress(departments, users) -> None:
    """Give the current period's tasks of two demo departments one entry in each workflow state."""
    period = current_period()
    if period is None:
        return
    writers = {user.department.code: user for user in users.values() if user.role == Role.STAFF}
    for code in {row[0] for row in CURRENT_PERIOD_PROGRESS}:
        rows = [row for row in CURRENT_PERIOD_PROGRESS if row[0] == code]
        led = Task.objects.filter(lead_department=departments[code], area__plan__status=PlanStatus.IN_FORCE)
        for task, (_code, state, status, percent, results, comment) in zip(led.order_by("pk"), rows, strict=False):
            spec = ProgressSpec("", 0, 0, "", code, status, percent, state, results, review_comment=comment)
            values = _progress_values(spec, period, writers.get(code))
            # The period is still open: date the steps at its start, not around its future deadline.
            for field, days in (("submitted_at", 1), ("accepted_at", 3)):
                if values[field]:
                    values[field] = _at(period.start_date + timedelta(days=days), 9)
            _upsert(TaskProgress, {"task": task, "period": period, "department": departments[code]}, values)


def _progress_values(spec: ProgressSpec, period: ReportingPeriod, writer: User | None) -> dict:
    """The entry's fields, dated around the period's deadline: sent the day before, accepted days after."""
    sent = spec.state != WorkflowState.DRAFT
    accepted = spec.state == WorkflowState.ACCEPTED
    return {
        "status": spec.status,
        "percent_done": spec.percent,
        "results": spec.results,
        "difficulties": spec.difficulties,
        "proposals": spec.proposals,
        "state": spec.state,
        "review_comment": spec.review_comment,
        "submitted_at": _at(period.deadline - timedelta(days=1), 9) if sent else None,
        "accepted_at": _at(period.deadline + timedelta(days=5), 15) if accepted else None,
        "updated_by": writer,
    }


def _load_delegations(departments, users, tasks) -> None:
    lao_exchanges, investment = tasks["son-la", 3, 4], tasks["son-la", 2, 1]
    for spec in _delegation_specs():
        countries = spec.pop("countries")
        values = {**spec, "department": departments[spec["department"]], "created_by": users["chuyenvien"]}
        reference = values.pop("reference")
        delegation = _upsert(Delegation, {"reference": reference}, values)
        _sync_countries(delegation, countries)
        related = []
        if spec["start_date"].year <= 2018:
            if any(code == "LA" for code, _locality in countries):
                related.append(lao_exchanges)
            if spec["partner_kind"] == PartnerKind.ENTERPRISE:
                related.append(investment)
        _sync_many(delegation.related_tasks, related)


def _sync_countries(delegation: Delegation, countries: list[tuple[str, str]]) -> None:
    codes = [code for code, _locality in countries]
    delegation.countries.exclude(country__in=codes).delete()
    for code, locality in countries:
        _upsert(DelegationCountry, {"delegation": delegation, "country": code}, {"locality": locality})


# --- Generating delegations ----------------------------------------------------------------


def _delegation_specs() -> list[dict]:
    """About 120 delegations over 2017–2018 and 2025–2026, the same on every run."""
    rng = random.Random(2018)
    specs = []
    for year, count in DELEGATIONS_PER_YEAR.items():
        of_year = [_delegation_spec(rng, year) for _ in range(count)]
        specs.extend(sorted(of_year, key=lambda spec: (spec["start_date"], spec["title"])))
    for number, spec in enumerate(specs, start=1):
        spec["reference"] = f"DEMO-{number:04d}"
        _set_status(spec, number)
    return specs


def _delegation_spec(rng: random.Random, year: int) -> dict:
    inbound = rng.random() < 0.55
    if not inbound and rng.random() < 0.12:
        codes = list(rng.choice(MULTI_COUNTRY_ROUTES))
    else:
        codes = rng.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[:1]
    if codes == ["LA"]:
        spec = _lao_delegation(rng, inbound, year)
    elif inbound:
        spec = _foreign_inbound_delegation(rng, codes[0])
    else:
        spec = _foreign_outbound_delegation(rng, codes, year)
    start = date(year, rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(1, 4) if inbound else rng.randint(3, 8)
    spec.update(
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        approval_document=f"{rng.randint(100, 3200)}/QĐ-UBND" if not inbound else f"{rng.randint(50, 900)}/SNgV-LS",
        approval_date=start - timedelta(days=rng.randint(7, 25)),
    )
    spec["result_report_days"] = rng.randint(3, 14) if not inbound and rng.random() < 0.85 else None
    return spec


def _lao_delegation(rng: random.Random, inbound: bool, year: int) -> dict:
    province = rng.choice(LAO_PROVINCES)
    if inbound:
        return {
            "title": f"Đoàn đại biểu tỉnh {province}, nước CHDCND Lào thăm và làm việc tại tỉnh {PROVINCE}",
            "purpose": rng.choice(LAO_INBOUND_PURPOSES),
            "department": rng.choice(LAO_DEPARTMENTS),
            "leader_name": rng.choice(LAO_NAMES),
            "leader_position": rng.choice(LAO_POSITIONS).format(province=province),
            "member_count": rng.randint(5, 25),
            "funding_source": FundingSource.PROVINCIAL_BUDGET,
            "cost_vnd": Decimal(rng.randrange(20, 150) * 1_000_000),
            **_partner(PartnerKind.LOCALITY, f"tỉnh {province}", [("LA", province)]),
        }
    department = rng.choice(LAO_DEPARTMENTS)
    return {
        "title": f"Đoàn công tác của {_sending(department)} thăm và làm việc tại tỉnh {province}, nước CHDCND Lào",
        "purpose": rng.choice(LAO_OUTBOUND_PURPOSES),
        "department": department,
        **_sending_leader(rng, department, year),
        "member_count": rng.randint(3, 10),
        "funding_source": FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": Decimal(rng.randrange(40, 250) * 1_000_000),
        **_partner(PartnerKind.LOCALITY, f"tỉnh {province}", [("LA", province)]),
    }


def _foreign_inbound_delegation(rng: random.Random, code: str) -> dict:
    kind, partner, locality = rng.choice(FOREIGN_PARTNERS[code])
    country = COUNTRY_NAMES[code]
    origin = partner if country in partner else f"{partner} ({country})"
    paid_by_partner = rng.random() < 0.8
    return {
        "title": f"Đoàn {origin} thăm và làm việc tại tỉnh {PROVINCE}",
        "purpose": rng.choice(INBOUND_PURPOSES[kind]),
        "department": rng.choice(INBOUND_HOSTS[kind]),
        "leader_name": rng.choice(FOREIGN_NAMES[code]),
        "leader_position": rng.choice(FOREIGN_POSITIONS[kind]),
        "member_count": rng.randint(2, 12),
        "funding_source": FundingSource.PARTNER if paid_by_partner else FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": None if paid_by_partner else Decimal(rng.randrange(15, 80) * 1_000_000),
        **_partner(kind, partner, [(code, locality)]),
    }


def _foreign_outbound_delegation(rng: random.Random, codes: list[str], year: int) -> dict:
    department = rng.choice(list(OUTBOUND_PURPOSES))
    countries, partners, kinds = [], [], set()
    for code in codes:
        if code == "LA":
            province = rng.choice(LAO_PROVINCES)
            kind, partner, locality = PartnerKind.LOCALITY, f"tỉnh {province}", province
        else:
            kind, partner, locality = rng.choice([p for p in FOREIGN_PARTNERS[code] if p[0] != PartnerKind.EMBASSY])
        countries.append((code, locality))
        partners.append(partner)
        kinds.add(kind)
    by_enterprise = department in ENTERPRISE_FUNDED_DEPARTMENTS and rng.random() < 0.4
    return {
        "title": f"Đoàn công tác của {_sending(department)} đi " + " và ".join(COUNTRY_NAMES[code] for code in codes),
        "purpose": rng.choice(OUTBOUND_PURPOSES[department]),
        "department": department,
        **_sending_leader(rng, department, year),
        "member_count": rng.randint(2, 8),
        "funding_source": FundingSource.ENTERPRISE if by_enterprise else FundingSource.PROVINCIAL_BUDGET,
        "cost_vnd": Decimal(rng.randrange(150, 900) * 1_000_000),
        **_partner(kinds.pop() if len(kinds) == 1 else PartnerKind.OTHER, "; ".join(partners), countries),
    }


def _partner(kind: str, partner: str, countries: list[tuple[str, str]]) -> dict:
    return {"partner_kind": kind, "partner": partner, "countries": countries}


def _sending(code: str) -> str:
    """The sending body as titles write it: "Sở Công Thương tỉnh Sơn La", "Công an tỉnh Sơn La"."""
    spec = next(spec for spec in DEPARTMENTS if spec.code == code)
    if spec.kind == DepartmentKind.DISTRICT:
        return spec.name
    if spec.name.endswith("tỉnh"):
        return f"{spec.name} {PROVINCE}"
    if spec.name == "Tỉnh đoàn":
        return f"Tỉnh đoàn {PROVINCE}"
    return f"{spec.name} tỉnh {PROVINCE}"


def _sending_leader(rng: random.Random, code: str, year: int) -> dict:
    """The head or a deputy of the sending body; the same post has the same holder within an era."""
    deputy = rng.random() < 0.5
    title = HEAD_TITLES[code]  # "Phó Giám đốc Sở …", "Phó Chánh Thanh tra tỉnh": the title keeps its capital
    order = [spec.code for spec in DEPARTMENTS].index(code)
    holder = order * 2 + deputy + (len(DEPARTMENTS) * 2 if year > 2020 else 0)
    family, given = LEADER_FAMILY_NAMES, LEADER_GIVEN_NAMES
    name = f"{family[holder % len(family)]} {given[holder % len(given)]}"
    return {"leader_name": name, "leader_position": f"Phó {title}" if deputy else title}


def _set_status(spec: dict, number: int) -> None:
    """Judge the status against STATUS_AS_OF; cancel a few, and date the result reports of past trips."""
    report_days = spec.pop("result_report_days")
    if number % 23 == 7:
        spec["status"] = DelegationStatus.CANCELLED
        spec["cancellation_reason"] = CANCELLATION_REASONS[number % len(CANCELLATION_REASONS)]
    elif spec["end_date"] < STATUS_AS_OF:
        spec["status"] = DelegationStatus.COMPLETED
    elif number % 2:
        spec["status"] = DelegationStatus.APPROVED
    else:
        spec["status"] = DelegationStatus.PLANNED
        spec["approval_document"], spec["approval_date"] = "", None
    spec.setdefault("cancellation_reason", "")
    done = spec["status"] == DelegationStatus.COMPLETED and spec["direction"] == Direction.OUTBOUND
    reported = done and report_days is not None
    spec["result_report_submitted_on"] = spec["end_date"] + timedelta(days=report_days) if reported else None
