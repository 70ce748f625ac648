"""Assertions shared by the tests of protected records (tests/<app>/test_admin_readonly.py).

A protected record is read-only in the admin for a superuser, and the database refuses to
change its frozen columns or to delete it, whatever writes the SQL (core/immutability.py).
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import NoReverseMatch, reverse

from maillage.core.immutability import ERROR_PREFIX


def admin_url(obj: Model, view: str, *args) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def assert_admin_read_only(client, obj: Model) -> str:
    """The change page shows ``obj`` with no save button and no delete link; adding, saving
    and deleting answer 403. Returns the change page's HTML (to look at its inlines)."""
    change = admin_url(obj, "change", obj.pk)
    page = client.get(change)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert admin_url(obj, "delete", obj.pk) not in html
    assert_inlines_read_only(html)
    assert client.post(change, {}).status_code == 403
    assert client.get(admin_url(obj, "delete", obj.pk)).status_code == 403
    assert client.post(admin_url(obj, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert client.get(admin_url(obj, "add")).status_code == 403
    return html


def assert_inlines_read_only(html: str) -> None:
    """Neither the record nor any inline row of the page has a field to type in, a row to
    delete or a row to add."""
    assert "-DELETE" not in html
    assert 'class="add-row"' not in html
    for field in ("<textarea", "<select", 'type="text"', 'type="number"', 'type="checkbox"'):
        assert field not in html


def assert_not_in_admin(model: type[Model]) -> None:
    """Shown only as a read-only inline of its parent: no page of its own."""
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def assert_frozen(obj: Model, **changes) -> None:
    """A raw UPDATE of these columns is refused by the database, and nothing changes."""
    model = type(obj)
    before = model._default_manager.filter(pk=obj.pk).values(*changes).get()
    # Writing a row's own values back changes nothing, and the database rightly lets it.
    same = {name for name, value in changes.items() if before[name] == value}
    assert not same, f"{same} already hold these values: the test would prove nothing"
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        model._default_manager.filter(pk=obj.pk).update(**changes)
    assert model._default_manager.filter(pk=obj.pk).values(*changes).get() == before


def assert_never_deleted(obj: Model) -> None:
    """Deleting is refused: by the ORM when protected rows hang on it (ProtectedError is an
    IntegrityError), and by the database itself when the ORM is bypassed."""
    model = type(obj)
    rows = model._default_manager.filter(pk=obj.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.delete()
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        rows._raw_delete(rows.db)
    assert rows.exists()
