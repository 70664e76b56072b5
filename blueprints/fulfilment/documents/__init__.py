"""배송관리 documents: packing list, labels, picking list, export declaration data and parcel receipt.

Each module renders from the plain rows of `rows.py` (no database), so the layouts are tested alone;
the fulfilment services build those rows from shipments.
"""
