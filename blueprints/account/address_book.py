"""제휴몰 계정정보 address book: the 출고지/반품지 lists fetched from a channel, kept on the account,
offered as choices and applied when one is chosen."""
import json

from flask_babel import gettext as _

from models import ChannelAccount
from portal.i18n import N_
from portal.marketplaces import ChannelAdapter

BOOK_KEY = "address_book"
KIND_LABELS = {"outbound": N_("출고지"), "return": N_("반품지")}


def book_settings(cls: type[ChannelAdapter]) -> dict[str, str]:
    """{list kind: account setting it fills}; empty for a channel without an address-book API."""
    return dict(getattr(cls, "address_book_settings", None) or {})


def address_choices(cls: type[ChannelAdapter], account: ChannelAccount | None) -> dict[str, list]:
    """{setting name: entries} for the settings whose list was fetched and is not empty."""
    book = (account.settings.get(BOOK_KEY) or {}) if account else {}
    return {setting: book[kind] for kind, setting in book_settings(cls).items() if book.get(kind)}


def apply_choices(cls: type[ChannelAdapter], settings: dict) -> None:
    """A chosen entry also sets what goes with it (e.g. 쿠팡 반품지명 and 연락처 beside its code)."""
    book = settings.get(BOOK_KEY) or {}
    for kind, setting in book_settings(cls).items():
        chosen = next((e for e in book.get(kind) or [] if e["code"] == settings.get(setting)), None)
        if chosen:
            settings.update(chosen.get("fills") or {})


def keep_address_book(account: ChannelAccount, book: dict) -> tuple[int, str]:
    """Store the fetched lists on the account (replacing the last ones); (entries, message)."""
    settings = account.settings
    settings[BOOK_KEY] = {kind: list(book.get(kind) or []) for kind in KIND_LABELS}
    account.settings_json = json.dumps(settings, ensure_ascii=False)
    counts = {kind: len(settings[BOOK_KEY][kind]) for kind in KIND_LABELS}
    if not any(counts.values()):
        # A job's log line, in the language of the user who started the job.
        return 0, _("제휴몰 주소록에 등록된 출고지/반품지가 없습니다. 제휴몰 판매자센터에서 주소록을 "
                    "먼저 등록한 뒤 다시 불러와 주세요.")
    message = _("출고지 %(outbound)s곳, 반품지 %(returns)s곳을 불러왔습니다. 계정 수정 화면에서 골라 저장해 주세요.",
                outbound=counts["outbound"], returns=counts["return"])
    return sum(counts.values()), message
