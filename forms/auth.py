"""Login, company sign-up and password-change forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, TelField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from . import validators as v

REQUIRED = _l("필수 입력 항목입니다.")


class LoginForm(FlaskForm):
    login_id = StringField(_l("아이디"), validators=[DataRequired(_l("아이디를 입력해 주세요."))])
    password = PasswordField(_l("비밀번호"), validators=[DataRequired(_l("비밀번호를 입력해 주세요."))])
    remember = BooleanField(_l("로그인 상태 유지"))


class SignupForm(FlaskForm):
    login_id = StringField(_l("아이디"), validators=[DataRequired(REQUIRED), v.login_id])
    password = PasswordField(_l("비밀번호"), validators=[DataRequired(REQUIRED), v.strong_password])
    password2 = PasswordField(_l("비밀번호(확인)"), validators=[
        DataRequired(REQUIRED), EqualTo("password", _l("비밀번호가 일치하지 않습니다."))])
    email = EmailField(_l("이메일"), validators=[
        DataRequired(REQUIRED), Email(_l("이메일 형식이 올바르지 않습니다."), check_deliverability=False)])
    mobile = TelField(_l("휴대폰번호"), validators=[DataRequired(REQUIRED), v.phone_number])
    company_name = StringField(_l("회사명"), validators=[DataRequired(REQUIRED), Length(max=100)])
    ceo_name = StringField(_l("대표자 이름"), validators=[DataRequired(REQUIRED), Length(max=50)])
    business_no = StringField(_l("사업자 번호"), validators=[DataRequired(REQUIRED), v.business_number])
    business_item = StringField(_l("업종"), validators=[DataRequired(REQUIRED), Length(max=100)])
    business_type = StringField(_l("업태"), validators=[DataRequired(REQUIRED), Length(max=100)])
    contact_name = StringField(_l("담당자명"), validators=[DataRequired(REQUIRED), Length(max=50)])
    zipcode = StringField(_l("우편번호"), validators=[Optional(), Length(max=10)])
    address = StringField(_l("주소"), validators=[DataRequired(REQUIRED), Length(max=200)])
    en_sender_name = StringField("Sender Name", validators=[DataRequired(REQUIRED), Length(max=100)])
    en_street = StringField("Address : Street", validators=[DataRequired(REQUIRED), Length(max=200)])
    en_city = StringField("Address : City", validators=[DataRequired(REQUIRED), Length(max=100)])
    en_state = StringField("Address : State", validators=[Optional(), Length(max=100)])
    en_zipcode = StringField("Address : Zipcode", validators=[DataRequired(REQUIRED), Length(max=20)])
    en_country = StringField("Address : Country", default="Republic of Korea",
                             validators=[DataRequired(REQUIRED), Length(max=100)])
    en_phone = StringField("Telephone", validators=[DataRequired(REQUIRED), v.phone_number])


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("현재 비밀번호"), validators=[DataRequired(REQUIRED)])
    new = PasswordField(_l("새 비밀번호"), validators=[DataRequired(REQUIRED), v.strong_password])
    new2 = PasswordField(_l("새 비밀번호(확인)"), validators=[
        DataRequired(REQUIRED), EqualTo("new", _l("새 비밀번호가 일치하지 않습니다."))])
