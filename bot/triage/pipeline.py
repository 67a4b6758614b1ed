"""The triage pipeline: rules from per-language lexicons, pluggable behind :class:`Triager`."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.domain.triage import Intent, Location, Priority, TriageResult
from bot.triage import regex_cache
from bot.triage.dedupe import place_key, simhash, text_key
from bot.triage.gazetteer import Locator
from bot.triage.language import LanguageDetector
from bot.triage.lexicon_regex import compile_entries, whole_words
from bot.triage.location import is_bare_pair
from bot.triage.model import MODEL_PATH, NO_TOPIC, IntentModel, features

LEXICON_DIR = Path(__file__).with_name("lexicons")
# A message this short that names a service and an "X and Y" corner is a report.
_SHORT_REPORT_WORDS = 20
# A need for shelter or food is not life safety on the model's word alone.
_NEEDS_NOT_LIFE_SAFETY = ("shelter", "food_water")
# Services that are never life safety by themselves (an abandoned car, dumped mattresses, a tag
# on a wall, trash): the witness head does not turn a report of one into an emergency; a
# life-safety word beside one still does.
_NEVER_LIFE_SAFETY = ("abandoned_vehicle", "illegal_dumping", "graffiti", "trash")
# A life-safety word in a message this short, sent to the city rather than passed around,
# is a witness's, named place or not.
_WITNESS_WORDS = 30
# ... named as a place ("at Broad and Girard"), not a list ("in QLD and BNE").
_AT_CORNER = re.compile(r"\b(?:at|on|by|near|of)\s+(?:the\s+)?$", re.IGNORECASE)
# ... or given as a sentence of its own ("a man is lying in the street. Castor and Magee").
# (not after an abbreviation: "in Sta. Ana and Pandacan").
_SENTENCE_START = re.compile(r"(?:^|(?<![A-Z][a-z])(?<![A-Z][a-z]{2})[.!?\n]\s*)$")
_SENTENCE_END = re.compile(r"\s*(?:[,.!?;:\n]|$)")
# No \b: in Chinese or Korean the number is glued to the words ("报修SR-000456进度").
# A 311 case number as the city's system writes it ("24-00719934"), in any language: a
# follow-up on a report made before.
_CASE_NUMBER = re.compile(r"(?<![\d-])\d{2}-\d{5,}(?![\d-])")
_TICKET = re.compile(r"(?<![A-Za-z0-9])(?:SR|sr|Sr)[-\s#]?(\d{3,})(?!\d)")
_COMMAND = re.compile(r"^/(?P<cmd>[a-z_]+)(?:@\w+)?(?:\s+(?P<arg>.*))?$", re.S)
_MENTION = re.compile(r"(?:^|\s)@\w{1,15}\b")
# A message's language and its place show in its first sentences; long texts (forwarded
# articles) would otherwise cost milliseconds each.
_LANGUAGE_CHARS = 300
_PLACE_CHARS = 320
# A follow-up on an earlier report is a text message, not a forwarded article.
_FOLLOWUP_CHARS = 320
_RETWEET = re.compile(r"^\s*\W?RT\s+@\w+", re.I)
# Hashtags name a topic ("#FloodPH", "#PrayForThePhilippines"), not something the writer saw.
_HASHTAG = re.compile(r"#\w+")
# Where Chinese, Japanese, Korean or Khmer meets a Latin letter or a digit with no space
# ("最近的warming center在哪里", "676现在通车了吗", "Olney근처"): both sides are word characters
# to ``re``, so an English entry's word start would never be found there.
_SCRIPTS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1780-\u17ff"
_SCRIPT_SEAM = re.compile(f"(?<=[{_SCRIPTS}])(?=[a-z0-9])|(?<=[a-z0-9])(?=[{_SCRIPTS}])")
# Words besides the place that the report head needs to open a report.
_REPORT_WORDS = 3
# Thanks "opens" a message when it starts within this many characters ("🙏 thank you ...").
_OPENING_CHARS = 3
# Prayers for the people of a fire are a line or two; a longer message that opens with thanks
# goes on to tell something ("thanks for yesterday's reply; today the water is coming in").
_SYMPATHY_WORDS = 15
# A street named with its suffix ("on Reed st", "by the Dollar General on Woodland ave", "on
# Cecil B Moore Ave"): a resident's place, whether or not a gazetteer confirms it.
_ON_STREET = re.compile(
    r"(?:^\W*|[.!?,;:]\s*|\b(?:on|at|in|along|down|up|near|by|off|of)\s+)"
    r"(?!(?:the|my|our|this|that|a|your|their|his|her)\b)"
    r"(?:(?:n|s|e|w|north|south|east|west)\.?\s+)?[a-z0-9]+"
    r"(?:(?:\s+[a-z]+)?|(?:\s+(?!(?:the|my|our|this|that|a|your|their|his|her)\b)[a-z]+){2})\s+"
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|pike|ln|lane|pkwy|parkway)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+")
# Where a clause ends: a condition ("if ...") reaches no further.
_CLAUSE_END = re.compile(r"[.!?;,\n。！？，；…]")
# What may stand between a cause word and the event it names: "the", "refinery", an elided
# article ("après l'incendie"); Chinese and Khmer write the words together.
# ... and between the event and a cause word after it: a case ending ("আগুনের কারণে").
_CAUSE_HEAD = re.compile(r"\S{0,3}\s*")


@functools.lru_cache(maxsize=8)
def _cause_tail(gap: int) -> re.Pattern[str]:
    """What may stand between a cause word and the event it names: at most ``gap`` words,
    then an elided article ("dell'", "l'")."""
    return re.compile(rf"^\s*(?:\S+\s+){{0,{gap}}}(?:\w+['’])?$")


# Newswire prose runs longer than a text message: shorter messages are never "articles", and
# one that asks for something is not one up to _ASK_WORDS words.
_ARTICLE_WORDS = 12
_ASK_WORDS = 25


_SHIPPED: list[IntentModel] = []


def shipped_model() -> IntentModel | None:
    """The model trained by ``python -m bench.train``, loaded once; None if not shipped."""
    if not _SHIPPED:
        if not MODEL_PATH.exists():
            return None
        _SHIPPED.append(IntentModel.load(MODEL_PATH))
    return _SHIPPED[0]


class Triager(Protocol):
    """Anything that can triage a message; the intake service takes one of these."""

    def triage(
        self,
        text: str,
        *,
        language_hint: str | None = None,
        coordinates: tuple[float, float] | None = None,
    ) -> TriageResult:
        """Understand one message."""


@dataclass(frozen=True, slots=True)
class _Lexicon:
    status: re.Pattern[str] | None
    emergency: re.Pattern[str] | None
    question: re.Pattern[str] | None
    request: re.Pattern[str] | None
    broadcast: re.Pattern[str] | None
    personal: re.Pattern[str] | None
    # Newswire prose (reporting verbs, agencies, statistics) and the words of someone writing
    # to the city (I, we, please, you): the first without the second is an article.
    news: re.Pattern[str] | None
    voice: re.Pattern[str] | None
    # Medical need that is life safety when the writer speaks for themselves or their people
    # ("my wife is pregnant and bleeding", "we have sick children"), not in a news story.
    care: re.Pattern[str] | None
    categories: tuple[tuple[str, re.Pattern[str]], ...]
    # An offer to give or volunteer ("I can donate food", "looking to volunteer"): welcome,
    # but not a service request to ticket.
    offer: re.Pattern[str] | None = None
    # Bare asks ("I need", "we don't have"): a request when the message is about a service, a
    # place or the writer's situation; in chatter ("I need a friend") they are not.
    need: re.Pattern[str] | None = None
    # Thanks for something done ("thank you for clearing the tree", "God bless you all"):
    # kind words, not a report, unless a ``still`` word says the problem goes on ("thanks,
    # but we still have no power").
    thanks: re.Pattern[str] | None = None
    still: re.Pattern[str] | None = None
    # One search answers "no category at all" for most messages before the per-code loop.
    any_category: re.Pattern[str] | None = None
    # The writer asks after a report they made before ("I reported the pothole 3 weeks ago",
    # "following up on my request"): a status query at any length, where ``status`` words
    # ("status?") count only in a short message.
    followup: re.Pattern[str] | None = None
    # Life safety with no city service to send: the ticket's category is "other".
    no_service: re.Pattern[str] | None = None
    # Laughter ("lol", "😂"): a joke, not a report, unless something else says otherwise.
    joke: re.Pattern[str] | None = None
    # The danger is over or only advice ("everybody got out ok", "if you smell gas get out"),
    # unless an ``ongoing`` word says something is still wrong.
    over: re.Pattern[str] | None = None
    ongoing: re.Pattern[str] | None = None
    # Everyone is safe ("we're all ok", "no injuries reported"): no life safety, though damage
    # to a home is still a report.
    safe: re.Pattern[str] | None = None
    # How a question opens when the writer leaves off the question mark.
    question_start: re.Pattern[str] | None = None
    # Someone hurt, ill, unresponsive or missing: a life-safety ticket about the person
    # ("other"), even when a service is named around them ("fell on the ice, bleeding").
    medical: re.Pattern[str] | None = None
    # A witness's here and now ("there's", "right now", "is shoving"), as news does not write.
    present: re.Pattern[str] | None = None
    # Someone named (a person, a relative, I, we): the witness head needs one.
    people: re.Pattern[str] | None = None
    # What the city answers questions about with no service to send (transit, schools, 911,
    # a curfew or a shelter-in-place order, disaster aid): a question about one is a question.
    info: re.Pattern[str] | None = None
    # A clause that supposes ("if", "in case", "what if"): a life-safety word inside one is a
    # hypothetical ("what do we do if someone gets trapped in the elevator?"), not a report.
    conditional: re.Pattern[str] | None = None
    # Words that name a cause ("because of", "after", "due to", "vì", "ដោយសារ"): in a
    # question, a life-safety word right after one names the event the question is about ("is
    # the tap water ok to drink after the chemical leak?"), not a danger the writer is in.
    cause: re.Pattern[str] | None = None
    # ... and the words that name a cause after the event, in languages that put them there
    # ("화재 때문에", "आग की वजह से", "আগুনের কারণে").
    cause_after: re.Pattern[str] | None = None
    # A demand that the city fix something, worded as a question ("is anyone going to fix
    # the light?", "¿alguien va a arreglar el semáforo o qué?"): a report, not a question.
    demand: re.Pattern[str] | None = None


# Lists of words that must end a word ("i" in "I", not in "it"): see whole_words.
WHOLE_WORD_KEYS = frozenset({"personal", "voice", "people"})


def load_lexicon(path: Path, categories: tuple[str, ...]) -> _Lexicon:
    """Read one ``<lang>.toml`` lexicon; unknown categories are an error naming the file.

    Compiling the 17 shipped lexicons takes a second or two; a file read before with the
    same content and service list is not compiled again (the cache holds a few dozen), and
    a restarted process reads the compiled lists from disk (see regex_cache).
    """
    return _parsed_lexicon(path, path.read_bytes(), categories)


@functools.lru_cache(maxsize=64)
def _parsed_lexicon(path: Path, content: bytes, categories: tuple[str, ...]) -> _Lexicon:
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    cats = data.get("categories", {})
    unknown = sorted(set(cats) - set(categories))
    if unknown:
        raise ValueError(f"{path}: categories not in the service list: {', '.join(unknown)}")
    lists = [(k, v) for k, v in data.items() if isinstance(v, list)]
    lists += [(f"categories.{k}", v) for k, v in cats.items()]
    for key, entries in lists:
        for entry in entries:
            if isinstance(entry, str) and any(ord(c) < 32 for c in entry):
                # "\b" in a double-quoted TOML string is a backspace, not a word boundary.
                raise ValueError(
                    f"{path}: {key}: {entry!r} holds a control character; write regexes in "
                    "single quotes ('\\b'), where a backslash is kept"
                )
    bounded = data.get("word_boundaries", True) is not False
    # A resident's need ("we got flooded out and need a shelter") names the service to send
    # before the hazard around it: ``category_first`` codes are tried before the others.
    first = [c for c in data.get("category_first", []) if c in categories]
    unknown_first = sorted(set(data.get("category_first", [])) - set(categories))
    if unknown_first:
        raise ValueError(f"{path}: category_first not in the service list: {unknown_first}")
    order = first + [c for c in categories if c not in first]
    compiled = tuple(
        (code, pat)
        for code in order
        if (pat := compile_entries(cats.get(code, []), bounded)) is not None
    )
    searched = {
        f.name: compile_entries(
            whole_words(data.get(f.name, []))
            if f.name in WHOLE_WORD_KEYS
            else data.get(f.name, []),
            bounded,
        )
        for f in dataclasses.fields(_Lexicon)
        if f.name not in ("categories", "any_category")
    }
    any_category = [p for code in categories for p in cats.get(code, [])]
    return _Lexicon(
        categories=compiled, any_category=compile_entries(any_category, bounded), **searched
    )


def _thanks_only(words: str, lexicons: list[_Lexicon]) -> bool:
    """Thanks for help given ("thank you 311 for clearing the tree") with no word that the
    problem goes on ("thanks, but we still have no power")."""
    return any(lx.thanks and lx.thanks.search(words) for lx in lexicons) and not any(
        lx.still and lx.still.search(words) for lx in lexicons
    )


def _opens_with_thanks(words: str, lexicons: list[_Lexicon]) -> bool:
    """Whether a message opens with thanks or a prayer ("Prayers up for the families on
    Somerset St", "Cầu nguyện cho gia đình ...")."""
    return any(
        m.start() <= _OPENING_CHARS
        for lx in lexicons
        if lx.thanks is not None and (m := lx.thanks.search(words)) is not None
    )


def _offer_first(words: str, lexicons: list[_Lexicon], asks: bool) -> bool:
    """Whether ``words`` offer help ("I can donate", "wir können ...") with no ask before the
    offer: with ``asks`` (a request or a bare ask matched), the offer must come first."""
    starts = [m.start() for lx in lexicons if lx.offer and (m := lx.offer.search(words))]
    if not starts:
        return False
    if not asks:
        return True
    asked = [
        m.start()
        for lx in lexicons
        for p in (lx.request, lx.need)
        if p is not None and (m := p.search(words)) is not None
    ]
    return bool(asked) and min(starts) < min(asked)


def _supposed(
    words: str, patterns: list[re.Pattern[str] | None], lexicons: list[_Lexicon]
) -> bool:
    """Whether every match of ``patterns`` (life-safety entries) in ``words`` sits in a clause
    that supposes ("if someone gets trapped", "en caso de que", "如果停电"): a hypothetical,
    not a report. A match in a clause of its own ("if anyone sees him, a boy is missing") is
    a report."""
    conditionals = [lx.conditional for lx in lexicons if lx.conditional is not None]
    if not conditionals:
        return False
    for pattern in patterns:
        if pattern is None:
            continue
        for match in pattern.finditer(words):
            clause = _CLAUSE_END.split(words[: match.start()])[-1]
            if not any(c.search(clause) for c in conditionals):
                return False
    return True


def _caused(
    words: str,
    patterns: list[re.Pattern[str] | None],
    lexicons: list[_Lexicon],
    gap: int = 2,
) -> bool:
    """Whether every match of ``patterns`` (life-safety entries) in ``words`` comes right
    after a word naming a cause, at most ``gap`` words between ("because of the refinery
    fire", "después del incendio", "vì cháy"): the event a question is asked about. A match of
    its own ("my son can't breathe because of the smoke") is not."""
    causes = [lx.cause for lx in lexicons if lx.cause is not None]
    afters = [lx.cause_after for lx in lexicons if lx.cause_after is not None]
    if not (causes or afters):
        return False
    seen = False
    tail = _cause_tail(gap)
    for pattern in patterns:
        if pattern is None:
            continue
        for match in pattern.finditer(words):
            seen = True
            before = _CLAUSE_END.split(words[: match.start()])[-1]
            if any(tail.search(before[m.end() :]) for c in causes for m in c.finditer(before)):
                continue
            head = _CAUSE_HEAD.match(words, match.end())
            if head is None or not any(c.match(words, head.end()) for c in afters):
                return False
    return seen


def _but_then(
    words: str,
    first: list[re.Pattern[str] | None],
    then: list[re.Pattern[str] | None],
    lexicons: list[_Lexicon],
) -> bool:
    """Whether, after the first match of ``first`` ("we're fine", "lol"), a ``still`` word
    ("but", "pero", "mais", "но") leads on to a match of ``then`` (a life-safety word): "lol
    we're fine but the wires on Umbria st are sparking and kids keep walking by"."""
    ends = [m.end() for p in first if p is not None and (m := p.search(words)) is not None]
    if not ends:
        return False
    rest = words[min(ends) :]
    turns = [m.end() for lx in lexicons if lx.still and (m := lx.still.search(rest))]
    return bool(turns) and any(p is not None and p.search(rest, min(turns)) for p in then)


def find_ticket_ref(text: str) -> str | None:
    """The digits of a ticket number mentioned in ``text`` (``SR-000123`` -> ``"000123"``)."""
    match = _TICKET.search(text)
    return match.group(1) if match else None


class RuleTriage:
    """Readable, editable rules: the city's lexicons in ``bot/triage/lexicons/<lang>.toml``."""

    def __init__(
        self,
        categories: tuple[str, ...],
        *,
        detector: LanguageDetector | None = None,
        lexicon_dir: Path = LEXICON_DIR,
        max_chars: int = 10000,
        model: IntentModel | None = None,
        use_model: bool = True,
        locator: Locator | None = None,
    ) -> None:
        self.categories = categories
        self.locator = locator or Locator()
        self.model = model if model is not None or not use_model else shipped_model()
        self.detector = detector or LanguageDetector()
        self.max_chars = max_chars
        self._lexicons: dict[str, _Lexicon] = {
            p.stem: load_lexicon(p, categories) for p in sorted(lexicon_dir.glob("*.toml"))
        }
        if "en" not in self._lexicons:
            raise ValueError(f"{lexicon_dir} has no en.toml")
        # The next start reads the compiled lexicons instead of compiling them again.
        regex_cache.shared().save()

    def _lexicons_for(self, language: str) -> list[_Lexicon]:
        lexicons = [self._lexicons["en"]]
        if language != "en" and language in self._lexicons:
            lexicons.insert(0, self._lexicons[language])
        return lexicons

    def triage(
        self,
        text: str,
        *,
        language_hint: str | None = None,
        coordinates: tuple[float, float] | None = None,
    ) -> TriageResult:
        """Understand one message; never raises on any text."""
        result = self._triage(text, language_hint=language_hint, coordinates=coordinates)
        if not result.intent.actionable:
            return dataclasses.replace(result, text_key=text_key(text))
        # A neighborhood is too wide to call two reports the same incident.
        loc = result.location
        place = loc.normalized if loc is not None and loc.kind != "neighborhood" else None
        return dataclasses.replace(
            result,
            text_key=text_key(text),
            simhash=simhash(text),
            place_key=place_key(result.category, place),
        )

    def _triage(
        self,
        text: str,
        *,
        language_hint: str | None = None,
        coordinates: tuple[float, float] | None = None,
    ) -> TriageResult:
        """Understand one message; never raises on any text."""
        text = text[: self.max_chars]
        clean = _URL.sub(" ", _MENTION.sub(" ", text)).strip()
        language = self.detector.detect(clean[:_LANGUAGE_CHARS], language_hint)
        lexicons = self._lexicons_for(language)
        location: Location | None = self.locator.find(clean[:_PLACE_CHARS])
        if location is None and coordinates is not None:
            location = self.locator.from_coordinates(*coordinates)
        # The place the rules weigh: a bare "X and Y" pair is reported but does not count.
        found = location
        if location is not None and is_bare_pair(location):
            location = None

        command = _COMMAND.match(clean)
        if command:
            name = command.group("cmd")
            arg = command.group("arg") or ""
            if name == "status":
                return TriageResult(
                    Intent.STATUS_QUERY, None, language, None, Priority.NORMAL,
                    ticket_ref=find_ticket_ref(arg), command="status",
                )  # fmt: skip
            if name in ("start", "help"):
                return TriageResult(
                    Intent.NOT_ACTIONABLE, None, language, None, Priority.LOW, command=name
                )
            clean = arg

        ticket_ref = find_ticket_ref(clean)
        # Lexicon patterns are lower case (see _compile): the text is lowered once.
        lowered = clean.lower()
        if not lowered.isascii():
            # A space at each seam between scripts: the lexicons' word starts see the words.
            lowered = _SCRIPT_SEAM.sub(" ", lowered)
        asks_status = any(lx.status and lx.status.search(lowered) for lx in lexicons)
        follows_up = len(clean) <= _FOLLOWUP_CHARS and (
            any(lx.followup and lx.followup.search(lowered) for lx in lexicons)
            or bool(_CASE_NUMBER.search(clean))
        )
        if (ticket_ref or follows_up or (asks_status and len(clean) < 60)) and not any(
            lx.emergency and lx.emergency.search(lowered) for lx in lexicons
        ):
            # A message naming a ticket is about that ticket ("any update on SR-004512? the
            # tree is still on my car"); life safety still goes first.
            return TriageResult(
                Intent.STATUS_QUERY, None, language, None, Priority.NORMAL, ticket_ref=ticket_ref
            )

        retweet = bool(_RETWEET.match(text))
        words = _HASHTAG.sub(" ", lowered)
        category = self._category(words, lexicons)
        if (
            location is None
            and found is not None
            and category is not None
            and len(clean.split()) <= _SHORT_REPORT_WORDS
            and _AT_CORNER.search(clean[: clean.find(found.text)] if found.text in clean else "")
        ):
            # "traffic lights dead at Broad and Girard": a short message naming a service
            # and a corner is a witness's report, even with no gazetteer to confirm the pair.
            location = found
        # Residents often leave a question's mark off ("are the warming centers ok with dogs"):
        # a message opening the way a question does is worded as one.
        question_form = (
            any(mark in clean for mark in "?？؟")
            and any(lx.question and lx.question.search(words) for lx in lexicons)
        ) or any(lx.question_start and lx.question_start.search(words) for lx in lexicons)
        em_rule = any(lx.emergency and lx.emergency.search(words) for lx in lexicons)
        # "What do we do if someone gets trapped in the elevator?": a hypothetical, a question.
        # So is a question about an event named as its cause ("¿van a recoger la basura con lo
        # del humo de la refinería?").
        emergency_lists = [lx.emergency for lx in lexicons]
        supposed = em_rule and (
            _supposed(words, emergency_lists, lexicons)
            or (question_form and _caused(words, emergency_lists, lexicons))
        )
        em_rule = em_rule and not supposed
        # "Is anyone going to fix the light at Broad and Olney?": a demand worded as a question
        # is an ask of the city, a report to open, not a question to answer.
        demands = any(lx.demand and lx.demand.search(words) for lx in lexicons)
        strong_req = demands or any(lx.request and lx.request.search(words) for lx in lexicons)
        bare_ask = not strong_req and any(lx.need and lx.need.search(words) for lx in lexicons)
        req_rule = strong_req or bare_ask
        # Warnings, outage counts and headlines (often retweeted) mention the same words as
        # reports; without a place or an ask they are news, not a report to ticket.
        street = location is not None and location.kind in (
            "address", "block", "intersection", "segment",
        )  # fmt: skip
        # A warning naming a county or a town is still a warning; a corner is a witness's.
        broadcast = (
            not street
            and not req_rule
            and any(lx.broadcast and lx.broadcast.search(words) for lx in lexicons)
        )
        # A question to the city is about a service or a place; "where are you going?" is not.
        # ... or about a danger with no service to send ("should I worry if my CO detector
        # chirps?", "is it safe to go back in after the gas was shut off?").
        is_question = (
            question_form
            and (
                category is not None
                or location is not None
                or supposed
                or any(lx.info and lx.info.search(words) for lx in lexicons)
                or any(lx.no_service and lx.no_service.search(words) for lx in lexicons)
            )
            and not demands
        )
        own = self._lexicons.get(language)
        # The writer's own words (I, we, please, you), where the language's lexicon lists them.
        voice = None if own is None or own.voice is None else bool(own.voice.search(lowered))
        if voice and not em_rule and not is_question and own is not None and own.care is not None:
            em_rule = bool(own.care.search(words)) and not _supposed(words, [own.care], lexicons)
        # Only the message's own language can tell a resident's voice from a headline's.
        personal = (
            own is None
            or own.personal is None
            or bool(own.personal.search(lowered))
            or len(clean.split()) <= 6
        )
        # Life safety first: a witness's "a man is injured" counts; only a long impersonal
        # paragraph or a broadcast (a news story about injuries, even one naming a town:
        # "BREAKING: 2 injured in Delaware County, officials say") does not.
        news_like = not personal and (broadcast or (location is None and len(clean.split()) > 35))
        # A language with no list of a resident's own words cannot tell them from a
        # headline's; a headline marker ("ÚLTIMA HORA:", "【新闻】") then decides alone.
        news_like = news_like or (broadcast and (own is None or own.personal is None))
        # "Everyone got out ok" or a joke ("lol this cheesesteak line got me trapped") is not
        # life safety, unless something is still wrong, an ask, or a street address.
        safe = any(lx.safe and lx.safe.search(words) for lx in lexicons)
        joking = any(lx.joke and lx.joke.search(lowered) for lx in lexicons)
        # Whether something is still wrong matters only beside a life-safety word, "everyone
        # is safe" or a joke (and "the danger is over", searched below): most messages have
        # none, and skip the search.
        weighed = em_rule or safe or joking
        ongoing = weighed and any(lx.ongoing and lx.ongoing.search(words) for lx in lexicons)
        # "We're fine but the wires are sparking": the danger comes after the reassurance.
        turned = (
            em_rule
            and (safe or joking)
            and _but_then(
                words,
                [lx.safe for lx in lexicons] + [lx.joke for lx in lexicons],
                [lx.emergency for lx in lexicons],
                lexicons,
            )
        )
        # "Someone passed out at the shelter earlier but she's ok now", "ayer quedamos
        # atrapados pero salimos bien": the danger, then a turn, then everyone safe. The
        # danger's own words do not count as "still wrong" there.
        resolved = (
            em_rule
            and safe
            and not turned
            and _but_then(words, emergency_lists, [lx.safe for lx in lexicons], lexicons)
        )
        unharmed = safe and (not ongoing or resolved) and not turned
        em_rule = em_rule and not news_like and not unharmed
        n_words = len(words.split())
        # Prayers for the families of a fire, with no ask, no place and nothing still wrong
        # ("Dios cuide a todas las familias del incendio"), or an offer of help ("where can I
        # drop donations for the families from the apartment fire?"): no one to rescue.
        if (
            em_rule
            and not ongoing
            and (
                (
                    not (voice or req_rule)
                    # "Дякуємо пожежникам, які врятували родину на Franklin St": thanks
                    # first, then the place they are about.
                    and (location is None or _opens_with_thanks(words, lexicons))
                    and n_words <= _SYMPATHY_WORDS
                    and _thanks_only(words, lexicons)
                )
                or (not req_rule and any(lx.offer and lx.offer.search(words) for lx in lexicons))
            )
        ):
            em_rule = False
        if em_rule and joking and not (ongoing or turned or req_rule) and location is None:
            em_rule = False
        # A named street ("on Lancaster Ave") is a resident's, as an address is; so is a
        # corner "at X and Y" that no gazetteer confirmed.
        named_street = (
            street
            or (location is not None and location.kind == "road")
            or bool(_ON_STREET.search(clean))
            or (
                found is not None
                and found.text in clean
                and any(sep in found.text for sep in (" and ", " & "))
                and bool(
                    _AT_CORNER.search(before := clean[: clean.find(found.text)])
                    or (
                        _SENTENCE_START.search(before)
                        and _SENTENCE_END.match(clean, clean.find(found.text) + len(found.text))
                    )
                )
            )
        )
        # Life safety first: a witness naming a place is never silenced as prose.
        # So is a short message in the here and now ("crowd is shoving and a girl fainted, ppl
        # are stepping on her") written to the city, as no tweet passed around is (no hashtag,
        # link or retweet); newswire tells the past ("a school was buried, 4 dead").
        # A short message naming a street or a corner is a witness's too ("gas smell super
        # strong inside the laundromat at Castor and Magee. owner says it always smells").
        witness = em_rule and (
            location is not None
            or (n_words <= _WITNESS_WORDS and named_street and not retweet)
            or (
                n_words <= _WITNESS_WORDS
                and own is not None
                and own.present is not None
                and bool(own.present.search(words))
                and not retweet
                and "#" not in text
                and not _URL.search(text)
            )
        )
        # Twenty words and not one "I", "we", "please" or "help", and no street address: an
        # article, not a resident. An ask of the city ("can somebody come look at it") or a
        # question to it is a resident's too.
        long_impersonal = (
            not personal
            and not named_street
            and not strong_req
            and not is_question
            and n_words > 20
            and not witness
        )
        # "Officials said 42,000 were injured": a report about others, in no one's own voice.
        # A short message is a resident's report even when it counts people ("3 people
        # trapped in a car on Lincoln Dr"): newswire prose runs longer than a text message.
        article = (
            voice is False
            and n_words > _ARTICLE_WORDS
            and not witness
            and not (req_rule and n_words <= _ASK_WORDS)
            and own is not None
            and own.news is not None
            and not street
            and not any(mark in clean for mark in "?？؟")
            and bool(own.news.search(words))
        )
        # An offer that opens the message is its purpose, even where the need it answers reads
        # as a report ("we can give food and water to the families without power").
        offers = not (em_rule or is_question) and _offer_first(words, lexicons, req_rule)
        if long_impersonal or article or offers or (retweet and not witness):
            # Residents write to the city; a retweet passes on someone else's words.
            return self._quiet(clean, category, language, found)
        # The danger is over ("everybody got out ok, thank you firefighters") or only advice
        # ("if you smell gas get out first"), with no ask, question or word that something is
        # still wrong: news for the neighbours, not a report. A new danger after it ("lights
        # are back on! but now the pole is on fire") is one.
        if (
            not (req_rule or is_question)
            and any(lx.over and lx.over.search(words) for lx in lexicons)
            and not (
                ongoing
                if weighed
                else any(lx.ongoing and lx.ongoing.search(words) for lx in lexicons)
            )
            # "CO detector going off since they turned the power back on": the return of
            # power is the cause of a danger, not the end of one.
            and not (em_rule and _caused(words, [lx.over for lx in lexicons], lexicons, 6))
            and not _but_then(
                words,
                [lx.over for lx in lexicons],
                # A new danger, or a new problem for a service ("thank you for getting the
                # heat back on!! but now the hallway pipe burst"), after "it's back" is news.
                (emergency_lists if em_rule else []) + [lx.any_category for lx in lexicons],
                lexicons,
            )
        ):
            return self._quiet(clean, category, language, found)
        # The model learnt English; in other languages its weights on common words mislead.
        feats: set[str] | None = None
        named = category
        if self.model is None or language != "en":
            emergency = em_rule
            actionable = emergency or (
                not broadcast
                and (
                    is_question
                    or (personal and req_rule)
                    or (
                        category is not None and (personal or location is not None or named_street)
                    )
                )
            )
        else:
            feats = features(clean)
            emergency, actionable, category = self._with_model(
                # An ask naming a service in a short message is a resident's, "I" or not
                # ("the burned out rowhome on Lehigh is wide open, needs boarding up").
                clean, feats, em_rule,
                req_rule and (
                    personal
                    or (strong_req and named is not None and n_words <= _SHORT_REPORT_WORDS)
                ),
                broadcast, is_question, category, location, personal, voice, bare_ask,
                em_rule and category is None
                and any(lx.no_service and lx.no_service.search(words) for lx in lexicons),
                unharmed or (joking and not (ongoing or turned)), named_street,
            )  # fmt: skip
        if actionable and question_form and not is_question and not demands and named is None:
            # Worded as a question, naming no service ("who do i call if my landlord wont
            # turn the heat on", "¿cómo pido ayuda para pagar la luz?"): a question to answer,
            # not a service request (the model's guess stays as its topic). An ask of the city
            # worded as a question ("can we get a dumpster for the block?") stays an ask.
            is_question = True
        if (
            not emergency
            and not (broadcast or news_like or is_question or joking or unharmed)
            and (own is None or own.people is None or bool(own.people.search(lowered)))
            # A ride asked for to a shelter before the storm ("can a bus pick up my grandpa,
            # he uses a wheelchair") or water asked for ("please send bottled water to our
            # block") is a request the city plans, not a rescue; so is a report of a service
            # that is never life safety by itself.
            and not (
                (demands and named == "shelter")
                or (strong_req and named == "food_water")
                or named in _NEVER_LIFE_SAFETY
            )
            # Word features once per message: the report head below reads them too.
            and self._witness(feats := features(clean) if feats is None else feats, language)
        ):
            # Life safety in a resident's own words that no rule lists: the witness head,
            # unless the message thanks someone for help given and nothing is still wrong.
            emergency = not _thanks_only(words, lexicons)
        if emergency:
            # The crew to send is for the person, not the ice or the blackout around them.
            if any(lx.medical and lx.medical.search(words) for lx in lexicons):
                category = None
            return TriageResult(
                Intent.EMERGENCY, category or "other", language, found, Priority.LIFE_SAFETY
            )
        if (
            not actionable
            and not (broadcast or news_like or joking or unharmed or retweet)
            # In other languages no model names the service: a report to open needs the
            # service or the place in the words.
            and (language == "en" or category is not None or location is not None)
            # A place alone ("5th and Market") answers "where?"; it opens nothing new.
            and len((clean.replace(found.text, " ") if found else clean).split()) >= _REPORT_WORDS
            and self._reports(features(clean) if feats is None else feats, language)
        ):
            # Something for the city in a resident's own words that no rule lists: the
            # report head (a message worded as a question is one).
            actionable = True
            is_question = question_form and not demands
            if category is None and not is_question and language == "en":
                category = self._guess_category(clean, feats)
        # Thanks for help given, with nothing still wrong: a kind word, not a new report
        # (searched only for a message that would open one; no life-safety word is left here).
        if not actionable or (not (req_rule or is_question) and _thanks_only(words, lexicons)):
            return self._quiet(clean, category, language, found)
        # Laughter with no ask, question or named street: "my basement flooded with my tears
        # lol" is a joke (no life-safety word is left here).
        if joking and not (req_rule or is_question or named_street):
            return self._quiet(clean, category, language, found)
        if is_question:
            return TriageResult(
                Intent.QUESTION, category or "other", language, found, Priority.LOW
            )
        return TriageResult(
            Intent.SERVICE_REQUEST, category or "other", language, found, Priority.NORMAL
        )

    def _with_model(
        self,
        text: str,
        feats: set[str],
        em_rule: bool,
        req_rule: bool,
        broadcast: bool,
        is_question: bool,
        category: str | None,
        location: Location | None,
        personal: bool,
        voice: bool | None = None,
        bare_ask: bool = False,
        no_service: bool = False,
        calm: bool = False,
        named_street: bool = False,
    ) -> tuple[bool, bool, str | None]:
        """Rules and the statistical model together: (emergency, actionable, category).

        ``no_service``: a life-safety word with no city service to send (a gas smell, a missing
        child, a man passed out); the category stays "other" rather than a service guessed from
        the other words, which would send a crew for the wrong thing. ``calm``: everyone is
        safe or the writer is joking; the model's life-safety route stays shut.
        ``named_street``: a street named with its suffix or a corner "at X and Y" that no
        gazetteer confirmed; a service named there is a report, as at a known place.
        """
        model = self.model
        assert model is not None
        p_req = model.request.score(feats)
        t = model.thresholds
        asks = p_req >= t["request"]
        leaning = p_req >= t["request_low"]
        # A life-safety word counts when the message reads like a resident's own report
        # (an ask, a place, or the model leaning that way), not in a headline about others.
        # A question ("is there bulk trash pickup after the flood?") is answered, not rushed
        # to the life-safety queue on the model's word alone.
        emergency = em_rule or (
            personal
            and voice is not False
            and not broadcast
            and not is_question
            and not calm
            and category not in _NEEDS_NOT_LIFE_SAFETY
            and model.emergency.score(feats) >= t["emergency"]
        )
        if emergency and not em_rule:
            # The model's life-safety route needs a resident writing about their own situation
            # (the resident head: on-topic or informative tweets and direct messages, not
            # chatter), or, with an older artefact that lacks that head, an ask.
            if model.resident is not None and "resident" in t:
                emergency = model.resident.score(feats) >= t["resident"]
            else:
                emergency = asks
        actionable = emergency or (
            not broadcast
            and (
                (asks and personal)
                or (
                    req_rule
                    and (not bare_ask or self._about_a_need(feats, leaning, category, location))
                )
                or is_question
                or (
                    category is not None
                    and (personal or leaning or location is not None or named_street)
                )
            )
        )
        if actionable and category is None and not is_question and not no_service:
            category = self._guess_category(text, feats)
        return emergency, actionable, category

    def _witness(self, feats: set[str], language: str) -> bool:
        """Whether the witness head (trained on residents' own words, every language) reads
        a message's word features as life safety; False without a model or a head. Other
        languages than English have a threshold of their own (fewer messages taught it)."""
        model = self.model
        key = "witness" if language == "en" else "witness_other"
        if model is None or model.witness is None or key not in model.thresholds:
            return False
        return model.witness.score(feats) >= model.thresholds[key]

    def _reports(self, feats: set[str], language: str) -> bool:
        """Whether the report head reads a message the rules left quiet as something for the
        city to do; False without a model or a head."""
        model = self.model
        key = "report" if language == "en" else "report_other"
        if model is None or model.report is None or key not in model.thresholds:
            return False
        return model.report.score(feats) >= model.thresholds[key]

    def _guess_category(
        self, text: str, feats: set[str] | None = None, *, topic: bool = False
    ) -> str | None:
        """The model's best service for an English message no lexicon entry names.

        For a report the best service is taken; for a topic (a quiet message) the model
        may also answer that the message is about nothing the city serves.
        """
        model = self.model
        if model is None:
            return None
        # Character grams carry a category to spellings and word forms never seen.
        if model.char_category is not None:
            skip = None if topic else NO_TOPIC
            guess, _p = model.char_category.best_chars(text, skip=skip)
        else:
            guess, _p = model.category.best(features(text) if feats is None else feats)
        return guess if guess in self.categories else None

    def _quiet(
        self, text: str, category: str | None, language: str, found: Location | None
    ) -> TriageResult:
        """A message that opens no ticket, with the service it is about.

        The topic is kept so that staff reviewing what the bot left quiet can find, say, every
        flooding message, and so that a coordinator who turns one into a ticket starts from
        the right service. Only the intent decides whether a ticket is opened.
        """
        if category is None and language == "en":
            category = self._guess_category(text, topic=True)
        return TriageResult(
            Intent.NOT_ACTIONABLE, None, language, found, Priority.LOW, topic=category
        )

    def _about_a_need(
        self, feats: set[str], leaning: bool, category: str | None, location: Location | None
    ) -> bool:
        """Whether a bare ask ("I need ...") is about a service, a place or the writer's
        situation: a category or place named, the request head leaning, or the resident head
        reading it as someone in the crisis rather than chatter."""
        if leaning or category is not None or location is not None:
            return True
        model = self.model
        assert model is not None
        t = model.thresholds
        if model.resident is None or "resident" not in t:
            return True
        return model.resident.score(feats) >= t["resident"]

    def _category(self, text: str, lexicons: list[_Lexicon]) -> str | None:
        for lexicon in lexicons:
            if lexicon.any_category is None or not lexicon.any_category.search(text):
                continue
            for code, pattern in lexicon.categories:
                if pattern.search(text):
                    return code
        return None
