"""추가상품: up to 5 groups of add-on items sold beside the product, with price and stock rules."""
from flask_babel import gettext as _

from portal.i18n import N_

from .options import _int

MAX_GROUPS = 5
MIN_PRICE = 10

MSG_TOO_MANY = N_("추가상품 그룹은 최대 5개까지 등록할 수 있습니다.")
MSG_GROUP_NAME = N_("추가상품 그룹명을 입력해 주세요.")
MSG_GROUP_EMPTY = N_("추가상품 그룹 {name}에 추가상품을 1개 이상 등록해 주세요.")
MSG_ITEM_NAME = N_("추가상품명을 입력해 주세요. ({group} 그룹 {no}번)")
MSG_PRICE = N_("추가상품 가격은 10원 이상, 연동된 판매가의 50%({limit:,}원) 이하로 입력해 주세요. ({name})")
MSG_PRICE_MIN = N_("추가상품 가격은 10원 이상의 숫자로 입력해 주세요. ({name})")
MSG_STOCK = N_("추가상품 재고수량은 0 이상의 숫자로 입력해 주세요. ({name})")
MSG_STATUS = N_("추가상품 판매여부는 판매가능 또는 판매불가 중에서 선택해 주세요. ({name})")


def check(draft, result, ref_price: int | None, images) -> None:
    """Typed groups land in result.values["addon_groups"]; new item images are checked too."""
    for group in draft.addon_groups:  # blank rows the page offers are not add-ons
        group.items = [i for i in group.items
                       if i.name.strip() or str(i.price).strip() or images.is_given(i.upload)]
    groups = [g for g in draft.addon_groups if g.name.strip() or g.items] if draft.use_addons else []
    result.values["addon_groups"] = []
    if len(groups) > MAX_GROUPS:
        result.add("addons", _(MSG_TOO_MANY))
        return
    for group in groups:
        name = group.name.strip()
        if not name:
            result.add("addons", _(MSG_GROUP_NAME))
            continue
        items = group.items
        if not items:
            result.add("addons", _(MSG_GROUP_EMPTY).format(name=name))
            continue
        typed = []
        for no, item in enumerate(items, 1):
            label = item.name.strip()
            if not label:
                result.add("addons", _(MSG_ITEM_NAME).format(group=name, no=no))
                continue
            price, stock = _int(item.price), _int(item.stock)
            if price is None or price < MIN_PRICE:
                result.add("addons", _(MSG_PRICE_MIN).format(name=label))
            elif ref_price and price > ref_price // 2:
                result.add("addons", _(MSG_PRICE).format(limit=ref_price // 2, name=label))
            if stock is None or stock < 0:
                result.add("addons", _(MSG_STOCK).format(name=label))
            if item.status not in ("on", "off"):
                result.add("addons", _(MSG_STATUS).format(name=label))
            if images.is_given(item.upload):
                problem = images.check_upload(item.upload)
                if problem:
                    result.add("addons", f"{label}: {problem}")
            typed.append({"name": label, "status": item.status, "price": price, "stock": stock,
                          "image": item.image, "upload": item.upload})
        result.values["addon_groups"].append({"name": name, "items": typed})
