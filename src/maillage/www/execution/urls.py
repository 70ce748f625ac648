"""Dated work under <lang>/execution/: weeks and months, the buyer's and coordinator's
calendars, and the secret iCalendar feeds."""

from django.urls import path

from maillage.www.execution import views

app_name = "execution"

urlpatterns = [
    path("week/", views.worker_week, name="worker_week"),
    path("month/", views.worker_month, name="worker_month"),
    path("buyer/", views.buyer_week, name="buyer_week"),
    path("calendar/", views.territory_calendar, name="calendar"),
    path("feeds/", views.feeds, name="feeds"),
    path("feeds/<int:pk>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
