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
    all.hidden = false;
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
