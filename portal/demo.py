"""Demo data: an approved demo seller with a master and a staff account, and a support account."""
from flask import current_app

from models import Tenant, User
from portal.extensions import db
from portal.i18n import N_, ko

DEMO_LOGINS = (
    # (login id, password, name, role, duties)
    ("demoseller", "demo1234!", ko("김셀러"), "master", ()),
    ("demostaff1", "staff1234!", ko("홍길동"), "staff", ("products", "logistics")),
    ("support01", "support1234!", ko("지원센터"), "support", ()),
)


def load_demo() -> list[tuple[str, str, str]]:
    """Create (or leave as is) the demo company and accounts; return printable logins."""
    tenant = Tenant.query.filter_by(business_no="1248100998").first()
    if tenant is None:
        tenant = Tenant(
            name=ko("데모상점"), ceo_name=ko("김대표"), business_no="1248100998", business_item=ko("전자상거래"),
            business_type=ko("소매업"), contact_name=ko("김셀러"), zipcode="07583",
            address=ko("서울특별시 강서구 강서로56가길 31"), email="demo@example.com",
            mobile="010-1234-5678", en_sender_name="DEMO SHOP", en_street="31, Gangseo-ro 56ga-gil",
            en_city="Seoul", en_zipcode="07583", en_country="Republic of Korea",
            en_phone="+82-2-1234-5678")
        tenant.approve()
        db.session.add(tenant)
    printable = []
    for login_id, password, name, role, duties in DEMO_LOGINS:
        user = User.query.filter_by(login_id=login_id).first()
        if user is None:
            user = User(login_id=login_id, name=name, access_approved=True,
                        email=f"{login_id}@example.com", mobile="010-0000-0000",
                        is_master=role == "master", is_support=role == "support",
                        tenant=None if role == "support" else tenant)
            user.duties = duties
            user.set_password(password)
            db.session.add(user)
        printable.append((login_id, password, {"master": N_("셀러 마스터계정"), "staff": N_("직원계정"),
                                               "support": N_("지원센터")}[role]))
    db.session.commit()
    for plugin in current_app.extensions.get("menus", {}).values():
        if plugin.demo_data:
            plugin.demo_data(tenant)
    db.session.commit()
    return printable
