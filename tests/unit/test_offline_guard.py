"""The session-wide guard: loopback connections work, anything else fails at once."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkAccessBlocked


@pytest.mark.parametrize(
    ("family", "address"),
    [(socket.AF_INET, ("93.184.216.34", 443)), (socket.AF_INET, ("example.com", 80)),
     (socket.AF_INET6, ("2606:2800:220:1::", 443, 0, 0))],
)  # fmt: skip
def test_non_loopback_connections_are_blocked(family: int, address: tuple[object, ...]) -> None:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkAccessBlocked):
            sock.connect(address)
        with pytest.raises(NetworkAccessBlocked):
            sock.connect_ex(address)


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5) as client:
            accepted, _ = server.accept()
            accepted.close()
            assert client.getpeername() == server.getsockname()
