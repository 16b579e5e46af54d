"""Every choice a form, serializer or filter offers is what the user may see, for every role.

The test finds every field that names another model in the apps' forms, serializers and
FilterSets; each must be listed in SCOPES with the rows it should offer, so a new field that
forgets its selector fails here. Then, for each role, the offered rows are compared with the
selector's, and a row out of reach is refused as an invalid choice.
"""

import datetime
import importlib
import inspect

import django_filters
import pytest
from django import forms
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField

from accounts.choices import Role
from accounts.models import Department
from accounts.selectors import departments_offered
from delegations.forms import DelegationForm
from plans.api.serializers import (
    TaskProgressSerializer,
)
from plans.choices import PlanStatus
from plans.models import ReportingPeriod, StandardArea, TaskTarget
from plans.selectors import areas_visible_to, periods_visible_to, plans_visible_to, tasks_linkable_by, tasks_visible_to
from reports.selectors import reportable_plans
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.plans.factories import PlanFactory, ReportingPeriodFactory, TaskAreaFactory, TaskFactory, TaskTargetFactory

pytestmark = pytest.mark.django_db
MODULES = [
    f"{app}.{module}"
    for app in ("accounts", "plans", "delegations", "reports", "dashboard")
    for module in ("forms", "api.serializers", "filtersets", "importing")
]
ROLES = {
    "staff_a": (Role.STAFF, "a"),
    "head_a": (Role.HEAD, "a"),
    "staff_b": (Role.STAFF, "b"),
    "specialist": (Role.SPECIALIST, "focal"),
    "leadership": (Role.LEADERSHIP, None),
    "administrator": (Role.ADMINISTRATOR, None),
    "statistics_reader": (Role.STATISTICS_READER, None),
}


def _public_departments(user):
    return Department.objects.all()


def _active_departments(user):
    return Department.objects.active()


def _departments_existing_today(user):
    return departments_offered()


# (class name, field) -> the rows the user may choose, from the selectors. Departments and the
# standard areas are a public register (who may record for which department is a rule of its own).
SCOPES = {
    ("DelegationForm", "department"): None,  # own department for staff, every active one for managers
    ("DelegationForm", "related_tasks"): lambda user: tasks_linkable_by(user=user),
    ("ReportRequestForm", "period"): lambda user: periods_visible_to(user=user),
    ("ReportRequestForm", "plan"): lambda user: reportable_plans(user=user),
    ("DashboardFilterForm", "plan"): lambda user: plans_visible_to(user=user),
    ("DashboardFilterForm", "period"): lambda user: periods_visible_to(user=user),
    ("TaskDrillDownForm", "plan"): lambda user: plans_visible_to(user=user),
    ("TaskDrillDownForm", "period"): lambda user: periods_visible_to(user=user),
    ("PlanSerializer", "issuing_body"): _public_departments,
    ("PlanSerializer", "replaced_by"): lambda user: plans_visible_to(user=user),
    ("PlanStatusChangeSerializer", "replaced_by"): lambda user: plans_visible_to(user=user),
    ("PlanHeaderForm", "issuing_body"): _departments_existing_today,
    # plans_visible_to(user) less the plan itself and drafts (tests/plans/test_plan_copy.py).
    ("PlanStatusForm", "replaced_by"): None,
    ("TaskAreaSerializer", "plan"): lambda user: plans_visible_to(user=user),
    ("TaskAreaSerializer", "standard_area"): lambda user: StandardArea.objects.all(),
    ("TaskSerializer", "area"): lambda user: areas_visible_to(user=user),
    ("TaskSerializer", "lead_department"): _departments_existing_today,
    ("TaskSerializer", "coordinating_departments"): _departments_existing_today,
    ("TaskProgressSerializer", "task"): lambda user: tasks_visible_to(user=user),
    ("TaskProgressSerializer", "period"): lambda user: periods_visible_to(user=user),
    ("ProgressTargetValueSerializer", "target"): lambda user: TaskTarget.objects.filter(
        task__in=tasks_visible_to(user=user)
    ),
    ("ReportRequestSerializer", "period"): lambda user: periods_visible_to(user=user),
    ("ReportRequestSerializer", "plan"): lambda user: reportable_plans(user=user),
    ("DelegationSerializer", "department"): _public_departments,
    ("DelegationImportSerializer", "department"): _public_departments,
    ("TaskFilterSet", "plan"): lambda user: plans_visible_to(user=user),
    ("TaskFilterSet", "area"): lambda user: areas_visible_to(user=user),
    ("TaskFilterSet", "department"): _active_departments,
    ("TaskProgressFilterSet", "period"): lambda user: periods_visible_to(user=user),
    ("TaskProgressFilterSet", "task"): lambda user: tasks_visible_to(user=user),
    ("TaskProgressFilterSet", "department"): _public_departments,
    ("DelegationFilterSet", "department"): _public_departments,
    ("DelegationStatsFilterSet", "department"): _public_departments,
    # Reporting periods are a public calendar: the statistics reader picks windows from it too.
    ("StatsPeriodForm", "period"): lambda user: ReportingPeriod.objects.all(),
}


def _classes():
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == name:
                yield cls


def _related_fields(cls):
    if issubclass(cls, forms.BaseForm):
        return [n for n, f in cls.base_fields.items() if isinstance(f, forms.ModelChoiceField)]
    if issubclass(cls, django_filters.FilterSet):
        return [n for n, f in cls.base_filters.items() if isinstance(f, django_filters.ModelChoiceFilter)]
    if issubclass(cls, serializers.Serializer):
        fields = cls().get_fields()
        return [
            n for n, f in fields.items() if isinstance(f, RelatedField | ManyRelatedField) and not f.read_only
        ]  # fmt: skip
    return []


def test_every_related_choice_of_every_form_serializer_and_filter_is_scoped():
    found = {(cls.__name__, field) for cls in _classes() for field in _related_fields(cls)}
    assert found == set(SCOPES), "Point the new field at a selector and list it in SCOPES."


@pytest.fixture
def users(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    departments = {"a": DepartmentFactory(code="a"), "b": DepartmentFactory(code="b")}
    departments["focal"] = DepartmentFactory(code="focal")
    # Merged away on 01/03/2025 but left active: new tasks must not be offered it.
    DepartmentFactory(code="merged-away", valid_to=datetime.date(2025, 2, 28))
    ReportingPeriodFactory()
    published, draft = PlanFactory(), PlanFactory(status=PlanStatus.DRAFT)
    for plan in (published, draft):
        area = TaskAreaFactory(plan=plan)
        for code in ("a", "b"):
            TaskTargetFactory(task=TaskFactory(area=area, lead_department=departments[code]))
    return {
        name: UserFactory(username=name, role=role, department=departments.get(department))
        for name, (role, department) in ROLES.items()
    }


def _offered(cls, field, user):
    """The queryset the field offers this user, built the way the page or endpoint builds it."""
    request = RequestFactory().get("/")
    request.user = user
    if issubclass(cls, django_filters.FilterSet):
        return cls(request=request).form.fields[field].queryset
    if issubclass(cls, serializers.Serializer):
        fields = cls(context={"request": request}).fields
        relation = fields[field]
        return getattr(relation, "child_relation", relation).queryset
    takes_user = "user" in inspect.signature(cls.__init__).parameters
    return (cls(user=user) if takes_user else cls()).fields[field].queryset


@pytest.mark.parametrize("role", list(ROLES))
def test_scoped_choices_equal_the_selectors_for_every_role(users, role):
    user = users[role]
    classes = {cls.__name__: cls for cls in _classes()}
    for (name, field), expected in SCOPES.items():
        if expected is None:
            continue
        offered = set(_offered(classes[name], field, user).values_list("pk", flat=True))
        assert offered == set(expected(user).values_list("pk", flat=True)), (name, field)


@pytest.mark.parametrize("role", ["staff_a", "specialist"])
def test_delegation_form_offers_no_draft_task_nor_another_departments(users, role):
    user = users[role]
    offered = DelegationForm(user=user).fields["related_tasks"].queryset
    assert not offered.filter(area__plan__status=PlanStatus.DRAFT).exists()
    if role == "staff_a":
        assert set(offered.values_list("lead_department__code", flat=True)) == {"a"}
        assert list(DelegationForm(user=user).fields["department"].queryset) == [user.department]


def test_out_of_scope_choices_are_refused_as_invalid(users):
    staff = users["staff_a"]
    hidden_task = tasks_visible_to(user=users["specialist"]).exclude(pk__in=tasks_visible_to(user=staff)).first()
    request = RequestFactory().get("/")
    request.user = staff
    progress = TaskProgressSerializer(
        data={"task": hidden_task.pk, "period": ReportingPeriod.objects.first().pk, "status": "in_progress"},
        context={"request": request},
    )
    assert not progress.is_valid() and "task" in progress.errors
    form = DelegationForm(data={"related_tasks": [hidden_task.pk]}, user=staff)
    assert not form.is_valid() and "related_tasks" in form.errors
