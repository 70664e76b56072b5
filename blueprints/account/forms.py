"""기본정보관리 forms: company info and staff accounts (직원계정 추가/수정)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField, TelField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from forms import validators as v
from forms.auth import REQUIRED
from models import DUTIES
from portal.i18n import ko


class CompanyForm(FlaskForm):
    name = StringField(_l("회사명"), validators=[DataRequired(REQUIRED), Length(max=100)])
    ceo_name = StringField(_l("대표자 이름"), validators=[DataRequired(REQUIRED), Length(max=50)])
    business_item = StringField(_l("업종"), validators=[DataRequired(REQUIRED), Length(max=100)])
    business_type = StringField(_l("업태"), validators=[DataRequired(REQUIRED), Length(max=100)])
    contact_name = StringField(_l("담당자명"), validators=[DataRequired(REQUIRED), Length(max=50)])
    zipcode = StringField(_l("우편번호"), validators=[Optional(), Length(max=10)])
    address = StringField(_l("주소"), validators=[DataRequired(REQUIRED), Length(max=200)])
    email = EmailField(_l("이메일"), validators=[
        DataRequired(REQUIRED), Email(_l("이메일 형식이 올바르지 않습니다."), check_deliverability=False)])
    mobile = TelField(_l("휴대폰번호"), validators=[DataRequired(REQUIRED), v.phone_number])
    warehouse_enabled = BooleanField(_l("창고관리(로켓3PL) 사용: 1688상품관 상품을 수입해 쿠팡 로켓그로스로 판매합니다"))


class DutiesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StaffForm(FlaskForm):
    """직원계정 추가/수정: the temporary password is required only when adding."""

    login_id = StringField("ID", validators=[DataRequired(REQUIRED), v.login_id])
    password = PasswordField(_l("임시패스워드"), validators=[Optional(), v.strong_password])
    password2 = PasswordField(_l("임시패스워드(재입력)"), validators=[
        EqualTo("password", _l("임시패스워드가 일치하지 않습니다."))])
    name = StringField(_l("성명"), validators=[DataRequired(REQUIRED), Length(max=50)])
    duties = DutiesField(_l("담당업무"), choices=[(k, _l(v)) for k, v in DUTIES.items()])
    email = EmailField(_l("이메일"), validators=[
        DataRequired(REQUIRED), Email(_l("이메일 형식이 올바르지 않습니다."), check_deliverability=False)])
    phone = TelField(_l("전화번호"), validators=[Optional(), v.phone_number])
    mobile = TelField(_l("휴대폰번호"), validators=[DataRequired(REQUIRED), v.phone_number])
    access = SelectField(_l("접근권한"), choices=[("no", "No"), ("yes", "Yes")], default="no")
    locale = SelectField(_l("표시언어"), choices=[("ko", ko("한국어")), ("en", "English")], default="ko")
