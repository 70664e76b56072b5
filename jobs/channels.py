"""Channel-account jobs: the transport every job's adapter uses, the 접속 테스트 (test_connection) and
주소록 불러오기 (fetch_address_book)."""
from flask import current_app
from flask_babel import gettext as _

from models import ChannelAccount
from portal.channel_budget import shared_budget
from portal.channel_http import ChannelHttp
from portal.extensions import db
from portal.marketplaces import ChannelError
from portal.queues import Refused
from portal.security import SecretUnreadable


def call_logger(progress):
    """Every HTTP call into the job's 연동이력: method, path, status, time; never secrets."""
    def log(record):
        status = record.status if record.status is not None else (record.error or _("응답 없음"))
        rid = f" [{record.request_id}]" if record.request_id else ""
        progress.log(f"{record.method} {record.path} → {status} ({record.duration_ms}ms){rid}")
    return log


def job_http(progress, **options) -> ChannelHttp:
    """A job's transport: every call logged into the job, retries waiting CHANNEL_BACKOFF_BASE and up."""
    return ChannelHttp(on_call=call_logger(progress), backoff_base=current_app.config["CHANNEL_BACKOFF_BASE"],
                       budget=shared_budget(), **options)


def test_connection(progress, tenant_id: int, account_id: int) -> None:
    """접속 테스트: 인증되었습니다, or the channel's exact reason."""
    from blueprints.account.channel_services import build_adapter_for

    account = (db.session.query(ChannelAccount)
               .filter_by(tenant_id=tenant_id, id=account_id).one())
    progress.set_total(1)
    progress.log(_("%(alias)s 계정의 접속을 확인합니다.", alias=account.alias))
    http = job_http(progress, max_retries=1)
    try:
        result = build_adapter_for(account, http).test_connection()
        ok, message = result.ok, result.message_ko
        if result.key_expires_on:
            account.key_expires_on = result.key_expires_on
            progress.log(_("제휴몰이 알려준 인증키 만료일: %(isoformat)s",
                           isoformat=result.key_expires_on.isoformat()))
    except ChannelError as error:
        ok, message = False, error.message_ko
    except SecretUnreadable as error:  # a secret no current key can decrypt
        ok, message = False, str(error)
    account.record_test(ok, message)
    db.session.commit()
    progress.step(message, ok=ok)


def fetch_address_book(progress, tenant_id: int, account_id: int) -> None:
    """주소록 불러오기: the channel's 출고지/반품지 lists, kept on the account for its form's choices."""
    from blueprints.account.address_book import keep_address_book
    from blueprints.account.channel_services import build_adapter_for

    account = (db.session.query(ChannelAccount)
               .filter_by(tenant_id=tenant_id, id=account_id).one())
    progress.set_total(1)
    progress.log(_("%(alias)s 계정의 출고지/반품지 주소록을 불러옵니다.", alias=account.alias))
    try:
        book = build_adapter_for(account, job_http(progress)).fetch_address_book()
    except ChannelError as error:
        raise Refused(_("주소록을 불러오지 못했습니다: %(message)s", message=error.message_ko)) from None
    except SecretUnreadable as error:
        raise Refused(str(error)) from None
    found, message = keep_address_book(account, book)
    db.session.commit()
    if not found:
        raise Refused(message)
    progress.step(message)
