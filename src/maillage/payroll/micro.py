"""Micro-entrepreneur (régime micro-social) rates and net income, from OpenFisca parameters.

OpenFisca-France's income variables for micro-entrepreneurs (``rpns_*``, ``microsocial``...)
are unreliable for this use: they mix fiscal and social bases, expect yearly foyer-fiscal
inputs and do not give the contributions paid on turnover. So only the *rates* are read
from OpenFisca's parameter tree and the net income is computed here:
net = turnover x (1 - social rate - CFP rate - versement libératoire rate if chosen).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from maillage.payroll.system import month_of, parameters_at, rate, to_cents

Activity = Literal["bnc", "bic_services"]
ACTIVITIES: tuple[Activity, ...] = ("bnc", "bic_services")


@dataclass(frozen=True)
class MicroRates:
    """Rates applied to a micro-entrepreneur's turnover, and the regime's thresholds.

    - ``social_contributions``: cotisations et contributions sociales (micro-social), BNC
      ``auto_entrepreneur.cotisations_prestations.service`` (liberal professions affiliated
      to the SSI, not the CIPAV) or BIC ``service_bic`` (commercial/craft services);
    - ``vocational_training``: contribution à la formation professionnelle (CFP),
      ``formation_professionnelle.professions_liberales_chiffre_affaires`` or
      ``servicecom_chiffre_affaires`` (traders' rate; registered craftsmen pay 0.3 %);
    - ``income_tax_flat``: versement libératoire de l'impôt sur le revenu,
      ``impot_revenu...rpns.microsocial.bnc`` or ``.servi``;
    - ``flat_allowance``: abattement forfaitaire for income tax (and the pension rule below),
      ``regime_micro_bnc.taux`` or ``regime_micro_bic.services.taux``;
    - ``turnover_ceiling``: yearly turnover ceiling of the micro regime (``plafond``).
    """

    month: str
    activity: Activity
    social_contributions: Decimal
    vocational_training: Decimal
    income_tax_flat: Decimal
    flat_allowance: Decimal
    turnover_ceiling: Decimal


@functools.lru_cache(maxsize=256)
def micro_rates(*, year_or_month: str, activity: Activity) -> MicroRates:
    """Return the micro-entrepreneur rates in force on the first day of the month or year."""
    if activity not in ACTIVITIES:
        raise ValueError(f"activity must be one of {ACTIVITIES}, got {activity!r}")
    month = month_of(year_or_month)
    parameters = parameters_at(month)
    auto_entrepreneur = parameters.prelevements_sociaux.professions_liberales.auto_entrepreneur
    contributions = auto_entrepreneur.cotisations_prestations
    training = auto_entrepreneur.formation_professionnelle
    rpns = parameters.impot_revenu.calcul_revenus_imposables.rpns
    micro_regimes = rpns.micro.microentreprise
    if activity == "bnc":
        return MicroRates(
            month=month,
            activity=activity,
            social_contributions=rate(contributions.service),
            vocational_training=rate(training.professions_liberales_chiffre_affaires),
            income_tax_flat=rate(rpns.microsocial.bnc),
            flat_allowance=rate(micro_regimes.regime_micro_bnc.taux),
            turnover_ceiling=rate(micro_regimes.regime_micro_bnc.plafond),
        )
    return MicroRates(
        month=month,
        activity=activity,
        social_contributions=rate(contributions.service_bic),
        vocational_training=rate(training.servicecom_chiffre_affaires),
        income_tax_flat=rate(rpns.microsocial.servi),
        flat_allowance=rate(micro_regimes.regime_micro_bic.services.taux),
        turnover_ceiling=rate(micro_regimes.regime_micro_bic.services.plafond),
    )


@dataclass(frozen=True)
class MicroIncome:
    """A micro-entrepreneur's yearly and monthly figures (euros, Decimal to the cent).

    Monthly figures are the yearly ones divided by 12. ``net_income`` is after social
    contributions and CFP, and after income tax only when the versement libératoire is
    chosen (otherwise income tax is still due through the household's tax return).
    """

    rates: MicroRates
    versement_liberatoire: bool
    turnover_yearly: Decimal
    social_contributions_yearly: Decimal
    vocational_training_yearly: Decimal
    income_tax_flat_yearly: Decimal
    contributions_yearly: Decimal
    net_income_yearly: Decimal
    turnover_monthly: Decimal
    contributions_monthly: Decimal
    net_income_monthly: Decimal
    #: Turnover after the flat allowance: the income pension rights are computed on.
    taxable_income_yearly: Decimal
    above_turnover_ceiling: bool


def micro_income(
    *,
    year_or_month: str,
    turnover_yearly: Decimal | float | str,
    activity: Activity,
    versement_liberatoire: bool,
) -> MicroIncome:
    """Return the net income of a micro-entrepreneur invoicing ``turnover_yearly``."""
    rates = micro_rates(year_or_month=year_or_month, activity=activity)
    turnover = to_cents(Decimal(str(turnover_yearly)))
    if turnover < 0:
        raise ValueError(f"turnover_yearly must be >= 0, got {turnover}")
    social = to_cents(turnover * rates.social_contributions)
    training = to_cents(turnover * rates.vocational_training)
    income_tax = (
        to_cents(turnover * rates.income_tax_flat) if versement_liberatoire else Decimal("0.00")
    )
    contributions = social + training + income_tax
    net = turnover - contributions
    return MicroIncome(
        rates=rates,
        versement_liberatoire=versement_liberatoire,
        turnover_yearly=turnover,
        social_contributions_yearly=social,
        vocational_training_yearly=training,
        income_tax_flat_yearly=income_tax,
        contributions_yearly=contributions,
        net_income_yearly=net,
        turnover_monthly=to_cents(turnover / 12),
        contributions_monthly=to_cents(contributions / 12),
        # Derived so that turnover = contributions + net holds monthly too, to the cent.
        net_income_monthly=to_cents(turnover / 12) - to_cents(contributions / 12),
        taxable_income_yearly=to_cents(turnover * (1 - rates.flat_allowance)),
        above_turnover_ceiling=turnover > rates.turnover_ceiling,
    )
