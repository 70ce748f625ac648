"""Pages of tierslieux: a manager's place (hours, capacity, services, missions and trainings
held there, workers who use it as their remote-work base), and a worker's choice of base."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.missions.models import Mission
from maillage.people.access import own_worker_profile
from maillage.people.models import Membership, Role, WorkerProfile
from maillage.territory.models import OpeningHours, ThirdPlace
from maillage.training.models import TrainingSession
from maillage.www.utils.access import found_or_403, role_required
from maillage.www.utils.requests import SignedInRequest


def managed_places(user):
    return ThirdPlace.objects.filter(
        pk__in=Membership.objects.filter(user=user, role=Role.THIRD_PLACE_MANAGER).values(
            "third_place"
        )
    )


@role_required(Role.THIRD_PLACE_MANAGER)
def home(request: SignedInRequest) -> HttpResponse:
    places = list(managed_places(request.user).order_by("name"))
    if len(places) == 1:
        return redirect("tierslieux:place", places[0].pk)
    return render(request, "tierslieux/home.html", {"places": places})


@role_required(Role.THIRD_PLACE_MANAGER)
def place(request: SignedInRequest, pk: int) -> HttpResponse:
    third_place = get_object_or_404(
        managed_places(request.user).prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at"))
        ),
        pk=pk,
    )
    return render(
        request,
        "tierslieux/place.html",
        {
            "place": third_place,
            "missions": Mission.objects.filter(third_place=third_place)
            .exclude(state__in=("draft", "cancelled"))
            .select_related("buyer")
            .order_by("-period_start", "pk"),
            "trainings": TrainingSession.objects.filter(third_place=third_place)
            .select_related("skill")
            .order_by("-starts_on", "pk"),
            "remote_workers": WorkerProfile.objects.filter(remote_base=third_place)
            .select_related("user")
            .order_by("user__last_name", "user__first_name"),
        },
    )


class BaseForm(forms.Form):
    remote_base = forms.TypedChoiceField(
        label=gettext_lazy("Tiers-lieu for remote missions"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, places=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remote_base"].choices = [("", gettext_lazy("At home"))] + [  # type: ignore[attr-defined]
            (p.pk, f"{p.name} ({p.commune})") for p in places
        ]


@role_required(Role.WORKER)
def remote_base(request: SignedInRequest) -> HttpResponse:
    """A worker chooses a tiers-lieu of their territory as the place for remote missions."""
    worker = found_or_403(own_worker_profile(request.user))
    places = list(ThirdPlace.objects.filter(territory=worker.territory).select_related("commune"))
    form = BaseForm(initial={"remote_base": worker.remote_base_id}, places=places)
    if request.method == "POST":
        form = BaseForm(request.POST, places=places)
        if form.is_valid():
            chosen = form.cleaned_data["remote_base"]
            WorkerProfile.objects.filter(pk=worker.pk).update(
                remote_base=next((p for p in places if p.pk == chosen), None)
            )
            messages.success(request, _("Your remote-work base is saved."))
            return redirect("tierslieux:remote_base")
    return render(
        request,
        "tierslieux/remote_base.html",
        {"form": form, "worker": worker},
        status=400 if form.errors else 200,
    )
