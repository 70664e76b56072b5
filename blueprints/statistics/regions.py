"""지역: 시/도 and 시/군/구 read from a recipient address, with the short and old names folded together."""

SIDO = {
    "서울": "서울특별시", "부산": "부산광역시", "대구": "대구광역시", "인천": "인천광역시", "광주": "광주광역시",
    "대전": "대전광역시", "울산": "울산광역시", "세종": "세종특별자치시", "경기": "경기도", "강원": "강원특별자치도",
    "충북": "충청북도", "충남": "충청남도", "전북": "전북특별자치도", "전남": "전라남도", "경북": "경상북도",
    "경남": "경상남도", "제주": "제주특별자치도",
}
LONG = {**{v: v for v in SIDO.values()}, "강원도": "강원특별자치도", "전라북도": "전북특별자치도",
        "제주도": "제주특별자치도", "충청북도": "충청북도", "충청남도": "충청남도", "전라남도": "전라남도",
        "경상북도": "경상북도", "경상남도": "경상남도", "서울시": "서울특별시", "부산시": "부산광역시",
        "세종시": "세종특별자치시"}
OTHER = "해외/기타"
UNKNOWN_DISTRICT = "(시/군/구 없음)"


def region_of(address: str) -> tuple[str, str]:
    """("경기도", "성남시") from "경기 성남시 분당구 ..."; addresses outside Korea fall under 해외/기타."""
    words = (address or "").split()
    if not words:
        return OTHER, OTHER
    first = words[0]
    sido = LONG.get(first) or SIDO.get(first[:2])
    if not sido:
        return OTHER, OTHER
    if sido == "세종특별자치시":
        return sido, sido
    second = words[1] if len(words) > 1 else ""
    return sido, second if second.endswith(("시", "군", "구")) else UNKNOWN_DISTRICT
