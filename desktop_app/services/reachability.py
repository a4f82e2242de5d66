"""Is this laptop online? Cheap checks that send nothing, and a reading of a poll in which everything failed.

- `has_network_route()`: a UDP socket "connected" to a documentation address (TEST-NET-1) asks the OS for a
  route and sends no packet; with Wi-Fi off or the cable out there is no default route and it fails at once.
- `looks_offline(outcomes)`: every source tried failed to connect (timeouts, resets, unknown hosts); one
  source answering in any way, even with an error of its own, means the network is there.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from typing import Any

PROBE_ADDRESS = ("192.0.2.1", 9)  # RFC 5737: never routed on the internet; UDP connect sends nothing
NETWORK_KINDS = frozenset({"transient", "timeout"})
QUIET_KINDS = frozenset({"cancelled", "locked"})


def has_network_route() -> bool:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE_ADDRESS)
        return True
    except OSError:
        return False


def looks_offline(outcomes: Iterable[Any], *, at_least: int = 2) -> bool:
    """True when at least `at_least` sources were tried and every one failed to reach its site."""
    tried = [o for o in outcomes if getattr(o, "error_kind", None) not in QUIET_KINDS]
    if len(tried) < at_least:
        return False
    return all(getattr(o, "error_kind", None) in NETWORK_KINDS for o in tried)
