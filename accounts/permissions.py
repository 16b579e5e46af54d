"""What each role may do: the one place that answers "can this user …?" questions.

Visibility of rows (which plans, tasks and progress entries a user reaches) lives in the selectors
of each app and is built from these predicates; workflow steps are in plans/workflow.py.
"""

from .choices import DEPARTMENT_BOUND_ROLES, Role

# Roles that look after plans, areas, tasks and periods for the whole province.
PLAN_MANAGER_ROLES = (Role.SPECIALIST, Role.ADMINISTRATOR)
# Roles that read every department's progress (the administrator checks data for support).
PROVINCE_WIDE_READER_ROLES = (Role.SPECIALIST, Role.LEADERSHIP, Role.ADMINISTRATOR)
# Roles that report progress for their own department: those bound to one.
DEPARTMENT_REPORTER_ROLES = DEPARTMENT_BOUND_ROLES
# Roles that may open the Django admin, the plan managers; staff, heads and leadership work in the portal only.
ADMIN_SITE_ROLES = PLAN_MANAGER_ROLES
# Roles that work with plans: everyone but the external statistics reader.
PLAN_USER_ROLES = tuple(role for role in Role if role != Role.STATISTICS_READER)

# Model permissions each role holds, granted by RolePermissionBackend rather than by groups so that
# changing a user's role changes what they may do in one step.
ALL = ("view", "add", "change", "delete")
# What both roles that manage plans (PLAN_MANAGER_ROLES) may do with them.
PLAN_MANAGEMENT_PERMISSIONS = {
    "plans.plan": ALL,
    "plans.taskarea": ALL,
    "plans.task": ALL,
    "plans.tasktarget": ALL,
    "plans.reportingperiod": ALL,
    "plans.taskprogress": ("view",),
}
ROLE_MODEL_PERMISSIONS = {
    Role.SPECIALIST: {
        **PLAN_MANAGEMENT_PERMISSIONS,
        "plans.standardarea": ("view",),
        "accounts.department": ("view",),
        "accounts.departmentsuccession": ("view",),
        "accounts.focalpoint": ALL,
    },
    Role.ADMINISTRATOR: {
        **PLAN_MANAGEMENT_PERMISSIONS,
        "accounts.department": ALL,
        # Recorded only by the department action (plans.admin), which moves the work: read here.
        "accounts.departmentsuccession": ("view",),
        "accounts.user": ALL,
        "plans.standardarea": ALL,
        # The beat schedule (loaded from settings) is adjusted by administrators in the admin.
        "django_celery_beat.periodictask": ALL,
        "django_celery_beat.crontabschedule": ALL,
        "django_celery_beat.intervalschedule": ALL,
        "django_celery_beat.clockedschedule": ALL,
        "django_celery_beat.solarschedule": ALL,
        "reports.compiledreport": ("view",),
        "reports.overduenotice": ("view",),
        # Sign-in lockouts (django-axes): deleting an attempt unlocks the account at once.
        "axes.accessattempt": ("view", "delete"),
        "axes.accessfailurelog": ("view", "delete"),
        "axes.accesslog": ("view",),
    },
}


def has_role(user, *roles, superuser_ok: bool = False) -> bool:
    """An active, signed-in user holding one of the roles (or a superuser, where superuser_ok)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return bool((superuser_ok and user.is_superuser) or user.role in roles)


def can_manage_plans(user) -> bool:
    """Specialists of the focal point and administrators manage plans."""
    return has_role(user, *PLAN_MANAGER_ROLES, superuser_ok=True)


def reads_all_progress(user) -> bool:
    """Specialists, leadership and administrators read every department's progress."""
    return has_role(user, *PROVINCE_WIDE_READER_ROLES, superuser_ok=True)


def reports_for_department(user) -> bool:
    """Department staff and heads report progress for the department they belong to."""
    return has_role(user, *DEPARTMENT_REPORTER_ROLES) and user.department_id is not None


def is_department_head(user) -> bool:
    """A head signs off their department's progress before it goes to the focal point."""
    return has_role(user, Role.HEAD) and user.department_id is not None


def is_reviewer(user) -> bool:
    """Specialists of the focal point accept or return every department's progress."""
    return has_role(user, Role.SPECIALIST)


def sees_plans(user) -> bool:
    """Everyone but the external statistics reader works with plans."""
    return has_role(user, *PLAN_USER_ROLES, superuser_ok=True)


def may_use_admin_site(user) -> bool:
    """Only specialists and administrators (and superusers) open the Django admin; is_staff plays no part."""
    return has_role(user, *ADMIN_SITE_ROLES, superuser_ok=True)


class RolePermissionBackend:
    """Grant model permissions from the user's role (see ROLE_MODEL_PERMISSIONS)."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or not user_obj.is_authenticated:
            return False
        app_label, _dot, codename = perm.partition(".")
        action, _underscore, model = codename.partition("_")
        allowed = ROLE_MODEL_PERMISSIONS.get(user_obj.role, {}).get(f"{app_label}.{model}", ())
        return action in allowed

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active or not user_obj.is_authenticated:
            return False
        return any(key.startswith(f"{app_label}.") for key in ROLE_MODEL_PERMISSIONS.get(user_obj.role, {}))
