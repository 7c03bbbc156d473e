// The offer browser (aanbod-zoeken.html): every current offer, searched and filtered in the browser itself, from the
// columns the page carries (dashboards/pages/offer_search.py): no server, no network. A change of any control filters
// all offers at once over typed arrays and shows the first results; "Toon meer" adds the next ones. Choosing a result
// shows its details and EU standard elements and moves the focus there; "Terug naar de resultaten" (or Escape) moves
// it back to that result.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("scriptgegevens").textContent);
  var n = data.n;
  var texts = data.texts;
  var columns = data.columns;
  var form = document.getElementById("zoekfilters");
  var count = document.getElementById("aantal");
  var list = document.getElementById("resultaten");
  var listBlock = document.getElementById("resultaten-blok");
  var none = document.getElementById("geen-resultaten");
  var more = document.getElementById("meer");
  var detail = document.getElementById("detail");
  var whole = new Intl.NumberFormat("nl-BE");
  var decimal = new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 1 });
  var euro = new Intl.NumberFormat("nl-BE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var MISSING = "niet ingevuld";

  // Typed arrays once: a code an index into its labels, a list of codes (and the incentives, the elements) a bit
  // mask, a number NaN when missing.
  var typed = {};
  Object.keys(columns).forEach(function (name) {
    var column = columns[name];
    if (column.kind === "code") typed[name] = Uint16Array.from(column.values);
    else if (column.kind === "codes") typed[name] = Uint32Array.from(column.values);
    else if (column.kind === "number")
      typed[name] = Float64Array.from(column.values, function (v) {
        return v === null ? NaN : v;
      });
    else if (column.kind === "text") typed[name] = Int32Array.from(column.values);
  });

  // What the free text searches: per offer its searched texts, in lower case and without accents.
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var foldedTexts = texts.map(folded);
  var haystack = new Array(n);
  for (var i = 0; i < n; i++) {
    var parts = [];
    data.searched.forEach(function (name) {
      var values = columns[name].kind === "texts" ? columns[name].values[i] : [columns[name].values[i]];
      values.forEach(function (t) {
        if (t >= 0) parts.push(foldedTexts[t]);
      });
    });
    haystack[i] = parts.join("\n");
  }

  function text(name, i) {
    var t = typed[name][i];
    return t >= 0 ? texts[t] : "";
  }

  function label(name, i) {
    return columns[name] ? columns[name].labels[typed[name][i]] : "";
  }

  function escaped(value) {
    return String(value).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // A number as a Flemish reader writes it: "1.250,5" or "3"; "3.5" is read as 3,5 too.
  function parsed(value) {
    var clean = value.trim().replace(/\s|€/g, "");
    if (clean === "") return null;
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(clean)) clean = clean.replace(/\./g, "");
    clean = clean.replace(",", ".");
    return /^\d+(\.\d+)?$/.test(clean) ? Number(clean) : NaN;
  }

  // The reader's choices as tests on one offer's index.
  function tests() {
    var chosen = [];
    var words = folded(document.getElementById("zoektekst").value)
      .split(/\s+/)
      .filter(Boolean);
    if (words.length)
      chosen.push(function (i) {
        var hay = haystack[i];
        for (var w = 0; w < words.length; w++) if (hay.indexOf(words[w]) < 0) return false;
        return true;
      });
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value === "") return;
      var values = typed[select.dataset.filter];
      if (columns[select.dataset.filter].kind === "code") {
        var code = Number(select.value);
        chosen.push(function (i) {
          return values[i] === code;
        });
      } else if (select.value === "any") {
        chosen.push(function (i) {
          return values[i] !== 0;
        });
      } else if (select.value === "none") {
        chosen.push(function (i) {
          return values[i] === 0;
        });
      } else {
        var bit = 1 << Number(select.value);
        chosen.push(function (i) {
          return (values[i] & bit) !== 0;
        });
      }
    });
    form.querySelectorAll("input[data-range]").forEach(function (input) {
      var bound = parsed(input.value);
      var invalid = Number.isNaN(bound);
      input.setAttribute("aria-invalid", invalid ? "true" : "false");
      document.getElementById(input.id + "-fout").hidden = !invalid;
      if (bound === null || invalid) return;
      var values = typed[input.dataset.range];
      // NaN (missing) fails both comparisons: an offer without a value drops out once a bound is set.
      chosen.push(
        input.dataset.bound === "min"
          ? function (i) {
              return values[i] >= bound;
            }
          : function (i) {
              return values[i] <= bound;
            }
      );
    });
    return chosen;
  }

  var matches = new Int32Array(n);
  var found = 0;
  var shown = 0;

  function filter() {
    var chosen = tests();
    var k = 0;
    var t = chosen.length;
    outer: for (var i = 0; i < n; i++) {
      for (var c = 0; c < t; c++) if (!chosen[c](i)) continue outer;
      matches[k++] = i;
    }
    found = k;
    shown = 0;
    list.textContent = "";
    count.textContent = whole.format(found) + " van " + whole.format(n) + " microcredentials";
    none.hidden = found > 0;
    closeDetail(false);
    showMore();
  }

  function volume(i) {
    var value = typed.volume_value[i];
    if (Number.isNaN(value)) return "";
    var unit = label("volume_unit", i);
    if (unit === "Onbekend") return decimal.format(value);
    return decimal.format(value) + " " + unit.charAt(0).toLowerCase() + unit.slice(1);
  }

  function price(i) {
    var value = typed.price_eur[i];
    if (Number.isNaN(value)) return "";
    return value === 0 ? "gratis" : "€ " + euro.format(value);
  }

  function levelText(i) {
    var level = typed.level[i];
    var framework = label("level_framework", i);
    if (Number.isNaN(level)) return framework === "Onbekend" ? "" : framework;
    return framework + ", niveau " + level;
  }

  function period(i) {
    var from = text("valid_from", i);
    var to = text("valid_to", i);
    return to ? "van " + from + " tot en met " + to : "vanaf " + from + " (zonder einddatum)";
  }

  function incentives(i) {
    var names = columns.incentives.labels.filter(function (_, bit) {
      return (typed.incentives[i] & (1 << bit)) !== 0;
    });
    return names.length ? names.join(", ") : "geen";
  }

  function titleOf(i) {
    return text("title", i) || "(zonder titel)";
  }

  function showMore() {
    var end = Math.min(found, shown + data.step);
    var items = [];
    for (var r = shown; r < end; r++) {
      var i = matches[r];
      var facts = [label("provider_type", i), volume(i), label("level_group", i), label("participation_form", i), price(i)]
        .filter(function (f) {
          return f && f !== "Onbekend";
        })
        .map(escaped);
      items.push(
        '<li><button type="button" class="result" data-i="' +
          i +
          '">' +
          escaped(titleOf(i)) +
          '</button><p class="provider">' +
          escaped(text("provider_name", i)) +
          '</p><p class="facts">' +
          facts.join(" · ") +
          "</p></li>"
      );
    }
    list.insertAdjacentHTML("beforeend", items.join(""));
    var first = shown;
    shown = end;
    more.hidden = shown >= found;
    var rest = found - shown;
    more.textContent = "Toon meer (nog " + whole.format(rest) + ")";
    return first;
  }

  // The value(s) of a column (or a composed one) in the detail view, as HTML.
  function shownValue(name, i) {
    var value;
    if (name === "volume") value = volume(i);
    else if (name === "level_text") value = levelText(i);
    else if (name === "learning_outcomes") {
      var outcomes = columns.learning_outcomes.values[i];
      return outcomes.length
        ? "<ul>" +
            outcomes
              .map(function (t) {
                return "<li>" + escaped(texts[t]) + "</li>";
              })
              .join("") +
            "</ul>"
        : MISSING;
    } else if (columns[name].kind === "codes") {
      value = columns[name].labels
        .filter(function (_, bit) {
          return (typed[name][i] & (1 << bit)) !== 0;
        })
        .join(", ");
    } else if (columns[name].kind === "text") value = text(name, i);
    else value = label(name, i);
    return value && value !== "Onbekend" ? escaped(value) : MISSING;
  }

  var opened = null;

  function openDetail(i) {
    opened = i;
    var elements = typed.elements[i];
    var rows = data.elements.map(function (element, bit) {
      var complies = (elements & (1 << bit)) !== 0;
      return (
        "<tr><th scope=\"row\">" +
        escaped(element.no + " " + element.name) +
        '</th><td class="' +
        (complies ? "complies" : "missing") +
        '">' +
        (complies ? "ja" : "nee") +
        "</td><td>" +
        element.columns
          .map(function (name) {
            return shownValue(name, i);
          })
          .join(", ") +
        "</td></tr>"
      );
    });
    var complied = data.elements.filter(function (_, bit) {
      return (elements & (1 << bit)) !== 0;
    }).length;
    var facts = [
      ["Aanbieder", shownValue("provider_name", i)],
      ["KBO-nummer aanbieder", shownValue("provider_id", i)]
    ];
    // Every code filter's value, under the filter's name; the level with its framework.
    data.filters.forEach(function (f) {
      var level = f.column === "level_group";
      facts.push([escaped(f.name), shownValue(level ? "level_text" : f.column, i)]);
    });
    facts = facts.concat([
      ["Omvang", shownValue("volume", i)],
      ["Prijs", escaped(price(i)) || MISSING],
      ["Looptijd", escaped(period(i))],
      ["Stapelbaar", shownValue("stackable", i)],
      ["Gezamenlijk aanbod", shownValue("is_joint", i)],
      ["Opleidingsincentives", escaped(incentives(i))],
      ["Erkenningsnummer Opleidingsdatabank", shownValue("odb_id", i)],
      ["Identificatie bij de aanbieder", shownValue("offer_id", i)],
      ["Herkomst", shownValue("offer_source", i)]
    ]);
    detail.innerHTML =
      '<button type="button" id="terug" class="back">Terug naar de resultaten</button>' +
      '<h2 id="detail-titel" tabindex="-1">' +
      escaped(titleOf(i)) +
      "</h2><dl class=\"facts-list\">" +
      facts
        .map(function (f) {
          return "<dt>" + f[0] + "</dt><dd>" + f[1] + "</dd>";
        })
        .join("") +
      "</dl><h3>EU-standaardelementen</h3><p>Vermeldt " +
      complied +
      " van de " +
      data.elements.length +
      " standaardelementen op het niveau van het aanbod.</p>" +
      '<div class="table" tabindex="0" role="region" aria-label="Standaardelementen van deze microcredential"><table>' +
      "<caption>Standaardelementen van deze microcredential</caption><thead><tr><th scope=\"col\">Element</th>" +
      '<th scope="col">Vermeld</th><th scope="col">In de catalogus</th></tr></thead><tbody>' +
      rows.join("") +
      "</tbody></table></div><p class=\"note\">" +
      escaped(
        data.award_elements
          .map(function (e) {
            return e.no + " (" + e.name + ")";
          })
          .join(" en ")
      ) +
      " horen bij de uitreiking, niet bij het aanbod: elke ingeladen uitreiking vermeldt ze.</p>";
    listBlock.hidden = true;
    detail.hidden = false;
    document.getElementById("terug").addEventListener("click", function () {
      closeDetail(true);
    });
    document.getElementById("detail-titel").focus();
  }

  function closeDetail(returnFocus) {
    if (opened === null) return;
    var i = opened;
    opened = null;
    detail.hidden = true;
    detail.textContent = "";
    listBlock.hidden = false;
    if (returnFocus) {
      var button = list.querySelector('button[data-i="' + i + '"]');
      if (button) button.focus();
    }
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button.result");
    if (button) openDetail(Number(button.dataset.i));
  });
  detail.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeDetail(true);
  });
  more.addEventListener("click", function () {
    var first = showMore();
    var next = list.querySelectorAll("button.result")[first];
    if (next) next.focus();
  });
  // A text field filters as the reader types, a list when a choice is made (a select fires both events).
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "INPUT") filter();
  });
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") filter();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    // After the form has cleared its controls.
    setTimeout(filter, 0);
  });
  filter();

  // The ELM catalogue feed (data/exports/elm) gives every offer this page as its homepage: a link ending in
  // #<KBO number>/<the provider's own id> opens that offer.
  function openLinked() {
    var key = decodeURIComponent(location.hash.slice(1));
    if (!key) return;
    for (var i = 0; i < n; i++) {
      // The page shows the KBO number with dots (0123.456.789); the link has its ten digits.
      if (text("provider_id", i).replace(/\./g, "") + "/" + text("offer_id", i) === key) {
        openDetail(i);
        return;
      }
    }
  }
  window.addEventListener("hashchange", openLinked);
  openLinked();
})();
