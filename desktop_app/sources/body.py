"""Reading a response body within a size cap and a deadline, decompressing it ourselves.

We decode gzip/deflate with zlib's `max_length`, so a compression bomb never inflates more than the cap
(plus one byte) in memory: it fails with TooLarge after at most `max_bytes` of output.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable

from desktop_app.core.errors import BadResponse, TimedOut, TooLarge

ACCEPT_ENCODING = "gzip, deflate"


class _Inflater:
    """gzip (several members allowed) or deflate (zlib-wrapped or raw), never past `limit` bytes out."""

    def __init__(self, encoding: str) -> None:
        self._wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._deflate = encoding == "deflate"
        self._first = True
        self._obj = zlib.decompressobj(self._wbits)

    def feed(self, data: bytes, limit: int) -> bytes:
        out = b""
        while data:
            try:
                out += self._obj.decompress(data, max(1, limit - len(out) + 1))
            except zlib.error:
                if not (self._deflate and self._first):
                    raise
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                out += self._obj.decompress(data, max(1, limit - len(out) + 1))
            self._first = False
            if len(out) > limit:
                return out
            data = self._obj.unconsumed_tail
            if self._obj.eof and self._obj.unused_data:  # a second gzip member
                data = self._obj.unused_data
                self._obj = zlib.decompressobj(self._wbits)
        return out


def _decoder(content_encoding: str) -> _Inflater | None:
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return None
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return _Inflater(codings[0])
    raise BadResponse(
        f"The site sent its answer compressed in a way Earshot cannot read ({content_encoding[:40]})."
    )


def too_large(host: str, max_bytes: int) -> TooLarge:
    return TooLarge(
        f"The answer from {host} is larger than the {_size(max_bytes)} limit; "
        "raise the source's size limit if this feed is really that big."
    )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def read_body(
    chunks: Iterable[bytes],
    *,
    content_encoding: str,
    max_bytes: int,
    deadline: float,
    host: str,
    total_timeout: float,
) -> bytes:
    """Join raw (still compressed) chunks into the decoded body. Raises TooLarge, TimedOut, BadResponse."""
    decoder = _decoder(content_encoding)
    parts: list[bytes] = []
    raw_size = size = 0
    try:
        for raw in chunks:
            raw_size += len(raw)
            if raw_size > max_bytes:
                raise too_large(host, max_bytes)
            data = decoder.feed(raw, max_bytes - size) if decoder else raw
            size += len(data)
            if size > max_bytes:
                raise too_large(host, max_bytes)
            if time.monotonic() > deadline:
                raise TimedOut(
                    f"{host} is sending too slowly; gave up after {total_timeout:g} s. "
                    "Will retry at the next poll."
                )
            parts.append(data)
    except zlib.error as exc:
        raise BadResponse(
            f"The answer from {host} was damaged in transit (it could not be unpacked)."
        ) from exc
    return b"".join(parts)
