"""All models, imported here so Alembic and the app see one metadata."""
from .audit import AuditLog
from .channel_account import ChannelAccount, ChannelImage
from .jobrun import JobLine, JobRun
from .tenant import Tenant
from .user import DUTIES, MASTER, User

__all__ = ["AuditLog", "ChannelAccount", "ChannelImage", "DUTIES", "JobLine", "JobRun", "MASTER", "Tenant", "User"]
from .product import AddonGroup, AddonItem, Product, ProductHistory, ProductOption, ProductSettings  # noqa: E402,F401
from .sales_info import ChannelCategory, SalesInfo, StockBuffer  # noqa: E402,F401
from .listing import Listing, ListingEvent, MigrationRequest, StockPush  # noqa: E402,F401
from .order import ChannelOrder, ChannelOrderLine, ChannelSync, CollectStatus, InvoiceOutbox, OrderEvent  # noqa: E402,F401
from .claim import OrderClaim  # noqa: E402,F401
from .manual_order import ImportProfile, ManualOrder, ManualOrderLine, SkuMapping  # noqa: E402,F401
from .warehouse import (CoupangCentre, InboundLine, InboundRequest, OutboundLine,  # noqa: E402,F401
                        OutboundRequest, StockLedger, WarehouseItem, WarehouseItemCount)
from . import cascades  # noqa: E402,F401  (triggers for create_all)
from .inquiry import AnswerOutbox, AnswerTemplate, ChannelNotice, Inquiry, InquirySync  # noqa: E402,F401
from .support import (  # noqa: E402,F401
    NoticeRead, QuoteEvent, QuoteRequest, QuoteService, SupportFile, SupportNotice, SupportQuestion, SupportReply,
)
from .stat_rollup import StatDaily, StatDailyProduct  # noqa: E402,F401
from . import stat_triggers  # noqa: E402,F401  (the rollups' triggers for create_all, and SQLite's refresh at commit)
from .fulfilment_sku import FulfilmentSku, FulfilmentSkuComponent, SkuMatch  # noqa: E402,F401
from .gift_event import GiftEvent, GiftEventGift, WaitingGift  # noqa: E402,F401
from .shipment import ReceiptSequence, Shipment, ShipmentEvent, ShipmentItem  # noqa: E402,F401
from .fulfilment_order import FulfilmentOrder, FulfilmentOrderChange  # noqa: E402,F401
from .shipment_inquiry import ForwarderApiKey, ShipmentInquiry, ShipmentInquiryMessage  # noqa: E402,F401
from .export_declaration import ExportDeclaration  # noqa: E402,F401
from .stat_monthly import StatMonthlyProduct  # noqa: E402,F401  (with its triggers for create_all)
from .shipment_stock import ShipmentStockMove  # noqa: E402,F401
