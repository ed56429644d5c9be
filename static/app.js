// Small enhancements for Warmloop's pages. Every page works without them.

// A button with data-copy="input-id" copies that input's value.
document.addEventListener("click", function (ev) {
  var button = ev.target.closest("[data-copy]");
  if (!button) return;
  var input = document.getElementById(button.getAttribute("data-copy"));
  if (!input) return;
  input.select();
  var done = function () {
    var label = button.textContent;
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  // The selected text is copied the old way when the clipboard API is
  // missing or refuses (no permission, a page served over plain http).
  var fallback = function () {
    if (document.execCommand("copy")) done();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, fallback);
  } else {
    fallback();
  }
});

// Copy buttons only work with this script, so pages ship them hidden; the
// address beside each stays selectable without it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-copy][hidden]").forEach(function (button) {
    button.hidden = false;
  });
});

// After htmx swaps in a new panel marked data-focus-heading, move focus to its
// heading so keyboard and screen-reader users land on the result. Panels that
// refresh by themselves (live activity) or inline edits leave focus alone.
document.addEventListener("htmx:afterSwap", function (ev) {
  var panel = ev.detail.target && ev.detail.target.id && document.getElementById(ev.detail.target.id);
  if (!panel || !panel.hasAttribute("data-focus-heading")) return;
  var heading = panel.querySelector("h2");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});

// Inside a part marked data-swap-refusals, a refused change (422) or a
// failure (500) is swapped in like a success: its fragment says what went
// wrong beside the field, and what was typed stays.
document.addEventListener("htmx:beforeSwap", function (ev) {
  var status = ev.detail.xhr && ev.detail.xhr.status;
  if (status !== 422 && status !== 500) return;
  if (!ev.target.closest || !ev.target.closest("[data-swap-refusals]")) return;
  ev.detail.shouldSwap = true;
  ev.detail.isError = false;
});

// A checkbox marked data-select-all="name" ticks or clears every checkbox
// of that name in its form, and shows as half-ticked when some are. It
// ships hidden: without this script each row is ticked by itself.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var boxes = function () {
      return all.form ? all.form.querySelectorAll('input[type="checkbox"][name="' + all.getAttribute("data-select-all") + '"]') : [];
    };
    var sync = function () {
      var ticked = 0, list = boxes();
      list.forEach(function (b) { if (b.checked) ticked++; });
      all.checked = list.length > 0 && ticked === list.length;
      all.indeterminate = ticked > 0 && ticked < list.length;
    };
    // The box, or the label it sits in, ships hidden: it needs this script.
    all.hidden = false;
    if (all.parentElement && all.parentElement.tagName === "LABEL") all.parentElement.hidden = false;
    all.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
    });
    if (all.form) all.form.addEventListener("change", function (ev) { if (ev.target !== all) sync(); });
    sync();
  });
});

// A combobox (role="combobox" with aria-controls naming a listbox) whose
// options htmx fills as it is typed in: arrow keys move through the
// options, Enter or a click puts the chosen option's data-value in the
// field, Escape closes the list. Without this script the field is typed in
// whole.
(function () {
  var listOf = function (input) { return document.getElementById(input.getAttribute("aria-controls")); };
  var options = function (list) { return list ? Array.prototype.slice.call(list.querySelectorAll('[role="option"]')) : []; };
  var show = function (input, open) {
    var list = listOf(input);
    if (list) list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) input.removeAttribute("aria-activedescendant");
  };
  var choose = function (input, option) {
    input.value = option.getAttribute("data-value");
    show(input, false);
  };
  var move = function (input, step) {
    var opts = options(listOf(input));
    if (!opts.length) return;
    var at = opts.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
    at = at < 0 ? (step > 0 ? 0 : opts.length - 1) : (at + step + opts.length) % opts.length;
    opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === at ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", opts[at].id);
    opts[at].scrollIntoView({ block: "nearest" });
  };
  document.addEventListener("keydown", function (ev) {
    var input = ev.target;
    if (!input.matches || !input.matches('[role="combobox"][aria-controls]')) return;
    var list = listOf(input);
    var open = list && !list.hidden && options(list).length > 0;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!open && options(list).length) show(input, true);
      move(input, ev.key === "ArrowDown" ? 1 : -1);
      ev.preventDefault();
    } else if (ev.key === "Enter" && open && input.getAttribute("aria-activedescendant")) {
      choose(input, document.getElementById(input.getAttribute("aria-activedescendant")));
      input.setAttribute("data-chose", "");
      ev.preventDefault();
    } else if (ev.key === "Escape" && open) {
      show(input, false);
      ev.preventDefault();
    }
  });
  // The Enter that chose an option does not also send the form, even where
  // its keypress arrives on its own.
  document.addEventListener("keypress", function (ev) {
    if (ev.key !== "Enter" || !ev.target.hasAttribute || !ev.target.hasAttribute("data-chose")) return;
    ev.target.removeAttribute("data-chose");
    ev.preventDefault();
  });
  document.addEventListener("click", function (ev) {
    var option = ev.target.closest && ev.target.closest('[role="option"]');
    if (!option) return;
    var input = document.querySelector('[role="combobox"][aria-controls="' + option.closest('[role="listbox"]').id + '"]');
    if (input) choose(input, option);
  });
  // A swap may have replaced a list: open each one that has options while
  // its field is being typed in.
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll('[role="combobox"][aria-controls]').forEach(function (input) {
      show(input, options(listOf(input)).length > 0 && document.activeElement === input);
    });
  });
})();

// The dashboard's menu button (shown on a narrow screen) opens and closes
// the navigation; Escape closes it and puts focus back on the button. The
// button ships hidden, so without this script the navigation stays open.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-menu-toggle][hidden]").forEach(function (button) {
    button.hidden = false;
  });
});
document.addEventListener("click", function (ev) {
  var button = ev.target.closest("[data-menu-toggle]");
  if (!button) return;
  button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
});
document.addEventListener("keydown", function (ev) {
  if (ev.key !== "Escape") return;
  var button = document.querySelector('[data-menu-toggle][aria-expanded="true"]');
  if (!button) return;
  button.setAttribute("aria-expanded", "false");
  button.focus();
});

// On a phone the referral board shows one stage at a time, chosen with the
// stage picker above it; its options are read from the board's columns,
// again each time htmx redraws the board after a move, and the stage chosen
// stays. Without this script every stage shows, one under another.
(function () {
  var chosen = "";
  function pickStage() {
    var picker = document.querySelector("[data-stage-picker]");
    var board = document.getElementById("referral-board");
    if (!picker || !board) return;
    var select = picker.querySelector("select");
    var columns = board.querySelectorAll(".board-col");
    if (!chosen && columns.length) chosen = columns[0].getAttribute("aria-labelledby");
    select.textContent = "";
    columns.forEach(function (col) {
      var heading = document.getElementById(col.getAttribute("aria-labelledby"));
      var parts = heading ? heading.querySelectorAll("span") : [];
      var option = document.createElement("option");
      option.value = col.getAttribute("aria-labelledby");
      option.textContent = parts.length === 2 ? parts[0].textContent + " (" + parts[1].textContent + ")" : col.textContent;
      option.selected = option.value === chosen;
      select.appendChild(option);
      col.classList.toggle("shown", option.value === chosen);
    });
    board.classList.add("picking");
    picker.hidden = false;
  }
  document.addEventListener("DOMContentLoaded", pickStage);
  document.addEventListener("htmx:load", function (ev) {
    if (ev.detail.elt && ev.detail.elt.id === "referral-board") pickStage();
  });
  document.addEventListener("change", function (ev) {
    if (ev.target.id !== "board-stage") return;
    chosen = ev.target.value;
    pickStage();
  });
})();

// On a phone each row of a dashboard table shows as a card (app.css), each
// cell under its column's name: the names are copied from the table's head
// into data-label, again whenever htmx swaps a row in. A column whose
// heading is for screen readers only (an actions column) gets no label.
// The table's parts are given their roles outright, as some browsers drop
// a table's meaning for screen readers once CSS displays its parts as blocks.
function labelTableCells() {
  var roles = [["thead, tbody, tfoot", "rowgroup"], ["tr", "row"],
    ["thead th", "columnheader"], ["tbody th", "rowheader"], ["td", "cell"]];
  document.querySelectorAll("table.table").forEach(function (table) {
    if (!table.hasAttribute("role")) table.setAttribute("role", "table");
    roles.forEach(function (r) {
      table.querySelectorAll(r[0]).forEach(function (el) { if (!el.hasAttribute("role")) el.setAttribute("role", r[1]); });
    });
    var names = [];
    table.querySelectorAll("thead th").forEach(function (th) {
      var hidden = th.querySelector(".sr-only");
      var text = th.textContent.trim();
      for (var i = 0; i < (th.colSpan || 1); i++) names.push(hidden && hidden.textContent.trim() === text ? "" : text);
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var at = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", (cell.colSpan || 1) > 1 ? "" : names[at] || "");
        at += cell.colSpan || 1;
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", labelTableCells);
document.addEventListener("htmx:load", labelTableCells);

// A form marked data-confirm asks before it is sent: the page's policy
// allows no inline script, so the question lives in the attribute.
document.addEventListener("submit", function (ev) {
  var form = ev.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.getAttribute("data-confirm"))) ev.preventDefault();
});
