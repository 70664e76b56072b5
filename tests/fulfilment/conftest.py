"""배송관리 test fixtures: seller A's registered products (the SKUs its manual orders name), signed in."""
import pytest

from models import Product, ProductOption, User
from models.base import utcnow
from portal.extensions import db


def add_product(tenant, own_code, name, options=(), code=None, deleted=False) -> Product:
    """A product of 상품정보관리 as the products menu stores it: 상품코드, 자체상품코드, 조합형 rows."""
    product = Product(tenant_id=tenant.id, own_code=own_code, name=name, option_names=["색상"] if options else [],
                      deleted_at=utcnow() if deleted else None)
    product.options = [ProductOption(tenant_id=tenant.id, no=i + 1, values=v, stock=3) for i, v in enumerate(options)]
    db.session.add(product)
    db.session.flush()
    product.code = code or f"20261201{product.id:07d}"
    db.session.commit()
    return product


@pytest.fixture
def catalog(seller):
    """Seller A's registered products: the SKUs its manual orders name."""
    return {own: add_product(seller, own, name, options) for own, name, options in (
        ("SKU-A", "린넨 롱원피스", ()), ("SKU-B", "오버핏 반팔티", ()), ("SKU-C", "러닝화", ()),
        ("SKU-D", "히알루론 에센스", ()), ("TS-01", "홍삼정 스틱", ()), ("OPT-1", "무선 이어폰", ("블랙/S", "화이트/M")))}


@pytest.fixture
def signed_in(client, auth, seller, catalog):
    auth.login()
    return client


@pytest.fixture
def english(client, auth, seller):
    """The seller's master reads the portal in English, signed in."""
    db.session.query(User).filter_by(login_id="sellerAmaster").one().locale = "en"
    db.session.commit()
    auth.login()
    return client
