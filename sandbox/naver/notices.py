"""Naver sandbox 상품정보제공고시: the fields create-product requires of each notice type.

From myso-kr/naver-commerce-api-docs-cli docs/api/v2/products.POST.md (`productInfoProvidedNotice`): the type
names the block that carries its fields; REQUIRED are the fields marked required (the five 청약철회 clauses are
left out: "미입력 시 상품상세 참조로 입력됩니다"); EITHER pairs a field with the one that is required when it is
not sent (`packDateText` "packDate를 입력하지 않은 경우에는 필수" …).
"""

REQUIRED = {
    'WEAR': ('material', 'color', 'size', 'manufacturer', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'SHOES': ('material', 'color', 'size', 'manufacturer', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'BAG': ('type', 'material', 'color', 'size', 'manufacturer', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'FASHION_ITEMS': ('type', 'material', 'size', 'manufacturer', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'SLEEPING_GEAR': ('material', 'color', 'size', 'components', 'manufacturer', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'FURNITURE': ('itemName', 'certificationType', 'color', 'components', 'material', 'manufacturer', 'producer', 'size', 'installedCharge', 'warrantyPolicy', 'afterServiceDirector'),
    'IMAGE_APPLIANCES': ('itemName', 'modelName', 'certificationType', 'manufacturer', 'size', 'additionalCost', 'displaySpecification', 'warrantyPolicy', 'afterServiceDirector'),
    'HOME_APPLIANCES': ('itemName', 'modelName', 'certificationType', 'manufacturer', 'size', 'additionalCost', 'warrantyPolicy', 'afterServiceDirector'),
    'SEASON_APPLIANCES': ('itemName', 'modelName', 'certificationType', 'manufacturer', 'size', 'area', 'installedCharge', 'warrantyPolicy', 'afterServiceDirector'),
    'OFFICE_APPLIANCES': ('itemName', 'modelName', 'certificationType', 'manufacturer', 'size', 'specification', 'warrantyPolicy', 'afterServiceDirector'),
    'OPTICS_APPLIANCES': ('itemName', 'modelName', 'certificationType', 'manufacturer', 'size', 'weight', 'specification', 'warrantyPolicy', 'afterServiceDirector'),
    'MICROELECTRONICS': ('itemName', 'modelName', 'certificationType', 'ratedVoltage', 'powerConsumption', 'manufacturer', 'size', 'weight', 'specification', 'warrantyPolicy', 'afterServiceDirector'),
    'NAVIGATION': ('itemName', 'modelName', 'certificationType', 'ratedVoltage', 'powerConsumption', 'manufacturer', 'size', 'weight', 'specification', 'updateCost', 'freeCostPeriod', 'warrantyPolicy', 'afterServiceDirector'),
    'CAR_ARTICLES': ('itemName', 'modelName', 'certificationType', 'caution', 'manufacturer', 'size', 'applyModel', 'warrantyPolicy', 'roadWorthyCertification', 'afterServiceDirector'),
    'MEDICAL_APPLIANCES': ('itemName', 'modelName', 'advertisingCertificationType', 'manufacturer', 'purpose', 'usage', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'KITCHEN_UTENSILS': ('itemName', 'modelName', 'material', 'component', 'size', 'manufacturer', 'producer', 'warrantyPolicy', 'afterServiceDirector'),
    'COSMETIC': ('capacity', 'specification', 'usage', 'manufacturer', 'producer', 'distributor', 'mainIngredient', 'certificationType', 'caution', 'warrantyPolicy', 'customerServicePhoneNumber'),
    'JEWELLERY': ('material', 'purity', 'weight', 'manufacturer', 'size', 'caution', 'specification', 'provideWarranty', 'warrantyPolicy', 'afterServiceDirector'),
    'FOOD': ('foodItem', 'weight', 'amount', 'size', 'producer', 'productComposition', 'keep', 'adCaution', 'customerServicePhoneNumber'),
    'GENERAL_FOOD': ('productName', 'foodType', 'producer', 'location', 'weight', 'amount', 'ingredients', 'geneticallyModified', 'consumerSafetyCaution', 'customerServicePhoneNumber'),
    'DIET_FOOD': ('productName', 'producer', 'location', 'storageMethod', 'weight', 'amount', 'ingredients', 'nutritionFacts', 'specification', 'cautionAndSideEffect', 'nonMedicinalUsesMessage', 'geneticallyModified', 'consumerSafetyCaution', 'customerServicePhoneNumber'),
    'KIDS': ('itemName', 'modelName', 'certificationType', 'size', 'weight', 'color', 'material', 'recommendedAge', 'manufacturer', 'caution', 'warrantyPolicy', 'afterServiceDirector'),
    'MUSICAL_INSTRUMENT': ('itemName', 'modelName', 'size', 'color', 'material', 'components', 'manufacturer', 'detailContent', 'warrantyPolicy', 'afterServiceDirector'),
    'SPORTS_EQUIPMENT': ('itemName', 'modelName', 'certificationType', 'size', 'weight', 'color', 'material', 'components', 'manufacturer', 'detailContent', 'warrantyPolicy', 'afterServiceDirector'),
    'BOOKS': ('title', 'author', 'publisher', 'size', 'pages', 'description'),
    'RENTAL_ETC': ('itemName', 'modelName', 'payingForLossOrDamage', 'refundPolicyForCancel', 'customerServicePhoneNumber'),
    'RENTAL_HA': ('itemName', 'modelName', 'payingForLossOrDamage', 'refundPolicyForCancel', 'customerServicePhoneNumber'),
    'DIGITAL_CONTENTS': ('producer', 'termsOfUse', 'usePeriod', 'medium', 'requirement', 'cancelationPolicy', 'customerServicePhoneNumber'),
    'GIFT_CARD': ('issuer', 'termsOfUse', 'refundPolicy', 'customerServicePhoneNumber'),
    'MOBILE_COUPON': ('issuer', 'usableCondition', 'usableStore', 'cancelationPolicy', 'customerServicePhoneNumber'),
    'MOVIE_SHOW': ('sponsor', 'actor', 'rating', 'showTime', 'showPlace', 'cancelationCondition', 'cancelationPolicy', 'customerServicePhoneNumber'),
    'ETC_SERVICE': ('serviceProvider', 'certificateDetails', 'usableCondition', 'cancelationStandard', 'cancelationPolicy', 'customerServicePhoneNumber'),
    'BIOCHEMISTRY': ('productName', 'dosageForm', 'weight', 'effect', 'producer', 'manufacturer', 'childProtection', 'chemicals', 'caution', 'safeCriterionNo', 'customerServicePhoneNumber'),
    'BIOCIDAL': ('productName', 'weight', 'effect', 'rangeOfUse', 'producer', 'manufacturer', 'childProtection', 'harmfulChemicalSubstance', 'maleficence', 'caution', 'approvalNumber', 'customerServicePhoneNumber'),
    'CELLPHONE': ('itemName', 'modelName', 'certificationType', 'manufacturer', 'producer', 'size', 'weight', 'telecomType', 'joinProcess', 'extraBurden', 'specification', 'warrantyPolicy', 'afterServiceDirector'),
    'ETC': ('itemName', 'modelName', 'manufacturer'),
}
EITHER = {
    'WEAR': (('packDate', 'packDateText'),),
    'IMAGE_APPLIANCES': (('releaseDate', 'releaseDateText'),),
    'HOME_APPLIANCES': (('releaseDate', 'releaseDateText'),),
    'SEASON_APPLIANCES': (('releaseDate', 'releaseDateText'),),
    'OFFICE_APPLIANCES': (('releaseDate', 'releaseDateText'),),
    'OPTICS_APPLIANCES': (('releaseDate', 'releaseDateText'),),
    'MICROELECTRONICS': (('releaseDate', 'releaseDateText'),),
    'NAVIGATION': (('releaseDate', 'releaseDateText'),),
    'CAR_ARTICLES': (('releaseDate', 'releaseDateText'),),
    'MEDICAL_APPLIANCES': (('releaseDate', 'releaseDateText'),),
    'KITCHEN_UTENSILS': (('releaseDate', 'releaseDateText'),),
    'COSMETIC': (('expirationDate', 'expirationDateText'),),
    'FOOD': (('packDate', 'packDateText'), ('consumptionDate', 'consumptionDateText')),
    'GENERAL_FOOD': (('packDate', 'packDateText'), ('consumptionDate', 'consumptionDateText')),
    'DIET_FOOD': (('consumptionDate', 'consumptionDateText'),),
    'KIDS': (('releaseDate', 'releaseDateText'),),
    'MUSICAL_INSTRUMENT': (('releaseDate', 'releaseDateText'),),
    'SPORTS_EQUIPMENT': (('releaseDate', 'releaseDateText'),),
    'BOOKS': (('publishDate', 'publishDateText'),),
    'BIOCHEMISTRY': (('packDate', 'packDateText'), ('expirationDate', 'expirationDateText')),
    'CELLPHONE': (('releaseDate', 'releaseDateText'),),
    'ETC': (('afterServiceDirector', 'customerServicePhoneNumber'),),
}
BLOCKS = {'WEAR': 'wear', 'SHOES': 'shoes', 'BAG': 'bag', 'FASHION_ITEMS': 'fashionItems', 'SLEEPING_GEAR': 'sleepingGear', 'FURNITURE': 'furniture', 'IMAGE_APPLIANCES': 'imageAppliances', 'HOME_APPLIANCES': 'homeAppliances', 'SEASON_APPLIANCES': 'seasonAppliances', 'OFFICE_APPLIANCES': 'officeAppliances', 'OPTICS_APPLIANCES': 'opticsAppliances', 'MICROELECTRONICS': 'microElectronics', 'NAVIGATION': 'navigation', 'CAR_ARTICLES': 'carArticles', 'MEDICAL_APPLIANCES': 'medicalAppliances', 'KITCHEN_UTENSILS': 'kitchenUtensils', 'COSMETIC': 'cosmetic', 'JEWELLERY': 'jewellery', 'FOOD': 'food', 'GENERAL_FOOD': 'generalFood', 'DIET_FOOD': 'dietFood', 'KIDS': 'kids', 'MUSICAL_INSTRUMENT': 'musicalInstrument', 'SPORTS_EQUIPMENT': 'sportsEquipment', 'BOOKS': 'books', 'RENTAL_ETC': 'rentalEtc', 'RENTAL_HA': 'rentalHa', 'DIGITAL_CONTENTS': 'digitalContents', 'GIFT_CARD': 'giftCard', 'MOBILE_COUPON': 'mobileCoupon', 'MOVIE_SHOW': 'movieShow', 'ETC_SERVICE': 'etcService', 'BIOCHEMISTRY': 'biochemistry', 'BIOCIDAL': 'biocidal', 'CELLPHONE': 'cellPhone', 'ETC': 'etc'}


def missing(notice: dict) -> list[str]:
    """Paths under productInfoProvidedNotice the document requires and the body lacks."""
    kind = notice.get("productInfoProvidedNoticeType")
    if not kind:
        return ["productInfoProvidedNoticeType"]
    if kind not in BLOCKS:
        return ["productInfoProvidedNoticeType"]
    block = notice.get(BLOCKS[kind])
    if not isinstance(block, dict):
        return [BLOCKS[kind]]
    absent = [f for f in REQUIRED.get(kind, ()) if block.get(f) in (None, "")]
    absent += [then for first, then in EITHER.get(kind, ()) if block.get(first) in (None, "")
               and block.get(then) in (None, "")]
    return [f"{BLOCKS[kind]}.{f}" for f in absent]
