"""배송문의: seller threads per shipment, answered by the forwarder's support staff in the support panel."""
from . import views  # noqa: F401  (routes attach to the 배송관리 blueprint)
