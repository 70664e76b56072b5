"""사은품관리 / 이벤트관리: gifts are SKUs; 사은품 일괄 적용, the 사은품 Excel upload and events with conditions."""
