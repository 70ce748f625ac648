"""Signals consolidation sends to the layers above it, which it never imports.

`plan_published(sender=PlanVersion, version=..., by=...)` is sent inside the publishing
transaction, once the version is published and its predecessor superseded: a receiver that
fails rolls the publication back, so a published plan never lacks what is derived from it.
"""

from django.dispatch import Signal

plan_published = Signal()
