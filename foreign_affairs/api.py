"""One DRF router for every app's ViewSets; each app registers its own in register_routes()."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

from plans.api.views import register_routes as register_plan_routes  # noqa: E402

register_plan_routes(router)
