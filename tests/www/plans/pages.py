"""The plan page of a draft carrying given figures, as a coordinator sees it."""

from django.urls import reverse
from django.utils.translation import override

from maillage.consolidation.models import PlanVersion
from tests.factories.consolidation import PlanVersionFactory


def draft_page(client, planned, language="en", **fields):
    """The page of a new draft of ``planned``'s territory and period with ``fields``.

    Versions are never edited in place: a draft of the same territory carries the figures.
    """
    published = planned.published
    version = PlanVersionFactory(
        territory=published.territory,
        period_start=published.period_start,
        period_end=published.period_end,
        number=PlanVersion.objects.count() + 100,
        **{"metrics": published.metrics, **fields},
    )
    client.force_login(planned.coordinator)
    with override(language):
        url = reverse("plans:version", args=[version.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
