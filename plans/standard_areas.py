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
