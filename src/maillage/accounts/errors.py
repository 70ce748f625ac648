"""The refusals of the accounts services, with a translated message."""


class AccountsError(Exception):
    """An onboarding or data request the platform refuses (message says why)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
