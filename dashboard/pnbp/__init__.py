"""PNBP: tariffs, sales, receipt numbering, voids, deposits, books and the kuitansi PDF."""
