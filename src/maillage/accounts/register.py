"""The register of personal data: for each model, what each field holds and what erasure does.

Every text, JSON and user-link field of every model is classified here once (the test
tests/accounts/test_register.py fails for a field that is not, so an app that adds one must
decide). A field is:

- ``personal``: the person's own data, found from the row's ``subject`` (a lookup to the
  user); exported; erased as the entry's ``erase`` says (``delete`` the rows,
  ``pseudonymise`` the fields, or ``keep`` them for the reason in ``kept_because``);
- ``actors``: a link to whoever did something (created, validated...); the link stays, the
  person behind it is pseudonymised (their User row) and the export counts these acts;
- ``scrub``: free text or JSON that may name people (reasons, engine inputs and results,
  explanations): erasure replaces the person's name, email and phone there by a pseudonym;
- ``kept``: held for a legal duration (payroll, invoices, the security log), not erased now;
  the erasure report says what and why; the purge removes it when the duration is over;
- ``none``: holds no personal data (reference data, codes, states, amounts).

docs/personal-data.md is the readable register (purpose, who sees it, how long); a test
checks both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DELETE, PSEUDONYMISE, KEEP, NOTHING = "delete", "pseudonymise", "keep", "nothing"

PAYROLL_KEPT = (
    "Payroll records: kept 5 years (Code du travail L3243-4; URSSAF checks, L244-3 CSS), "
    "then pseudonymised by purge_expired_data."
)
INVOICE_KEPT = "Invoices and their lines: kept 10 years (Code de commerce L123-22)."
AUDIT_KEPT = "The security log: kept 1 year (CNIL recommendation on logging), then purged."
SIGNED_KEPT = "A signed credential belongs to its holder; verifiers still check it here."


@dataclass(frozen=True)
class Entry:
    """What one model holds about people and what erasure does to it."""

    subject: str | None = None  # lookup from the row to the person (e.g. "user", "worker__user")
    personal: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    scrub: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    erase: str = NOTHING
    kept_because: str = ""
    fields_kept_because: dict[str, str] = field(default_factory=dict)

    def classified(self) -> set[str]:
        return {*self.personal, *self.actors, *self.scrub, *self.kept, *self.none}


ACT = ("by",)
LOG_STATES = ("from_state", "to_state")

REGISTER: dict[str, Entry] = {
    # Django and allauth.
    "admin.LogEntry": Entry(
        actors=("user",), scrub=("object_repr", "change_message"), none=("object_id",)
    ),
    "auth.Permission": Entry(none=("name", "codename")),
    "auth.Group": Entry(none=("name",)),
    "contenttypes.ContentType": Entry(none=("app_label", "model")),
    "sessions.Session": Entry(personal=("session_key", "session_data"), erase=DELETE),
    "account.EmailAddress": Entry(subject="user", personal=("user", "email"), erase=DELETE),
    "account.EmailConfirmation": Entry(
        subject="email_address__user", personal=("key",), erase=DELETE
    ),
    "mfa.Authenticator": Entry(subject="user", personal=("user", "data"), erase=DELETE),
    "usersessions.UserSession": Entry(
        subject="user",
        personal=("user", "ip", "session_key", "user_agent", "data"),
        erase=DELETE,
    ),
    # Platform.
    "core.IdempotencyKey": Entry(subject="user", personal=("user", "key"), erase=DELETE),
    "territory.Commune": Entry(
        none=(
            "insee_code",
            "name",
            "postal_codes",
            "departement_code",
            "departement_name",
            "region_name",
            "epci_siren",
            "epci_name",
        )
    ),
    "territory.Territory": Entry(none=("name", "slug", "code")),
    "territory.ThirdPlace": Entry(none=("name", "address", "services", "email")),
    "people.User": Entry(
        subject="pk",
        personal=("password", "email", "first_name", "last_name", "phone"),
        erase=PSEUDONYMISE,
    ),
    "people.Organisation": Entry(none=("name", "siret", "address", "email")),
    "people.BuyerGroup": Entry(none=("name",)),
    "people.WorkerProfile": Entry(subject="user", personal=("user", "bio"), erase=PSEUDONYMISE),
    "people.Membership": Entry(subject="user", personal=("user",), erase=DELETE),
    "skills.Skill": Entry(
        none=(
            "code",
            "name_fr",
            "name_en",
            "domain_fr",
            "domain_en",
            "description_fr",
            "description_en",
            "digcomp",
        )
    ),
    "skills.WorkerSkill": Entry(subject="worker__user", actors=("confirmed_by",), erase=DELETE),
    "skills.SkillEvidence": Entry(
        subject="worker_skill__worker__user",
        personal=("detail", "source", "comment", "document", "document_type"),
        actors=("recorded_by",),
        erase=DELETE,
    ),
    "notifications.Notification": Entry(
        subject="recipient", personal=("recipient",), scrub=("params",), none=("url",), erase=DELETE
    ),
    "notifications.EmailDelivery": Entry(
        subject="notification__recipient",
        personal=("address", "last_error"),
        none=("language",),
        erase=DELETE,
    ),
    "notifications.EmailPreference": Entry(subject="user", personal=("user",), erase=DELETE),
    "notifications.RecipientSettings": Entry(subject="user", personal=("user",), erase=DELETE),
    "missions.Mission": Entry(
        actors=("created_by", "quote_requested_by"),
        scrub=("title", "description"),
        none=("address",),
    ),
    "missions.ExcludedPeriod": Entry(none=("label",)),
    "missions.MissionTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "consolidation.ConsolidationRun": Entry(
        actors=("requested_by",),
        scrub=("message", "result", "engine_input", "engine_result"),
        none=("queue", "worker"),
    ),
    "consolidation.PlanVersion": Entry(
        scrub=("metrics",), none=("solver_status", "objective", "bound")
    ),
    "consolidation.PlanTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "consolidation.PlanAssignment": Entry(scrub=("blocks", "explanation")),
    "consolidation.PlanUnassigned": Entry(scrub=("reason", "detail", "params")),
    "consolidation.PairRule": Entry(actors=("created_by", "revoked_by"), scrub=("reason",)),
    "consolidation.AssignmentResponse": Entry(actors=ACT, scrub=("reason",)),
    "consolidation.ReviewAnswer": Entry(actors=ACT, scrub=("reason",)),
    "execution.Occurrence": Entry(scrub=("cancel_reason",), none=("place_label", "address", "uid")),
    "execution.OccurrenceTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "execution.FeedToken": Entry(subject="user", personal=("user", "token"), erase=DELETE),
    "pricing.Charter": Entry(actors=("created_by",), scrub=("note",)),
    "pricing.Quote": Entry(actors=("issued_by",), none=("computation",)),
    "pricing.QuoteTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "timesheets.TimesheetTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "timesheets.TimesheetVersion": Entry(actors=ACT, scrub=("reason",)),
    "timesheets.TimesheetLine": Entry(scrub=("reason",)),
    "absences.Absence": Entry(
        subject="worker__user", personal=("note",), actors=("declared_by",), erase=PSEUDONYMISE
    ),
    "absences.AbsenceTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "absences.ReplacementProposal": Entry(
        actors=("requested_by",),
        scrub=("message", "result", "engine_input", "engine_result"),
        none=("queue", "worker"),
    ),
    "absences.ProposalLine": Entry(actors=("confirmed_by",), scrub=("reason", "params")),
    "employment.ContractProposal": Entry(actors=("created_by",), none=("wage_basis", "figures")),
    "employment.ContractTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "invoicing.GroupInvoicing": Entry(actors=("updated_by",)),
    "invoicing.PublicReference": Entry(
        actors=("given_by",), none=("service_code", "commitment_number")
    ),
    "invoicing.InvoiceSequence": Entry(none=("carrier_siret",)),
    "invoicing.Invoice": Entry(
        actors=("issued_by",),
        kept=("note",),
        none=(
            "number",
            "seller_name",
            "seller_siret",
            "seller_address",
            "seller_postcode",
            "seller_city",
            "seller_vat_number",
            "seller_iban",
            "buyer_name",
            "buyer_siret",
            "buyer_address",
            "buyer_postcode",
            "buyer_city",
            "service_code",
            "commitment_number",
            "vat_exemption",
        ),
        erase=KEEP,
        kept_because=INVOICE_KEPT,
    ),
    "invoicing.InvoiceTransition": Entry(
        actors=ACT, kept=("reason",), none=LOG_STATES, erase=KEEP, kept_because=INVOICE_KEPT
    ),
    "invoicing.InvoiceLine": Entry(kept=("description",), erase=KEEP, kept_because=INVOICE_KEPT),
    "invoicing.DraftLine": Entry(scrub=("description",)),
    "invoicing.Payment": Entry(actors=("recorded_by",), none=("reference",)),
    "wages.GroupEmployment": Entry(actors=("created_by",)),
    "wages.PayrollExport": Entry(actors=("created_by",)),
    "wages.PayrollLine": Entry(
        subject="worker__user",
        kept=("last_name", "first_name"),
        erase=KEEP,
        kept_because=PAYROLL_KEPT,
    ),
    "wages.GroupStatementLine": Entry(
        subject="payroll_line__worker__user",
        kept=("worker_name",),
        erase=KEEP,
        kept_because=PAYROLL_KEPT,
    ),
    "gpec.GpecJob": Entry(
        actors=("requested_by",), scrub=("message", "result", "params"), none=("queue", "worker")
    ),
    "credentials.CertificationTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "credentials.CertificationSignature": Entry(
        actors=("certifier",), scrub=("justification",), none=("role",)
    ),
    "credentials.IssuedCredential": Entry(
        subject="worker__user",
        kept=("token",),
        scrub=("revocation_reason",),
        none=("key_id",),
        erase=KEEP,
        kept_because=SIGNED_KEPT,
    ),
    "governance.Statutes": Entry(actors=("created_by",), none=("weights",)),
    "governance.CollegeMembership": Entry(
        subject="user", personal=("user",), actors=("added_by",), erase=PSEUDONYMISE
    ),
    "governance.Proposal": Entry(actors=("created_by",), scrub=("title", "text", "change")),
    "governance.ProposalTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "governance.UnionOpinion": Entry(actors=("recorded_by",), scrub=("text",)),
    "governance.Participation": Entry(subject="user", personal=("user",), erase=PSEUDONYMISE),
    "governance.Decision": Entry(scrub=("not_applied_reason",), none=("tally",)),
    "directory.Structure": Entry(
        actors=("created_by",),
        scrub=("contact_name", "contact_email", "contact_phone"),
        none=("name", "siret", "activities"),
    ),
    "directory.DiagnosisAnswer": Entry(
        actors=("answered_by",), scrub=("needs", "wishes"), none=("activities", "kinds_wanted")
    ),
    "engagement.Offer": Entry(actors=("created_by",), scrub=("description", "provider")),
    "engagement.Placement": Entry(actors=("created_by",)),
    "training.TrainingSession": Entry(
        actors=("created_by", "trainer"), scrub=("title",), none=("predicted_missions",)
    ),
    "training.SessionTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "economics.Assumptions": Entry(actors=("created_by",), scrub=("note",)),
    "economics.Grant": Entry(none=("funder",)),
    "tokens.ApiToken": Entry(
        subject="user", personal=("user", "name", "scopes", "prefix", "secret_hash"), erase=DELETE
    ),
    "accounts.Invitation": Entry(
        personal=("email", "token_hash"),
        actors=("invited_by", "accepted_by", "revoked_by"),
        erase=PSEUDONYMISE,
    ),
    "accounts.RoleChange": Entry(
        subject="user", personal=("user",), actors=ACT, erase=PSEUDONYMISE
    ),
    "accounts.ProfileReviewTransition": Entry(actors=ACT, scrub=("reason",), none=LOG_STATES),
    "accounts.ErasureRequest": Entry(
        subject="user",
        personal=("user",),
        none=("report",),
        erase=KEEP,
        kept_because="The proof that the erasure was done.",
    ),
    "audit.AuditEvent": Entry(
        actors=("actor",),
        kept=("actor_label", "target_label", "ip_address", "user_agent", "detail"),
        none=("action", "target_type", "target_id"),
        erase=KEEP,
        kept_because=AUDIT_KEPT,
    ),
}

# Personal data without a free-text field (so not found by the field check): deleted with the
# person, exported with everything else of theirs.
REGISTER.update(
    {
        "people.AvailabilityWindow": Entry(subject="worker__user", erase=DELETE),
        "gpec.HouseholdSituation": Entry(subject="worker__user", erase=DELETE),
        "accounts.ProfileReview": Entry(subject="profile__user", erase=NOTHING),
    }
)
