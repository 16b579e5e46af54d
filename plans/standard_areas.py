"""The catalogue of standard task areas: the 13 areas of Quảng Nam's Kế hoạch 1623/KH-UBND (2018).

Kept in one place so that the data migration and the demo data agree.
"""

STANDARD_AREAS = [
    ("quan-triet", "Quán triệt, triển khai văn bản chỉ đạo về công tác đối ngoại"),
    ("hoi-nhap-quoc-te", "Hội nhập quốc tế, hợp tác quốc tế"),
    ("ngoai-giao-kinh-te", "Ngoại giao kinh tế"),
    ("ngoai-giao-van-hoa", "Ngoại giao văn hóa"),
    ("doi-ngoai-nhan-dan", "Đối ngoại nhân dân"),
    ("nguoi-viet-nam-o-nuoc-ngoai", "Công tác người Việt Nam ở nước ngoài"),
    ("doan-ra-doan-vao", "Quản lý đoàn ra, đoàn vào"),
    ("thong-tin-doi-ngoai", "Thông tin đối ngoại"),
    ("bien-gioi-lanh-tho", "Quản lý biên giới, lãnh thổ quốc gia"),
    ("phi-chinh-phu-nuoc-ngoai", "Công tác phi chính phủ nước ngoài"),
    ("lanh-su-bao-ho-cong-dan", "Lãnh sự và bảo hộ công dân"),
    ("thanh-tra-doi-ngoai", "Thanh tra đối ngoại và dịch vụ tư vấn đối ngoại"),
    ("dao-tao-boi-duong", "Đào tạo, bồi dưỡng"),
]

# Words in an area's title that name a standard area when its full name is not there.
TITLE_KEYWORDS = [
    ("doan ra", "doan-ra-doan-vao"),
    ("doan vao", "doan-ra-doan-vao"),
    ("kinh te", "ngoai-giao-kinh-te"),
    ("van hoa", "ngoai-giao-van-hoa"),
    ("nhan dan", "doi-ngoai-nhan-dan"),
    ("thong tin", "thong-tin-doi-ngoai"),
    ("bien gioi", "bien-gioi-lanh-tho"),
    ("lanh su", "lanh-su-bao-ho-cong-dan"),
    ("bao ho cong dan", "lanh-su-bao-ho-cong-dan"),
    ("phi chinh phu", "phi-chinh-phu-nuoc-ngoai"),
    ("nguoi viet nam o nuoc ngoai", "nguoi-viet-nam-o-nuoc-ngoai"),
    ("hoi nhap", "hoi-nhap-quoc-te"),
    ("hop tac quoc te", "hoi-nhap-quoc-te"),
    ("thanh tra", "thanh-tra-doi-ngoai"),
    ("dao tao", "dao-tao-boi-duong"),
    ("boi duong", "dao-tao-boi-duong"),
    ("quan triet", "quan-triet"),
]


def standard_area_code_for(folded_title: str) -> str | None:
    """The code of the standard area an area's title (lower case, without diacritics) names, if any."""
    for words, code in TITLE_KEYWORDS:
        if words in folded_title:
            return code
    return None
