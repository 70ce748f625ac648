"""Signals any app may send; the audit log (maillage.audit) listens.

``sensitive_act`` is for acts that leave no row of their own to observe (a data export, an
erasure, a sign-in from a new device...). Send it after the act is committed::

    sensitive_act.send(sender=MyModel, actor=user, action="accounts.data_exported",
                       target=obj_or_None, territory=territory_or_None, detail={...},
                       request=request_or_None)
"""

from django.dispatch import Signal

sensitive_act = Signal()
