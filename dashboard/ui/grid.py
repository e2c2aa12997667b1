"""Data grids (dash-ag-grid) as the admin pages use them: sortable, filterable, paged, one row
selectable by click or keyboard, with AG Grid's own texts in Indonesian."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_ag_grid as dag

LOCALE_TEXT: dict[str, str] = {
    # pagination
    "page": "Halaman",
    "of": "dari",
    "to": "–",
    "more": "lainnya",
    "first": "Pertama",
    "previous": "Sebelumnya",
    "next": "Berikutnya",
    "last": "Terakhir",
    "firstPage": "Halaman pertama",
    "previousPage": "Halaman sebelumnya",
    "nextPage": "Halaman berikutnya",
    "lastPage": "Halaman terakhir",
    "pageSizeSelectorLabel": "Baris per halaman:",
    "pageLastRowUnknown": "?",
    # overlays
    "loadingOoo": "Memuat…",
    "noRowsToShow": "Tidak ada baris untuk ditampilkan",
    # column filters
    "filterOoo": "Saring…",
    "selectAll": "(Pilih semua)",
    "searchOoo": "Cari…",
    "blanks": "(Kosong)",
    "equals": "Sama dengan",
    "notEqual": "Tidak sama dengan",
    "contains": "Memuat",
    "notContains": "Tidak memuat",
    "startsWith": "Diawali",
    "endsWith": "Diakhiri",
    "blank": "Kosong",
    "notBlank": "Tidak kosong",
    "lessThan": "Kurang dari",
    "greaterThan": "Lebih dari",
    "lessThanOrEqual": "Kurang dari atau sama dengan",
    "greaterThanOrEqual": "Lebih dari atau sama dengan",
    "inRange": "Di antara",
    "inRangeStart": "Dari",
    "inRangeEnd": "Sampai",
    "andCondition": "DAN",
    "orCondition": "ATAU",
    "applyFilter": "Terapkan",
    "resetFilter": "Atur ulang",
    "clearFilter": "Bersihkan",
    "cancelFilter": "Batal",
    # column menu
    "pinColumn": "Sematkan kolom",
    "pinLeft": "Sematkan di kiri",
    "pinRight": "Sematkan di kanan",
    "noPin": "Tanpa sematan",
    "autosizeThisColumn": "Sesuaikan lebar kolom ini",
    "autosizeAllColumns": "Sesuaikan lebar semua kolom",
    "resetColumns": "Atur ulang kolom",
    "sortAscending": "Urutkan naik",
    "sortDescending": "Urutkan turun",
    "sortUnSort": "Hapus urutan",
    "columnFilter": "Saringan kolom",
    "columnChooser": "Pilih kolom",
    "chooseColumns": "Pilih kolom",
    # accessibility
    "ariaRowSelect": "Tekan SPASI untuk memilih baris ini",
    "ariaSearch": "Cari",
    "ariaFilterInput": "Isian saringan",
    "ariaPageSizeSelectorLabel": "Baris per halaman",
}
"""AG Grid's texts in Indonesian (the keys are AG Grid's own)."""

PAGE_SIZES = [20, 50, 100]

SAMPLE_CELL_STYLE: dict[str, Any] = {
    "styleConditions": [
        {
            "condition": "params.value",
            "style": {"backgroundColor": "#fff4d6", "color": "#8a5a00", "fontWeight": "600"},
        }
    ],
    # AG Grid keeps a cell's old style unless a default replaces it.
    "defaultStyle": {"backgroundColor": "transparent", "color": "inherit", "fontWeight": "normal"},
}
"""A cell marked in the warning colours when it holds a value (the "Contoh" marker)."""


def sample_column(tooltip: str) -> dict[str, Any]:
    """The column that marks the sample entries shipped with the app ("Contoh")."""
    return {
        "field": "sample",
        "headerName": "Contoh",
        "width": 100,
        "cellStyle": SAMPLE_CELL_STYLE,
        "headerTooltip": tooltip,
    }


def muted_rows(condition: str) -> dict[str, Any]:
    """A ``getRowStyle`` greying out the rows for which the JavaScript ``condition`` holds
    (e.g. retired entries)."""
    return {
        "styleConditions": [
            {"condition": condition, "style": {"color": "#6b7785", "fontStyle": "italic"}}
        ],
        "defaultStyle": {"color": "inherit", "fontStyle": "normal"},
    }


TEXT_FILTER = "agTextColumnFilter"
NUMBER_FILTER = "agNumberColumnFilter"


def data_grid(
    grid_id: str,
    column_defs: Sequence[Mapping[str, Any]],
    *,
    row_data: Sequence[Mapping[str, Any]] | None = None,
    selectable: bool = True,
    page_size: int = PAGE_SIZES[0],
    height: str | None = "62vh",
    row_style: Mapping[str, Any] | None = None,
    no_rows_text: str | None = None,
) -> dag.AgGrid:
    """A client-side grid whose rows carry a text ``id`` (the row id). With ``selectable`` a
    click (or Space on a focused row) selects one row, which the page's callback reads from
    ``selectedRows``. Without a ``height`` the grid is as tall as its rows (short lists)."""
    options: dict[str, Any] = {
        "pagination": True,
        "paginationPageSize": page_size,
        "paginationPageSizeSelector": PAGE_SIZES,
        "localeText": LOCALE_TEXT | ({"noRowsToShow": no_rows_text} if no_rows_text else {}),
        "animateRows": False,
        "enableCellTextSelection": True,
        "tooltipShowDelay": 400,
        "includeHiddenColumnsInQuickFilter": True,
    }
    if selectable:
        options["rowSelection"] = {
            "mode": "singleRow",
            "checkboxes": False,
            "enableClickSelection": True,
        }
    if height is None:
        options["domLayout"] = "autoHeight"
    extra: dict[str, Any] = {"getRowStyle": dict(row_style)} if row_style else {}
    style = {"width": "100%"} if height is None else {"height": height, "minHeight": "360px"}
    return dag.AgGrid(
        id=grid_id,
        columnDefs=list(column_defs),
        rowData=list(row_data or []),
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "filter": TEXT_FILTER,
            "minWidth": 90,
        },
        dashGridOptions=options,
        getRowId="params.data.id",
        **extra,
        style={"width": "100%", **style},
    )


def selected_row_id(selected_rows: object) -> int | None:
    """The ``id`` of the row selected in a grid (``selectedRows``), if one is."""
    if not isinstance(selected_rows, list) or not selected_rows:
        return None
    first = selected_rows[0]
    if not isinstance(first, Mapping):
        return None
    try:
        return int(first["id"])
    except (KeyError, TypeError, ValueError):
        return None
