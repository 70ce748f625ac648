"""The sign-in form: allauth's, with the field names and label the platform has always used."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm
from django.utils.text import capfirst

from maillage.people.models import User


class SignInForm(LoginForm):
    """allauth's sign-in (rate limits, verified address, two-factor stage) under our names.

    Scripts and older links post `username` (Django's name for it): it is read as allauth's
    `login`. The field is labelled "Email address", as the rest of the platform says.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        data = kwargs.get("data", args[0] if args else None)
        if data is not None and "login" not in data and "username" in data:
            data = data.copy()
            data["login"] = data["username"]
            if args:
                args = (data, *args[1:])
            else:
                kwargs["data"] = data
        super().__init__(*args, **kwargs)
        self.fields["login"].label = capfirst(User._meta.get_field("email").verbose_name)
        self.fields["login"].max_length = 254
        self.fields["password"].max_length = 4096
