"""Every "may this user …?" of every app refuses a deactivated account, whatever its role."""

import importlib
import inspect

import pytest

from accounts.choices import Role
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.plans.factories import TaskProgressFactory

pytestmark = pytest.mark.django_db
MODULES = ["accounts.permissions", "plans.permissions", "delegations.permissions", "reports.permissions"]
# Helpers that answer something other than a yes/no about the user.
NOT_PREDICATES = {"dashboard_scope"}


def predicates():
    for name in [*MODULES, "dashboard.permissions"]:
        module = importlib.import_module(name)
        for attribute, function in vars(module).items():
            public = not attribute.startswith("_") and attribute not in NOT_PREDICATES
            if inspect.isfunction(function) and function.__module__ == name and public:
                yield f"{name}.{attribute}", function


@pytest.mark.parametrize("role", list(Role))
def test_an_inactive_user_may_nothing(role, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    department = DepartmentFactory()
    user = UserFactory(role=role, department=department, is_active=False, is_superuser=role == Role.ADMINISTRATOR)
    progress = TaskProgressFactory(department=department, task__lead_department=department)
    arguments = {"progress": progress, "delegation": progress, "department_id": department.pk, "obj": None}
    allowed = []
    for name, predicate in predicates():
        parameters = list(inspect.signature(predicate).parameters)
        if parameters[:1] != ["user"] and parameters[:1] != ["user_obj"]:
            continue
        if name.endswith("has_role"):
            answer = predicate(user, role, superuser_ok=True)
        else:
            answer = predicate(user, *(arguments.get(p, progress) for p in parameters[1:]))
        if answer:
            allowed.append(name)
    assert allowed == []
