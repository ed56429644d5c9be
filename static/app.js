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
