"""The layout of *Permintaan tidak terpenuhi*: the period, the summary, the chart and the
table of topics, and how to read them."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.library import unmet_demand_ids as ids
from dashboard.ui.grid import NUMBER_FILTER, data_grid

NO_ROWS = "Tidak ada permintaan yang tidak terpenuhi pada periode ini"


COLUMNS = [
    {"field": "rank", "headerName": "No.", "width": 75, "filter": False},
    {
        "field": "label",
        "headerName": "Topik (tulisan terbanyak)",
        "flex": 3,
        "minWidth": 260,
        "tooltipField": "label",
    },
    {
        "field": "count",
        "headerName": "Jumlah",
        "width": 130,
        "filter": NUMBER_FILTER,
        "sort": "desc",
        "type": "rightAligned",
    },
    {
        "field": "share",
        "headerName": "Porsi",
        "width": 120,
        "filter": NUMBER_FILTER,
        "type": "rightAligned",
        "valueFormatter": {"function": "params.data.share_text"},
        "headerTooltip": "Jumlah topik ini dibagi semua permintaan data pada periode",
    },
    {
        "field": "last_asked",
        "headerName": "Terakhir diminta",
        "width": 150,
        "valueFormatter": {"function": "params.data.last_asked_text"},
    },
    {
        "field": "agencies",
        "headerName": "Dirujuk ke",
        "flex": 3,
        "minWidth": 240,
        "tooltipField": "agencies",
    },
    {"field": "terms", "headerName": "Kata kunci", "flex": 2, "minWidth": 160},
    {
        "field": "wordings",
        "headerName": "Variasi tulisan",
        "width": 130,
        "filter": NUMBER_FILTER,
        "type": "rightAligned",
    },
]


def _period() -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label("Dari tanggal", html_for=ids.START),
                    dbc.Input(id=ids.START, type="date"),
                ],
                width=6,
                md="auto",
            ),
            dbc.Col(
                [
                    dbc.Label("Sampai tanggal", html_for=ids.END),
                    dbc.Input(id=ids.END, type="date"),
                ],
                width=6,
                md="auto",
            ),
            dbc.Col(
                dbc.ButtonGroup(
                    [
                        dbc.Button("Tahun ini", id=ids.THIS_YEAR, color="primary", outline=True),
                        dbc.Button("Tahun lalu", id=ids.LAST_YEAR, color="primary", outline=True),
                        dbc.Button(
                            "12 bulan terakhir",
                            id=ids.LAST_12_MONTHS,
                            color="primary",
                            outline=True,
                        ),
                    ]
                ),
                md="auto",
                className="mt-2 mt-md-0",
            ),
            dbc.Col(html.Div(id=ids.PERIOD_FEEDBACK, className="text-danger small"), width=12),
        ],
        className="g-2 align-items-end mb-3",
    )


def _definition() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div("Cara membaca halaman ini", className="fw-semibold mb-1"),
                html.Ul(
                    [
                        html.Li(
                            "Dihitung: permintaan data yang diputuskan “Tidak tersedia” di "
                            "langkah 7 (pengunjung dirujuk ke dinas lain), pada kunjungan "
                            "yang tanggal datangnya (WIB) ada dalam periode."
                        ),
                        html.Li(
                            "Satu topik = permintaan yang kata pentingnya sama. Kata penting: "
                            "kata permintaan setelah disamakan huruf besar-kecilnya dan "
                            "dikembalikan ke kata dasar (penduduk, kependudukan → duduk), "
                            "tanpa angka/tahun dan tanpa kata umum seperti data, jumlah, "
                            "angka, tahun, di, dan, yang, per, menurut, kabupaten, Muara Enim. "
                            "Urutan kata tidak berpengaruh."
                        ),
                        html.Li(
                            "Contoh: “Jumlah penduduk per kecamatan 2024” dan “data "
                            "kependudukan menurut kecamatan” masuk satu topik."
                        ),
                        html.Li(
                            "Nama topik = tulisan permintaan yang paling sering. Porsi = "
                            "jumlah topik dibagi semua permintaan data pada periode "
                            "(tersedia, dirujuk, atau belum diputuskan)."
                        ),
                    ],
                    className="small mb-0",
                ),
            ]
        ),
        id=ids.DEFINITION,
        className="mt-3",
    )


def unmet_demand_page() -> html.Div:
    """The whole page; its callbacks fill the summary, the chart and the table."""
    return html.Div(
        [
            html.H1("Permintaan tidak terpenuhi", className="mb-1"),
            html.P(
                "Data yang dicari pengunjung tetapi tidak tersedia di BPS, dikelompokkan per "
                "topik: bahan untuk menentukan data apa yang perlu dikumpulkan atau "
                "dipublikasikan.",
                className="text-muted",
            ),
            _period(),
            html.P(id=ids.SUMMARY, className="fw-semibold"),
            dbc.Card(
                dbc.CardBody(dcc.Graph(id=ids.CHART, config={"displayModeBar": False})),
                className="mb-3",
            ),
            data_grid(ids.GRID, COLUMNS, selectable=False, height="480px", no_rows_text=NO_ROWS),
            _definition(),
        ],
        id=ids.PAGE,
    )
