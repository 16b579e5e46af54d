"""Accent-free search text of tasks."""

import pytest

from plans.search import normalise_search_text
from tests.plans.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Đối ngoại nhân dân", "doi ngoai nhan dan"),
        ("ĐOÀN RA, ĐOÀN VÀO", "doan ra, doan vao"),
        ("Hủa Phăn, Luông Pha Băng", "hua phan, luong pha bang"),
        ("", ""),
    ],
)
def test_normalise_search_text_strips_vietnamese_diacritics(text, expected):
    assert normalise_search_text(text) == expected


def test_task_save_keeps_search_text_current():
    task = TaskFactory(content="Quản lý đoàn ra")

    task.content = "Thông tin đối ngoại"
    task.save(update_fields=["content"])

    task.refresh_from_db()
    assert task.search_text.startswith("thong tin doi ngoai")
