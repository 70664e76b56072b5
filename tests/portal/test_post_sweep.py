"""Seller B posts to every POST rule with seller A's ids, a valid CSRF token and a plausible form: refused,
and not one row of seller A changes (compared column by column before and after, jobs included).

A's ids go into the URL (then the answer must be 404) and into every form field a menu reads ids
from, so a service that forgets the tenant filter on a posted id is caught as well as a route that
forgets get_owned_or_404. Menus add their ids through tests/<menu>/sweep.py (see test_url_sweep).
"""
import re

import pytest
from sqlalchemy import select

from models import JobRun
from portal.extensions import db
from portal.queues import wait_inline_jobs

from ..conftest import PASSWORD
from .test_url_sweep import build, rules, world  # noqa: F401  (the fixture)

SKIP = {"auth.logout"}  # seller B must stay signed in for the rest of the sweep
PLURALS = {"line_ids": "line_id", "order_ids": "manual_id", "account_ids": "account_id", "account": "account_id",
           "listing_ids": "listing_id", "product_ids": "product_id", "claim_ids": "claim_id", "ids": "product_id"}


def form_of(args: dict) -> dict:
    """A form naming seller A's rows wherever a menu reads an id, plus values that pass the first checks."""
    form = {name: str(value) for name, value in args.items()}
    form.update({plural: str(args[single]) for plural, single in PLURALS.items() if single in args})
    line = args.get("line_id")
    if line is not None:
        form.update({f"courier_{line}": "CJGLS", f"tracking_{line}": "123456789012"})
    form.update({"memo": "B가 쓴 메모", "reason": "B의 사유", "target": "RETURN_APPROVE", "action": "approve",
                 "items": "new", "ship_at": "2030-01-01T10:00", "status": "ON_SALE", "value": "1",
                 "enabled": "y", "quantity": "1", "kind": "fixed", "extend_days": "30", "scope": "selected"})
    return form


def rows_of(tenant_id: int) -> dict:
    """Every row carrying the tenant's id, by table, as plain values."""
    db.session.expire_all()
    found = {}
    for table in db.metadata.sorted_tables:
        if "tenant_id" in table.c:
            found[table.name] = sorted(tuple(map(repr, row)) for row in
                                       db.session.execute(select(table).where(table.c.tenant_id == tenant_id)))
    jobs = select(JobRun.__table__).where(JobRun.tenant_id == tenant_id)
    found["job_runs"] = sorted(tuple(map(repr, row)) for row in db.session.execute(jobs))
    return found


def csrf(client) -> str:
    html = client.get("/account/company").get_data(as_text=True)
    return re.search(r'name="csrf[-_]token"[^>]*(?:content|value)="([^"]+)"', html).group(1)


def test_seller_b_posting_seller_a_ids_changes_nothing_of_a(app, world, seller, other_seller):  # noqa: F811
    client = app.test_client()
    assert client.post("/login", data={"login_id": "sellerBmaster", "password": PASSWORD}).status_code == 302
    app.config["WTF_CSRF_ENABLED"] = True
    token = csrf(client)
    form = form_of(world["args"])
    before = rows_of(seller.id)
    wrong, swept = [], 0
    for rule in rules(app):
        if "POST" not in rule.methods or rule.endpoint in SKIP:
            continue
        url = build(rule, world["args"])
        response = client.post(url, data={**form, "csrf_token": token}, headers={"X-CSRFToken": token})
        wait_inline_jobs(app)
        swept += 1
        if rule.arguments & world["owned"] and response.status_code != 404:
            wrong.append(f"{url} ({rule.endpoint}) → {response.status_code}, expected 404")
        elif response.status_code >= 500:
            wrong.append(f"{url} ({rule.endpoint}) → {response.status_code}")
        after = rows_of(seller.id)
        if after != before:
            changed = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
            wrong.append(f"{url} ({rule.endpoint}) changed seller A's {', '.join(changed)}")
            before = after
    assert not wrong, "\n".join(wrong)
    assert swept > 40
    assert client.get("/account/company").status_code == 200  # B was signed in (and posting) throughout


@pytest.mark.parametrize("field", ["line_ids", "account_ids"])
def test_the_form_names_seller_a_rows(world, field):  # noqa: F811
    """The sweep would prove nothing with ids nobody reads."""
    assert form_of(world["args"])[field] == str(world["args"][PLURALS[field]])
