from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from .forms import NotificationPreferencesForm
from .permissions import kinds_for
from .selectors import email_preferences, notifications_of
from .services import notification_mark_all_read, notification_mark_read, notification_preferences_save


class NotificationListView(LoginRequiredMixin, ListView):
    """The user's notifications, newest first, with mark read and mark all read."""

    template_name = "notifications/notification_list.html"
    context_object_name = "notices"
    paginate_by = 50

    def get_queryset(self):
        return notifications_of(user=self.request.user)


def _list_url() -> str:
    return reverse("notifications:notification_list")


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one of the user's notifications read; another user's answers 404."""

    def post(self, request, pk):
        notice = get_object_or_404(notifications_of(user=request.user), pk=pk)
        notification_mark_read(notification=notice, by=request.user)
        return redirect(_list_url())


class NotificationOpenView(LoginRequiredMixin, View):
    """Mark one of the user's notifications read and go to its object; another user's answers 404."""

    def post(self, request, pk):
        notice = get_object_or_404(notifications_of(user=request.user), pk=pk)
        notification_mark_read(notification=notice, by=request.user)
        # The link was checked when stored; checked again so that it can never leave the site.
        if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts={request.get_host()}):
            return redirect(notice.link)
        return redirect(_list_url())


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        count = notification_mark_all_read(by=request.user)
        messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
        return redirect(_list_url())


class NotificationPreferencesView(LoginRequiredMixin, FormView):
    """Each user chooses, per kind of notification that concerns them, whether to get it by e-mail."""

    template_name = "notifications/preferences.html"
    form_class = NotificationPreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(kinds=kinds_for(self.request.user), current=email_preferences(user=self.request.user))
        return kwargs

    def form_valid(self, form):
        notification_preferences_save(user=self.request.user, email_by_kind=form.email_by_kind())
        messages.success(self.request, _("Your choices were saved."))
        return redirect("notifications:notification_preferences")
