/* Loaded by the chart renderer (dashboard/figures/render.py) after plotly.js and the app's
   "id" locale (assets/plotly-locale-id.js): the report's images name months and days in
   Indonesian, as the charts on screen do. */
Plotly.setPlotConfig({ locale: "id" });
