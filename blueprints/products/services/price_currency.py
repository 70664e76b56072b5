"""판매가 currency per channel: the currency a channel takes prices in, its unit word and the yen rule."""
from flask_babel import gettext as _

from portal.i18n import N_
from portal.marketplaces import discover_adapters

KRW, JPY = "KRW", "JPY"
UNITS = {KRW: N_("원"), JPY: N_("円")}
NAMES = {KRW: N_("원화(KRW)"), JPY: N_("엔화(JPY)")}
JPY_MIN, JPY_MAX = 1, 999_999_999  # 라쿠텐 standardPrice 0–999,999,999; 0円 is no price
MSG_JPY = N_("이 제휴몰은 판매가를 엔(円)으로 받습니다. 판매가는 1円 이상 999,999,999円 이하의 "
             "정수(소수점 없이 円 단위)로 입력해 주세요.")
MSG_JPY_MARKET = N_("시중가는 엔(円) 단위 정수로, 판매가보다 큰 금액을 입력해 주세요.")


def currency_of(channel: str) -> str:
    """The adapter's price_currency ("KRW" for an unknown channel)."""
    cls = discover_adapters().get(channel or "")
    return getattr(cls, "price_currency", KRW) if cls else KRW


def unit(currency: str) -> str:
    """원 / 円 in the reader's language."""
    return _(UNITS.get(currency, UNITS[KRW]))


def name(currency: str) -> str:
    return _(NAMES.get(currency, NAMES[KRW]))


def money(amount, currency: str) -> str:
    """19,900원 / 1,980円."""
    return _("%(n)s%(unit)s", n=format(int(amount or 0), ","), unit=unit(currency))


def channel_money(amount, channel: str) -> str:
    """An amount of a listing or 판매정보 in the unit its channel takes."""
    return money(amount, currency_of(channel))


def channel_unit(channel: str) -> str:
    return unit(currency_of(channel))


def parse_yen(text) -> int | None:
    """A whole number of yen ("1,980" → 1980); a fraction, a sign or a word is None."""
    raw = str(text or "").replace(",", "").strip()
    return int(raw) if raw.isdigit() else None


def yen_problem(sale_price, market_price=None, *, check_market=False) -> str | None:
    """판매가 a whole number of yen within 1–999,999,999円; 시중가 whole yen above it."""
    if sale_price is None or not JPY_MIN <= sale_price <= JPY_MAX:
        return _(MSG_JPY)
    if check_market and (market_price is None or market_price <= sale_price):
        return _(MSG_JPY_MARKET)
    return None


def fee_label(info) -> str:
    """A 판매정보's 배송비 in the unit its channel takes: 고정 3,000원 / 고정 500円."""
    currency = currency_of(info.channel)
    if info.fee_type == "fixed":
        return _("고정 %(fee)s", fee=money(info.fee, currency))
    if info.fee_type == "conditional":
        return _("%(fee)s (%(free_over)s 이상 무료)", fee=money(info.fee, currency),
                 free_over=money(info.free_over, currency))
    if info.fee_type == "tiered":
        tiers = [_("~%(upto)s개 %(fee)s", upto=t["upto"], fee=money(t["fee"], currency)) for t in info.fee_tiers]
        return _("수량별 차등 %(tiers)s", tiers=", ".join(tiers))
    return _("무료")


def sent_in(channel: str) -> str:
    """The 미리보기 line saying in which currency the 판매가 goes out (never converted)."""
    cls = discover_adapters().get(channel or "")
    return _("%(channel_name)s에 %(currency)s 금액 그대로 전송됩니다 (환산하지 않음).",
             channel_name=cls.display_name if cls else channel, currency=name(currency_of(channel)))


MSG_MISMATCH = N_("%(channel)s은(는) 판매가를 %(wanted)s로 받는데, 저장된 판매가 %(amount)s은(는) %(stored)s 금액입니다. "
                  "환산하지 않고는 보낼 수 없으니 판매가와 시중가를 %(unit)s 단위로 다시 입력해 저장한 뒤 연동해 주세요.")
MSG_UNRECORDED = N_("통화가 기록되기 전에 저장된(원화일 수 있는)")
MSG_REENTRY = N_("판매가 재입력 필요")


def stored_currency_problem(row) -> str | None:
    """A 판매정보 or 판매상품 whose 판매가 was stored in another currency than its channel takes (or
    before the currency was recorded): never sent, the seller enters the price again."""
    wanted = currency_of(row.channel)
    stored = row.price_currency
    if stored == wanted:
        return None
    cls = discover_adapters().get(row.channel or "")
    known = stored in UNITS
    amount = money(row.sale_price, stored) if known else format(int(row.sale_price or 0), ",")
    return _(MSG_MISMATCH, channel=cls.display_name if cls else row.channel, wanted=name(wanted),
             amount=amount, stored=name(stored) if known else _(MSG_UNRECORDED), unit=unit(wanted))


def needs_reentry(row) -> bool:
    return row.price_currency != currency_of(row.channel)
