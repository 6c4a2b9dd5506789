// Minigun live view: polls the minigun endpoint's JSON (same URL, Accept: application/json) once a second and draws
// the selected pipeline's DAG as SVG. No library, no build step.
(function () {
  "use strict";
  var BASE = location.pathname.replace(/\/+$/, "");
  var WRITE = document.body.getAttribute("data-write") === "true";
  var POLL_MILLIS = 1000;
  var NODE_W = 204, NODE_H = 126, GAP_X = 96, GAP_Y = 30, PAD = 28;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = { producer: "\u25B6", processor: "\u25C6", accumulator: "\u229E", consumer: "\u25C0", stage: "\u25CF" };
  var state = { data: null, selected: decodeURIComponent(location.hash.slice(1)) || null, runId: null };

  function $(id) { return document.getElementById(id); }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG_NS, name);
    for (var key in attrs) { if (attrs[key] !== undefined && attrs[key] !== null) node.setAttribute(key, attrs[key]); }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function count(n) {
    if (n >= 1e9) return (n / 1e9).toFixed(1) + "G";
    if (n >= 1e6) return (n / 1e6).toFixed(n >= 1e7 ? 0 : 1) + "M";
    if (n >= 1e4) return (n / 1e3).toFixed(n >= 1e5 ? 0 : 1) + "K";
    return Math.round(n).toLocaleString("en-US");
  }

  function rate(n) { return n > 0 && n < 10 ? n.toFixed(1) : count(n); }

  function millis(ms) {
    if (!ms) return "–";
    if (ms < 1) return (ms * 1000).toFixed(ms < 0.01 ? 2 : 0) + "µs";
    if (ms < 1000) return ms.toFixed(ms < 10 ? 1 : 0) + "ms";
    return (ms / 1000).toFixed(1) + "s";
  }

  function elapsed(ms) {
    var s = Math.floor(ms / 1000);
    return s < 60 ? (ms / 1000).toFixed(1) + "s" : Math.floor(s / 60) + "m " + (s % 60) + "s";
  }

  function percent(f) { return Math.round(f * 100) + "%"; }

  function fillLevel(fill) { return fill < 0.6 ? "green" : fill < 0.85 ? "yellow" : "red"; }

  function csrfHeaders() {
    var headers = { "Accept": "application/json" };
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    if (match) headers["X-XSRF-TOKEN"] = decodeURIComponent(match[1]);
    return headers;
  }

  // ---- polling ---------------------------------------------------------------------------------------------------

  function poll() {
    fetch(BASE, { headers: { "Accept": "application/json" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        state.data = data;
        $("connection").textContent = "updated " + new Date().toLocaleTimeString();
        $("connection").className = "connection";
        render();
      })
      .catch(function (error) {
        $("connection").textContent = "cannot read " + BASE + ": " + error.message;
        $("connection").className = "connection error";
      })
      .finally(function () { setTimeout(poll, POLL_MILLIS); });
  }

  function send(method) {
    var name = state.selected;
    $("message").textContent = "";
    fetch(BASE + "/" + encodeURIComponent(name), { method: method, headers: csrfHeaders(), credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(method + " answered HTTP " + response.status);
        return response.json();
      })
      .then(function (body) { if (body.runId) state.runId = body.runId; })
      .catch(function (error) { $("message").textContent = error.message; });
  }

  // ---- rendering -------------------------------------------------------------------------------------------------

  function render() {
    var pipelines = state.data.pipelines;
    if (!pipelines.length) { $("pipeline-name").textContent = "No pipeline"; return; }
    var pipeline = pipelines.filter(function (p) { return p.name === state.selected; })[0] || pipelines[0];
    state.selected = pipeline.name;
    renderList(pipelines);
    $("pipeline-name").textContent = pipeline.name;
    if (WRITE) $("cancel").disabled = pipeline.activeRuns.length === 0;
    var run = renderRuns(pipeline);
    renderLastRun(pipeline.lastRun);
    if (run && run.live) $("window").textContent = Math.round(run.live.windowMillis / 1000) || 1;
    renderGraph(pipeline, run ? run.live : null);
  }

  function renderList(pipelines) {
    var list = $("pipelines");
    list.textContent = "";
    pipelines.forEach(function (p) {
      var item = html("li", p.name === state.selected ? "selected" : "");
      item.setAttribute("data-pipeline", p.name);
      item.appendChild(html("span", "", p.name));
      var status = p.activeRuns.length ? "RUNNING" : p.lastRun ? p.lastRun.status : null;
      if (status) {
        item.appendChild(html("span", "badge " + status,
          p.activeRuns.length > 1 ? p.activeRuns.length + " running" : status.toLowerCase().replace(/_/g, " ")));
      }
      item.onclick = function () { state.selected = p.name; state.runId = null; location.hash = p.name; render(); };
      list.appendChild(item);
    });
  }

  function figures(parts) {
    var box = html("div", "figures");
    parts.forEach(function (part) {
      var span = html("span", part[2] || "", part[0] + " ");
      span.appendChild(html("b", "", part[1]));
      box.appendChild(span);
    });
    return box;
  }

  /** Lists the active runs; returns the one whose figures the graph shows. */
  function renderRuns(pipeline) {
    var box = $("active-runs");
    box.textContent = "";
    var runs = pipeline.activeRuns;
    if (!runs.length) { box.appendChild(html("p", "empty", "No run in progress.")); return null; }
    var shown = runs.filter(function (r) { return r.id === state.runId; })[0] || runs[runs.length - 1];
    runs.forEach(function (run) {
      var live = run.live;
      var row = html("div", "run" + (run === shown ? " selected" : ""));
      row.setAttribute("data-run-id", run.id);
      var head = html("div");
      head.appendChild(html("span", "badge RUNNING status", run.status));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(html("span", "id", run.id));
      row.appendChild(head);
      row.appendChild(figures([
        ["elapsed", elapsed(live.elapsedMillis)], ["produced", count(live.produced), "produced"],
        ["consumed", count(live.consumed), "consumed"], ["items/s", rate(live.itemsPerSecond)],
        ["failed", count(live.failed)], ["bottleneck", live.bottleneck || "–", "bottleneck"]]));
      var ended = live.stages.filter(function (s) { return s.ended; }).length;
      var bar = html("div", "progress");
      bar.title = ended + " of " + live.stages.length + " stages done";
      var fill = html("div");
      fill.style.width = Math.max(2, 100 * ended / Math.max(1, live.stages.length)) + "%";
      bar.appendChild(fill);
      row.appendChild(bar);
      row.onclick = function () { state.runId = run.id; render(); };
      box.appendChild(row);
    });
    return shown;
  }

  function renderLastRun(last) {
    var box = $("last-run");
    box.textContent = "";
    if (!last) { box.appendChild(html("p", "empty", "None yet.")); return; }
    var head = html("div");
    head.appendChild(html("span", "badge status " + last.status, last.status));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(html("span", "id", last.id));
    box.appendChild(head);
    box.appendChild(figures([["took", elapsed(last.durationMillis)], ["produced", count(last.produced)],
      ["consumed", count(last.consumed)], ["failed", count(last.failed)], ["bottleneck", last.bottleneck || "–"]]));
  }

  // ---- the graph -------------------------------------------------------------------------------------------------

  function key(stage) { return stage.pipeline + "/" + stage.name; }

  /** Columns by longest path from the sources; a stage nothing feeds statically joins its predecessor's column. */
  function layout(pipeline) {
    var stages = pipeline.stages, incoming = {}, column = {}, rows = [], position = {};
    pipeline.edges.forEach(function (e) { (incoming[e.to] = incoming[e.to] || []).push(e.from); });
    stages.forEach(function (stage, i) {
      var k = key(stage), from = incoming[k] || [];
      if (from.length) {
        column[k] = Math.max.apply(null, from.map(function (f) { return (column[f] || 0) + 1; }));
      } else {
        column[k] = stage.kind === "producer" || i === 0 ? 0 : column[key(stages[i - 1])];
      }
    });
    stages.forEach(function (stage) {
      var c = column[key(stage)];
      (rows[c] = rows[c] || []).push(stage);
    });
    rows.forEach(function (row, c) {
      if (c > 0) {
        row.sort(function (a, b) { return barycenter(a) - barycenter(b); });
      }
      var next = 0;
      row.forEach(function (stage) {
        // keep a stage on its upstream's row when that row is free, so chains stay straight
        var wanted = c > 0 ? barycenter(stage) : next;
        var r = wanted < 1e6 ? Math.max(next, Math.round(wanted)) : next;
        next = r + 1;
        position[key(stage)] = { x: PAD + c * (NODE_W + GAP_X), y: PAD + 16 + r * (NODE_H + GAP_Y + 14), row: r };
      });
    });
    function barycenter(stage) {
      var from = (incoming[key(stage)] || []).filter(function (f) { return position[f]; });
      if (!from.length) return 1e6 + stages.indexOf(stage);
      return from.reduce(function (sum, f) { return sum + position[f].row; }, 0) / from.length;
    }
    return position;
  }

  function renderGraph(pipeline, live) {
    var svg = $("dag");
    var position = layout(pipeline);
    var figures = {};
    if (live) live.stages.forEach(function (s) { figures[key(s)] = s; });
    var width = 0, height = 0;
    Object.keys(position).forEach(function (k) {
      width = Math.max(width, position[k].x + NODE_W + PAD);
      height = Math.max(height, position[k].y + NODE_H + PAD + 14);
    });
    svg.textContent = "";
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    drawGroups(svg, pipeline, position);
    pipeline.edges.forEach(function (edge) { drawEdge(svg, edge, position, figures[edge.to], pipeline); });
    pipeline.stages.forEach(function (stage) { drawNode(svg, stage, position[key(stage)], figures[key(stage)]); });
  }

  /** Fused chains (stages joined by fused edges) and nested pipelines, as boxes behind their stages. */
  function drawGroups(svg, pipeline, position) {
    var parent = {};
    function find(k) { while (parent[k] && parent[k] !== k) k = parent[k]; return k; }
    pipeline.edges.forEach(function (e) { if (e.fused) parent[find(e.to)] = find(e.from); });
    var chains = {};
    pipeline.stages.forEach(function (s) {
      var k = key(s), root = find(k);
      (chains[root] = chains[root] || []).push(k);
    });
    var nested = {};
    pipeline.stages.forEach(function (s) {
      if (s.pipeline !== pipeline.name) (nested[s.pipeline] = nested[s.pipeline] || []).push(key(s));
    });
    Object.keys(nested).forEach(function (path) {
      box(svg, "group nested", nested[path], position, 14, "pipeline " + path.split("/").slice(1).join("/"));
    });
    Object.keys(chains).forEach(function (root) {
      if (chains[root].length > 1) box(svg, "group fused", chains[root], position, 7, "fused");
    });
  }

  function box(svg, cls, keys, position, pad, label) {
    var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    keys.forEach(function (k) {
      var p = position[k];
      x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y);
      x2 = Math.max(x2, p.x + NODE_W); y2 = Math.max(y2, p.y + NODE_H);
    });
    var g = el("g", { "class": cls });
    g.appendChild(el("rect", { x: x1 - pad, y: y1 - pad, width: x2 - x1 + 2 * pad, height: y2 - y1 + 2 * pad, rx: 10 }));
    g.appendChild(el("text", { x: x1 - pad + 6, y: y2 + pad + 13 }, label));
    svg.appendChild(g);
  }

  function drawEdge(svg, edge, position, target, pipeline) {
    var a = position[edge.from], b = position[edge.to];
    if (!a || !b) return;
    var x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
    var bend = Math.max(30, Math.abs(x2 - x1) / 2);
    var d = "M" + x1 + "," + y1 + " C" + (x1 + bend) + "," + y1 + " " + (x2 - bend) + "," + y2 + " " + x2 + "," + y2;
    var stage = pipeline.stages.filter(function (s) { return key(s) === edge.to; })[0];
    var level = null, label = null;
    if (edge.fused) {
      label = "fused";
    } else if (target && target.queueCapacity > 0) {
      level = fillLevel(target.queueFill);
      label = count(target.queued) + " / " + count(target.queueCapacity);
    } else if (stage && stage.queueCapacity > 0 && stage.queueCapacity < 2147483647) {
      label = "queue " + count(stage.queueCapacity);
    }
    svg.appendChild(el("path", { d: d, "class": "edge" + (edge.fused ? " fused" : "") + (level ? " " + level : ""),
      "data-from": edge.from, "data-to": edge.to, "data-level": level || "none" }));
    if (label) {
      var mx = x2 > x1 ? (x1 + x2) / 2 : x2 - 8;
      svg.appendChild(el("text", { x: mx, y: (y1 + y2) / 2 - 8, "text-anchor": x2 > x1 ? "middle" : "end",
        "class": "edge-label " + (level || "") }, label));
    }
  }

  function drawNode(svg, stage, p, live) {
    var failed = live ? live.failed : 0;
    var cls = "node" + (live && live.bottleneck ? " bottleneck" : "") + (failed > 0 ? " failed" : "")
      + (live && live.ended ? " ended" : "");
    var g = el("g", { "class": cls, "data-stage": key(stage), "data-bottleneck": live && live.bottleneck ? "true" : "false",
      "data-failed": failed, transform: "translate(" + p.x + "," + p.y + ")" });
    g.appendChild(el("rect", { "class": "box", width: NODE_W, height: NODE_H, rx: 8 }));
    g.appendChild(el("text", { x: 12, y: 22, "class": "name" },
      (ICONS[stage.kind] || ICONS.stage) + " " + stage.name + (live && live.ended ? "  \u2713" : "")));
    var where = stage.placement === "remote" ? "remote over " + stage.transport
      : stage.contextType + (stage.workers > 1 ? " \u00D7" + stage.workers : "");
    g.appendChild(el("text", { x: 12, y: 40, "class": "sub" }, stage.kind + " \u00B7 " + where.toLowerCase()
      + (stage.placement === "colocated" ? " \u00B7 fused" : stage.placement === "drain" ? " \u00B7 drained" : "")));
    if (live) {
      line(g, 60, "in " + rate(live.inPerSecond) + "/s \u00B7 out " + rate(live.outPerSecond) + "/s", "rates");
      line(g, 77, "busy " + percent(live.busy) + " \u00B7 blocked " + percent(live.blocked), "busy");
      line(g, 94, "p50 " + millis(live.p50Millis) + " \u00B7 p99 " + millis(live.p99Millis), "latency");
      var counts = line(g, 111, "done " + count(live.consumed || live.produced)
        + (live.failedPerSecond > 0 || live.retriedPerSecond > 0
          ? " \u00B7 fail " + rate(live.failedPerSecond) + "/s \u00B7 retry " + rate(live.retriedPerSecond) + "/s"
          : " \u00B7 failed " + count(failed)), "consumed");
      counts.setAttribute("data-value", stage.kind === "producer" ? live.produced : (live.consumed || live.produced));
      g.appendChild(el("rect", { "class": "busybar", x: 0, y: NODE_H - 5, width: NODE_W, height: 5, rx: 2 }));
      g.appendChild(el("rect", { "class": "busyfill", x: 0, y: NODE_H - 5, width: NODE_W * Math.min(1, live.busy),
        height: 5, rx: 2 }));
    } else {
      line(g, 66, stage.queueCapacity > 0 && stage.queueCapacity < 2147483647
        ? "queue " + count(stage.queueCapacity) : "no queue", "queue");
    }
    var tags = [];
    if (live && live.bottleneck) tags.push(["BOTTLENECK", "bottleneck"]);
    if (failed > 0) tags.push(["\u2716 " + count(failed) + " FAILED", "failed"]);
    var tx = NODE_W;
    tags.forEach(function (tag) {
      var w = tag[0].length * 6.6 + 12;
      tx -= w + 4;
      g.appendChild(el("rect", { "class": "tag-bg " + tag[1], x: tx, y: -9, width: w, height: 17, rx: 8 }));
      g.appendChild(el("text", { "class": "tag " + tag[1], x: tx + w / 2, y: 3, "text-anchor": "middle" }, tag[0]));
    });
    svg.appendChild(g);
  }

  function line(g, y, text, cls) {
    var t = el("text", { x: 12, y: y, "class": "fig " + cls }, text);
    g.appendChild(t);
    return t;
  }

  // ---- start ----------------------------------------------------------------------------------------------------

  if (!WRITE) {
    var actions = $("actions");
    actions.parentNode.removeChild(actions);
  } else {
    $("start").onclick = function () { send("POST"); };
    $("cancel").onclick = function () { send("DELETE"); };
  }
  poll();
})();
