// Shows, for every block of the page, the variant that matches the year and breakdown selectors, with its text
// alternative and its data table ("Toon als tabel"). Everything the page needs is embedded in it: no server, no
// network.
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("paginagegevens").textContent);
  var year = document.getElementById("jaar");
  var breakdown = document.getElementById("opsplitsing");
  var provider = document.getElementById("aanbieder");
  var search = document.getElementById("zoek-aanbieder");
  var banner = document.getElementById("onvolledig");
  var EMPTY = "Geen gegevens voor deze keuze.";
  // Nothing leaves the machine (no Chart Studio, no cloud): the toolbar keeps only "download as PNG", in Dutch.
  var config = {
    displaylogo: false,
    responsive: true,
    locale: "nl-BE",
    locales: { "nl-BE": { dictionary: { "Download plot as a PNG": "Grafiek downloaden als PNG" } } },
    modeBarButtons: [["toImage"]],
    showSendToCloud: false,
    showEditInChartStudio: false,
    toImageButtonOptions: { filename: "monitor-microcredentials" },
    plotlyServerURL: ""
  };

  function variantKey(block) {
    var parts = [];
    if (block.by_year && year) parts.push(year.value);
    if (block.by_breakdown && breakdown) parts.push(breakdown.value);
    block.choices.forEach(function (id) {
      parts.push(document.getElementById(id).value);
    });
    // The provider picker exists on the scorecard page only, where every block is per provider.
    if (provider) parts.push(provider.value);
    return parts.join("|");
  }

  // Lines of about `perLine` letters, broken between words.
  function wrapped(text, perLine) {
    var lines = [""];
    text.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + " " + word).length > perLine) lines.push(word);
      else lines[last] = lines[last] ? lines[last] + " " + word : word;
    });
    return lines;
  }

  // On a narrow screen: the chart title and the x-axis title, one line each in plotly.js, are wrapped between
  // words (about 7.5 px a letter), a heatmap's cells are too small for their numbers, which "Toon als
  // tabel" gives instead, and a chart's own `narrow` axis settings apply (a cross-table's column labels upright).
  function fitted(variant, width) {
    var layout = variant.layout;
    var data = variant.data;
    if (width < 600) {
      data = data.map(function (trace) {
        return trace.type === "heatmap" ? Object.assign({}, trace, { texttemplate: "" }) : trace;
      });
      Object.keys(variant.narrow || {}).forEach(function (axis) {
        layout = Object.assign({}, layout);
        layout[axis] = Object.assign({}, layout[axis], variant.narrow[axis]);
      });
    }
    var perLine = Math.max(20, Math.floor((width - 20) / 7.5));
    var title = wrapped(layout.title.text, perLine);
    var xTitle = wrapped(layout.xaxis.title.text, perLine - 10);
    if (title.length + xTitle.length > 2) {
      layout = Object.assign({}, layout, {
        title: Object.assign({}, layout.title, { text: title.join("<br>") }),
        xaxis: Object.assign({}, layout.xaxis, { title: { text: xTitle.join("<br>") } }),
        margin: Object.assign({}, layout.margin, { t: layout.margin.t + 18 * (title.length - 1) })
      });
    }
    return { data: data, layout: layout };
  }

  function showFigure(block, element, variant) {
    var empty = block.empty || EMPTY;
    var caption = document.getElementById(block.id + "-alt");
    var dataTable = document.getElementById(block.id + "-tabel");
    if (variant) {
      if (element.classList.contains("empty")) {
        element.classList.remove("empty");
        element.textContent = "";
      }
      var shown = fitted(variant, element.clientWidth);
      Plotly.react(element, shown.data, shown.layout, config);
      caption.textContent = variant.alt;
      dataTable.innerHTML = variant.table;
      dataTable.parentElement.hidden = false;
    } else {
      Plotly.purge(element);
      element.classList.add("empty");
      element.textContent = empty;
      caption.textContent = empty;
      dataTable.innerHTML = "";
      dataTable.parentElement.hidden = true;
    }
  }

  function show() {
    if (banner) banner.hidden = page.is_complete || !year || Number(year.value) !== page.report_year;
    page.blocks.forEach(function (block) {
      var element = document.getElementById(block.id);
      var variant = block.variants[variantKey(block)];
      if (block.kind === "figure") {
        showFigure(block, element, variant);
      } else {
        element.innerHTML = variant || '<p class="empty">' + (block.empty || EMPTY) + "</p>";
      }
    });
  }

  // The search field narrows the list of providers to those whose name or KBO number (with or without dots)
  // holds the text; the first match is shown at once, and a screen reader hears how many match.
  function narrow() {
    var text = search.value.trim().toLowerCase();
    var digits = text.replace(/[. ]/g, "");
    var first = null;
    var matches = 0;
    Array.prototype.forEach.call(provider.options, function (option) {
      var label = option.textContent.toLowerCase();
      var match = !text || label.indexOf(text) >= 0 || (digits && /^\d+$/.test(digits) && option.value.indexOf(digits) >= 0);
      option.hidden = !match;
      option.disabled = !match;
      if (match) {
        matches += 1;
        if (!first) first = option;
      }
    });
    document.getElementById("zoek-resultaat").textContent =
      matches === 1 ? "1 aanbieder gevonden" : matches + " aanbieders gevonden";
    if (first && provider.selectedOptions[0] !== first && provider.selectedOptions[0].hidden) {
      provider.value = first.value;
      show();
    }
  }

  if (year) year.addEventListener("change", show);
  if (breakdown) breakdown.addEventListener("change", show);
  page.blocks.forEach(function (block) {
    block.choices.forEach(function (id) {
      document.getElementById(id).addEventListener("change", show);
    });
  });
  if (provider) provider.addEventListener("change", show);
  if (search) search.addEventListener("input", narrow);
  show();
})();
