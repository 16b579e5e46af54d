"""A Redis cache that degrades to "no cache" when Redis is unreachable, instead of failing the request.

The cache only ever holds what can be computed again (dashboard figures, their generation token),
so losing it costs time, never data. Without this, a save committed to the database answered 500
because the cache invalidation that followed it could not reach Redis, and the user saved again.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(method_name: str, fallback):
    method = getattr(RedisCache, method_name)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except CACHE_ERRORS:
            logger.warning("Cache unreachable during %s: answering without the cache.", method_name, exc_info=True)
            return fallback(*args, **kwargs)

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


def _get_or_set(key, default, *args, **kwargs):
    return default() if callable(default) else default


class FaultTolerantRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes do nothing while Redis cannot be reached."""

    get = _tolerant("get", _default)
    get_many = _tolerant("get_many", lambda *args, **kwargs: {})
    get_or_set = _tolerant("get_or_set", _get_or_set)
    has_key = _tolerant("has_key", lambda *args, **kwargs: False)
    add = _tolerant("add", lambda *args, **kwargs: False)
    set = _tolerant("set", lambda *args, **kwargs: None)
    set_many = _tolerant("set_many", lambda data, *args, **kwargs: list(data))
    touch = _tolerant("touch", lambda *args, **kwargs: False)
    delete = _tolerant("delete", lambda *args, **kwargs: False)
    delete_many = _tolerant("delete_many", lambda *args, **kwargs: None)
    clear = _tolerant("clear", lambda *args, **kwargs: None)
