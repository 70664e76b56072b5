"""상품등록 happy path: a complete product with options is stored with its code and history."""
from models import ProductHistory


def test_register_and_edit_page(client, product):
    assert product.code and len(product.code) == 15
    assert [o.values for o in product.options] == ["핑크/미조립", "핑크/조립", "블루/미조립", "블루/조립"]
    assert ProductHistory.query.filter_by(product_id=product.id, action="등록").count() == 1
    html = client.get(f"/products/{product.id}/edit").get_data(as_text=True)
    assert "알톤 미니벨로 자전거" in html and "블루/조립" in html
