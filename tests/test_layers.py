"""The import rule (core/layers.py, docs/architecture.md) holds, and the checker catches a breach."""

from pathlib import Path

from django.conf import settings

from core.layers import violations


def test_no_import_runs_against_the_layers():
    assert violations(Path(settings.BASE_DIR)) == []


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_layer_checker_reports_each_kind_of_breach(tmp_path):
    write(tmp_path, "core/forms.py", "from plans.models import Plan\n")
    write(tmp_path, "accounts/models.py", "import delegations.models\n")
    write(tmp_path, "reports/views.py", "from dashboard.selectors import figures\nfrom plans import selectors\n")
    write(tmp_path, "plans/services.py", "from foreign_affairs.celery import app\nfrom . import models\n")
    write(tmp_path, "delegations/views.py", "from demo.loader import demo_data_load\n")

    assert sorted(violations(tmp_path)) == [
        "accounts/models.py:1: accounts imports delegations",
        "core/forms.py:1: core imports plans",
        "delegations/views.py:1: delegations imports demo",
        "plans/services.py:1: plans imports foreign_affairs",
        "reports/views.py:1: reports imports dashboard",
    ]
