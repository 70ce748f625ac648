"""Admin: issued invoices, their lines, payments and log are read-only (services write them)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.invoicing.models import Invoice, InvoiceLine, InvoiceTransition, Payment


class InvoiceLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = InvoiceLine
    extra = 0


class PaymentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Payment
    extra = 0


class InvoiceTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = InvoiceTransition
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "kind", "buyer_name", "month", "total_incl_tax", "state")
    list_filter = ("kind", "state", "territory")
    search_fields = ("number", "buyer_name", "buyer_siret")
    date_hierarchy = "issued_on"
    list_select_related = ("buyer",)
    inlines = [InvoiceLineInline, PaymentInline, InvoiceTransitionInline]
