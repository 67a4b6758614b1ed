"""The audit log's hash chain: one pure function, shared by the writer, the verifier and the
migration that chained the rows written before the chain existed. Changing it breaks every
existing chain, so it never changes; a new scheme would need a new version tag.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
SCHEME = "v1"


def canonical_time(at: datetime) -> str:
    """UTC, microseconds, always the same text for the same instant."""
    if at.tzinfo is None:
        raise ValueError("naive datetime in the audit log")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def chain_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str,
    detail: dict[str, Any],
) -> str:
    """SHA-256 over the previous hash and every field of the entry, in a fixed encoding."""
    body = json.dumps(
        [SCHEME, prev_hash, seq, canonical_time(at), actor, action, subject_type, subject_id,
         detail],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False,
    )  # fmt: skip
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
