// The query page: POST the query to /sparql and show the answer. Text only (textContent),
// so nothing in a result can become markup.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("form");
  var out = document.getElementById("results");
  var status = document.getElementById("status");

  function cell(b) {
    if (!b) return "";
    return b.type === "uri" ? "<" + b.value + ">" : b.value;
  }

  function table(doc) {
    var t = document.createElement("table");
    var head = t.insertRow();
    doc.head.vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = "?" + v;
      head.appendChild(th);
    });
    doc.results.bindings.forEach(function (row) {
      var tr = t.insertRow();
      doc.head.vars.forEach(function (v) { tr.insertCell().textContent = cell(row[v]); });
    });
    return t;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var accept = document.getElementById("accept").value;
    var body = new URLSearchParams();
    body.set("query", document.getElementById("query").value);
    status.textContent = "running...";
    out.replaceChildren();
    var started = performance.now();
    fetch("sparql", { method: "POST", body: body, headers: { "Accept": accept } }).then(function (resp) {
      return resp.text().then(function (text) {
        var ms = Math.round(performance.now() - started);
        if (!resp.ok) {
          status.textContent = "HTTP " + resp.status + " (" + ms + " ms)";
          var p = document.createElement("p");
          p.className = "error";
          p.textContent = text;
          out.appendChild(p);
          return;
        }
        var type = resp.headers.get("Content-Type") || "";
        if (type.indexOf("sparql-results+json") >= 0) {
          var doc = JSON.parse(text);
          if ("boolean" in doc) {
            out.textContent = String(doc.boolean);
            status.textContent = "ASK (" + ms + " ms)";
          } else {
            out.appendChild(table(doc));
            status.textContent = doc.results.bindings.length + " rows (" + ms + " ms)";
          }
        } else {
          var pre = document.createElement("pre");
          pre.textContent = text;
          out.appendChild(pre);
          status.textContent = ms + " ms";
        }
      });
    }).catch(function (err) { status.textContent = "failed: " + err; });
  });
});
