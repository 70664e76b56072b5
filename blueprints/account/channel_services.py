"""제휴몰 계정정보 rules: saving channel accounts with encrypted secrets, key expiry, adapters."""
import json
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _

from models import ChannelAccount
from portal.channel_http import ChannelHttp
from portal.extensions import db
from portal.i18n import N_
from portal.marketplaces import ChannelAdapter, ChannelType, discover_adapters
from portal.security import (
    PASSWORD_HINT, audit, credential_problem, decrypt_secret, encrypt_secret, is_password_field, last4,
    reencrypt_secret,
)
from portal.tenancy import tenant_query

from .address_book import apply_choices
from .services import RuleViolation

EXPIRY_WARNING_DAYS = 14
TYPE_ORDER = [ChannelType.OPEN_MARKET, ChannelType.GENERAL_MALL, ChannelType.CROSS_BORDER]
# What 제휴몰 계정정보 says a channel supports: each group is the adapter method that does it.
SUPPORT_GROUPS = ((N_("주문"), "fetch_orders"), (N_("클레임"), "fetch_claims"), (N_("문의"), "fetch_inquiries"),
                  (N_("상품"), "push_listing"), (N_("재고"), "update_stock"))


@dataclass
class ChannelRow:
    """One line of the channel list: a marketplace and this seller's accounts on it."""

    adapter: type[ChannelAdapter]
    accounts: list[ChannelAccount]

    @property
    def state(self) -> str:
        """입점 only once an account in use passed its 접속 테스트; otherwise what is still missing."""
        active = [a for a in self.accounts if a.status == "active"]
        if any(a.last_test_ok for a in active):
            return N_("입점")
        if any(a.last_test_ok is False for a in active):
            return N_("접속 테스트 실패")
        return N_("접속 테스트 전") if active else N_("미입점")

    @property
    def supports(self) -> list[tuple[str, str]]:
        """(group, "yes" | "no" | "partial") per SUPPORT_GROUPS, from the adapter's real
        capabilities (a method raising NotSupported does not count). Stock is "partial" when the
        channel takes stock but the portal cannot link products there (no registration and no
        import), so no listing knows the channel's item numbers yet."""
        caps = self.adapter.capabilities()
        linkable = bool(caps & {"push_listing", "fetch_listings"})
        out = []
        for label, method in SUPPORT_GROUPS:
            state = "yes" if method in caps else "no"
            if method == "update_stock" and state == "yes" and not linkable:
                state = "partial"
            out.append((label, state))
        return out

    @property
    def link(self) -> str:
        """How the portal reaches the channel: its real API, only the sandbox, or no API."""
        if not self.adapter.seller_api:
            return N_("API 없음")
        return N_("실제 API") if self.adapter.live_api else N_("샌드박스 전용")


def channel_rows(tenant) -> list[ChannelRow]:
    adapters = discover_adapters()
    accounts = tenant_query(ChannelAccount, tenant).order_by(ChannelAccount.id).all()
    rows = [ChannelRow(cls, [a for a in accounts if a.channel == code])
            for code, cls in adapters.items()]
    rows = [r for r in rows if r.adapter.offered or r.accounts]
    return sorted(rows, key=lambda r: (TYPE_ORDER.index(r.adapter.channel_type),
                                       r.adapter.display_name))


def default_endpoint(cls: type[ChannelAdapter]) -> str:
    return "live" if cls.live_api else "sandbox"


def adapter_class(code: str) -> type[ChannelAdapter] | None:
    return discover_adapters().get(code)


def sandbox_base_url(code: str) -> str:
    paths = current_app.config["SANDBOX_PATHS"]
    return current_app.config["SANDBOX_URL"].rstrip("/") + paths.get(code, paths["*"])


def save_account(tenant, cls: type[ChannelAdapter], data: dict, account=None) -> ChannelAccount:
    """Create or update an account; a blank secret field keeps the stored secret."""
    alias = (data.get("alias") or "").strip()
    if not alias:
        raise RuleViolation(_("별칭을 입력해 주세요. 같은 제휴몰의 계정을 구분하는 이름입니다."))
    if len(alias) > 50:
        raise RuleViolation(_("별칭은 50자 이내로 입력해 주세요."))
    clash = tenant_query(ChannelAccount, tenant).filter(
        ChannelAccount.channel == cls.code, ChannelAccount.alias == alias)
    if account is not None:
        clash = clash.filter(ChannelAccount.id != account.id)
    if clash.first():
        raise RuleViolation(_("%(display_name)s에 같은 별칭의 계정이 이미 있습니다.",
                              display_name=cls.display_name))
    expires = _parse_date(data.get("key_expires_on"))
    account = account or ChannelAccount(tenant_id=tenant.id, channel=cls.code)
    settings, secrets, hints = account.settings, account.encrypted_secrets, account.hints
    for field in cls.credential_fields:
        value = (data.get(field.name) or "").strip()
        if problem := credential_problem(field.label_ko, value):
            raise RuleViolation(problem)
        if field.secret:
            if value:
                secrets[field.name] = encrypt_secret(value)
                hints[field.name] = (PASSWORD_HINT if is_password_field(field.name, field.label_ko)
                                     else last4(value))
            elif field.required and field.name not in secrets:
                raise RuleViolation(_("%(label_ko)s을(를) 입력해 주세요.", label_ko=field.label_ko))
        else:
            if not value and field.required:
                raise RuleViolation(_("%(label_ko)s을(를) 입력해 주세요.", label_ko=field.label_ko))
            settings[field.name] = value
    apply_choices(cls, settings)
    account.alias = alias
    account.settings_json = json.dumps(settings, ensure_ascii=False)
    account.secrets_json = json.dumps(secrets)
    account.hints_json = json.dumps(hints, ensure_ascii=False)
    account.key_expires_on = expires
    account.status = "paused" if data.get("status") == "paused" else "active"
    account.fulfilment_enabled = data.get("fulfilment_enabled") == "1"  # 배송관리로 보내기
    account.endpoint = data.get("endpoint") or default_endpoint(cls)
    if account.endpoint not in ("sandbox", "live"):
        raise RuleViolation(_("접속 대상을 선택해 주세요."))
    if account.endpoint == "live" and not cls.seller_api:
        raise RuleViolation(_("%(display_name)s은(는) 판매자용 API를 제공하지 않아 실제 제휴몰과 연동할 수 "
                              "없습니다. 주문은 주문서 가져오기로 올려 주세요.", display_name=cls.display_name))
    if account.endpoint == "live" and not cls.live_api:
        raise RuleViolation(_("%(display_name)s은(는) 아직 실제 제휴몰 API 연동을 지원하지 않아 샌드박스 제휴몰로만 연결할 수 "
                              "있습니다.",
                              display_name=cls.display_name))
    is_new = account.id is None
    db.session.add(account)
    db.session.flush()
    audit(N_("제휴몰계정등록") if is_new else N_("제휴몰계정수정"), tenant_id=tenant.id,
          detail=f"{cls.display_name} [{alias}]")  # never the secrets themselves
    db.session.commit()
    return account


def _parse_date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RuleViolation(_("인증키 만료일은 YYYY-MM-DD 형식으로 입력해 주세요.")) from None


def build_adapter_for(account: ChannelAccount, http: ChannelHttp | None = None) -> ChannelAdapter:
    """Decrypt the account's secrets and build its adapter: call this inside jobs only."""
    cls = adapter_class(account.channel)
    if cls is None:
        raise RuleViolation(_("지원하지 않는 제휴몰입니다: %(channel)s", channel=account.channel))
    credentials = dict(account.settings)
    credentials.update({k: decrypt_secret(v) for k, v in account.encrypted_secrets.items()})
    base_url = sandbox_base_url(cls.code) if account.endpoint == "sandbox" else None
    return cls(credentials, base_url=base_url, http=http,
               account_key=f"{account.channel}:{account.id}")


def rotate_secrets() -> int:
    """Re-encrypt every stored secret under the newest key (after adding one in front)."""
    count = 0
    for account in ChannelAccount.query.all():
        secrets = {k: reencrypt_secret(v) for k, v in account.encrypted_secrets.items()}
        account.secrets_json = json.dumps(secrets)
        count += len(secrets)
    db.session.commit()
    return count


def expiring_accounts(tenant, today: date | None = None) -> list[ChannelAccount]:
    today = today or date.today()
    limit = today + timedelta(days=EXPIRY_WARNING_DAYS)
    return (tenant_query(ChannelAccount, tenant)
            .filter(ChannelAccount.key_expires_on.isnot(None),
                    ChannelAccount.key_expires_on <= limit)
            .order_by(ChannelAccount.key_expires_on).all())
