"""Support panel: Korean labels, Korean names for codes, exports in KST like the screens."""
from datetime import datetime

from models import JobRun
from portal.extensions import db

from ..orders.conftest import add_account, market  # noqa: F401  (fixture)


def test_labels_and_codes_read_in_korean(client, auth, app, seller, support, market):
    add_account(seller, "sandbox", "본점")
    auth.login("support01")
    html = client.get(f"/support-admin/tenants/details/?id={seller.id}").get_data(as_text=True)
    for english in ("Business Item", "Zipcode", "En Sender Name"):
        assert english not in html
    assert "업종" in html and "영문 발송인명" in html
    html = client.get("/support-admin/channel_accounts/").get_data(as_text=True)
    assert "샌드박스몰" in html and "입점" in html and ">sandbox<" not in html and ">active<" not in html
    html = client.get("/support-admin/users/").get_data(as_text=True)
    assert "logistics,products" not in html


def test_csv_export_uses_kst(client, auth, app, seller, support):
    db.session.add(JobRun(kind="엑셀 다운로드", func="x", tenant_id=seller.id, status="done",
                          created_at=datetime(2026, 1, 1, 15, 30)))
    db.session.commit()
    auth.login("support01")
    resp = client.get("/support-admin/jobruns/export/csv/")
    text = resp.get_data(as_text=True)
    assert "2026-01-02 00:30" in text and "2026-01-01 15:30" not in text
    assert "완료" in text
