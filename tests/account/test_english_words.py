"""An English reader sees the account screens' stored words, export headers and upload refusals in English,
while what is stored (audit kinds) stays the Korean the filters match."""
import io
import os

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from models import AuditLog, User
from portal.extensions import db
from portal.services.upload_guard import UploadRefused, check_upload


def _english(login_id="sellerAmaster"):
    user = User.query.filter_by(login_id=login_id).one()
    user.locale = "en"
    db.session.commit()


def test_the_audit_log_shows_a_stored_korean_kind_in_english_and_still_filters_by_it(client, auth, seller):
    db.session.add(AuditLog(tenant_id=seller.id, action="권한변경", detail="x"))
    db.session.add(AuditLog(tenant_id=seller.id, action="임시비밀번호발급", detail="y"))
    db.session.commit()
    _english()
    auth.login()
    page = client.get("/account/audit").get_data(as_text=True)
    assert "<td>Permissions changed</td>" in page and "<td>Temporary password issued</td>" in page
    assert '<option value="권한변경" >Permissions changed</option>' in page
    filtered = client.get("/account/audit", query_string={"action": "권한변경"}).get_data(as_text=True)
    assert "<td>Permissions changed</td>" in filtered and "<td>Temporary password issued</td>" not in filtered
    assert db.session.query(AuditLog.action).filter_by(detail="x").scalar() == "권한변경"


def test_the_user_list_download_has_english_headers_for_an_english_reader_and_korean_otherwise(client, auth,
                                                                                               seller):
    auth.login()
    korean = load_workbook(io.BytesIO(client.get("/account/users?format=xlsx").data)).active
    assert [c.value for c in korean[1]][:3] == ["마스터계정", "ID", "계정명"]
    _english()
    resp = client.get("/account/users?format=xlsx")
    english = load_workbook(io.BytesIO(resp.data)).active
    assert [c.value for c in english[1]][:4] == ["Master", "ID", "Name", "Role"]
    assert not [c.value for c in english[1] if c.value and any("\uac00" <= ch <= "\ud7a3" for ch in c.value)]
    assert "user_permissions.xlsx" in resp.headers["Content-Disposition"]


@pytest.mark.parametrize("locale, expected", [("en", "This is not an Excel (xlsx, xls) or CSV file."),
                                              ("ko", "엑셀(xlsx, xls) 또는 CSV 파일이 아닙니다.")])
def test_an_upload_refusal_reads_in_the_readers_language(app, tmp_path, locale, expected):
    path = os.path.join(tmp_path, "orders.xlsx")
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.4 not a sheet")
    with force_locale(locale), pytest.raises(UploadRefused) as refused:
        check_upload(path, "orders.xlsx", max_rows=10, max_bytes=1024 * 1024)
    assert str(refused.value).startswith(expected)
