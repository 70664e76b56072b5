"""Fixtures for 문의관리: the sandbox shop of seller A and helpers to add questions there."""
import pytest

from tests.orders.conftest import Shop, add_account, finish, market  # noqa: F401  (fixtures re-exported)


class QnaShop(Shop):
    def ask(self, question="배송은 언제 되나요?", order_no="", minutes_ago=30, writer="kim***", kind="qna"):
        product = self.market.ops("GET", f"/shops/{self.id}/products")["products"][0]
        return self.market.ops("POST", f"/shops/{self.id}/inquiries", json={
            "question": question, "product_no": product["product_no"], "product_name": product["name"],
            "order_no": order_no, "writer": writer, "hours_ago": minutes_ago / 60, "kind": kind})["inquiry"]

    def remote(self, inquiry_no):
        return self.market.ops("GET", f"/shops/{self.id}/inquiries/{inquiry_no}")["inquiry"]

    def edit(self, inquiry_no, **body):
        return self.market.ops("PATCH", f"/shops/{self.id}/inquiries/{inquiry_no}", json=body)["inquiry"]

    def answer_posts(self):
        return [j for j in self.market.journal(1000) if j["method"] == "POST" and "/answer" in j["path"]]


@pytest.fixture
def qshop(seller, market):
    return QnaShop(market, add_account(seller, "sandbox", "본점"))
