"""The API's OpenAPI document: valid OpenAPI 3, and no request built from it makes the server fail (schemathesis,
in-process against the WSGI application, signed in as a province officer by token)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, override_settings
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.core.result import Ok

from config.wsgi import application
from tests.test_permissions import world  # noqa: F401  (the fixture: organisations A, B, C and the accounts)

EXAMPLES = 25  # per operation: enough to try odd values everywhere, small enough for a minute in all


def test_the_schema_is_valid_openapi_3(client: Client, db: None) -> None:
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    validate_schema(document)  # type: ignore[no-untyped-call]
    assert client.get(reverse("api:schema"), {"format": "json"}).json()["info"]["title"] == "KTTT API"
    paths = set(document["paths"])
    assert "/api/v1/organisations/{code}/figures/{year}/" in paths and "/api/v1/reports/" in paths


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Django closes the connection when a request starts and ends (CONN_MAX_AGE 0, and inside the test's
    transaction autocommit is off), which would end the test's transaction on PostgreSQL: the test client
    does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@override_settings(KTTT_API_ANON_RATE="100000/min", KTTT_API_USER_RATE="100000/min")
def test_no_request_from_the_schema_makes_the_server_fail(
    world: dict[str, Any],  # noqa: F811
    wsgi_in_test_transaction: None,
) -> None:
    token = Token.objects.create(user=world["users"]["tinh"]).key
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(operations) == 12  # every operation of the API (a new one is added here knowingly)
    for operation in operations:
        # Real codes and years, so that some requests reach past the 404 into validation and the services.
        fixed: dict[str, Any] = {"code": "A", "year": 2025} if "{code}" in operation.path else {}
        fixed |= {"id": world["ids"]["PLAN"]} if "{id}" in operation.path else {}
        strategy = operation.as_strategy(path_parameters=fixed or None)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def call(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Token {token}"})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r}")

        call()
    assert failures == []
