"""Gazetteer normalisation, point-in-polygon, and the HarveyNER location score (real data).

Reads ../shared/data (never copied into the repo); every test skips when it is absent.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

from bot.triage.gazetteer import Gazetteer, Locator
from bot.triage.location import find_location

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PHILLY = DATA / "philadelphia"
EVAL = DATA.parent / "eval" / "triage_eval.py"

needs_philly = pytest.mark.skipif(
    not (PHILLY / "passyunk_centerline.csv").exists(),
    reason=f"Philadelphia gazetteer data not found at {PHILLY} (CI provides ../shared/data)",
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    if not (PHILLY / "passyunk_centerline.csv").exists():
        pytest.skip(f"Philadelphia gazetteer data not found at {PHILLY}")
    return Gazetteer.load(PHILLY)


@needs_philly
def test_loads_quickly() -> None:
    start = time.perf_counter()
    gaz = Gazetteer.load(PHILLY)
    assert time.perf_counter() - start < 5.0
    assert len(gaz.neighborhoods) == 159
    assert "BROAD" in gaz.streets


@needs_philly
@pytest.mark.parametrize(
    ("text", "kind", "normalized"),
    [
        ("Tree down at 2314 S Broad St please help", "address", "2314 S BROAD ST"),
        ("flooding on the 700 block of S 9th St", "block", "700 BLOCK S 9TH ST"),
        ("wires down at 5th and Market", "intersection", "N 5TH ST & MARKET ST"),
        ("traffic light out at Broad & Erie", "intersection", "N BROAD ST & W ERIE AVE"),
        ("árbol caído en 5th y Lehigh", "intersection", "N 5TH ST & W LEHIGH AVE"),
        (
            "hay un cable tirando chispas en la 5 y Lehigh",
            "intersection",
            "N 5TH ST & W LEHIGH AVE",
        ),
        ("pothole near 1500 Market Street", "address", "1500 MARKET ST"),
        ("big limb down on Cottman Ave", "road", "COTTMAN AVE"),
        (
            "Broad between Erie and Allegheny is flooded",
            "segment",
            "N BROAD ST BETWEEN W ERIE AVE & W ALLEGHENY AVE",
        ),
        ("flooding outside city hall", "landmark", "1400 JOHN F KENNEDY BLVD"),
        ("Water main break by Temple University Hospital", "landmark", "3401-41 N BROAD ST"),
    ],
)
def test_official_forms(gazetteer: Gazetteer, text: str, kind: str, normalized: str) -> None:
    found = Locator(gazetteer).find(text)
    assert found is not None
    assert (found.kind, found.normalized) == (kind, normalized)
    assert found.text in text


@needs_philly
def test_street_lookups(gazetteer: Gazetteer) -> None:
    assert gazetteer.normalize_street("St Albans St") == "SAINT ALBANS ST"
    assert gazetteer.normalize_street("fifth street") == "N 5TH ST"
    assert gazetteer.normalize_address(2314, "Broad St") == "2314 N BROAD ST"
    assert gazetteer.normalize_street("Nowhere Blvd") is None
    assert gazetteer.streets_for("S Broad St")[0].has_address(2314)


@needs_philly
@pytest.mark.parametrize("text", ["Kathy Jones says the power is out", "Happy Birthday mom", ""])
def test_non_places(gazetteer: Gazetteer, text: str) -> None:
    assert Locator(gazetteer).find(text) is None


@needs_philly
@pytest.mark.parametrize(
    ("lat", "lon", "hood"),
    [
        (39.9524, -75.1636, "Center City East"),  # City Hall
        (39.9496, -75.1503, "Old City"),  # Independence Hall
        (39.9496, -75.1718, "Rittenhouse"),  # Rittenhouse Square
    ],
)
def test_neighborhood_of_a_point(gazetteer: Gazetteer, lat: float, lon: float, hood: str) -> None:
    found = Locator(gazetteer).from_coordinates(lat, lon)
    assert found.kind == "coordinates"
    assert (found.latitude, found.longitude) == (lat, lon)
    assert found.neighborhood == hood


@needs_philly
@pytest.mark.parametrize(("lat", "lon"), [(40.7128, -74.0060), (29.7604, -95.3698), (0.0, 0.0)])
def test_outside_the_city(gazetteer: Gazetteer, lat: float, lon: float) -> None:
    assert Locator(gazetteer).from_coordinates(lat, lon).neighborhood is None


def test_no_gazetteer_coordinates() -> None:
    found = Locator().from_coordinates(39.9524, -75.1636)
    assert found.kind == "coordinates"
    assert found.neighborhood is None


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("triage_eval", EVAL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (EVAL.exists() and (DATA / "harveyner" / "tweets.dev.bio").exists()),
    reason=f"HarveyNER dev data or the shared eval script not found under {DATA.parent}",
)
def test_harveyner_dev_location_f1() -> None:
    te = _eval_module()
    items = [it for it in te.load_harveyner(str(DATA)) if it["task"] == "loc"]
    assert len(items) > 1000
    pred = {}
    for it in items:
        found = find_location(it["text"])
        pred[it["id"]] = {"location": {"text": found.text} if found else None}
    res = te.score(items, pred)
    assert res["location_f1"] >= 0.55, res


@needs_philly
def test_a_corner_the_gazetteer_knows_makes_a_long_report(gazetteer: Gazetteer) -> None:
    from bot.config import DEFAULT_CATEGORIES
    from bot.domain.triage import Intent
    from bot.triage.pipeline import RuleTriage

    text = (
        "Floods washed away the whole road between Broad and Erie and cars are stuck in the "
        "water with the current getting stronger every minute"
    )
    plain = RuleTriage(DEFAULT_CATEGORIES).triage(text)
    assert plain.intent is Intent.NOT_ACTIONABLE  # a bare pair of names, no street
    local = RuleTriage(DEFAULT_CATEGORIES, locator=Locator(gazetteer)).triage(text)
    assert local.intent is not Intent.NOT_ACTIONABLE
    assert local.location is not None
    assert local.location.normalized == "N BROAD ST & W ERIE AVE"


@needs_philly
@pytest.mark.parametrize(
    ("text", "span", "normalized", "hood"),
    [
        ("Power has been out for two days in Olney", "Olney", "Olney", "Olney"),
        ("no power in olney since 6", "olney", "Olney", "Olney"),
        ("trees down all over Fishtown", "Fishtown", "Fishtown - Lower Kensington",
         "Fishtown - Lower Kensington"),
        ("Flooding in West Kensington", "West Kensington", "Kensington, West", "Kensington, West"),
        # two words or more count in lower case too
        ("storm hit east mount airy hard", "east mount airy", "Mount Airy, East",
         "Mount Airy, East"),
        # a name several polygons share: the place, but no single neighborhood
        ("basement flooded in germantown", "germantown", "Germantown", None),
    ],
)  # fmt: skip
def test_neighborhood_names(
    gazetteer: Gazetteer, text: str, span: str, normalized: str, hood: str | None
) -> None:
    found = Locator(gazetteer).find(text)
    assert found is not None
    assert (found.kind, found.text, found.normalized, found.neighborhood) == (
        "neighborhood", span, normalized, hood,
    )  # fmt: skip


@needs_philly
def test_a_common_word_is_not_a_neighborhood_and_streets_come_first(gazetteer: Gazetteer) -> None:
    locator = Locator(gazetteer)
    assert locator.find("the industrial smell near the river is back") is None
    corner = locator.find("tree down at 5th and Market in Olney")
    assert corner is not None
    assert (corner.kind, corner.neighborhood) == ("intersection", "Olney")
    # A street named after a neighborhood runs through many: it names none.
    avenue = locator.find("huge pothole on Frankford Ave near the El")
    assert avenue is not None
    assert (avenue.kind, avenue.neighborhood) == ("road", None)
    street = locator.find("Germantown Ave is flooded past the bridge")
    assert street is None or street.kind != "neighborhood", street
    # A name several polygons share says nothing certain about the corner.
    shared = locator.find("tree down at 5th and Market in Germantown")
    assert shared is not None
    assert shared.neighborhood is None


@needs_philly
def test_a_report_naming_only_a_neighborhood(gazetteer: Gazetteer) -> None:
    from bot.config import DEFAULT_CATEGORIES
    from bot.domain.triage import Intent
    from bot.triage.pipeline import RuleTriage

    result = RuleTriage(DEFAULT_CATEGORIES, locator=Locator(gazetteer)).triage(
        "Power has been out for two days in Olney"
    )
    assert result.intent is Intent.SERVICE_REQUEST
    assert result.category == "power_outage"
    assert result.location is not None
    assert result.location.neighborhood == "Olney"
    # Too wide to group reports as one incident.
    assert result.place_key is None


@needs_philly
def test_a_stretch_of_street_makes_a_long_report(gazetteer: Gazetteer) -> None:
    """A resident naming a stretch of street is at that street, as one naming a corner is;
    the stretch's two cross streets are not read as the place."""
    from bot.config import DEFAULT_CATEGORIES
    from bot.domain.triage import Intent
    from bot.triage.pipeline import RuleTriage

    text = (
        "Water over the curbs on Broad between Erie and Allegheny, storm drains backing up "
        "into the basements along the whole stretch and the bus had to turn around"
    )
    local = RuleTriage(DEFAULT_CATEGORIES, locator=Locator(gazetteer)).triage(text)
    assert local.intent is Intent.SERVICE_REQUEST
    assert local.location is not None
    assert local.location.kind == "segment"
    assert local.location.normalized == "N BROAD ST BETWEEN W ERIE AVE & W ALLEGHENY AVE"
