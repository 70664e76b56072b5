"""Walks every URL rule of the app (later menus included) as five people and checks who gets what.

People: anonymous, seller A's master, A's staff without the page's duty, seller B, support staff.
A rule whose URL takes an id is called with an id of seller A's row; seller B must get 404.
A menu that adds a new kind of id provides `owned_args(tenant)` in tests/<menu>/sweep.py, and
`PUBLIC_ARGS = {"name": value}` there for URL values that are not a seller's rows (codes).
"""
import importlib
import os

import pytest

from models import JobRun, User
from portal.extensions import db

from ..conftest import PASSWORD, make_user

PUBLIC = {"auth.login", "auth.signup", "web.index", "web.health", "web.language", "web.favicon"}
KEY_AUTHENTICATED = {"kse_api"}
# Signed public image links answer to their signature, not to a session: the sweep's token value is
# no signature, so everyone gets 404 (a signed link's 200 is tested in test_public_images).
SIGNED_LINKS = {"public_images.image"}  # blueprints answering to an API key, not to a session: 401 without one
SKIP = {"static"}
TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def owned_args(app, tenant, user) -> dict:
    """Ids of seller A's rows for every URL argument the app's rules use."""
    run = JobRun(kind="엑셀 다운로드", func="jobs.exports.export_audit_log", tenant_id=tenant.id,
                 started_by_id=user.id, duty=",master,", status="done", result_file="run-x.xlsx",
                 result_name="x.xlsx")
    db.session.add(run)
    db.session.commit()
    folder = os.path.join(app.config["JOB_FILES_DIR"], str(tenant.id))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "run-x.xlsx"), "wb") as fh:
        fh.write(b"PK")
    args = {"run_id": run.id, "user_id": user.id}
    for menu in app.extensions["menus"]:
        if os.path.exists(os.path.join(TESTS_DIR, menu, "sweep.py")):
            module = importlib.import_module(f"tests.{menu}.sweep")
            args.update(module.owned_args(tenant))
            PUBLIC_ARGS.update(getattr(module, "PUBLIC_ARGS", {}))
    return args


# URL values that name no seller's row: every signed-in person may use them.
PUBLIC_ARGS = {"code": "ko", "export_type": "csv"}


@pytest.fixture
def world(app, seller, other_seller, support):
    staff = make_user("sweepstaff", seller, duties=[])  # no duty at all
    target = make_user("targetstaff", seller, duties=["logistics"])
    owned = owned_args(app, seller, target)
    return {"args": {**PUBLIC_ARGS, **owned}, "owned": set(owned), "staff": staff}


def rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP or rule.endpoint.endswith(".static"):
            continue
        yield rule


def build(rule, args) -> str:
    missing = [a for a in rule.arguments if a not in args]
    assert not missing, f"{rule.endpoint}: add an owned row for {missing} in tests/<menu>/sweep.py"
    url = rule.rule
    for name in rule.arguments:
        url = url.replace(f"<int:{name}>", str(args[name])).replace(f"<{name}>", str(args[name]))
    return url


def expected(app, rule, person: str, owned: set) -> set[int]:
    endpoint, admin_url = rule.endpoint, app.config["ADMIN_URL"]
    if endpoint in PUBLIC:
        return {200, 302}
    if endpoint in SIGNED_LINKS:
        return {404}
    if endpoint.split(".")[0] in KEY_AUTHENTICATED:
        return {401}
    if person == "anonymous":
        return {302}  # to the login page
    if rule.rule.startswith(admin_url):
        if endpoint.endswith(".ajax_lookup"):
            return {404}  # no lookup field is configured: nobody gets data there
        return {200, 302} if person == "support" else {404}
    if endpoint == "auth.password":
        return {200}  # every signed-in account changes its own password
    menus = app.extensions["menus"]
    blueprint = endpoint.split(".")[0]
    if person == "support":
        return {403, 404}  # support staff work across tenants only in the panel
    if person == "seller_b" and rule.arguments & owned:
        return {404}
    if blueprint == "jobs" and "run_id" in rule.arguments and person == "staff_without_duty":
        return {404}  # another staff's run of a master-only page (권한변경이력 엑셀)
    if blueprint in menus and person == "staff_without_duty":
        duty = menus[blueprint].duty_for(endpoint)
        return {200} if duty is None else {403}
    return {200}


LOGINS = {"seller_a": "sellerAmaster", "staff_without_duty": "sweepstaff",
          "seller_b": "sellerBmaster", "support": "support01"}


@pytest.mark.parametrize("person", ["anonymous", "seller_a", "staff_without_duty", "seller_b",
                                    "support"])
def test_every_get_rule_answers_each_person_correctly(app, world, person):
    client = app.test_client()
    if person != "anonymous":
        assert client.post("/login", data={"login_id": LOGINS[person],
                                           "password": PASSWORD}).status_code == 302
    wrong = []
    for rule in rules(app):
        if "GET" not in rule.methods:
            continue
        url = build(rule, world["args"])
        status = client.get(url).status_code
        want = expected(app, rule, person, world["owned"])
        if status not in want:
            wrong.append(f"{url} ({rule.endpoint}) → {status}, expected {want}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("person", ["anonymous", "seller_a", "support"])
def test_every_post_rule_needs_a_csrf_token(app, world, person):
    client = app.test_client()
    if person != "anonymous":
        client.post("/login", data={"login_id": LOGINS[person], "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    before = (User.query.count(), JobRun.query.count())
    wrong = []
    for rule in rules(app):
        if "POST" not in rule.methods:
            continue
        url = build(rule, world["args"])
        status = client.post(url, data={"action": "approve", "rowid": ["1"]}).status_code
        if rule.endpoint.split(".")[0] in KEY_AUTHENTICATED and status == 401:
            continue  # no session to forge a request with: the key is the proof
        if status != 400:
            wrong.append(f"{url} ({rule.endpoint}) → {status} without a CSRF token")
    assert not wrong, "\n".join(wrong)
    assert (User.query.count(), JobRun.query.count()) == before


def test_the_sweep_covers_menus_admin_and_jobs(app, world):
    endpoints = {r.endpoint for r in rules(app)}
    assert {"account.users", "jobs.progress", "tenants.index_view", "auth.password"} <= endpoints
    assert any(r.rule.startswith("/support-admin") and "POST" in r.methods for r in rules(app))

