// glasshouse serve: live reload and the error overlay. Injected by `serve` only.
(function () {
  "use strict";
  var first = null;
  // Dismissed errors stay dismissed across the reloads of later rebuilds, until they change.
  var DISMISSED = "glasshouse-dismissed";
  function dismiss(key) {
    try { sessionStorage.setItem(DISMISSED, key); } catch (e) { /* storage off: this page only */ }
    dismissedHere = key;
    clear();
  }
  var dismissedHere = null;
  function dismissed() {
    try { return sessionStorage.getItem(DISMISSED) || dismissedHere; } catch (e) { return dismissedHere; }
  }
  var OVERLAY = "glasshouse-overlay";
  function clear() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }
  // The market of this page: the one whose output folder is the longest
  // prefix of its path ("" when the page is outside every market's folder).
  function pageMarket(dirs) {
    var path = location.pathname.replace(/^\//, "");
    var best = null;
    Object.keys(dirs).forEach(function (id) {
      var dir = dirs[id];
      if (path.indexOf(dir) === 0 && (best === null || dir.length > dirs[best].length)) best = id;
    });
    return best;
  }
  // The errors this page shows: those of its market and of shared files.
  function concerning(status) {
    var market = pageMarket(status.dirs || {});
    if (market === null) return status.errors;
    return status.errors.filter(function (e) {
      return !e.markets.length || e.markets.indexOf(market) >= 0;
    });
  }
  function el(tag, css, text) {
    var node = document.createElement(tag);
    if (css) node.style.cssText = css;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function excerpt(e) {
    if (e.source === null || e.source === undefined) return null;
    var gutter = String(e.line) + " | ";
    var pad = new Array(gutter.length - 1).join(" ") + "| ";
    // The caret goes under the column's character; wide characters (CJK) take two cells.
    var before = Array.from(e.source).slice(0, Math.max(0, e.caret - 1)).join("");
    var cells = Array.from(before).reduce(function (n, c) {
      return n + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(c) ? 2 : 1);
    }, 0);
    return gutter + e.source + "\n" + pad + new Array(cells + 1).join(" ") + "^";
  }
  function show(errors, key) {
    clear();
    var box = el("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,10,10,.94);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    var bar = el("div", "display:flex;gap:16px;align-items:flex-start;justify-content:space-between;margin:0 0 16px");
    var h = el("h2", "font-size:16px;margin:0;color:#ffb4a8",
      "glasshouse: " + errors.length + " error" + (errors.length === 1 ? "" : "s") + " (the last good page is shown underneath)");
    var close = el("button", "font:inherit;color:#fff;background:#5a2a24;border:1px solid #ffb4a8;border-radius:4px;padding:4px 12px;cursor:pointer", "Dismiss (Esc)");
    close.type = "button";
    close.className = "glasshouse-dismiss";
    close.addEventListener("click", function () { dismiss(key); });
    bar.appendChild(h);
    bar.appendChild(close);
    box.appendChild(bar);
    errors.forEach(function (e) {
      var item = el("pre", "white-space:pre-wrap;margin:0 0 12px;padding:12px;background:#2a1414;border-left:4px solid #ff6b57");
      item.className = "glasshouse-error";
      var where = e.file ? e.file + ":" + e.line + ":" + e.column + ": " : "";
      var markets = e.markets.length ? " (" + (e.markets.length === 1 ? "market " : "markets ") + e.markets.join(", ") + ")" : "";
      item.appendChild(el("span", "font-weight:bold", where + "error[" + e.code + "]: " + e.message + markets));
      var src = excerpt(e);
      if (src) item.appendChild(el("span", "display:block;margin-top:8px;color:#ffd7d0", src));
      if (e.help) item.appendChild(el("span", "display:block;margin-top:8px;color:#b8f0c8", "help: " + e.help));
      box.appendChild(item);
    });
    document.body.appendChild(box);
    close.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.getElementById(OVERLAY)) {
      dismiss(document.getElementById(OVERLAY).getAttribute("data-key"));
    }
  });
  function connect() {
    var source = new EventSource("/__glasshouse/events");
    source.onmessage = function (event) {
      var status = JSON.parse(event.data);
      if (first === null) first = status.generation;
      if (status.generation > first) {
        location.reload();
        return;
      }
      var errors = concerning(status);
      var key = JSON.stringify(errors);
      if (!errors.length || key === dismissed()) {
        clear();
        return;
      }
      show(errors, key);
      document.getElementById(OVERLAY).setAttribute("data-key", key);
    };
    source.onerror = function () {
      source.close();
      setTimeout(connect, 1000);
    };
  }
  connect();
})();
