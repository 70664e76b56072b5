"""상품판매정보 rules: checking and saving sales-info templates, prices, margins, cached categories."""
import itertools
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import ChannelAccount, ChannelCategory, SalesInfo
from portal.extensions import db
from portal.tenancy import tenant_query
from portal.i18n import N_, ko

from .services import RuleViolation
from .services.price_currency import JPY, KRW, MSG_JPY_MARKET, currency_of, money, parse_yen, yen_problem
from .services.rules import is_general_mall, name_width  # noqa: F401  (is_general_mall: callers here)

SALE_DAYS = (15, 30, 60, 90)
MAX_BUY_QTY = 99_999
MIN_PRICE, MAX_PRICE = 10, 1_000_000_000
AS_MAX = 500
SHIP_POLICIES = (N_("순차발송"), N_("당일발송"), N_("예약발송"), N_("주문제작"))  # stored in Korean, shown with _()
COURIERS = ("CJ대한통운", "한진택배", "롯데택배", "우체국택배", "로젠택배", "경동택배")
OPTION_SCOPES = {"open_market": _l("주의사항을 확인했으며 옵션정보 오픈마켓용으로만 사용합니다."),
                 "general_too": _l("주의사항을 확인했으며 옵션정보 종합몰에도 사용합니다.")}
GENERAL_MALL_WARNING = (N_("종합몰은 옵션별 추가금액과 추가상품이 반영되지 않습니다. "
                        "옵션가격과 추가상품은 무시되고 판매가로만 연동됩니다."))

MSG = {
    "account": N_("판매자 ID(제휴몰 계정)를 선택해 주세요."),
    "group": N_("그룹명을 입력해 주세요."),
    "group_len": N_("그룹명은 50자 이내로 입력해 주세요."),
    "category": N_("제휴몰 카테고리를 검색해 선택해 주세요."),
    "category_leaf": N_("제휴몰 카테고리는 마지막 단계(세부 카테고리)까지 선택해 주세요."),
    "price_range": N_("판매가는 10원 이상 10억원 이하로 입력해 주세요."),
    "price_step": N_("판매가는 10원 단위로 입력해 주세요."),
    "market": N_("시중가는 판매가보다 큰 금액으로 입력해 주세요."),
    "max_buy": N_("최대구매수량은 1개 이상 99,999개 이하로 입력해 주세요."),
    "max_buy_days": N_("구매 제한 기간은 1일 이상으로 입력해 주세요."),
    "sale_days": N_("판매기간은 15일, 30일, 60일, 90일 중에서 선택해 주세요."),
    "policy": N_("발송정책을 선택해 주세요."),
    "ship_days": N_("출고기한은 1일 이상 15일 이하로 입력해 주세요."),
    "ship_time": N_("출고기한이 1일이면 출고시간을 선택해 주세요."),
    "method": N_("배송방법을 선택해 주세요."),
    "fee": N_("고정 배송비를 10원 이상 입력해 주세요."),
    "conditional": N_("조건부 무료 배송비는 배송비와 무료 기준 금액을 모두 입력해 주세요."),
    "tiers": N_("수량별 차등 배송비는 수량 구간을 작은 수부터 차례로 2개 이상 입력해 주세요."),
    "fee_step": N_("배송비는 10원 단위로 입력해 주세요."),
    "free_cod": N_("무료 배송은 착불로 설정할 수 없습니다."),
    "payment": N_("선결제 여부(선불/착불/착불·선불 가능)를 선택해 주세요."),
    "extra_fee": N_("제주/도서산간 추가 배송비는 0원 이상 100,000원 이하로 입력해 주세요."),
    "ship_zip": N_("출고지 우편번호(5자리)를 입력해 주세요."),
    "ship_address": N_("출고지 주소를 입력해 주세요."),
    "return_zip": N_("반품/교환지 우편번호(5자리)를 입력해 주세요."),
    "return_address": N_("반품/교환지 주소를 입력해 주세요."),
    "courier": N_("반품 택배사를 선택해 주세요."),
    "return_fee": N_("반품 편도 배송비는 0원 이상, 10원 단위로 입력해 주세요."),
    "quick": N_("퀵서비스 업체명과 연락처(하이픈 없이 숫자)를 입력해 주세요."),
    "pickup": N_("방문수령 주소를 입력해 주세요."),
    "quick_name": N_("퀵서비스 업체명은 한글 10자(영문/숫자 20자) 이내로 입력해 주세요."),
    "pickup_discount": N_("방문수령 가격할인은 10원 이상, 10원 단위로 입력해 주세요."),
    "pickup_gift": N_("방문수령 사은품은 한글 10자(영문/숫자 20자) 이내로 입력해 주세요."),
    "as": N_("A/S 정보를 입력해 주세요. 모를 때는 \"판매자에게 문의\"로 입력합니다."),
    "as_len": N_("A/S 정보는 500자 이내로 입력해 주세요."),
    "option_scope": N_("옵션정보를 오픈마켓용으로만 쓸지, 종합몰에도 쓸지 선택해 주세요."),
}


@dataclass
class Check:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # field name -> Korean message
    warnings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _int(text):
    try:
        return int(str(text).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def price_problem(sale_price, market_price=None, currency=KRW) -> str | None:
    """판매가 10원 ~ 10억원, 10원 단위 (엔화 제휴몰: 円 단위 정수); 시중가는 판매가보다 커야 한다."""
    if currency == JPY:
        return yen_problem(sale_price, market_price, check_market=market_price is not None)
    if sale_price is None or not MIN_PRICE <= sale_price <= MAX_PRICE:
        return _(MSG["price_range"])
    if sale_price % 10:
        return _(MSG["price_step"])
    if market_price is not None and (market_price is None or market_price <= sale_price):
        return _(MSG["market"])
    return None


def option_problems(product, sale_price: int, general_mall: bool, currency: str = KRW) -> list[str]:
    """Option extra prices within ±50 % of this 판매가; add-on prices 10 .. +50 % (open markets), every
    amount in the channel's unit (원, or 円 on a yen channel)."""
    if product is None or general_mall or not sale_price:
        return []
    low, high = -(sale_price // 2), sale_price // 2

    def signed(amount):
        return ("+" if amount >= 0 else "-") + money(abs(amount), currency)

    out = [_("옵션 추가금액은 판매가의 -50%% ~ +50%% 이내여야 합니다: %(option)s %(extra)s "
             "(판매가 %(price)s 기준 %(low)s ~ %(high)s)", option=o.values, extra=signed(o.extra_price),
             price=money(sale_price, currency), low=signed(low), high=signed(high))
           for o in product.options if not low <= o.extra_price <= high]
    out += [_("추가상품 가격은 %(min)s 이상, 판매가의 50%%(%(high)s) 이하여야 합니다: %(group)s/%(item)s %(price)s",
              min=money(10, currency), high=money(high, currency), group=g.name, item=i.name,
              price=money(i.price, currency))
            for g in product.addon_groups for i in g.items if not 10 <= i.price <= high]
    return out


def margin_rate(sale_price, rep_price) -> float | None:
    """마진율: 대표가격(공급원가) 기준, (판매가 - 대표가격) / 판매가."""
    if not sale_price or not rep_price:
        return None
    return round((sale_price - rep_price) * 100 / sale_price, 1)


def accounts_of(tenant, channel=None):
    query = tenant_query(ChannelAccount, tenant).filter(ChannelAccount.status == "active")
    if channel:
        query = query.filter(ChannelAccount.channel == channel)
    return query.order_by(ChannelAccount.channel, ChannelAccount.id).all()


def check(tenant, form, product=None) -> Check:
    """Every rule of the 판매정보 screen; errors keyed by the form field they belong to."""
    c = Check()
    err = c.errors
    account = None
    account_id = _int(form.get("account_id"))
    if account_id:
        account = tenant_query(ChannelAccount, tenant).filter(ChannelAccount.id == account_id).one_or_none()
    if account is None:
        err["account_id"] = _(MSG["account"])
    group = (form.get("group_name") or "").strip()
    if not group:
        err["group_name"] = _(MSG["group"])
    elif len(group) > 50:
        err["group_name"] = _(MSG["group_len"])
    category_id = (form.get("category_id") or "").strip()
    category = None
    if account is not None and category_id:
        category = tenant_query(ChannelCategory, tenant).filter_by(
            account_id=account.id, category_id=category_id).one_or_none()
    if category is None:
        err["category_id"] = _(MSG["category"])
    elif not category.is_leaf:
        err["category_id"] = _(MSG["category_leaf"])
    currency = currency_of(account.channel) if account is not None else KRW
    parse = parse_yen if currency == JPY else _int  # yen: a whole number, no fraction
    sale, market = parse(form.get("sale_price")), parse(form.get("market_price"))
    problem = price_problem(sale, currency=currency)
    if problem:
        err["sale_price"] = problem
    elif market is None or market <= sale:
        err["market_price"] = _(MSG_JPY_MARKET if currency == JPY else MSG["market"])
    general = account is not None and is_general_mall(account.channel)
    if not problem:
        for text in option_problems(product, sale, general, currency):
            err.setdefault("options", text)
    if general:
        c.warnings.append(_(GENERAL_MALL_WARNING))
    scope = form.get("option_scope") or "open_market"
    if scope not in OPTION_SCOPES:
        err["option_scope"] = _(MSG["option_scope"])
    _check_limits(form, c)
    _check_shipping(form, c)
    as_info = (form.get("as_info") or "").strip()
    if not as_info:
        err["as_info"] = _(MSG["as"])
    elif len(as_info) > AS_MAX:
        err["as_info"] = _(MSG["as_len"])
    c.values.update(account=account, group_name=group, category_id=category_id,
                    category_path=category.path if category else "", sale_price=sale,
                    market_price=market, as_info=as_info, option_scope=scope)
    return c


def _check_limits(form, c: Check) -> None:
    kind = form.get("max_buy_type") or "none"
    qty, days = _int(form.get("max_buy_qty")) or 0, _int(form.get("max_buy_days")) or 0
    if kind not in ("none", "per_person", "per_person_days", "per_order"):
        kind = "none"
    if kind != "none" and not 1 <= qty <= MAX_BUY_QTY:
        c.errors["max_buy_qty"] = _(MSG["max_buy"])
    if kind == "per_person_days" and days < 1:
        c.errors["max_buy_days"] = _(MSG["max_buy_days"])
    sale_days = _int(form.get("sale_days"))
    if sale_days not in SALE_DAYS:
        c.errors["sale_days"] = _(MSG["sale_days"])
    policy = (form.get("ship_policy") or "").strip()
    if policy not in SHIP_POLICIES:
        c.errors["ship_policy"] = _(MSG["policy"])
    ship_days = _int(form.get("ship_days"))
    if ship_days is None or not 1 <= ship_days <= 15:
        c.errors["ship_days"] = _(MSG["ship_days"])
    ship_time = (form.get("ship_time") or "").strip()
    if ship_days == 1 and not ship_time:
        c.errors["ship_time"] = _(MSG["ship_time"])
    c.values.update(max_buy_type=kind, max_buy_qty=qty if kind != "none" else 0,
                    max_buy_days=days if kind == "per_person_days" else 0, sale_days=sale_days,
                    ship_policy=policy, ship_days=ship_days, ship_time=ship_time if ship_days == 1 else "")


def _money(form, name, c: Check, key: str, minimum=0, maximum=MAX_PRICE):
    value = _int(form.get(name) or 0)
    if value is None or not minimum <= value <= maximum or value % 10:
        c.errors.setdefault(name, _(MSG[key]))
        return 0
    return value


def _pickup(form, c: Check) -> dict:
    """방문수령: the address and the buyer's 혜택 (none, 가격할인 of an amount, or a 사은품)."""
    address = (form.get("pickup_address") or "").strip()
    if not address:
        c.errors["pickup_address"] = _(MSG["pickup"])
    benefit = form.get("pickup_benefit") or "none"
    pickup = {"address": address[:200], "benefit": benefit if benefit in ("discount", "gift") else "none"}
    if pickup["benefit"] == "discount":
        amount = _int(form.get("pickup_discount"))
        if amount is None or amount < 10 or amount % 10:
            c.errors["pickup_address"] = _(MSG["pickup_discount"])
        pickup["discount"] = amount or 0
    elif pickup["benefit"] == "gift":
        gift = (form.get("pickup_gift") or "").strip()
        if not gift or name_width(gift) > 20:
            c.errors["pickup_address"] = _(MSG["pickup_gift"])
        pickup["gift"] = gift
    return pickup


def _check_shipping(form, c: Check) -> None:
    err, v = c.errors, c.values
    method = form.get("delivery_method") or ""
    if method not in ("parcel", "direct", "none"):
        err["delivery_method"] = _(MSG["method"])
    extras = {}
    if form.get("use_post"):
        extras["post"] = {"fee": _money(form, "post_fee", c, "fee_step")}
    if form.get("use_quick"):
        company, phone = (form.get("quick_company") or "").strip(), (form.get("quick_phone") or "").strip()
        area = (form.get("quick_area") or "").strip()
        if not company or not phone.isdigit():
            err["quick_company"] = _(MSG["quick"])
        elif name_width(company) > 20:  # "한글 10자, 영문/숫자": a Hangul letter takes two places
            err["quick_company"] = _(MSG["quick_name"])
        extras["quick"] = {"company": company, "phone": phone[:15], "area": area[:200]}
    if form.get("use_pickup"):
        extras["pickup"] = _pickup(form, c)
    fee_type = form.get("fee_type") or "free"
    if method == "none":
        fee_type = "free"  # 배송없음: nothing to charge
    fee, free_over, tiers = 0, 0, []
    if fee_type == "fixed":
        fee = _money(form, "fee", c, "fee_step")
        if not err.get("fee") and fee < 10:
            err["fee"] = _(MSG["fee"])
    elif fee_type == "conditional":
        fee, free_over = _money(form, "fee", c, "fee_step"), _money(form, "free_over", c, "fee_step")
        if not fee or not free_over:
            err.setdefault("fee", _(MSG["conditional"]))
    elif fee_type == "tiered":
        uptos, fees = form.getlist("tier_upto"), form.getlist("tier_fee")
        for upto, tier_fee in zip(uptos, fees):
            if str(upto).strip() or str(tier_fee).strip():
                tiers.append({"upto": _int(upto), "fee": _int(tier_fee)})
        valid = len(tiers) >= 2 and all(t["upto"] and t["fee"] is not None and t["fee"] >= 0
                                        and t["fee"] % 10 == 0 for t in tiers)
        if not valid or any(a["upto"] >= b["upto"] for a, b in itertools.pairwise(tiers)):
            err["tier_upto"] = _(MSG["tiers"])
    else:
        fee_type = "free"
    payment = form.get("fee_payment") or ""
    if payment not in ("prepaid", "cod", "both"):
        err["fee_payment"] = _(MSG["payment"])
    elif fee_type == "free" and payment == "cod":
        err["fee_payment"] = _(MSG["free_cod"])
    jeju, island = _int(form.get("jeju_fee") or 0), _int(form.get("island_fee") or 0)
    if jeju is None or island is None or not 0 <= jeju <= 100_000 or not 0 <= island <= 100_000:
        err["jeju_fee"] = _(MSG["extra_fee"])
    for prefix in ("ship", "return"):
        zip_code = (form.get(f"{prefix}_zip") or "").strip()
        if not (len(zip_code) == 5 and zip_code.isdigit()):
            err[f"{prefix}_zip"] = _(MSG[f"{prefix}_zip"])
        if not (form.get(f"{prefix}_address") or "").strip():
            err[f"{prefix}_address"] = _(MSG[f"{prefix}_address"])
        v[f"{prefix}_zip"] = zip_code
        v[f"{prefix}_address"] = (form.get(f"{prefix}_address") or "").strip()[:200]
    courier = form.get("courier") or ""
    if courier not in COURIERS:
        err["courier"] = _(MSG["courier"])
    return_fee = _money(form, "return_fee", c, "return_fee", maximum=1_000_000)
    v.update(delivery_method=method, extra_methods=extras, fee_type=fee_type, fee=fee,
             free_over=free_over, fee_tiers=tiers, fee_payment=payment, jeju_fee=jeju or 0,
             island_fee=island or 0, courier=courier, return_fee=return_fee)


def save(tenant, c: Check, info: SalesInfo | None = None) -> SalesInfo:
    values = dict(c.values)
    account = values.pop("account")
    info = info or SalesInfo(tenant_id=tenant.id)
    info.account_id, info.channel = account.id, account.channel
    info.price_currency = currency_of(account.channel)   # check() read the prices in this currency
    for key, value in values.items():
        setattr(info, key, value)
    db.session.add(info)
    db.session.commit()
    return info


def delete(tenant, info: SalesInfo) -> None:
    from models import Listing
    from models.listing import ENDED

    used = tenant_query(Listing, tenant).filter(Listing.sales_info_id == info.id,
                                                Listing.status != ENDED).count()
    if used:
        raise RuleViolation(_("이 판매정보로 연동된 판매상품이 %(used)s개 있어 삭제할 수 없습니다.", used=used))
    db.session.delete(info)
    db.session.commit()


def search_categories(tenant, account_id: int, text: str, limit: int = 50) -> list[ChannelCategory]:
    """Search the cached tree of one account; leaves first, matching any part of the path."""
    query = tenant_query(ChannelCategory, tenant).filter(ChannelCategory.account_id == account_id)
    if text:
        query = query.filter(ChannelCategory.path.ilike(f"%{text.strip()}%"))
    return query.order_by(ChannelCategory.is_leaf.desc(), ChannelCategory.path).limit(limit).all()


def cached_category_count(tenant, account_id: int) -> int:
    return tenant_query(ChannelCategory, tenant).filter(ChannelCategory.account_id == account_id).count()


def templates_of(tenant, channel=None, account_id=None):
    query = tenant_query(SalesInfo, tenant)
    if channel:
        query = query.filter(SalesInfo.channel == channel)
    if account_id:
        query = query.filter(SalesInfo.account_id == account_id)
    return query.order_by(SalesInfo.id.desc()).all()


def form_data(info: SalesInfo | None, tenant, account=None) -> dict:
    """What the form shows: a saved template, or the defaults the guide suggests."""
    if info is None:
        return {"account_id": account.id if account else "", "sale_days": 90, "ship_policy": SHIP_POLICIES[0],
                "ship_days": 3, "delivery_method": "parcel", "fee_type": "free", "fee_payment": "prepaid",
                "max_buy_type": "none", "jeju_fee": 3000, "island_fee": 5000, "courier": COURIERS[0],
                "return_fee": 2500, "ship_zip": tenant.zipcode or "", "ship_address": tenant.address or "",
                "return_zip": tenant.zipcode or "", "return_address": tenant.address or "",
                "as_info": ko("판매자에게 문의"),  # sent to the channels as the A/S text
                "fee_tiers": [], "option_scope": "open_market"}
    data = {c.name: getattr(info, c.name) for c in SalesInfo.__table__.columns}
    return data
