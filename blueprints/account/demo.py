"""Demo channel accounts: the demo seller's marketplaces, all pointing at the sandbox server."""
from flask import current_app

from models import ChannelAccount
from portal.tenancy import tenant_query

from .channel_services import adapter_class, save_account

# Open markets, Qoo10 and 라쿠텐 with real adapters (라쿠텐 on the RMS protocol), 인터파크 and a
# general mall on the generic protocol; all on the sandbox.
DEMO_CHANNELS = (("naver", "데모 스마트스토어"), ("coupang", "데모 쿠팡"), ("11st", "데모 11번가"),
                 ("gmarket", "데모 G마켓"), ("interpark", "데모 인터파크"), ("hmall", "데모 현대몰"),
                 ("qoo10jp", "데모 Qoo10"), ("rakuten", "데모 라쿠텐"))


def load_demo_accounts(tenant) -> None:
    keys = current_app.config["SANDBOX_DEMO_CREDENTIALS"]  # the sandbox's published demo keys
    for code, alias in DEMO_CHANNELS:
        cls = adapter_class(code)
        exists = tenant_query(ChannelAccount, tenant).filter_by(channel=code).first()
        if cls is None or exists or code not in keys:
            continue
        save_account(tenant, cls, {"alias": alias, "endpoint": "sandbox", **keys[code]})
