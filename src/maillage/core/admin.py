"""Admin building blocks shared by the apps."""


class ReadOnlyAdminMixin:
    """For a ModelAdmin or an inline of records that are never changed in place.

    Plan versions, assignments, quotes, charters, contract proposals and every transition log
    move only through their services (which check the rules and log the move): the admin may
    look, never add, change or delete. The database refuses it too (core/immutability.py).
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
