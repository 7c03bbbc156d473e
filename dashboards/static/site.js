// Shows, for every block of the page, the variant that matches the year and breakdown selectors.
// Everything the page needs is embedded in it: no server, no network.
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("paginagegevens").textContent);
  var year = document.getElementById("jaar");
  var breakdown = document.getElementById("opsplitsing");
  var banner = document.getElementById("onvolledig");
  // Nothing leaves the machine: no "Share chart" to Plotly Cloud, no Chart Studio, no server to send to.
  var config = {
    displaylogo: false,
    responsive: true,
    showSendToCloud: false,
    showEditInChartStudio: false,
    plotlyServerURL: "",
    modeBarButtonsToRemove: ["sendChartToCloud", "sendDataToCloud", "editInChartStudio"]
  };

  function variantKey(block) {
    var parts = [];
    if (block.by_year && year) parts.push(year.value);
    if (block.by_breakdown && breakdown) parts.push(breakdown.value);
    return parts.join("|");
  }

  function show() {
    if (banner) banner.hidden = page.is_complete || !year || Number(year.value) !== page.report_year;
    page.blocks.forEach(function (block) {
      var element = document.getElementById(block.id);
      var variant = block.variants[variantKey(block)];
      if (block.kind === "figure") {
        if (variant) {
          element.classList.remove("empty");
          Plotly.react(element, variant.data, variant.layout, config);
        } else {
          Plotly.purge(element);
          element.classList.add("empty");
          element.textContent = "Geen gegevens voor deze keuze.";
        }
      } else {
        element.innerHTML = variant || '<p class="empty">Geen gegevens voor deze keuze.</p>';
      }
    });
  }

  if (year) year.addEventListener("change", show);
  if (breakdown) breakdown.addEventListener("change", show);
  show();
})();
