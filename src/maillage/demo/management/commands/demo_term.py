"""manage.py demo_term: the demo's term under way, once its plan is published."""

from __future__ import annotations

from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from maillage.demo.term import NoPublishedPlan, build_term_under_way


class Command(BaseCommand):
    help = (
        "Build what follows the demo's published plan: absences and replacements, timesheets, "
        "review answers, invoices, payroll export, evaluations and badges, a training, the "
        "economic model and directory, the colleges and votes, invitations (each step skipped "
        "when already done)."
    )

    def handle(self, *args, **options) -> None:
        try:
            steps = build_term_under_way()
        except NoPublishedPlan as error:
            raise CommandError(
                "The demo has no published plan: run build_demo, then consolidate --publish."
            ) from error
        done = [name for name, did in asdict(steps).items() if did]
        self.stdout.write(
            "Term under way: " + (", ".join(done) if done else "already built, nothing to do")
        )
