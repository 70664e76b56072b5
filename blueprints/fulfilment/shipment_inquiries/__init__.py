"""배송문의: seller threads per shipment, answered by the forwarder's support staff in the support panel."""
