"""The development data in ../shared/data, read as the eval reads it, with each item's event.

Labels follow ../shared/eval/triage_eval.py exactly, so leave-one-event-out figures here and
the eval's figures mean the same thing. Nothing here is used by the bot at run time.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(
    os.environ.get("CRISISBOT_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)

# Disaster Response label -> the city's categories the eval accepts for it.
CATEGORY_MAP: dict[str, set[str]] = {
    "electricity": {"power_outage", "downed_wires"},
    "floods": {"flooding", "sewer_water"},
    "transport": {"road_blocked", "downed_tree", "pothole", "traffic_signal"},
    "buildings": {"building_damage"},
    "water": {"food_water", "sewer_water"},
    "food": {"food_water"},
    "shelter": {"shelter"},
}
# The one category each label trains (the model learns one code per message).
TRAIN_CATEGORY = {
    "electricity": "power_outage", "floods": "flooding", "transport": "road_blocked",
    "buildings": "building_damage", "water": "food_water", "food": "food_water",
    "shelter": "shelter",
}  # fmt: skip


def bucket(item_id: str, n: int) -> int:
    """A stable bucket in ``range(n)`` for a message id (from its md5), the same on every run
    and machine: for fixed halves and samples of the dev data."""
    return hashlib.md5(item_id.encode()).digest()[0] % n


@dataclass
class Item:
    """One development message with its gold labels."""

    id: str
    text: str
    task: str  # dr | dr_original | t6_off | t6_on | t26_quiet | t26_info
    event: str
    request: bool = False
    emergency: bool = False
    life_safety: bool = False  # medical help, search and rescue, missing people (any genre)
    news: bool = False
    direct: bool = False
    cats: set[str] = field(default_factory=set)


def _flag(row: dict[str, str], key: str) -> bool:
    return row.get(key, "0").strip() == "1"


def load_disaster_response(data: Path = DATA) -> list[Item]:
    """Disaster Response messages: English and original texts, event = the crisis (or news)."""
    items: list[Item] = []
    for path in sorted(glob.glob(str(data / "disaster_response" / "*.csv"))):
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                emergency = any(
                    _flag(row, k) for k in ("medical_help", "search_and_rescue", "missing_people")
                )
                event = row.get("event") or "NULL"
                base = {
                    "event": "news" if event == "NULL" else event,
                    "request": _flag(row, "request") or emergency,
                    "emergency": emergency and row["genre"] == "direct",
                    "life_safety": emergency,
                    "news": row["genre"] == "news",
                    "direct": row["genre"] == "direct",
                    "cats": {k for k in CATEGORY_MAP if _flag(row, k)},
                }
                items.append(Item(f"dr-{row['id']}", row["message"], "dr", **base))  # type: ignore[arg-type]
                original = row.get("original", "").strip()
                if original and original != row["message"].strip():
                    items.append(Item(f"dro-{row['id']}", original, "dr_original", **base))  # type: ignore[arg-type]
    return items


def _read_crisislex(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", errors="replace") as f:
        reader = csv.reader(f, skipinitialspace=True)
        header = [h.strip() for h in next(reader)]
        return [dict(zip(header, (c.strip() for c in row), strict=False)) for row in reader if row]


def load_crisislex(data: Path = DATA) -> list[Item]:
    """CrisisLex T6 (on/off topic) and T26 (informativeness) tweets, event = the crisis."""
    items: list[Item] = []
    for path in sorted(glob.glob(str(data / "crisislex_t6" / "*.csv"))):
        event = os.path.basename(path).split("-")[0]
        for i, row in enumerate(_read_crisislex(path)):
            task = "t6_off" if row.get("label") == "off-topic" else "t6_on"
            items.append(Item(f"t6-{event}-{i}", row.get("tweet", ""), task, event.lower()))
    for path in sorted(glob.glob(str(data / "crisislex_t26" / "*-tweets_labeled.csv"))):
        event = os.path.basename(path).split("-")[0]
        for i, row in enumerate(_read_crisislex(path)):
            quiet = row.get("Informativeness") in ("Not related", "Related - but not informative")
            task = "t26_quiet" if quiet else "t26_info"
            items.append(Item(f"t26-{event}-{i}", row.get("Tweet Text", ""), task, event.lower()))
    return items


def load_all(data: Path = DATA) -> list[Item]:
    """Everything, or an empty list when the data folder is absent."""
    if not data.is_dir():
        return []
    return load_disaster_response(data) + load_crisislex(data)
