"""The connector registry and config validation."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import UserError
from desktop_app.sources.base import ConfigField, validate_config
from desktop_app.sources.registry import CONNECTORS, connector_kinds, get_connector
from desktop_app.sources.rss import RssConnector


def test_registry_lists_rss() -> None:
    assert connector_kinds() == sorted(CONNECTORS) and "rss" in connector_kinds()
    rss = get_connector("rss")
    assert isinstance(rss, RssConnector) and rss.kind == "rss" and rss.default_interval_minutes == 30
    assert [f.name for f in rss.fields] == ["url", "max_bytes"]


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(UserError, match=r"Unknown kind of source 'telegraph'; known kinds: .*rss"):
        get_connector("telegraph")


def test_validate_config() -> None:
    rss = get_connector("rss")
    assert validate_config(rss, {"url": " https://x.example/feed "}) == {"url": "https://x.example/feed"}
    assert validate_config(rss, {"url": "http://x.example/", "max_bytes": "2000"})["max_bytes"] == 2000
    with pytest.raises(UserError, match="needs Feed address"):
        validate_config(rss, {})
    with pytest.raises(UserError, match="http"):
        validate_config(rss, {"url": "javascript:alert(1)"})
    with pytest.raises(UserError, match="http"):
        validate_config(rss, {"url": "https://"})
    with pytest.raises(UserError, match="whole number"):
        validate_config(rss, {"url": "https://x.example/", "max_bytes": "lots"})
    with pytest.raises(UserError, match="Unknown field"):
        validate_config(rss, {"url": "https://x.example/", "colour": "red"})


class _Toy:
    kind = "toy"
    label = "Toy"
    default_interval_minutes = 5
    fields = (
        ConfigField("mode", "Mode", "choice", choices=("fast", "slow")),
        ConfigField("live", "Live", "bool", required=False, default=False),
        ConfigField("key", "API key", "secret", required=False),
    )

    def fetch(self, *args: object) -> None: ...


def test_choice_bool_and_defaults() -> None:
    toy = _Toy()
    assert validate_config(toy, {"mode": "fast"}) == {"mode": "fast", "live": False}  # type: ignore[arg-type]
    assert validate_config(toy, {"mode": "slow", "live": "yes"})["live"] is True  # type: ignore[arg-type]
    with pytest.raises(UserError, match="one of: fast, slow"):
        validate_config(toy, {"mode": "medium"})  # type: ignore[arg-type]


def test_config_field_kinds_are_checked() -> None:
    with pytest.raises(ValueError, match="kind"):
        ConfigField("x", "X", "colour")
    with pytest.raises(ValueError, match="choices"):
        ConfigField("x", "X", "choice")
