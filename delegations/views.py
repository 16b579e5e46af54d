from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView
from django_countries import countries
from django_filters.views import FilterView

from core.pagination import CappedPaginator
from plans.selectors import tasks_visible_to

from .filtersets import DelegationFilterSet
from .forms import CancelForm, DelegationForm, country_formset
from .localities import partner_locality_suggestions
from .permissions import can_change_delegation, can_create_delegations, can_read_delegations
from .selectors import delegations_for_list, delegations_visible_to
from .services import delegation_cancel, delegation_create, delegation_update


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class DelegationReaderMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Pages about delegations themselves: closed to statistics readers."""

    def test_func(self):
        return can_read_delegations(self.request.user)


class DelegationListView(DelegationReaderMixin, FilterView):
    template_name = "delegations/delegation_list.html"
    filterset_class = DelegationFilterSet
    context_object_name = "delegations"
    paginate_by = 25
    # Deep pages of a province's million delegations help nobody: past the cap, the page asks to filter.
    paginator_class = CappedPaginator

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            max_pages=settings.DELEGATION_LIST_MAX_PAGES,
            **kwargs,
        )

    def get_queryset(self):
        return delegations_for_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = can_create_delegations(self.request.user)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class DelegationDetailView(DelegationReaderMixin, DetailView):
    template_name = "delegations/delegation_detail.html"
    context_object_name = "delegation"

    def get_queryset(self):
        return delegations_for_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = can_change_delegation(self.request.user, self.object)
        # Only the linked tasks this reader may open: a link must not leak a task's text.
        context["related_tasks"] = self.object.related_tasks.filter(
            pk__in=tasks_visible_to(user=self.request.user).values("pk")
        ).select_related("area")
        return context


class DelegationFormMixin:
    """The delegation form with its country rows; the service validates and saves them together."""

    form_class = DelegationForm
    template_name = "delegations/delegation_form.html"
    delegation = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", country_formset(delegation=self.delegation))
        kwargs["locality_suggestions"] = [
            (countries.name(code), locality) for code, locality in partner_locality_suggestions()
        ]
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formset = country_formset(request.POST, delegation=self.delegation)
        if form.is_valid() and formset.is_valid():
            return self.save_all(form, formset)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def save_all(self, form, formset):
        countries, localities = formset.countries()
        try:
            delegation = self.save({**form.cleaned_data, "countries": countries, "localities": localities})
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(self.request, _("The delegation was saved."))
        return redirect("delegations:delegation_detail", pk=delegation.pk)


class DelegationCreateView(DelegationFormMixin, LoginRequiredMixin, UserPassesTestMixin, FormView):
    def test_func(self):
        return can_create_delegations(self.request.user)

    def save(self, data):
        return delegation_create(by=self.request.user, **data)


class DelegationChangeMixin(DelegationReaderMixin):
    """Pages that change one delegation: 404 outside the user's reach, 403 if only readable."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and can_read_delegations(request.user):
            self.delegation = get_object_or_404(delegations_visible_to(user=request.user), pk=kwargs["pk"])
            if not can_change_delegation(request.user, self.delegation):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(delegation=self.delegation, **kwargs)


class DelegationUpdateView(DelegationFormMixin, DelegationChangeMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.delegation}

    def save(self, data):
        return delegation_update(delegation=self.delegation, by=self.request.user, **data)


class DelegationCancelView(DelegationChangeMixin, FormView):
    form_class = CancelForm
    template_name = "delegations/delegation_cancel.html"

    def form_valid(self, form):
        try:
            delegation_cancel(delegation=self.delegation, by=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The delegation was cancelled."))
        return redirect("delegations:delegation_detail", pk=self.delegation.pk)
