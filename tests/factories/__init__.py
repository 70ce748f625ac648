"""factory_boy factories of every model, one module per app, all importable from here.

``from tests.factories import MissionFactory`` keeps working; the modules are:
territory, people, skills, missions, consolidation, pricing, employment, gpec.
Communes are real (loaded once per session by tests/conftest.py): ``commune("33063")``.
"""

from tests.factories.consolidation import (
    AssignmentResponseFactory,
    ConsolidationRunFactory,
    PairRuleFactory,
    PlanAssignmentFactory,
    PlanUnassignedFactory,
    PlanVersionFactory,
)
from tests.factories.employment import ContractProposalFactory
from tests.factories.gpec import GpecJobFactory, HouseholdSituationFactory
from tests.factories.invoicing import GroupInvoicingFactory, PublicReferenceFactory  # noqa: F401
from tests.factories.missions import (
    END,
    START,
    ExcludedPeriodFactory,
    FixedSlotFactory,
    FlexibleWindowFactory,
    MissionFactory,
    MissionSkillFactory,
)
from tests.factories.notifications import NotificationFactory, verified  # noqa: F401
from tests.factories.people import (
    PASSWORD,
    VALID_SIRETS,
    AvailabilityFactory,
    BuyerGroupFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
    siret,
)
from tests.factories.pricing import CharterFactory, QuoteFactory
from tests.factories.skills import (
    SkillEvidenceFactory,
    SkillFactory,
    WorkerSkillFactory,
    skill,
)
from tests.factories.territory import (
    BORDEAUX,
    LIBOURNE,
    MERIGNAC,
    OpeningHoursFactory,
    TerritoryFactory,
    ThirdPlaceFactory,
    commune,
)
from tests.factories.timesheets import TimesheetFactory  # noqa: F401
from tests.factories.wages import GroupEmploymentFactory  # noqa: F401

__all__ = [
    "BORDEAUX",
    "END",
    "LIBOURNE",
    "MERIGNAC",
    "PASSWORD",
    "START",
    "VALID_SIRETS",
    "AssignmentResponseFactory",
    "AvailabilityFactory",
    "BuyerGroupFactory",
    "CharterFactory",
    "ConsolidationRunFactory",
    "ContractProposalFactory",
    "ExcludedPeriodFactory",
    "FixedSlotFactory",
    "FlexibleWindowFactory",
    "GpecJobFactory",
    "HouseholdSituationFactory",
    "MembershipFactory",
    "MissionFactory",
    "MissionSkillFactory",
    "OpeningHoursFactory",
    "OrganisationFactory",
    "PairRuleFactory",
    "PlanAssignmentFactory",
    "PlanUnassignedFactory",
    "PlanVersionFactory",
    "QuoteFactory",
    "SkillEvidenceFactory",
    "SkillFactory",
    "TerritoryFactory",
    "ThirdPlaceFactory",
    "UserFactory",
    "WorkerProfileFactory",
    "WorkerSkillFactory",
    "buyer_member",
    "commune",
    "member_with_role",
    "siret",
    "skill",
]
