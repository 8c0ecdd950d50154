"""Rendered dashboard parts kept in the "pages" cache, keyed by the data stamp (kttt.indicators.stamp) and by
everything else the part depends on: which part, the address (officers' or public), the parameters and their
messages, the language and the day (deadlines are counted from today). A write to the data changes the stamp,
so a part is never older than the last committed change; old keys simply stop being asked for and expire."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kttt.indicators.dashboard import query_string
from kttt.indicators.params import Params

TIMEOUT = 24 * 3600


def cached_part(part: str, stamp: int, path: str, params: Params, render: Callable[[], str]) -> SafeString:
    """The part's HTML from the cache, or rendered by `render` and kept. `stamp` must have been read before
    `params` and before anything `render` reads."""
    parts = (part, str(stamp), path, query_string(params), *params.messages, get_language(), dt.date.today())
    key = "dashboard:" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    cache = caches["pages"]
    html: str | None = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # rendered by our own templates, autoescaped
