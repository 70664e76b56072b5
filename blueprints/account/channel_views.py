"""제휴몰 계정정보 routes: the channel list, the 등록/수정 form, the 접속 테스트 and 주소록 불러오기 jobs."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobs.channels import fetch_address_book, test_connection
from models import ChannelAccount
from portal.queues import enqueue
from portal.tenancy import current_tenant, get_owned_or_404

from . import bp
from .address_book import address_choices, book_settings
from .channel_services import adapter_class, channel_rows, default_endpoint, save_account
from .services import RuleViolation


@bp.get("/channels")
def channels():
    return render_template("account/channels.html", rows=channel_rows(current_tenant()))


@bp.route("/channels/<channel_code>/new", methods=["GET", "POST"])
def channel_new(channel_code: str):
    cls = adapter_class(channel_code)
    if cls is None or not cls.offered:
        abort(404)
    return _form(cls, None)


@bp.route("/channels/accounts/<int:account_id>", methods=["GET", "POST"])
def channel_edit(account_id: int):
    account = get_owned_or_404(ChannelAccount, account_id)
    cls = adapter_class(account.channel) or abort(404)
    return _form(cls, account)


def _form(cls, account):
    if request.method == "POST":
        try:
            account = save_account(current_tenant(), cls, request.form, account)
        except RuleViolation as refused:
            return render_template("account/channel_form.html", cls=cls, account=account,
                                   data=_redisplay(cls), error=str(refused),
                                   choices=address_choices(cls, account),
                                   has_book=bool(book_settings(cls))), 400
        flash(_("%(display_name)s [%(alias)s] 계정을 저장했습니다. 접속 테스트로 확인해 주세요.",
                display_name=cls.display_name, alias=account.alias),
              "success")
        return redirect(url_for("account.channels"))
    data = {**(account.settings if account else {}),
            "alias": account.alias if account else "",
            "key_expires_on": account.key_expires_on.isoformat() if account and account.key_expires_on else "",
            "endpoint": account.endpoint if account else default_endpoint(cls),
            "status": account.status if account else "active",
            "fulfilment_enabled": "1" if account and account.fulfilment_enabled else ""}
    return render_template("account/channel_form.html", cls=cls, account=account, data=data,
                           error=None, choices=address_choices(cls, account),
                           has_book=bool(book_settings(cls)))


def _redisplay(cls) -> dict:
    """What the user typed, minus the secrets: a refused form never echoes a key back."""
    secret_names = {f.name for f in cls.credential_fields if f.secret}
    return {k: v for k, v in request.form.items() if k not in secret_names and k != "csrf_token"}


@bp.post("/channels/accounts/<int:account_id>/test")
def channel_test(account_id: int):
    account = get_owned_or_404(ChannelAccount, account_id)
    cls = adapter_class(account.channel)
    run = enqueue(test_connection, kind=_("%(value)s 접속 테스트",
                                          value=cls.display_name if cls else account.channel),
                  queue="channel", tenant_id=current_tenant().id, user_id=current_user.id,
                  account_id=account.id)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202


@bp.post("/channels/accounts/<int:account_id>/address-book")
def channel_address_book(account_id: int):
    """주소록 불러오기: a job reads the channel's 출고지/반품지 lists (views never call a channel)."""
    account = get_owned_or_404(ChannelAccount, account_id)
    cls = adapter_class(account.channel)
    if cls is None or not book_settings(cls):
        abort(404)
    run = enqueue(fetch_address_book, kind=_("%(channel)s 주소록 불러오기", channel=cls.display_name), queue="channel",
                  tenant_id=current_tenant().id, user_id=current_user.id, account_id=account.id)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202


@bp.cli.command("rotate-keys")
def rotate_keys_command():
    """Re-encrypt every marketplace secret under the newest key in ENCRYPTION_KEYS."""
    from .channel_services import rotate_secrets

    print(_("제휴몰 인증정보 %(count)s개를 새 키로 다시 암호화했습니다.", count=rotate_secrets()))
