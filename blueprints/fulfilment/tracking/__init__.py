"""배송현황 / 배송조회: tracking codes, their rules and history, aging tiles and the shipment list."""
