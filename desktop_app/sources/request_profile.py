"""Per-source request settings: the User-Agent and Accept a source sends, and the proxy it goes through.

A source's config may hold `user_agent_preset` (earshot, feed_reader, browser, custom), `user_agent` (the
custom text), `proxy` (default: the app's proxy setting, none: connect directly, custom) and `proxy_url`.
Absent keys mean the defaults, so sources saved before these fields existed behave as before.

What a preset never overrides: a User-Agent a connector sets itself (Reddit's descriptive one, which its API
rules require), and the Accept of an API request (a connector whose Accept asks for JSON first keeps it).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from desktop_app import __version__
from desktop_app.core.errors import UserError

EARSHOT = "earshot"
FEED_READER = "feed_reader"
BROWSER = "browser"
CUSTOM = "custom"
PRESET_CHOICES = (EARSHOT, FEED_READER, BROWSER, CUSTOM)
PRESET_LABELS = ("Earshot (default)", "Feed reader", "Browser-like", "Custom")

PROXY_DEFAULT = "default"
PROXY_NONE = "none"
PROXY_CUSTOM = "custom"
PROXY_CHOICES = (PROXY_DEFAULT, PROXY_NONE, PROXY_CUSTOM)
PROXY_LABELS = ("App default", "None (connect directly)", "Custom")

# A feed reader's usual shape: "Mozilla/5.0 (compatible; <reader>; +<about page>)" and a feed-first Accept.
FEED_READER_USER_AGENT = f"Mozilla/5.0 (compatible; Earshot-FeedReader/{__version__}; +https://earshot.app)"
FEED_READER_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.8"
)
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
BROWSER_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8"
)
MAX_USER_AGENT = 300
SOCKS_SCHEMES = ("socks5", "socks5h")


@dataclass(frozen=True, slots=True)
class RequestProfile:
    """user_agent/accept None: the client's own. proxy: PROXY_DEFAULT, PROXY_NONE or a proxy URL."""

    user_agent: str | None = None
    accept: str | None = None
    proxy: str = PROXY_DEFAULT


DEFAULT_PROFILE = RequestProfile()


def socks_supported() -> bool:
    """httpx speaks SOCKS5 only with the socksio package installed."""
    return importlib.util.find_spec("socksio") is not None


def check_user_agent(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise UserError("A custom User-Agent needs some text (--field user_agent=...).")
    if len(text) > MAX_USER_AGENT or not all(" " <= ch <= "~" for ch in text):
        raise UserError(f"The User-Agent must be plain printable ASCII, at most {MAX_USER_AGENT} characters.")
    return text


def check_proxy_url(value: str) -> str:
    """http(s)://host:port, or socks5(h)://host:port when SOCKS support is installed; no password."""
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise UserError(f"The proxy address is not a valid URL: {text[:100]!r}.") from None
    scheme = parts.scheme.lower()
    allowed = ("http", "https", *SOCKS_SCHEMES)
    if scheme not in allowed or not parts.hostname:
        raise UserError(
            "The proxy address must look like http://host:port, https://host:port or socks5://host:port."
        )
    if scheme in SOCKS_SCHEMES and not socks_supported():
        raise UserError("SOCKS proxies need the socksio package (pip install 'httpx[socks]').")
    if parts.username or parts.password:
        raise UserError(
            "A proxy with a user name or password cannot be set per source (it would be stored in the "
            "workspace); use a proxy without a password, or the app-wide proxy setting."
        )
    if port is None:
        raise UserError("The proxy address needs a port, e.g. http://proxy.example:3128.")
    return text


def check_request_fields(clean: dict[str, Any]) -> None:
    """Cross-field checks on a validated config (in place): a custom preset needs its text, a custom proxy
    its address; a text given without its preset is refused rather than silently unused."""
    preset = clean.get("user_agent_preset", EARSHOT)
    if preset == CUSTOM:
        clean["user_agent"] = check_user_agent(str(clean.get("user_agent") or ""))
    elif clean.get("user_agent"):
        raise UserError("user_agent is used only with user_agent_preset=custom.")
    proxy = clean.get("proxy", PROXY_DEFAULT)
    if proxy == PROXY_CUSTOM:
        if not clean.get("proxy_url"):
            raise UserError("A custom proxy needs its address (--field proxy_url=http://host:port).")
        clean["proxy_url"] = check_proxy_url(str(clean["proxy_url"]))
    elif clean.get("proxy_url"):
        raise UserError("proxy_url is used only with proxy=custom.")


def request_profile(config: Mapping[str, Any]) -> RequestProfile:
    """The request settings a stored source config asks for (absent keys: the defaults)."""
    preset = str(config.get("user_agent_preset") or EARSHOT)
    user_agent: str | None
    accept: str | None = None
    if preset == FEED_READER:
        user_agent, accept = FEED_READER_USER_AGENT, FEED_READER_ACCEPT
    elif preset == BROWSER:
        user_agent, accept = BROWSER_USER_AGENT, BROWSER_ACCEPT
    elif preset == CUSTOM and config.get("user_agent"):
        user_agent = str(config["user_agent"])
    else:
        user_agent = None  # Earshot's own, which the client always sends
    mode = str(config.get("proxy") or PROXY_DEFAULT)
    proxy = PROXY_DEFAULT
    if mode == PROXY_NONE:
        proxy = PROXY_NONE
    elif mode == PROXY_CUSTOM and config.get("proxy_url"):
        proxy = str(config["proxy_url"])
    return RequestProfile(user_agent=user_agent, accept=accept, proxy=proxy)
