"""Where the client finds its service and token: arguments, then the environment, then a small config file.

The config file is TOML at ``$PELAGOS_CONFIG``, else ``$XDG_CONFIG_HOME/pelagos/config.toml`` (``~/.config/...``)::

    token = "your-token"
    url = "http://127.0.0.1:8080/"
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

#: The official client's services (onc 2.6.0 ``ONC.production``); defined here once.
PRODUCTION_URL = "https://data.oceannetworks.ca/"
QA_URL = "https://qa.oceannetworks.ca/"


def config_path() -> Path:
    """The config file the client reads (it need not exist)."""
    explicit = os.environ.get("PELAGOS_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "pelagos" / "config.toml"


def read_config() -> dict[str, Any]:
    """The config file's settings, empty when there is no file."""
    path = config_path()
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def resolve_token(token: str | None) -> str | None:
    """The token: the argument, else ``ONC_TOKEN`` (as the official client), else the config file."""
    if token:
        return token
    return os.environ.get("ONC_TOKEN") or _configured("token")


def resolve_url(url: str | None) -> str | None:
    """A pelagos server to use instead of ONC: the argument, else ``PELAGOS_URL``, else the config file."""
    if url:
        return url
    return os.environ.get("PELAGOS_URL") or _configured("url")


def _configured(key: str) -> str | None:
    value = read_config().get(key)
    return str(value) if value else None
