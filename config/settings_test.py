"""The test suite's settings: the production settings, over plain HTTP and with a key for the tests. They are set
in the environment, so the commands that tests run in subprocesses get them too."""

import os

os.environ.setdefault("SECRET_KEY", "kttt-test-suite-only-not-a-secret-3b9f0c1e7a")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings import *  # noqa: F403

# Users are created by the hundred in the permission matrix: a fast hash keeps that quick. (Only tests.)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Cached dashboard parts would outlive a test's rolled-back data: off, except where a test turns it on.
CACHES = CACHES | {"pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
