// glasshouse serve: live reload and the error overlay. Injected by `serve` only.
(function () {
  "use strict";
  var first = null;
  var OVERLAY = "glasshouse-overlay";
  function clear() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }
  function show(errors) {
    clear();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,10,10,.94);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px";
    var h = document.createElement("h2");
    h.textContent = "glasshouse: " + errors.length + " error" + (errors.length === 1 ? "" : "s") + " (the last good page is shown underneath)";
    h.style.cssText = "font-size:16px;margin:0 0 16px;color:#ffb4a8";
    box.appendChild(h);
    errors.forEach(function (e) {
      var item = document.createElement("pre");
      item.className = "glasshouse-error";
      item.style.cssText = "white-space:pre-wrap;margin:0 0 12px;padding:12px;background:#2a1414;border-left:4px solid #ff6b57";
      var where = e.file ? e.file + ":" + e.line + ":" + e.column + ": " : "";
      item.textContent = where + "error[" + e.code + "]: " + e.message + (e.market ? " (" + e.market + ")" : "");
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }
  function connect() {
    var source = new EventSource("/__glasshouse/events");
    source.onmessage = function (event) {
      var status = JSON.parse(event.data);
      if (first === null) first = status.generation;
      if (status.generation > first) {
        location.reload();
        return;
      }
      if (status.errors.length) show(status.errors); else clear();
    };
    source.onerror = function () {
      source.close();
      setTimeout(connect, 1000);
    };
  }
  connect();
})();
