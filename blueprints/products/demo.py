"""Demo products: a dozen realistic items with options, add-ons and stock, one of them low on stock."""
from models import Product
from portal.extensions import db
from portal.tenancy import tenant_query

from .services import catalog, reference, rules, stock
from .services.draft import AddonGroupDraft, AddonItemDraft, ProductDraft
from .services.options import generate_rows

# (own code, name, category, notice group, price, options {name: values}, add-ons, stock)
PRODUCTS = [
    ("DEMO01", "알톤 파올라 미니벨로 자전거", "090201", "sports", 135000,
     {"색상": "핑크,블루", "배송선택": "미조립,조립"}, [("잠금장치", [("번호키", 1000), ("자물쇠", 2000)])], 8),
    ("DEMO02", "여성 린넨 롱원피스", "01010102", "wear", 39000,
     {"색상": "아이보리,블랙,베이지", "사이즈": "S,M,L"}, [], 12),
    ("DEMO03", "남성 오버핏 반팔티셔츠 1+1", "01020101", "wear", 19900,
     {"색상": "화이트,블랙", "사이즈": "M,L,XL"}, [], 30),
    ("DEMO04", "경량 러닝화 에어핏", "02010101", "shoes", 59000,
     {"사이즈": "230,240,250,260,270"}, [("신발관리", [("방수스프레이", 5000), ("깔창", 3000)])], 6),
    ("DEMO05", "수분 가득 히알루론 에센스 50ml", "030103", "cosmetics", 28000, {}, [], 2),
    ("DEMO06", "국산 배추김치 5kg", "04030101", "processed_food", 32000,
     {"중량": "3kg,5kg,10kg"}, [("곁들임", [("깍두기 1kg", 6000), ("총각김치 1kg", 7000)])], 20),
    ("DEMO07", "6년근 홍삼정 스틱 30포", "040401", "health_food", 45000, {}, [], 15),
    ("DEMO08", "무선 이어폰 사운드핏 프로", "08030102", "small_electronics", 69000,
     {"색상": "화이트,블랙,네이비"}, [("액세서리", [("실리콘 케이스", 5000)])], 9),
    ("DEMO09", "초음파 가습기 3L", "080102", "home_appliance", 42000, {"색상": "화이트,그린"}, [], 11),
    ("DEMO10", "캠핑 릴렉스 체어", "090102", "sports", 39000,
     {"색상": "카키,블랙"}, [("캠핑소품", [("컵홀더", 3000), ("쿠션", 8000)])], 25),
    ("DEMO11", "스테인리스 통3중 냄비 3종 세트", "070101", "kitchen", 59000, {}, [], 7),
    ("DEMO12", "친환경 주방세제 1L 2개입", "070201", "household", 9900, {}, [], 40),
]
CERT = {"small_electronics": ("방송통신기자재 적합성평가", "국립전파연구원", "R-R-DEM-SF100"),
        "home_appliance": ("전기용품 안전확인", "KTC", "YU07123-20001")}


def _draft(tenant, spec) -> ProductDraft:
    own, name, category, group, price, options, addons, qty = spec
    fields = reference.notice_group(group)["fields"]
    d = ProductDraft(name=name, category_code=category, own_code=own, maker=tenant.name,
                     brand=tenant.name, origin_type="none", notice_group=group,
                     notice={f["key"]: {"value": "", "separate": True} for f in fields},
                     keywords=name, description=f"<p>{name} 상세설명</p>", rep_price=str(price),
                     stock=str(qty))
    if group == "processed_food":
        d.origin_type = "processed"
        d.raw_materials = [{"name": "배추", "origin": "국내산", "content": "80"},
                           {"name": "고춧가루", "origin": "국내산", "content": "5"}]
    if group in CERT:
        kind, authority, number = CERT[group]
        d.certifications = [{"kind": kind, "authority": authority, "number": number}]
    if options:
        d.use_options, d.option_names = True, list(options)
        d.option_values = list(options.values())
        d.option_rows = generate_rows(d.option_names, d.option_values, [])
        for i, row in enumerate(d.option_rows):
            row.stock = str(qty if i else 1)  # the first combination is nearly sold out
            row.extra_price = "0" if i % 3 == 0 else str(price // 10 // 10 * 10)
    if addons:
        d.use_addons = True
        d.addon_groups = [AddonGroupDraft(g, [AddonItemDraft(n, "on", str(p), "10") for n, p in items])
                          for g, items in addons]
    return d


def load(tenant) -> None:
    """Idempotent: products already there (by 자체상품코드) are left alone."""
    existing = {c for (c,) in tenant_query(Product, tenant).with_entities(Product.own_code)}
    for spec in PRODUCTS:
        if spec[0] in existing:
            continue
        check = rules.check(_draft(tenant, spec), tenant)
        if not check.ok:
            raise ValueError(f"{spec[0]}: {check.messages()}")
        catalog.create(tenant, None, check)
    settings = stock.settings_for(tenant)
    settings.low_stock_enabled, settings.low_stock_threshold = True, 3
    db.session.commit()
