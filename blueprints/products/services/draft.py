"""ProductDraft: what a seller submitted (form or Excel row), as text, before the rules judge it."""
from dataclasses import dataclass, field

from portal.i18n import N_

STATUS_CHOICES = {"on": N_("판매가능"), "off": N_("판매불가")}
ORIGIN_CHOICES = {"agri": N_("농산물"), "fishery": N_("수산물"), "processed": N_("가공품"),
                  "none": N_("원산지표시대상아님")}
TAX_CHOICES = {"taxable": N_("과세상품"), "free": N_("면세상품")}
REGION_CHOICES = {"all": N_("전국"), "no_jeju": N_("전국(제주 제외)"), "no_island": N_("전국(제주/도서산간 제외)"),
                  "capital": N_("서울/경기/인천")}
CERT_KINDS = [N_("안전인증"), N_("안전확인"), N_("공급자적합성확인"), N_("어린이제품 안전인증"), N_("어린이제품 안전확인"),
              N_("어린이제품 공급자적합성확인"), N_("전기용품 안전인증"), N_("전기용품 안전확인"),
              N_("전기용품 공급자적합성확인"), N_("방송통신기자재 적합성평가"), N_("기타")]


@dataclass
class OptionRow:
    values: str  # "a/핑크/조립"
    extra_price: str = "0"
    status: str = "on"
    stock: str = "0"


@dataclass
class AddonItemDraft:
    name: str = ""
    status: str = "on"
    price: str = ""
    stock: str = "0"
    image: str = ""  # stored file name kept from before
    upload: object = None  # a new FileStorage, if any


@dataclass
class AddonGroupDraft:
    name: str = ""
    items: list[AddonItemDraft] = field(default_factory=list)


@dataclass
class ProductDraft:
    name: str = ""
    status: str = "on"
    category_code: str = ""
    own_code: str = ""
    model_name: str = ""
    model_no: str = ""
    is_isbn: bool = False
    maker: str = ""
    brand: str = ""
    made_on: str = ""
    expires_on: str = ""
    origin_type: str = ""
    origin_detail: str = ""
    raw_materials: list[dict] = field(default_factory=list)  # {name, origin, content}
    certifications: list[dict] = field(default_factory=list)  # {kind, authority, number}
    notice_group: str = ""
    notice: dict = field(default_factory=dict)  # key -> {value, separate}
    keywords: str = ""
    description: str = ""
    rep_price: str = ""
    tax_type: str = "taxable"
    sale_region: str = "all"
    adult_only: bool = False
    stock: str = "0"
    use_options: bool = False
    option_type: str = "combination"  # 옵션형식: combination (조합형) or input (구매자 입력형)
    option_names: list[str] = field(default_factory=list)
    option_values: list[str] = field(default_factory=list)  # comma-separated, per name
    option_rows: list[OptionRow] = field(default_factory=list)
    input_option_names: list[str] = field(default_factory=list)  # 구매자 입력형 names
    use_addons: bool = False
    addon_groups: list[AddonGroupDraft] = field(default_factory=list)
    main_image: str = ""  # kept stored name ("" = none)
    main_upload: object = None
    detail_image: str = ""  # 상품상세 이미지, kept stored name
    detail_upload: object = None
    extra_images: list[str] = field(default_factory=list)
    extra_uploads: list = field(default_factory=list)


def _text(value) -> str:
    return "" if value is None else str(value)


def draft_from_product(product) -> ProductDraft:
    """The edit screen starts from the stored product, in the same shape a form posts."""
    names = list(product.option_names or [])
    columns = [[] for _ in names]
    for opt in product.options:
        for i, part in enumerate(opt.values.split("/")[:len(names)]):
            if part not in columns[i]:
                columns[i].append(part)
    return ProductDraft(
        name=product.name, status=product.status, category_code=product.category_code,
        own_code=product.own_code or "", model_name=product.model_name, model_no=product.model_no,
        is_isbn=product.is_isbn, maker=product.maker, brand=product.brand,
        made_on=product.made_on.isoformat() if product.made_on else "",
        expires_on=product.expires_on.isoformat() if product.expires_on else "",
        origin_type=product.origin_type, origin_detail=product.origin_detail,
        raw_materials=[dict(r) for r in product.raw_materials or []],
        certifications=[dict(c) for c in product.certifications or []],
        notice_group=product.notice_group, notice={k: dict(v) for k, v in (product.notice or {}).items()},
        keywords=product.keywords, description=product.description,
        rep_price=_text(product.rep_price), tax_type=product.tax_type,
        sale_region=product.sale_region, adult_only=product.adult_only, stock=_text(product.stock),
        use_options=bool(names or product.input_option_names),
        option_type="input" if product.input_option_names else "combination",
        input_option_names=list(product.input_option_names or []), option_names=names,
        option_values=[",".join(c) for c in columns],
        option_rows=[OptionRow(o.values, _text(o.extra_price), o.status, _text(o.stock))
                     for o in product.options],
        use_addons=bool(product.addon_groups),
        addon_groups=[AddonGroupDraft(g.name, [AddonItemDraft(i.name, i.status, _text(i.price),
                                                              _text(i.stock), i.image)
                                               for i in g.items])
                      for g in product.addon_groups],
        main_image=product.main_image, extra_images=list(product.extra_images or []),
        detail_image=product.detail_image or "",
    )
