"""품목고시 (상품정보제공고시): the fields of the chosen item group and the answers they accept."""
import re

from flask_babel import gettext as _

from portal.i18n import N_, ko

from . import reference

SEE_DETAIL = "상세페이지 참조"
# Patterns matched against what sellers type, in the words they type.
REFUSED = re.compile(ko(r"^(n|no|x|아니오|아니요|아니용)$"), re.IGNORECASE)
LABEL_REF = re.compile(ko(r"상품\s*라벨\s*참조"))

MSG_GROUP = N_("품목고시 품목을 선택해 주세요.")
MSG_UNKNOWN = N_("알 수 없는 품목고시 품목입니다: {group}")
MSG_REQUIRED = N_("품목고시 '{label}'을(를) 입력하거나 '상세정보 별도표기'를 선택해 주세요.")
MSG_REFUSED = (N_("품목고시 '{label}'에 'N', '아니오'는 입력할 수 없습니다. "
               "'해당없음' 또는 '상세페이지 참조'로 입력해 주세요."))
MSG_LABEL_REF = (N_("품목고시 '{label}'에 '상품라벨참조'는 입력할 수 없습니다. "
                 "내용을 직접 입력하거나 '상세페이지 참조'로 입력해 주세요."))
MSG_TOO_LONG = N_("품목고시 '{label}'은(는) 최대 200자까지 입력할 수 있습니다.")


def check(draft, result) -> None:
    group = reference.notice_group(draft.notice_group)
    result.values["notice_group"], result.values["notice"] = "", {}
    if not draft.notice_group:
        result.add("notice", _(MSG_GROUP))
        return
    if group is None:
        result.add("notice", _(MSG_UNKNOWN).format(group=draft.notice_group))
        return
    answers = {}
    for fld in group["fields"]:
        given = draft.notice.get(fld["key"], {})
        value = str(given.get("value") or "").strip()
        separate = bool(given.get("separate"))
        if separate and not value:
            value = SEE_DETAIL
        if not value:
            result.add("notice", _(MSG_REQUIRED).format(label=fld["label"]))
        elif REFUSED.match(value):
            result.add("notice", _(MSG_REFUSED).format(label=fld["label"]))
        elif LABEL_REF.search(value):
            result.add("notice", _(MSG_LABEL_REF).format(label=fld["label"]))
        elif len(value) > 200:
            result.add("notice", _(MSG_TOO_LONG).format(label=fld["label"]))
        answers[fld["key"]] = {"value": value, "separate": separate}
    result.values["notice_group"], result.values["notice"] = group["code"], answers


def cert_required(group_code: str) -> bool:
    group = reference.notice_group(group_code)
    return bool(group and group.get("cert_required"))
