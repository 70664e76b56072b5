"""11번가 발송처리 and 전체 카테고리 조회 against the documented pages: paths, results, refusals."""
from datetime import datetime

from portal.marketplaces import KST, Category, Invoice, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

NOT_FOUND = {"response": {"status": 200, "encoding": "euc-kr",
                          "body": '<?xml version="1.0" encoding="euc-kr"?><ns2:orders xmlns:ns2="x">'
                                  "<ns2:result_code>0</ns2:result_code></ns2:orders>"}}


def adapter(channel):
    return build_adapter("11st", {"openapikey": "k" * 32}, base_url=channel.url,
                         http=fast_http())


def invoice(tracking="6496711734"):
    return Invoice("201001091234", "1", "CJGLS", tracking, ship_unit_id="20810153",
                   shipped_at=datetime(2010, 1, 9, 0, 0, tzinfo=KST))


def test_dispatch_builds_the_documented_path_and_reads_the_result(channel):
    documented = load("elevenst", "reqdelivery")
    channel.answer("GET", "/ordservices/reqdelivery/", documented)
    [result] = adapter(channel).send_invoices([invoice()])
    [call] = channel.calls("/reqdelivery/")
    assert call.method == documented["request"]["method"]
    # sendDt yyyyMMddhhmm (KST), 01 택배, the 11번가 courier code of CJ대한통운, invcNo, dlvNo.
    assert call.path.endswith(documented["request"]["path"])
    assert result.outcome is Outcome.OK
    assert result.message == "전체 1건이 정상적으로 발송처리가 되었습니다."


def test_documented_dispatch_refusal_keeps_its_text(channel):
    channel.answer("GET", "/ordservices/reqdelivery/", load("elevenst", "reqdelivery_error_3306"))
    channel.answer("GET", "/claimservice/orderlistall/", NOT_FOUND)
    [result] = adapter(channel).send_invoices([invoice("0000")])
    assert result.outcome is Outcome.REJECTED
    assert result.message == "송장번호가 유효하지 않습니다. 다시한번 확인해주세요."


def test_documented_category_rows_are_read_as_a_tree(channel):
    documented = load("elevenst", "category")
    channel.answer("GET", "/cateservice/category", documented)
    shop = adapter(channel)
    assert shop.fetch_categories() == [Category("1033", "주방/이미용/생활가전", None, False)]
    assert shop.fetch_categories("1033") == []
    call = channel.calls("/cateservice/category")[0]
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
