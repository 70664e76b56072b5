"""Support-panel views of 기본정보관리: channel accounts across sellers, never their secrets."""
from flask_babel import lazy_gettext as _l

from models import ChannelAccount
from portal.extensions import db


def add_admin_views(admin, base_view) -> None:
    class ChannelAccountView(base_view):
        # Allow-list: the encrypted secrets and their hints are never listed, shown or exported.
        column_list = ("id", "tenant_id", "channel", "alias", "endpoint", "status",
                       "key_expires_on", "last_test_at", "last_test_ok", "last_test_message",
                       "created_at")
        column_details_list = column_export_list = column_list
        column_filters = ("channel", "status", "endpoint", "last_test_ok")
        column_searchable_list = ("alias", "channel")
        column_labels = {"tenant_id": _l("회사번호"), "channel": _l("제휴몰"), "alias": _l("별칭"),
                         "endpoint": _l("접속대상"), "status": _l("사용여부"), "key_expires_on": _l("인증키 만료일"),
                         "last_test_at": _l("최근 접속테스트"), "last_test_ok": _l("결과"),
                         "last_test_message": _l("메시지"), "created_at": _l("등록일")}
        column_formatters = {"channel": lambda v, c, m, p: _channel_name(m.channel),
                             "status": lambda v, c, m, p: m.status_label,
                             "endpoint": lambda v, c, m, p: ENDPOINTS.get(m.endpoint, m.endpoint),
                             "last_test_ok": lambda v, c, m, p: "" if m.last_test_ok is None else
                             (_l("성공") if m.last_test_ok else _l("실패"))}
        column_formatters_export = column_formatters
        can_create = can_edit = can_delete = False

    admin.add_view(ChannelAccountView(ChannelAccount, db, name=_l("제휴몰 계정"), endpoint="channel_accounts"))


ENDPOINTS = {"live": _l("운영"), "sandbox": _l("샌드박스")}


def _channel_name(code: str) -> str:
    from portal.marketplaces import discover_adapters

    cls = discover_adapters().get(code)
    return cls.display_name if cls else code
