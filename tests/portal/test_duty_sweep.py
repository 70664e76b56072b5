"""Every menu rule × every duty, GET and POST: staff reach exactly what their duties allow.

A page that is neither a sub-menu nor named in a menu's endpoint_duties is master-only when the
menu has no duty of its own: staff never act as the master by a page someone forgot to guard.
"""
import pytest

from models import DUTIES, MASTER, AuditLog, ChannelAccount, JobRun, User
from portal.extensions import db

from ..conftest import PASSWORD, make_user
from .test_url_sweep import PUBLIC_ARGS, build, owned_args, rules

# What the master alone does in 기본정보관리 (found open to staff of any duty before).
MASTER_ONLY = {
    ("POST", "account.edit_user"), ("POST", "account.add_user"), ("POST", "account.channel_edit"),
    ("POST", "account.channel_new"), ("POST", "account.channel_test"), ("POST", "account.audit_export"),
    ("POST", "account.migration_request"), ("GET", "account.channel_edit"), ("GET", "account.edit_user"),
}
STAFF = {"none": ()} | {duty: (duty,) for duty in DUTIES}


@pytest.fixture
def world(app, seller):
    target = make_user("targetstaff", seller, duties=["logistics"])
    people = {name: make_user(f"duty{name}"[:20], seller, duties=list(duties))
              for name, duties in STAFF.items()}
    owned = owned_args(app, seller, target)  # also adds the menus' PUBLIC_ARGS
    return {"args": {**PUBLIC_ARGS, **owned}, "people": people,
            "target": target}


def menu_rules(app):
    menus = app.extensions["menus"]
    for rule in rules(app):
        name = rule.endpoint.split(".")[0]
        if name in menus:
            yield rule, menus[name]


def allowed(user, plugin, endpoint) -> bool:
    return user.has_duty(plugin.duty_for(endpoint))


def snapshot(target):
    db.session.expire_all()
    return (User.query.count(), JobRun.query.count(), ChannelAccount.query.count(),
            # an allowed page that shows recipients in full logs that reading (개인정보조회) by design
            AuditLog.query.filter(AuditLog.action != "개인정보조회").count(),
            db.session.get(User, target.id).duties_csv,
            [(a.alias, a.secrets_json) for a in ChannelAccount.query.order_by(ChannelAccount.id)])


def test_pages_outside_the_sub_menus_of_a_menu_without_duty_are_master_only(app):
    found = {(m, r.endpoint) for r, p in menu_rules(app) for m in ("GET", "POST") if m in r.methods}
    assert MASTER_ONLY <= found
    for method, endpoint in MASTER_ONLY:
        plugin = app.extensions["menus"][endpoint.split(".")[0]]
        assert plugin.duty_for(endpoint) == MASTER, endpoint


@pytest.mark.parametrize("duty", list(STAFF))
def test_every_rule_answers_a_staff_of_each_duty(app, world, duty):
    user = world["people"][duty]
    client = app.test_client()
    assert client.post("/login", data={"login_id": user.login_id, "password": PASSWORD}).status_code == 302
    before = snapshot(world["target"])
    wrong = []
    for rule, plugin in menu_rules(app):
        url = build(rule, world["args"])
        may = allowed(user, plugin, rule.endpoint)
        for method in ("GET", "POST"):
            if method not in rule.methods or (method == "POST" and may):
                continue  # an allowed POST would do real work; the menus' own tests cover it
            if (method, rule.endpoint) in MASTER_ONLY:
                assert not may, f"{rule.endpoint} must be master-only"
            status = client.open(url, method=method, data={
                "duties": list(DUTIES), "login_id": "intruder01", "alias": "바뀜", "access": "yes"}).status_code
            if may and status == 403:
                wrong.append(f"{method} {url} ({rule.endpoint}) → 403 for a staff who holds its duty")
            elif not may and status != 403:
                wrong.append(f"{method} {url} ({rule.endpoint}) → {status}, expected 403")
    assert not wrong, "\n".join(wrong)
    assert snapshot(world["target"]) == before  # nothing refused changed anything
