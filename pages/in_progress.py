import dash
from dash import html

dash.register_page(
    __name__,
    path="/layanan-berjalan",
    name="Layanan berjalan",
    in_nav=True,
    icon="bi-people",
    order=1,
)


def layout(**_):
    return html.Div("x")
