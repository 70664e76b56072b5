"""라벨 출력양식: every label layout of the manual, its sheet geometry and what each label holds.

A-layouts print on A4 label sheets: A1 on a 24-up sheet (3 × 8 labels of 63.5 × 33.9 mm), A2–A11 on
Formtec LS3114 (8-up, 2 × 4 labels of 99.1 × 67.7 mm; margins top 13 mm, left 4.9 mm, 2 mm between
the columns, as Formtec's Word template places them). L-layouts are roll labels for label printers,
one label per page of exactly the label's size.

`fields` name what one item prints and in how many lines ("상품명(2줄X3)" = the name in 2 lines, for
3 items per label); a shipment with more items continues on the next label, numbered (1/2), (2/2).
"""
from dataclasses import dataclass

from portal.i18n import ko, N_

A4 = (210.0, 297.0)


@dataclass(frozen=True, slots=True)
class Sheet:
    page: tuple[float, float]
    label: tuple[float, float]
    cols: int = 1
    rows: int = 1
    left: float = 0.0
    top: float = 0.0
    col_gap: float = 0.0
    row_gap: float = 0.0

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def cell(self, index: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the index-th label on its page, row by row from the top left."""
        row, col = divmod(index % self.per_page, self.cols)
        width, height = self.label
        return (self.left + col * (width + self.col_gap), self.top + row * (height + self.row_gap),
                width, height)


A4_24 = Sheet(A4, (63.5, 33.9), cols=3, rows=8, left=7.25, top=12.9, col_gap=2.5)
LS3114 = Sheet(A4, (99.1, 67.7), cols=2, rows=4, left=4.9, top=13.0, col_gap=2.0)
ROLL_150 = Sheet((150.0, 100.0), (150.0, 100.0))
ROLL_100 = Sheet((100.0, 80.0), (100.0, 80.0))
ROLL_90 = Sheet((90.0, 60.0), (90.0, 60.0))

# The label printed for the forwarder's warehouse, laid out as the manual shows it: its titles stay Korean (ko).
FIELD_TITLES = {"item_code": ko("아이템코드"), "name": ko("상품명"), "option": ko("옵션명"), "option_code": ko("옵션코드")}


@dataclass(frozen=True, slots=True)
class Layout:
    code: str
    title: str  # as the manual's 출력양식 list names it
    sheet: Sheet
    barcode: bool
    items: int  # items per label (0: the barcode alone)
    fields: tuple[tuple[str, int], ...] = ()  # (field, lines) printed for every item

    @property
    def lines_per_item(self) -> int:
        return sum(lines for _, lines in self.fields)


def _layouts(*layouts: Layout) -> dict[str, Layout]:
    return {layout.code: layout for layout in layouts}


LAYOUTS = _layouts(
    Layout("A1", N_("A1. [A4-24칸] 바코드"), A4_24, True, 0),
    Layout("A2", N_("A2. [A4-8칸] 바코드+상품코드+상품명+옵션+옵션코드(1)"), LS3114, True, 1,
           (("item_code", 1), ("name", 2), ("option", 2), ("option_code", 1))),
    Layout("A3", N_("A3. [A4-8칸] 바코드+상품명(2줄X3)+옵션(2줄X3)"), LS3114, True, 3,
           (("name", 2), ("option", 2))),
    Layout("A4", N_("A4. [A4-8칸] 바코드+상품명(3줄X2)+옵션(3줄X2)"), LS3114, True, 2,
           (("name", 3), ("option", 3))),
    Layout("A5", N_("A5. [A4-8칸] 바코드+상품명(1줄X3)+옵션코드(2줄X3)"), LS3114, True, 3,
           (("name", 1), ("option_code", 2))),
    Layout("A6", N_("A6. [A4-8칸] 바코드+상품명&옵션코드(X3)"), LS3114, True, 3,
           (("name", 1), ("option_code", 1))),
    Layout("A7", N_("A7. [A4-8칸] 바코드+상품명(3줄X3)"), LS3114, True, 3, (("name", 3),)),
    Layout("A8", N_("A8. [A4-8칸] 바코드+옵션명(3줄X4)"), LS3114, True, 4, (("option", 3),)),
    Layout("A9", N_("A9. [A4-8칸] 바코드+옵션명+옵션코드(3줄X3)"), LS3114, True, 3,
           (("option", 2), ("option_code", 1))),
    Layout("A10", N_("A10. [A4-8칸] 바코드+아이템코드(1줄)+상품명(3줄)X1"), LS3114, True, 1,
           (("item_code", 1), ("name", 3))),
    Layout("A11", N_("A11. [A4-8칸] 바코드+옵션코드(2줄X5)"), LS3114, True, 5, (("option_code", 2),)),
    Layout("L1", N_("L1. 라벨(150x100) 상품명(3줄X4)"), ROLL_150, False, 4, (("name", 3),)),
    Layout("L2", N_("L2. 라벨(150x100) 상품명(1줄X13)"), ROLL_150, False, 13, (("name", 1),)),
    Layout("L3", N_("L3. 라벨(150x100) 상품명(2줄X3)+옵션명(2줄X3)"), ROLL_150, False, 3,
           (("name", 2), ("option", 2))),
    Layout("L4", N_("L4. 라벨(150x100) 바코드+옵션코드(1줄X10)"), ROLL_150, True, 10,
           (("option_code", 1),)),
    Layout("L5", N_("L5. 라벨(150x100) 바코드+옵션명+옵션코드(3줄X4)"), ROLL_150, True, 4,
           (("option", 2), ("option_code", 1))),
    Layout("L6", N_("L6. 라벨(100x80) 바코드+상품명(3줄X3)"), ROLL_100, True, 3, (("name", 3),)),
    Layout("L7", N_("L7. 라벨(100x80) 바코드+옵션명(2줄X7)"), ROLL_100, True, 7, (("option", 2),)),
    Layout("L8", N_("L8. 라벨(100x80) 바코드+옵션코드(2줄X5)"), ROLL_100, True, 5, (("option_code", 2),)),
    Layout("L9", N_("L9. 라벨(100x80) 바코드+옵션명+옵션코드(3줄X4)"), ROLL_100, True, 4,
           (("option", 2), ("option_code", 1))),
    Layout("L10", N_("L10. 라벨(90x60) 바코드+상품명+옵션명(3줄X3)"), ROLL_90, True, 3,
           (("name", 2), ("option", 1))),
)
