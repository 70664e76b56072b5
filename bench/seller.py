"""The benched seller: the approved 벤치상회 tenant, with its master login when a bench pages through the portal."""


def bench_seller(db, *, login_id: str | None = None, password: str = "Passw0rd!", **tenant_fields):
    """Add and commit the 벤치상회 tenant (extra Tenant fields as given) and, named, its master user."""
    from models import Tenant, User

    tenant = Tenant(name="벤치상회", ceo_name="대표", business_no="1248100998", email="bench@example.com",
                    mobile="010-0000-0000", status="approved", **tenant_fields)
    db.session.add(tenant)
    db.session.flush()
    if login_id:
        user = User(login_id=login_id, name="bench", tenant=tenant, is_master=True, access_approved=True,
                    email="bench@example.com", mobile="010-0000-0000")
        user.set_password(password)
        db.session.add(user)
    db.session.commit()
    return tenant
