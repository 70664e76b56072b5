"""쿠팡 카테고리 조회 against the documented example: one depth per answer, leaves told apart."""
import pytest

from portal.marketplaces import PermanentError, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk"}


def node(code, name, children=()):
    return {"response": {"status": 200, "body": {"code": "SUCCESS", "message": "", "data": {
        "displayItemCategoryCode": code, "name": name, "status": "ACTIVE",
        "child": [{"displayItemCategoryCode": c, "name": n, "status": "ACTIVE", "child": []}
                  for c, n in children]}}}}


def adapter(channel):
    return build_adapter("coupang", CREDS, base_url=channel.url, http=fast_http())


def test_documented_first_depth_is_read_and_children_are_asked_to_tell_leaves(channel):
    documented = load("coupang", "display_categories")
    channel.answer("GET", "/display-categories/0", documented)
    channel.answer("GET", "/display-categories/69182",
                   node(69182, "패션의류잡화", [(69183, "여성패션")]))
    channel.answer("GET", "/display-categories/", node(1, "leaf"))
    shop = adapter(channel)
    top = shop.fetch_categories()

    root = channel.calls("/display-categories/0")[0]
    assert root.method == documented["request"]["method"]
    assert root.path == documented["request"]["path"]
    assert len(top) == 15 and all(c.parent_id is None for c in top)
    by_id = {c.channel_category_id: c for c in top}
    assert by_id["77834"].name == "가구/홈데코"
    # Every documented child carries "child": [] (one depth per answer): that alone says
    # nothing, so each child was read; only the one with children is not a leaf.
    assert not by_id["69182"].is_leaf and by_id["77834"].is_leaf
    asked = len(channel.received)
    [women] = shop.fetch_categories("69182")
    assert (women.channel_category_id, women.parent_id) == ("69183", "69182")
    # The node read while telling leaves is not read again when walked into.
    assert len(channel.calls("/display-categories/69182")) == 1
    assert len(channel.received) == asked + 1


def test_documented_unknown_category_is_a_refusal(channel):
    channel.answer("GET", "/display-categories/", load("coupang", "display_categories_error_400"))
    with pytest.raises(PermanentError) as err:
        adapter(channel).fetch_categories("999")
    assert "전시카테고리코드를 확인해 주세요" in err.value.message_ko
