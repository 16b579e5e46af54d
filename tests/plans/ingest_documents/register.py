"""The bodies' register the test documents are read against: a province after the 2025 reform."""

from accounts.choices import DepartmentKind
from plans.ingest import Body, Register

AGENCY, COMMUNE = DepartmentKind.PROVINCIAL_AGENCY, DepartmentKind.COMMUNE

DOCUMENT_REGISTER = Register(
    [
        Body(1, "Sở Ngoại vụ", "Sở Ngoại vụ", "SNgV", AGENCY),
        Body(2, "Sở Tài chính", "Sở Tài chính", "STC", AGENCY),
        Body(3, "Sở Công Thương", "Sở Công Thương", "SCT", AGENCY),
        Body(4, "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL", "SVHTTDL", AGENCY),
        Body(5, "Sở Nội vụ", "Sở Nội vụ", "SNV", AGENCY),
        Body(6, "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "SGDDT", AGENCY),
        Body(7, "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "SNNMT", AGENCY),
        Body(8, "Sở Tư pháp", "Sở Tư pháp", "STP", AGENCY),
        Body(9, "Công an tỉnh", "Công an tỉnh", "CAT", AGENCY),
        Body(10, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BĐBP tỉnh", "BDBP", AGENCY),
        Body(11, "Liên hiệp các tổ chức hữu nghị tỉnh", "Liên hiệp hữu nghị", "LHHN", DepartmentKind.ASSOCIATION),
        Body(12, "Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh", "VPUB", DepartmentKind.PROVINCIAL_OFFICE),
        Body(13, "Báo và Phát thanh, Truyền hình tỉnh", "Báo và PT-TH tỉnh", "BPTTH", DepartmentKind.OTHER),
        Body(14, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQ tỉnh", "MTTQ", DepartmentKind.OTHER),
        Body(15, "UBND phường Tô Hiệu", "UBND phường Tô Hiệu", "TOHIEU", COMMUNE),
        Body(16, "UBND xã Lóng Sập", "UBND xã Lóng Sập", "LONGSAP", COMMUNE),
        Body(17, "UBND phường Chiềng An", "UBND phường Chiềng An", "CHIENGAN", COMMUNE),
        Body(18, "UBND tỉnh Sơn La", "UBND tỉnh", "UBND", DepartmentKind.PROVINCIAL_LEADERSHIP),
    ]
)
