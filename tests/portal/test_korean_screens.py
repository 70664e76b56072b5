"""A Korean seller's first look: no English leftovers on 기본정보관리 screens, and a favicon."""
import pytest


@pytest.mark.parametrize("url, korean, leftovers", [
    ("/account/users", ["계정목록", "계정생성", ">수정<"], ["Account List", "Create New account", ">Edit<"]),
    ("/account/company", ["회사정보"], ["Company Info"]),
])
def test_account_screens_read_korean(client, auth, seller, staff, url, korean, leftovers):
    auth.login()
    html = client.get(url).get_data(as_text=True)
    assert all(word in html for word in korean)
    assert not [word for word in leftovers if word in html]


def test_every_page_has_a_favicon(client, auth, seller):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 200 and resp.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in client.get("/login").get_data(as_text=True)
