/* The wall screen (/monitor): polls the change marker, writes the figures into the page and
 * updates the two charts in place, ticks the clock and the timers every second, and keeps
 * going unattended for weeks (docs/live.md, README "Wall screens").
 *
 * - One poll at a time: the next one is scheduled only when the previous one has finished
 *   (answered, failed or timed out), so requests never pile up.
 * - While the server does not answer: "Koneksi terputus sejak 10.42", the last figures dimmed
 *   and labelled, polls backing off (the interval, doubled each failure, at most 60 s); the
 *   screen recovers by itself on the next answer, without a reload.
 * - A reload happens only when the server runs another build than the page was served with,
 *   and once a night (02:00 office time), and only after /health answered 200.
 * - Memory stays flat: the DOM nodes are made once and reused, no array grows, no closure is
 *   made per tick. Only runs where the page's root (#monitor-root) is.
 *
 * The poll interval is PST_REFRESH_SECONDS (the root's data-refresh-seconds); a page address
 * with ?poll_ms=<n> (at least 10) overrides it, for tests and diagnostics.
 */
(function () {
  "use strict";

  var ROOT_ID = "monitor-root";
  var MIN_POLL_MS = 10;
  var MAX_BACKOFF_MS = 60000;
  var REQUEST_TIMEOUT_MS = 15000;
  var NIGHTLY_HOUR = 2;
  var DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];
  var EMPTY = "\u2013";

  var watcher = null;
  var screen = null;

  // -- Indonesian formats ------------------------------------------------------------------
  function two(n) { return n < 10 ? "0" + n : String(n); }
  function groupDigits(text) { return text.replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function fmtInt(n) { return n === null || n === undefined ? EMPTY : groupDigits(String(Math.round(n))); }
  function fmtOneDecimal(x) {
    if (x === null || x === undefined) { return EMPTY; }
    var tenths = Math.round(x * 10);
    var whole = Math.floor(tenths / 10);
    var rest = tenths % 10;
    return groupDigits(String(whole)) + (rest ? "," + rest : "");
  }
  function fmtShare(x) { return x === null || x === undefined ? EMPTY : Math.round(x * 100) + "%"; }
  function fmtRupiah(n) { return "Rp\u00a0" + fmtInt(n); }
  /* Office-local clock fields of a moment: a Date shifted by the office's UTC offset, read
     with the getUTC* methods (Indonesian zones have fixed offsets). */
  function local(ms, offsetMinutes) { return new Date(ms + offsetMinutes * 60000); }
  function fmtClock(d) { return two(d.getUTCHours()) + "." + two(d.getUTCMinutes()); }
  function isoDay(d) {
    return d.getUTCFullYear() + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate());
  }
  function fmtLongDay(iso) {
    var d = new Date(iso + "T00:00:00Z");
    return DAYS[d.getUTCDay()] + ", " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " +
      d.getUTCFullYear();
  }
  function fmtLeft(ms) {
    var minutes = Math.max(0, Math.ceil(ms / 60000));
    var hours = Math.floor(minutes / 60);
    return hours ? hours + " jam " + (minutes % 60) + " menit" : minutes + " menit";
  }

  // -- the screen --------------------------------------------------------------------------
  function Screen(root) {
    var self = this;
    this.root = root;
    this.pollUrl = root.getAttribute("data-poll-url");
    this.healthUrl = root.getAttribute("data-health-url");
    this.build = root.getAttribute("data-build");
    // amber from this fraction of the target: dashboard.metrics.step_timing's, not a copy
    this.warnNumerator = parseInt(root.getAttribute("data-warn-numerator"), 10);
    this.warnDenominator = parseInt(root.getAttribute("data-warn-denominator"), 10);
    var seconds = parseInt(root.getAttribute("data-refresh-seconds"), 10) || 5;
    this.interval = seconds * 1000;
    var override = parseInt(new URLSearchParams(window.location.search).get("poll_ms"), 10);
    if (override >= MIN_POLL_MS) { this.interval = override; }
    this.version = null;
    this.day = null;
    this.snapshot = null;
    this.offset = 420;
    this.inFlight = false;
    this.failures = 0;
    this.downSince = null;
    this.lastAnswer = null;
    this.checkingHealth = false;
    this.loadedAt = Date.now();
    this.pollTimer = null;
    this.chartsShown = null; // the snapshot the charts show
    this.rows = []; // {node, code, step, minutes, since, target, waiting, text, cls}
    this.rowCount = 0;
    this.texts = {}; // id -> element, found once
    this.stats = { polls: 0, answers: 0, changes: 0, failures: 0, reactCalls: 0 };
    window.pstMonitor = this.stats;
    this.onPollDone = function () { self.pollDone(); };
    this.onAnswer = function (answer) { self.answered(answer); };
    this.onFailure = function (error) { self.failed(error); };
    this.onTick = function () { self.tick(); };
    this.onPoll = function () { self.poll(); };
    this.onResize = function () { self.fitRows(); };
    window.addEventListener("resize", this.onResize);
    var initial = root.getAttribute("data-initial");
    if (initial) { this.answered(JSON.parse(initial)); this.chartsShown = this.snapshot; }
    this.tickTimer = setInterval(this.onTick, 1000);
    this.tick();
    this.schedule(this.interval);
  }

  Screen.prototype.el = function (id) {
    var found = this.texts[id];
    if (found === undefined) { found = this.texts[id] = document.getElementById(id); }
    return found;
  };

  Screen.prototype.setText = function (id, text) {
    var node = this.el(id);
    if (node && node.textContent !== text) { node.textContent = text; }
  };

  Screen.prototype.show = function (id, visible) {
    var node = this.el(id);
    if (node && node.hidden === visible) { node.hidden = !visible; }
  };

  Screen.prototype.alive = function () { return document.body.contains(this.root); };

  Screen.prototype.stop = function () {
    clearTimeout(this.pollTimer);
    clearInterval(this.tickTimer);
    window.removeEventListener("resize", this.onResize);
  };

  // -- polling -----------------------------------------------------------------------------
  Screen.prototype.schedule = function (delay) {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(this.onPoll, delay);
  };

  Screen.prototype.poll = function () {
    if (this.inFlight) { return; } // never a second request while one is out
    if (!this.alive()) { stopScreen(); return; }
    this.inFlight = true;
    this.stats.polls += 1;
    var url = this.pollUrl;
    if (this.version !== null) {
      url += "?since=" + this.version + "&day=" + encodeURIComponent(this.day);
    }
    var controller = new AbortController();
    var timeout = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
      signal: controller.signal
    })
      .then(readJson)
      .then(this.onAnswer, this.onFailure)
      .then(function () { clearTimeout(timeout); }, function () { clearTimeout(timeout); })
      .then(this.onPollDone);
  };

  function readJson(response) {
    if (!response.ok) {
      var error = new Error("HTTP " + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  Screen.prototype.pollDone = function () {
    this.inFlight = false;
    if (!this.alive()) { stopScreen(); return; }
    var delay = this.interval;
    if (this.failures > 0) {
      delay = Math.min(MAX_BACKOFF_MS, this.interval * Math.pow(2, this.failures - 1));
    }
    this.schedule(delay);
  };

  Screen.prototype.answered = function (answer) {
    this.stats.answers += 1;
    this.failures = 0;
    this.lastAnswer = Date.now();
    if (this.downSince !== null || this.root.classList.contains("is-stale")) {
      this.downSince = null;
      this.root.classList.remove("is-stale");
      this.show("monitor-connection", false);
    }
    if (answer.changed) {
      this.stats.changes += 1;
      this.version = answer.version;
      this.day = answer.day;
      this.snapshot = answer.snapshot;
      this.render(answer.snapshot);
    }
    this.setText("monitor-updated", "Diperbarui pukul " + fmtClock(local(this.lastAnswer, this.offset)));
    if (answer.build && answer.build !== this.build) { this.reloadWhenHealthy(); }
  };

  Screen.prototype.failed = function (error) {
    this.failures += 1;
    this.stats.failures += 1;
    var now = Date.now();
    if (this.downSince === null) { this.downSince = now; }
    var since = fmtClock(local(this.downSince, this.offset));
    var text = error && (error.status === 401 || error.status === 403)
      ? "Sesi layar berakhir sejak " + since + ": masuk kembali atau buka tautan kiosk baru"
      : "Koneksi terputus sejak " + since;
    this.setText("monitor-connection", text);
    this.show("monitor-connection", true);
    this.root.classList.add("is-stale");
    var last = this.lastAnswer === null ? EMPTY : fmtClock(local(this.lastAnswer, this.offset));
    this.setText("monitor-updated", "Data terakhir pukul " + last + " \u00b7 belum diperbarui");
  };

  /* Reload only once the server answers its health check: a blind reload while it is down
     would leave the TV on the browser's error page. */
  Screen.prototype.reloadWhenHealthy = function () {
    if (this.checkingHealth) { return; }
    this.checkingHealth = true;
    var self = this;
    fetch(this.healthUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 200) { window.location.reload(); return; }
        self.checkingHealth = false;
      }, function () { self.checkingHealth = false; });
  };

  // -- the figures -------------------------------------------------------------------------
  Screen.prototype.render = function (s) {
    if (s.service) { this.offset = s.service.utc_offset_minutes; }
    this.setText("monitor-day", fmtLongDay(s.date));
    this.setText("monitor-visitors", fmtInt(s.visitors));
    this.setText("monitor-usual", fmtOneDecimal(s.usual_visitors));
    this.setText("monitor-refused", fmtInt(s.refused));
    this.setText("monitor-in-room", fmtInt(s.in_room));
    this.setText("monitor-bags", fmtInt(s.bags_on_rack));
    this.setText("monitor-tables", fmtInt(s.tables_taken));
    this.setText("monitor-waiting-payment", fmtInt(s.waiting_for_payment));
    this.setText("monitor-within-today", fmtShare(s.within_target_share_today));
    this.setText("monitor-within-month", fmtShare(s.within_target_share_month));
    this.setText("monitor-referral-today", fmtShare(s.referral_rate_today));
    this.setText("monitor-referral-month", fmtShare(s.referral_rate_month));
    this.setText("monitor-pnbp-today", fmtRupiah(s.pnbp_today));
    this.setText("monitor-pnbp-month", fmtRupiah(s.pnbp_month));
    this.setText("monitor-receipts-today", fmtInt(s.receipts_today));
    this.setText("monitor-stale-open", s.stale_open_visits
      ? fmtInt(s.stale_open_visits) + " kunjungan hari sebelumnya masih terbuka" : "");
    this.renderVisits(s.in_progress);
    this.renderCharts();
    this.tick();
  };

  Screen.prototype.row = function (index) {
    var row = this.rows[index];
    if (row) { return row; }
    var node = document.createElement("div");
    node.className = "pm-visit";
    var code = document.createElement("span");
    code.className = "pm-visit-code";
    var step = document.createElement("span");
    step.className = "pm-visit-step";
    var minutes = document.createElement("span");
    minutes.className = "pm-visit-minutes";
    node.appendChild(code);
    node.appendChild(step);
    node.appendChild(minutes);
    this.el("monitor-visits").appendChild(node);
    row = { node: node, code: code, step: step, minutes: minutes, since: 0, target: null,
      waiting: false, text: "", cls: "" };
    this.rows.push(row); // grows only up to the most visits ever in progress at once
    return row;
  };

  Screen.prototype.renderVisits = function (visits) {
    var count = visits.length;
    for (var i = 0; i < count; i += 1) {
      var visit = visits[i];
      var row = this.row(i);
      var stepText = visit.step + " " + visit.step_label;
      if (row.code.textContent !== visit.code) { row.code.textContent = visit.code; }
      if (row.step.textContent !== stepText) { row.step.textContent = stepText; }
      row.since = Date.parse(visit.since);
      row.target = visit.target_minutes;
      row.waiting = visit.waiting;
      row.node.hidden = false;
    }
    for (var j = count; j < this.rows.length; j += 1) { this.rows[j].node.hidden = true; }
    this.rowCount = count;
    this.setText("monitor-visit-count", fmtInt(count));
    this.show("monitor-visits-empty", count === 0);
    this.tickRows(Date.now());
    this.fitRows();
  };

  /* Rows that do not fit the panel are hidden and counted in its title (nothing scrolls). */
  Screen.prototype.fitRows = function () {
    var box = this.el("monitor-visits");
    if (!box) { return; }
    var height = box.clientHeight;
    var hidden = 0;
    for (var i = 0; i < this.rowCount; i += 1) {
      var node = this.rows[i].node;
      node.hidden = false;
    }
    for (var k = 0; k < this.rowCount; k += 1) {
      var row = this.rows[k].node;
      if (hidden || row.offsetTop + row.offsetHeight > height) { row.hidden = true; hidden += 1; }
    }
    this.setText("monitor-visits-more", hidden ? "\u00b7 " + hidden + " tidak tampil" : "");
    this.show("monitor-visits-more", hidden > 0);
  };

  Screen.prototype.tickRows = function (now) {
    for (var i = 0; i < this.rowCount; i += 1) {
      var row = this.rows[i];
      var seconds = Math.max(0, Math.floor((now - row.since) / 1000));
      var minutes = Math.floor(seconds / 60);
      var text;
      var cls = "pm-visit";
      if (row.waiting) {
        text = "menunggu " + minutes + " mnt";
        cls += " is-wait";
      } else if (row.target === null || row.target === undefined) {
        text = minutes + " mnt";
      } else {
        text = minutes + " / " + row.target + " mnt";
        var target = row.target * 60;
        if (seconds > target) {
          cls += " is-late";
        } else if (seconds * this.warnDenominator >= target * this.warnNumerator) {
          cls += " is-warn";
        }
      }
      if (row.text !== text) { row.text = text; row.minutes.textContent = text; }
      if (row.cls !== cls) { row.cls = cls; row.node.className = cls; }
    }
  };

  function graphDiv(id) {
    var outer = document.getElementById(id);
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  function withValues(trace, x, y) {
    var copy = Object.assign({}, trace);
    copy.x = x;
    copy.y = y;
    return copy;
  }

  function pick(values, hours) {
    var picked = new Array(hours.length);
    for (var i = 0; i < hours.length; i += 1) { picked[i] = values[hours[i]]; }
    return picked;
  }

  function barLabels(counts) {
    var labels = new Array(counts.length);
    for (var i = 0; i < counts.length; i += 1) { labels[i] = counts[i] ? String(counts[i]) : ""; }
    return labels;
  }

  function column(steps, name) {
    var values = new Array(steps.length);
    for (var i = 0; i < steps.length; i += 1) { values[i] = steps[i][name]; }
    return values;
  }

  /* The charts' traces get the new values in place (Plotly.react on the graphs the page
     drew, in the trace order of dashboard/figures/monitor.py); retried each second until
     Plotly and the graphs are there. */
  Screen.prototype.renderCharts = function () {
    var s = this.snapshot;
    if (!s || this.chartsShown === s || !window.Plotly) { return; }
    var arrivals = graphDiv("monitor-arrivals-chart");
    var steps = graphDiv("monitor-steps-chart");
    if (!arrivals || !steps || !arrivals.data || !steps.data) { return; }
    var hours = s.chart_hours;
    var usual = s.usual_by_hour;
    var counts = pick(s.arrivals_by_hour, hours);
    var bars = withValues(arrivals.data[0], hours, counts);
    bars.text = barLabels(counts);
    window.Plotly.react(arrivals, [
      bars,
      withValues(arrivals.data[1], usual ? hours : [], usual ? pick(usual, hours) : [])
    ], arrivals.layout);
    var labels = steps.data[0].y;
    window.Plotly.react(steps, [
      withValues(steps.data[0], column(s.steps, "median_minutes"), labels),
      withValues(steps.data[1], column(s.steps, "max_minutes"), labels),
      withValues(steps.data[2], column(s.steps, "target_minutes"), labels)
    ], steps.layout);
    this.stats.reactCalls += 1;
    this.chartsShown = s;
  };

  // -- every second: the clock, the service window, the timers -----------------------------
  Screen.prototype.tick = function () {
    if (!this.alive()) { stopScreen(); return; }
    var now = Date.now();
    var here = local(now, this.offset);
    this.setText("monitor-clock", fmtClock(here));
    this.setText("monitor-clock-seconds", "." + two(here.getUTCSeconds()));
    if (this.snapshot) {
      this.tickService(now, isoDay(here));
      this.tickRows(now);
      this.renderCharts();
    }
    if (here.getUTCHours() === NIGHTLY_HOUR && now - this.loadedAt > 3600000) {
      this.reloadWhenHealthy();
    }
  };

  Screen.prototype.tickService = function (now, today) {
    var s = this.snapshot;
    var service = s.service;
    if (!service) { return; }
    var opens = Date.parse(service.opens_at);
    var closes = Date.parse(service.closes_at);
    var next = local(Date.parse(service.next_opens_at), this.offset);
    var nextText = "buka lagi " + fmtLongDay(isoDay(next)) + " pukul " + fmtClock(next);
    var closing;
    var notice = null;
    var summary = today !== s.date;
    if (!summary && now >= opens && now < closes) {
      closing = "Tutup pukul " + fmtClock(local(closes, this.offset)) + " \u00b7 sisa " +
        fmtLeft(closes - now);
    } else {
      closing = "Layanan tutup";
      notice = "Di luar jam layanan";
      for (var i = 0; i < service.closed_days.length; i += 1) {
        var day = service.closed_days[i];
        if (day.date === today) {
          notice = day.kind === "holiday" ? "Hari libur: " + day.name : "Akhir pekan";
        }
      }
      if (!summary && now < opens) { nextText = "buka pukul " + fmtClock(local(opens, this.offset)); }
      notice += " \u00b7 layanan " + nextText;
    }
    this.setText("monitor-closing", closing);
    this.setText("monitor-notice", notice || "");
    this.show("monitor-notice", notice !== null);
    this.setText("monitor-summary", summary
      ? "Ringkasan hari kerja terakhir: " + fmtLongDay(s.date) : "");
    if (this.root.classList.contains("is-summary") !== summary) {
      this.root.classList.toggle("is-summary", summary);
    }
  };

  // -- start where the page is, stop when it is gone ---------------------------------------
  function stopScreen() {
    if (screen) { screen.stop(); screen = null; }
    watch();
  }

  function findRoot() {
    var root = document.getElementById(ROOT_ID);
    if (!root) { return; }
    clearInterval(watcher);
    watcher = null;
    screen = new Screen(root);
  }

  function watch() {
    if (watcher === null) { watcher = setInterval(findRoot, 250); }
  }

  watch();
})();
