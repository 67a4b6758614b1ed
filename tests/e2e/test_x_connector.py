"""The X connector (real tweepy.Client) against the X API v2 simulator over HTTP."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC

import pytest
import requests

from bot.connectors.base import AuthFailed, Connector, RateLimited, Rejected, Unavailable
from bot.connectors.x.connector import XConnector
from bot.connectors.x.settings import XSettings
from bot.domain.messages import OutboundRequest
from bot.sim.base import Fault
from bot.sim.x import ROUTE_CREATE_TWEET, ROUTE_ME, ROUTE_MENTIONS, XSimulator

ENV = {
    "X_BEARER_TOKEN": "bearer-SECRET-1",
    "X_CONSUMER_KEY": "ck-SECRET-2",
    "X_CONSUMER_SECRET": "cs-SECRET-3",
    "X_ACCESS_TOKEN": "at-SECRET-4",
    "X_ACCESS_TOKEN_SECRET": "ats-SECRET-5",
}


@pytest.fixture
def sim(caplog: pytest.LogCaptureFixture) -> Iterator[XSimulator]:
    simulator = XSimulator(account_handle="philly311")
    simulator.start()
    try:
        yield simulator
    finally:
        simulator.stop()
    # An exception inside the simulator's thread only shows up as a logged error.
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


def make_settings(sim: XSimulator, **overrides: object) -> XSettings:
    values: dict[str, object] = {
        "enabled": True,
        "api_base_url": sim.base_url,
        "timeout_seconds": 3.0,
    }
    values.update(overrides)
    return XSettings.model_validate(values)


@pytest.fixture
async def connector(sim: XSimulator) -> AsyncIterator[XConnector]:
    conn = XConnector(make_settings(sim), ENV, default_retry_after=7.0)
    await conn.start()
    try:
        yield conn
    finally:
        await conn.stop()


def reply(to: str | None, text: str, key: str = "k1") -> OutboundRequest:
    return OutboundRequest(platform="x", chat_id="0", text=text, reply_ref=to, idempotency_key=key)


# --------------------------------------------------------------------------- lifecycle


async def test_start_learns_account_id(sim: XSimulator, connector: XConnector) -> None:
    assert isinstance(connector, Connector)
    assert connector.account_id == sim.account_id
    assert ("GET", "/2/users/me", 200) in sim.request_log


async def test_missing_secret_names_the_variable(sim: XSimulator) -> None:
    env = {k: v for k, v in ENV.items() if k != "X_ACCESS_TOKEN_SECRET"}
    with pytest.raises(AuthFailed, match="X_ACCESS_TOKEN_SECRET") as info:
        XConnector(make_settings(sim), env)
    assert not any(secret in str(info.value) for secret in ENV.values())


async def test_bearer_token_is_optional(sim: XSimulator) -> None:
    env = {k: v for k, v in ENV.items() if k != "X_BEARER_TOKEN"}
    conn = XConnector(make_settings(sim), env)
    try:
        await conn.start()
        assert conn.account_id == sim.account_id
    finally:
        await conn.stop()


async def test_auth_fail_switch_refuses_start(sim: XSimulator) -> None:
    sim.auth_fail = True
    conn = XConnector(make_settings(sim), ENV)
    try:
        with pytest.raises(AuthFailed):
            await conn.start()
    finally:
        await conn.stop()
    assert sim.request_log[-1] == ("GET", "/2/users/me", 401)


async def test_no_secret_reaches_the_logs(
    sim: XSimulator, connector: XConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim.add_mention("resident", "@philly311 pothole on Broad St")
    await connector.fetch(None)
    await connector.send(reply(None, "Thanks for reporting."))
    assert caplog.records
    assert not any(secret in caplog.text for secret in ENV.values())


# --------------------------------------------------------------------------- fetch


async def test_first_poll_follows_every_page_oldest_first(
    sim: XSimulator, connector: XConnector
) -> None:
    ids = [sim.add_mention(f"resident{i % 7}", f"@philly311 report {i}") for i in range(250)]
    result = await connector.fetch(None)
    assert [m.external_id for m in result.messages] == ids
    assert result.cursor == ids[-1]
    pages = [entry for entry in sim.request_log if entry[1].endswith("/mentions")]
    assert len(pages) == 3
    first = result.messages[0]
    assert first.platform == "x"
    assert first.text == "@philly311 report 0"
    assert first.author_handle == "resident0"
    assert first.chat_id == first.author_id
    assert first.reply_ref == first.external_id
    assert first.received_at.tzinfo is UTC
    assert first.raw["id"] == first.external_id
    assert first.raw["conversation_id"] == first.external_id


async def test_since_id_is_respected(sim: XSimulator, connector: XConnector) -> None:
    sim.add_mention("alice", "@philly311 first")
    first = await connector.fetch(None)
    assert len(first.messages) == 1
    newer = [sim.add_mention("bob", "@philly311 second"), sim.add_mention("cy", "@philly311 3rd")]
    second = await connector.fetch(first.cursor)
    assert [m.external_id for m in second.messages] == newer
    assert second.cursor == newer[-1]
    third = await connector.fetch(second.cursor)
    assert third.messages == []
    assert third.cursor == second.cursor


async def test_empty_first_poll_keeps_no_cursor(connector: XConnector) -> None:
    result = await connector.fetch(None)
    assert result.messages == []
    assert result.cursor is None


async def test_own_tweets_are_skipped_but_advance_the_cursor(
    sim: XSimulator, connector: XConnector
) -> None:
    resident = sim.add_mention("resident", "@philly311 is the shelter open?")
    own = sim.add_mention("philly311", "@philly311 note to self")
    result = await connector.fetch(None)
    assert [m.external_id for m in result.messages] == [resident]
    assert result.cursor == own


async def test_language_hint_and_reply_threading(sim: XSimulator, connector: XConnector) -> None:
    es = sim.add_mention("maria", "@philly311 hay un bache", lang="es")
    und = sim.add_mention("anon", "@philly311 🚧🚧", lang="und")
    sent = await connector.send(reply(es, "Gracias."))
    followup = sim.add_mention(
        "maria", "@philly311 sigue ahí", lang="es", in_reply_to=sent.platform_post_id
    )
    result = await connector.fetch(None)
    by_id = {m.external_id: m for m in result.messages}
    assert by_id[es].language_hint == "es"
    assert by_id[und].language_hint is None
    raw = by_id[followup].raw
    assert raw["referenced_tweets"] == [{"type": "replied_to", "id": sent.platform_post_id}]
    assert raw["in_reply_to_user_id"] == sim.account_id
    assert raw["conversation_id"] == es


async def test_backlog_beyond_max_pages_is_backfilled(sim: XSimulator) -> None:
    conn = XConnector(make_settings(sim, max_pages_per_poll=1), ENV)
    await conn.start()
    try:
        ids = [sim.add_mention("resident", f"@philly311 flood {i}") for i in range(250)]
        seen: list[str] = []
        cursor: str | None = None
        for _ in range(3):
            result = await conn.fetch(cursor)
            seen += [m.external_id for m in result.messages]
            cursor = result.cursor
        assert sorted(seen, key=int) == ids
        assert cursor == ids[-1]
        late = sim.add_mention("resident", "@philly311 after the flood")
        result = await conn.fetch(cursor)
        assert [m.external_id for m in result.messages] == [late]
    finally:
        await conn.stop()


# --------------------------------------------------------------------------- send


async def test_reply_is_recorded_with_its_parent(sim: XSimulator, connector: XConnector) -> None:
    mention = sim.add_mention("resident", "@philly311 downed tree on Pine St")
    result = await connector.send(reply(mention, "Thanks, ticket 311-0001 is open."))
    [post] = sim.replies_to(mention)
    assert post["id"] == result.platform_post_id
    assert post["text"] == "Thanks, ticket 311-0001 is open."
    assert post["in_reply_to_tweet_id"] == mention


@pytest.mark.parametrize(
    ("text", "to_known"),
    [("", True), ("x" * 281, True), ("reply to nothing", False)],
    ids=["empty", "too-long", "unknown-parent"],
)
async def test_refused_posts_are_rejected(
    sim: XSimulator, connector: XConnector, text: str, to_known: bool
) -> None:
    parent = sim.add_mention("resident", "@philly311 hi") if to_known else "1234567890123"
    with pytest.raises(Rejected):
        await connector.send(reply(parent, text))
    assert sim.posts() == []


async def test_duplicate_post_is_rejected(sim: XSimulator, connector: XConnector) -> None:
    sim.reject_duplicates = True
    await connector.send(reply(None, "Cooling centers are open until 9 pm."))
    with pytest.raises(Rejected, match="duplicate"):
        await connector.send(reply(None, "Cooling centers are open until 9 pm."))
    assert len(sim.posts()) == 1


async def test_route_budget_is_enforced(sim: XSimulator) -> None:
    limited = XSimulator(account_handle="philly311", rate_limits={ROUTE_CREATE_TWEET: 2})
    limited.start()
    conn = XConnector(make_settings(limited), ENV)
    try:
        await conn.start()
        await conn.send(reply(None, "one"))
        await conn.send(reply(None, "two"))
        with pytest.raises(RateLimited) as info:
            await conn.send(reply(None, "three"))
        assert 800 < info.value.retry_after <= 901
        assert len(limited.posts()) == 2
    finally:
        await conn.stop()
        limited.stop()


async def test_find_post_recognises_an_earlier_reply(
    sim: XSimulator, connector: XConnector
) -> None:
    mention = sim.add_mention("resident", "@philly311 no power on 5th St")
    other = sim.add_mention("resident2", "@philly311 no power on 6th St")
    text = "We passed this to PECO & posted updates at https://www.phila.gov/311"
    sent = await connector.send(reply(mention, text))
    assert await connector.find_post(mention, text) == sent.platform_post_id
    assert await connector.find_post(other, text) is None
    assert await connector.find_post(mention, "another text") is None


# --------------------------------------------------------------------------- faults


@pytest.mark.parametrize("route", [ROUTE_MENTIONS, ROUTE_CREATE_TWEET])
@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("429_bare", RateLimited),
        ("500_json", Unavailable),
        ("502_html", Unavailable),
        ("drop", Unavailable),
        ("garbage", Unavailable),
        ("401", AuthFailed),
    ],
)
async def test_fault_is_translated(
    sim: XSimulator,
    connector: XConnector,
    route: str,
    kind: str,
    error: type[Exception],
) -> None:
    mention = sim.add_mention("resident", "@philly311 hello")
    sim.faults.inject(route, Fault(kind))  # type: ignore[arg-type]

    async def call() -> object:
        if route == ROUTE_MENTIONS:
            return await connector.fetch(None)
        return await connector.send(reply(mention, "Thanks."))

    with pytest.raises(error) as info:
        await call()
    assert info.value.__cause__ is not None
    if kind == "429_bare":
        assert isinstance(info.value, RateLimited)
        assert info.value.retry_after == 7.0
    assert sim.faults.applied == [(route, kind)]
    if kind == "drop":
        assert sim.request_log[-1][2] == 0
    # The fault answered without processing: nothing was posted; the next call works.
    assert sim.posts() == []
    if route == ROUTE_MENTIONS:
        assert [m.external_id for m in (await connector.fetch(None)).messages] == [mention]
    else:
        await connector.send(reply(mention, "Thanks."))
        assert len(sim.replies_to(mention)) == 1


async def test_429_with_reset_gives_retry_after(sim: XSimulator, connector: XConnector) -> None:
    sim.faults.inject(ROUTE_MENTIONS, Fault("429", retry_after=2))
    before = time.time()
    with pytest.raises(RateLimited) as info:
        await connector.fetch(None)
    assert 1.0 <= info.value.retry_after <= 3.0 + (time.time() - before)


async def test_401_on_start(sim: XSimulator) -> None:
    sim.faults.inject(ROUTE_ME, Fault("401"))
    conn = XConnector(make_settings(sim), ENV)
    try:
        with pytest.raises(AuthFailed):
            await conn.start()
    finally:
        await conn.stop()


async def test_delay_past_timeout(sim: XSimulator) -> None:
    conn = XConnector(make_settings(sim, timeout_seconds=0.5), ENV)
    await conn.start()
    try:
        mention = sim.add_mention("resident", "@philly311 hello")
        sim.faults.inject(ROUTE_MENTIONS, Fault("delay", delay=1.0))
        with pytest.raises(Unavailable, match="timed out"):
            await conn.fetch(None)
        assert [m.external_id for m in (await conn.fetch(None)).messages] == [mention]

        # A POST that times out on our side still completes on X's side, as on the real X:
        # find_post is how the dispatcher learns it before retrying.
        sim.faults.inject(ROUTE_CREATE_TWEET, Fault("delay", delay=1.0))
        with pytest.raises(Unavailable):
            await conn.send(reply(mention, "Thanks, we are on it."))
        deadline = time.monotonic() + 5
        while not sim.replies_to(mention) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        [post] = sim.replies_to(mention)
        assert await conn.find_post(mention, "Thanks, we are on it.") == post["id"]
    finally:
        await conn.stop()


# --------------------------------------------------------------------------- simulator


def test_simulator_requires_authorization(sim: XSimulator) -> None:
    with requests.Session() as session:
        response = session.get(f"{sim.base_url}/2/users/{sim.account_id}/mentions", timeout=5)
        assert response.status_code == 401
        assert response.json()["title"] == "Unauthorized"
        for header in ("x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"):
            assert header in response.headers
        bearer = {"Authorization": "Bearer app-only"}
        response = session.post(f"{sim.base_url}/2/tweets", json={"text": "hi"}, headers=bearer)
        assert response.status_code == 403
        response = session.get(
            f"{sim.base_url}/2/users/{sim.account_id}/mentions",
            params={"max_results": "3"},
            headers=bearer,
            timeout=5,
        )
        assert response.status_code == 400
        response = session.get(
            f"{sim.base_url}/2/users/{sim.account_id}/mentions", headers=bearer, timeout=5
        )
        assert response.json() == {"meta": {"result_count": 0}}


def test_simulator_control_surface(sim: XSimulator) -> None:
    with requests.Session() as session:
        created = session.post(
            f"{sim.base_url}/_sim/mentions",
            json={"author_handle": "resident", "text": "@philly311 hi", "lang": "en"},
            timeout=5,
        )
        assert created.status_code == 201
        tweet_id = created.json()["id"]
        response = session.get(
            f"{sim.base_url}/2/users/by/username/resident",
            headers={"Authorization": "Bearer app-only"},
            timeout=5,
        )
        assert response.json()["data"]["username"] == "resident"
        oauth = {"Authorization": 'OAuth oauth_consumer_key="k"'}
        response = session.post(
            f"{sim.base_url}/2/tweets",
            json={"text": "hello", "reply": {"in_reply_to_tweet_id": tweet_id}},
            headers=oauth,
            timeout=5,
        )
        assert response.status_code == 201
        assert int(response.json()["data"]["id"]) > int(tweet_id)
        posts = session.get(f"{sim.base_url}/_sim/posts", timeout=5).json()["posts"]
        assert [p["in_reply_to_tweet_id"] for p in posts] == [tweet_id]
