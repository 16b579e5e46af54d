"""Partner localities of the neighbouring countries, as Vietnamese documents write them.

Offered as suggestions for a delegation's partner locality; free text stays allowed (a district, a
city of another country, an organisation).
"""

PARTNER_LOCALITIES: dict[str, list[str]] = {
    "LA": [
        "Thủ đô Viêng Chăn", "tỉnh Át Tạ Pư", "tỉnh Bò Kẹo", "tỉnh Bô Ly Khăm Xay", "tỉnh Chăm Pa Xắc",
        "tỉnh Hủa Phăn", "tỉnh Khăm Muộn", "tỉnh Luông Nậm Thà", "tỉnh Luông Pha Băng", "tỉnh Phông Sa Lỳ",
        "tỉnh Sả La Văn", "tỉnh Sa Van Na Khệt", "tỉnh U Đôm Xay", "tỉnh Viêng Chăn", "tỉnh Xay Nha Bu Ly",
        "tỉnh Xay Sổm Bun", "tỉnh Xê Kông", "tỉnh Xiêng Khoảng",
    ],
    "CN": ["tỉnh Vân Nam", "Khu tự trị dân tộc Choang Quảng Tây"],
    "KH": [
        "tỉnh Kampot", "tỉnh Kandal", "tỉnh Kep", "tỉnh Kratie", "tỉnh Mondulkiri", "tỉnh Prây Veng",
        "tỉnh Ratanakiri", "tỉnh Svây Riêng", "tỉnh Takeo", "tỉnh Tbong Khmum",
    ],
}  # fmt: skip


def partner_locality_suggestions() -> list[tuple[str, str]]:
    """(country code, locality) pairs for the form's list of suggestions."""
    return [(code, locality) for code, localities in PARTNER_LOCALITIES.items() for locality in localities]
