"""The location finder: Philadelphia street forms, free-form place names, non-places, speed."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.triage import location as loc
from bot.triage.gazetteer import Locator
from bot.triage.location import TokenModel, find_location, token_features


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("Tree down at 2314 S Broad St please help", "address", "2314 S Broad St"),
        # A direction and a name with no suffix is still an address.
        ("sidewalk sinking at 2100 W Huntingdon", "address", "2100 W Huntingdon"),
        ("flooding on the 700 block of S 9th St", "block", "700 block of S 9th St"),
        ("wires down at 5th and Market", "intersection", "5th and Market"),
        ("traffic light out at Broad & Erie", "intersection", "Broad & Erie"),
        ("árbol caído en 5th y Lehigh", "intersection", "5th y Lehigh"),
        ("big limb down on Cottman Ave", "road", "Cottman Ave"),
        # A stretch of street, not the corner of its two cross streets.
        (
            "Broad between Erie and Allegheny is flooded",
            "segment",
            "Broad between Erie and Allegheny",
        ),
        (
            "Lincoln Dr btwn Wissahickon Ave & Harvey St closed",
            "segment",
            "Lincoln Dr btwn Wissahickon Ave & Harvey St",
        ),
        (
            "la Broad entre Erie y Allegheny está inundada",
            "segment",
            "Broad entre Erie y Allegheny",
        ),
    ],
)
def test_philadelphia_forms(text: str, kind: str, span: str) -> None:
    found = find_location(text)
    assert found is not None
    assert (found.kind, found.text) == (kind, span)


def test_a_segment_is_named_by_its_three_streets() -> None:
    found = find_location("Broad between Erie and Allegheny is flooded")
    assert found is not None
    assert found.normalized == "BROAD BETWEEN ERIE & ALLEGHENY"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Two-word names with no street word are areas, not a stretch of street.
        ("Traffic between Center City and University City is awful", "place"),
        # A sentence's opening word is no street: only the corner is left.
        ("There between Erie and Allegheny", "intersection"),
        # "road between ..." in lower case names no street of its own.
        ("the whole road between Broad and Erie", "intersection"),
    ],
)
def test_what_is_not_a_segment(text: str, kind: str) -> None:
    found = find_location(text)
    assert found is not None
    assert found.kind == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Water over the road on Buffalo Bayou near Shepherd, stay away", "Buffalo Bayou"),
        ("Addicks Reservoir release tonight, residents urged to leave", "Addicks Reservoir"),
        ("HIGH WATER ON KATY FREEWAY AT GESSNER", "KATY FREEWAY"),
        ("Shelter open at Lakewood Church tonight", "Lakewood Church"),
    ],
)
def test_free_form_place_names(text: str, expected: str) -> None:
    found = find_location(text)
    assert found is not None
    assert expected.lower() in found.text.lower()
    assert found.text in text


@pytest.mark.parametrize(
    "text",
    [
        "Thoughts and prayers to everyone tonight",
        "Happy Birthday to my mom, stay safe",
        "Kathy Jones says the power is out",
        "I am so tired of this storm",
        "We need help",
        "HAPPY BIRTHDAY KATHY",
        "",
        "   ",
    ],
)
def test_non_places(text: str) -> None:
    assert find_location(text) is None


def test_without_the_model_only_the_street_grammar_runs() -> None:
    assert loc.find_place_name("Buffalo Bayou is rising", TokenModel({}, 99.0)) is None
    assert TokenModel.load(loc.MODEL_PATH.with_name("missing.json")) is None
    assert Locator().find("5th and Market") is not None


def test_fast_scoring_equals_the_feature_definition() -> None:
    model = loc.default_model()
    assert model is not None, "bot/triage/data/location_model.json is committed"
    for text in [
        "Flooding at I-45 and N Main, HWY 6 closed #Houston",
        "water rising on buffalo bayou near katy fwy",
        "ALL CAPS TWEET ABOUT KINGWOOD",
        "x",
    ]:
        words = [m.group() for m in loc._TOKEN.finditer(text)]
        slow = [sum(model.weights.get(f, 0.0) for f in fs) for fs in token_features(words)]
        assert model.scores(words) == pytest.approx(slow)


def test_fast_enough() -> None:
    texts = [
        "Tree down at 2314 S Broad St please help",
        "no power since last night, please send someone to check the wires",
        "Water over the road on Buffalo Bayou near Shepherd, stay away #houstonflood",
    ]
    find_location(texts[0])  # load the model
    start = time.perf_counter()
    for _ in range(200):
        for text in texts:
            find_location(text)
    per_call = (time.perf_counter() - start) / 600
    assert per_call < 1e-3, f"{per_call * 1e6:.0f} us per call"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    found = find_location(text)
    assert found is None or found.text in text
