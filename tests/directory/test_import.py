"""The CSV import: all or nothing, with what is wrong line by line."""

import pytest

from maillage.directory.models import Structure
from maillage.directory.services import import_structures
from tests.factories.directory import structure
from tests.factories.people import siret

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

HEADER = "name,kind,commune,siret,contact_name,contact_email,activities,link\n"


def run(territory, body: str):
    return import_structures(territory=territory, content=(HEADER + body).encode(), by=None)


def test_a_good_file_imports_every_line(territory):
    report = run(
        territory,
        f"EPN de Libourne,epn,33243,{siret(1)},Accueil,epn@example.org,Ateliers,partner\n"
        "CAE Bordeaux,cae,Bordeaux,,,,,\n",
    )
    assert (report.ok, report.created) == (True, 2)
    assert sorted(Structure.objects.values_list("name", "commune__insee_code", "link")) == [
        ("CAE Bordeaux", "33063", "none"),
        ("EPN de Libourne", "33243", "partner"),
    ]


def test_a_bad_file_imports_nothing_and_says_why_line_by_line(territory):
    structure(territory, name="Mairie de Mérignac", kind="local_authority", commune="33281")
    report = run(
        territory,
        "EPN de Libourne,epn,33243,,,,,\n"
        "Atelier,epn,Paris,,,,,\n"
        "EPN de Libourne,epn,33243,,,,,\n"
        "Mairie de Mérignac,local_authority,33281,,,,,\n"
        "GEIQ,geiq,33063,12345678901234,,,,\n"
        "Truc,shop,33063,,,,,\n",
    )
    assert not report.ok
    assert [(line.number, line.errors) for line in report.lines if line.errors] == [
        (3, ["Unknown commune 'Paris' on this territory."]),
        (4, ["Duplicate of line 2 (same name and commune)."]),
        (5, ["Already in the directory (same name and commune)."]),
        (6, ["Wrong SIRET 12345678901234 (14 digits, check digit)."]),
        (
            7,
            [
                "Unknown kind 'shop' (expected one of: cae, employer_group, geiq, third_place, "
                "epn, france_services, tzcld, siae, training_body, local_authority)."
            ],
        ),
    ]
    assert list(Structure.objects.values_list("name", flat=True)) == ["Mairie de Mérignac"]


def test_file_level_errors(territory):
    assert import_structures(territory=territory, content=b"a,b\n1,2\n", by=None).file_errors == [
        "Missing columns: name, kind, commune."
    ]
    assert import_structures(territory=territory, content=b"\xff\xfe", by=None).file_errors == [
        "The file is not UTF-8 text."
    ]
    assert run(territory, "").file_errors == ["The file has no line to import."]
    assert not Structure.objects.exists()


def test_semicolons_and_the_same_siret_twice(territory):
    body = HEADER.replace(",", ";") + f"A;cae;33063;{siret(2)}\nB;cae;33063;{siret(2)}\n"
    report = import_structures(territory=territory, content=body.encode(), by=None)
    assert [(line.number, line.errors) for line in report.lines if line.errors] == [
        (3, ["Same SIRET as line 2."])
    ]
    assert not Structure.objects.exists()
