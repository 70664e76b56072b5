"""지원센터 관리자: support staff only, CSRF on its forms, no secret column anywhere."""
import pytest

from models import Tenant

from ..conftest import csrf_token

ADMIN_PAGES = ["/support-admin/", "/support-admin/tenants/", "/support-admin/users/",
               "/support-admin/audit/", "/support-admin/jobruns/"]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_is_sent_to_login(client, url):
    resp = client.get(url)
    assert resp.status_code == 302 and "/login" in resp.location


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_sellers_never_see_the_panel(client, auth, seller, url):
    auth.login()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_support_staff_reach_every_view(client, auth, support, url):
    auth.login("support01")
    assert client.get(url).status_code == 200


def test_no_secret_column_is_listed_detailed_or_exported(client, auth, support, seller):
    auth.login("support01")
    user_id = support.id
    pages = [client.get("/support-admin/users/"),
             client.get(f"/support-admin/users/details/?id={user_id}"),
             client.get("/support-admin/users/export/csv/")]
    for resp in pages:
        assert resp.status_code == 200
        body = resp.get_data(as_text=True)
        assert support.password_hash not in body and support.session_token not in body
        assert "password" not in body.lower().replace("password_change", "")


def test_admin_actions_need_the_csrf_token(app, client, auth, support):
    from portal.extensions import db

    pending = Tenant(name="대기상점", ceo_name="대표", business_no="2208139938",
                     email="p@example.com", mobile="010")
    db.session.add(pending)
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    token = csrf_token(client)
    client.post("/login", data={"login_id": "support01", "password": "Passw0rd!",
                                "csrf_token": token})
    resp = client.post("/support-admin/tenants/action/",
                       data={"action": "approve", "rowid": [str(pending.id)]})
    assert resp.status_code == 400
    assert db.session.get(Tenant, pending.id).status == "pending"
    token = csrf_token(client, "/support-admin/tenants/")
    resp = client.post("/support-admin/tenants/action/",
                       data={"action": "approve", "rowid": [str(pending.id)], "csrf_token": token})
    assert resp.status_code == 302
    assert db.session.get(Tenant, pending.id).status == "approved"


def test_each_app_gets_its_own_admin(app_config):
    from portal import create_app

    first, second = create_app(app_config), create_app(app_config)
    assert first.extensions["support_admin"] is not second.extensions["support_admin"]


def test_support_reads_a_job_log_in_the_panel(app, client, auth, support, seller):
    from portal.queues import enqueue
    from portal.queues import wait_inline_jobs

    from . import sample_jobs

    run = enqueue(sample_jobs.count_to, kind="테스트 연동", tenant_id=seller.id, n=2)
    wait_inline_jobs(app)
    auth.login("support01")
    listing = client.get("/support-admin/jobruns/").get_data(as_text=True)
    assert f'/support-admin/jobruns/lines/{run.id}' in listing
    lines = client.get(f"/support-admin/jobruns/lines/{run.id}").get_data(as_text=True)
    assert "2번 항목 처리 성공" in lines and "[종료] 테스트 연동 작업을 종료합니다." in lines
