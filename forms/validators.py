"""Field validators that speak the manuals' Korean: 사업자번호, 아이디, 전화번호, 비밀번호."""
import re

from flask_babel import gettext as _
from wtforms.validators import ValidationError

BIZ_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
LOGIN_ID_RE = re.compile(r"[A-Za-z0-9]{6,20}")


def business_number_ok(value: str) -> bool:
    """The national tax service check digit of a 10-digit 사업자등록번호."""
    digits = re.sub(r"-", "", value or "")
    if not re.fullmatch(r"\d{10}", digits):
        return False
    nums = [int(c) for c in digits]
    total = sum(n * w for n, w in zip(nums, BIZ_WEIGHTS))
    total += (nums[8] * 5) // 10
    return (10 - total % 10) % 10 == nums[9]


def business_number(form, field):
    raw = (field.data or "").replace("-", "").strip()
    if not re.fullmatch(r"\d{10}", raw):
        raise ValidationError(_("사업자번호 10자리를 숫자로 입력해 주세요. 미만 또는 초과 시 세관신고 시 에러가 발생합니다."))
    if not business_number_ok(raw):
        raise ValidationError(_("유효하지 않은 사업자번호입니다. 번호를 다시 확인해 주세요."))
    field.data = raw


def login_id(form, field):
    if not LOGIN_ID_RE.fullmatch(field.data or ""):
        raise ValidationError(_("아이디는 영문/숫자만 가능하며 6~20자 이내로 입력해 주세요."))


def phone_number(form, field):
    if field.data and not re.fullmatch(r"[0-9()+\- ]{7,20}", field.data):
        raise ValidationError(_("전화번호는 숫자와 ( ) + - 만 입력할 수 있습니다."))


def strong_password(form, field):
    value = field.data or ""
    if len(value) < 8 or not re.search(r"[A-Za-z]", value) or not re.search(r"\d", value):
        raise ValidationError(_("비밀번호는 영문과 숫자를 포함해 8자 이상으로 입력해 주세요."))
