"""상품등록 form input: the posted fields and files turned into a ProductDraft for the rules."""
from itertools import zip_longest

from .services import options, reference
from .services.draft import AddonGroupDraft, AddonItemDraft, OptionRow, ProductDraft

SCALARS = ("name", "status", "category_code", "own_code", "model_name", "model_no", "maker",
           "brand", "made_on", "expires_on", "origin_type", "origin_detail", "keywords",
           "description", "rep_price", "tax_type", "sale_region", "stock", "notice_group",
           "main_image", "detail_image")


def _rows(form, *names) -> list[tuple]:
    return list(zip_longest(*(form.getlist(n) for n in names), fillvalue=""))


def draft_from_form(form, files) -> ProductDraft:
    d = ProductDraft(**{k: form.get(k, "").strip() if k != "description" else form.get(k, "")
                        for k in SCALARS})
    d.is_isbn, d.adult_only = bool(form.get("is_isbn")), bool(form.get("adult_only"))
    d.raw_materials = [{"name": n, "origin": o, "content": c}
                       for n, o, c in _rows(form, "raw_name", "raw_origin", "raw_content")]
    d.certifications = [{"kind": k, "authority": a, "number": n}
                        for k, a, n in _rows(form, "cert_kind", "cert_authority", "cert_number")]
    group = reference.notice_group(d.notice_group)
    for fld in group["fields"] if group else []:
        d.notice[fld["key"]] = {"value": form.get(f"notice_{fld['key']}", "").strip(),
                                "separate": bool(form.get(f"notice_{fld['key']}_sep"))}
    _options_from(d, form)
    d.use_addons = bool(form.get("use_addons"))
    d.addon_groups = [AddonGroupDraft(name=n.strip()) for n in form.getlist("addon_group_name")]
    items = _rows(form, "addon_item_group", "addon_item_name", "addon_item_status",
                  "addon_item_price", "addon_item_stock", "addon_item_image")
    for index, (g, name, status, price, stock, image) in enumerate(items):
        try:
            group_ = d.addon_groups[int(g)]
        except (ValueError, IndexError):
            continue
        group_.items.append(AddonItemDraft(name, status or "on", price, stock or "0", image,
                                           files.get(f"addon_image_{index}")))
    d.main_upload = files.get("main_upload")
    d.detail_upload = files.get("detail_upload")
    d.extra_images = [n for n in form.getlist("extra_image_keep") if n]
    d.extra_uploads = files.getlist("extra_upload")
    return d


def _options_from(d: ProductDraft, form) -> None:
    """옵션정보: only the chosen 옵션형식 is read; the other one stays on the page, hidden."""
    d.use_options = bool(form.get("use_options"))
    d.option_type = form.get("option_type", options.COMBINATION)
    if d.option_type == options.INPUT:
        d.input_option_names = [n.strip() for n in form.getlist("input_opt_name")]
        return
    d.option_names = [n.strip() for n in form.getlist("opt_name")]
    d.option_values = form.getlist("opt_values")
    d.option_rows = [OptionRow(v, signed_amount(sign, extra), status or "on", stock or "0")
                     for v, sign, extra, status, stock in _rows(
                         form, "row_values", "row_extra_sign", "row_extra", "row_status", "row_stock")
                     if v]


def signed_amount(sign: str, amount: str) -> str:
    amount = (amount or "0").strip().lstrip("+")
    if sign == "-" and amount and not amount.startswith("-"):
        return "-" + amount
    return amount
