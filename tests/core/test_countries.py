"""The curated Vietnamese country names: complete, unambiguous, and used wherever a country is shown."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from django_countries.data import COUNTRIES

from accounts.choices import Role
from core.countries import country_report_name, vietnamese_country_names
from delegations.localities import PARTNER_LOCALITIES
from delegations.selectors import country_name_vi
from tests.accounts.factories import UserFactory


def test_every_code_the_library_knows_has_three_vietnamese_forms():
    names = vietnamese_country_names()
    assert set(COUNTRIES) <= set(names)
    assert all(form.short and form.report and form.full for form in names.values())


@pytest.mark.parametrize("form", ["short", "report", "full"])
def test_no_two_countries_share_a_name(form):
    values = [getattr(names, form) for names in vietnamese_country_names().values()]
    assert len(values) == len(set(values))


def test_the_librarys_known_mistakes_are_fixed():
    with translation.override("vi"):
        assert countries.name("IS") != countries.name("IE")
        assert (countries.name("IS"), countries.name("IE")) == ("Iceland", "Ireland")
        assert countries.name("JE") == "Jersey" and countries.name("RE") == "Réunion"
        assert countries.name("SZ") == "Eswatini" and countries.name("NE") != countries.name("NG")
        assert countries.name("LA") == "Lào"
    names = vietnamese_country_names()
    assert (names["LA"].report, names["LA"].full) == ("CHDCND Lào", "Cộng hòa Dân chủ Nhân dân Lào")
    assert (names["US"].short, names["US"].full) == ("Hoa Kỳ", "Hợp chủng quốc Hoa Kỳ")
    assert names["KR"].short == "Hàn Quốc" and country_report_name("KP") == "CHDCND Triều Tiên"


def test_english_keeps_the_librarys_names():
    with translation.override("en"):
        assert countries.name("LA") == "Lao People's Democratic Republic"
        assert countries.name("IS") == "Iceland"


def test_reports_and_statistics_use_the_curated_names():
    assert country_name_vi("LA") == "Lào"
    with translation.override("en"):
        assert country_name_vi("IS") == "Iceland"


@pytest.mark.django_db
def test_the_delegation_form_suggests_laos_provinces(client):
    client.force_login(UserFactory(role=Role.SPECIALIST, department=None))
    page = client.get(reverse("delegations:delegation_create")).content.decode()
    assert 'list="partner-localities"' in page
    for locality in ("tỉnh Luông Pha Băng", "tỉnh Hủa Phăn", "Thủ đô Viêng Chăn", "tỉnh Vân Nam"):
        assert f'value="{locality}"' in page
    assert len(PARTNER_LOCALITIES["LA"]) == 18


def test_choices_follow_the_vietnamese_alphabet():
    from core.countries import sorted_choices

    with translation.override("vi"):
        names = [name for _code, name in sorted_choices(countries)]
    assert names.index("Dominica") < names.index("Đan Mạch") < names.index("Đức") < names.index("Ecuador")
    # a before ă before â; tone marks only break ties.
    assert names.index("Anh") < names.index("Áo") < names.index("Ấn Độ") < names.index("Bahamas")
