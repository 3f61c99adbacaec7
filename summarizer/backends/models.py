"""Which model a server serves: GET /models, for ``--base-url`` without ``--model``."""

from __future__ import annotations

import logging

import httpx

from ..errors import ConfigError, ModelUnavailable

log = logging.getLogger("summarizer")


def served_model(base_url: str, api_key: str | None = None, *, transport: httpx.BaseTransport | None = None,
                 timeout: float = 10.0) -> str:
    """The one model ``base_url`` lists at GET /models; a clear error when it lists none or several.

    Raises :class:`ModelUnavailable` when the server cannot be asked, and
    :class:`ConfigError` (pass ``--model``) when the answer names no single model.
    """
    url = base_url.rstrip("/") + "/models"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        with httpx.Client(transport=transport, timeout=timeout) as http:
            response = http.get(url, headers=headers)
    except httpx.HTTPError as exc:
        raise ModelUnavailable(f"cannot reach the model at {base_url} to ask which models it serves "
                               f"({exc}); pass --model NAME") from None
    try:
        response.raise_for_status()
        ids = [m["id"] for m in response.json().get("data", [])]
    except (httpx.HTTPStatusError, ValueError, KeyError, TypeError, AttributeError):
        raise ConfigError(f"--base-url {base_url} without --model: the server does not list its models "
                          f"(GET {url} answered HTTP {response.status_code}); pass --model NAME") from None
    if len(ids) != 1:
        listed = ", ".join(ids[:10]) + (" ..." if len(ids) > 10 else "") if ids else "none"
        raise ConfigError(f"--base-url {base_url} without --model: the server lists {len(ids)} models ({listed}); "
                          "pass --model NAME")
    log.info("--base-url %s without --model: using %s, the one model it serves", base_url, ids[0])
    return ids[0]
