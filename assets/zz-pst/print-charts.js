/*
 * PST Dashboard: charts fit the printed page. Plotly draws a chart at the pixel width its box
 * had on screen, and the browser prints that SVG as it is: on A4 (186 mm between the margins
 * of print.css, about 700 px) a screen-wide chart would be cut off at the right. So when
 * printing starts every chart is redrawn at the printed width, and given back its own width
 * (autosize) when printing ends.
 */
(function () {
  var PRINTED_WIDTH = 640; // px: A4's 186 mm less the card's padding

  function relayoutCharts(update) {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      window.Plotly.relayout(chart, update);
    });
  }
  window.addEventListener("beforeprint", function () {
    relayoutCharts({ width: PRINTED_WIDTH });
  });
  window.addEventListener("afterprint", function () {
    relayoutCharts({ width: null, autosize: true });
  });
})();
