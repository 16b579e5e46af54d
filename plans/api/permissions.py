from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..permissions import may_manage_plans, may_read_plans


class PlanManagerOrReadOnly(BasePermission):
    """Everyone who works with plans reads them (within the selectors' reach); plan managers write."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return may_read_plans(request.user)
        return may_manage_plans(request.user)


class WorksWithPlans(BasePermission):
    """Progress is for everyone who works with plans; the external statistics reader is refused outright."""

    def has_permission(self, request, view):
        return may_read_plans(request.user)
