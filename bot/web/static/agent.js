/* shopbot agent desk: speaks the /ws/agent protocol of docs/protocol.md.
 * All server text is written with textContent; nothing from the wire is parsed as HTML. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var SVG_NS = "http://www.w3.org/2000/svg";
  var TOKEN_KEY = "shopbot:agent-token";
  var DEFAULT_INTENTS = [
    "order_status", "cancel_order", "return_request", "refund_status", "exchange", "shipping_info",
    "payment_issue", "product_question", "recommendation", "size_help", "account", "complaint",
    "human_agent", "greeting", "thanks", "goodbye", "out_of_scope",
  ];

  var ws = null;
  var token = sessionStorage.getItem(TOKEN_KEY) || "";
  var agentName = "";
  var shownAs = "";            // the name customers see for this agent ("" = a neutral "support agent")
  var attempt = 0;
  var retryTimer = null;
  var queue = [];
  var current = null;          // the open conversation's view
  var labels = { intents: DEFAULT_INTENTS.slice(), sentiments: ["negative", "neutral", "positive"] };
  var signedIn = false;
  // Replies on the wire, by client_id, until the server accepts them: resent (same client_id, the server
  // deduplicates) after a reconnect, put back in the reply box if refused, so a reply is never lost.
  var unsent = {};
  // What a pushed product says when the reply box is empty, in the customer's language.
  var PUSH_TEXT = {
    en: "You might like {title} ({price}).",
    zh: "\u60a8\u53ef\u80fd\u4f1a\u559c\u6b22\uff1a{title}\uff08{price}\uff09\u3002",
    es: "Quiz\u00e1 te guste {title} ({price}).",
  };

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = String(text);
    return n;
  }
  function uid() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : "a-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  function safeUrl(u) {
    try {
      var url = new URL(String(u || ""), location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }
  function money(v, c, lang) {
    try { return new Intl.NumberFormat(lang || "en", { style: "currency", currency: c || "USD" }).format(v); }
    catch (e) { return v + " " + (c || ""); }
  }
  // Times: each turn says when it was written (the agent's local clock), each queue item how long ago it
  // last moved, so a customer waiting for a person for ten minutes does not look like one who just wrote.
  function stamp(iso, cls, text) {
    var d = new Date(iso);
    if (!iso || isNaN(d)) return null;
    var n = el("time", cls, text(d));
    n.dateTime = d.toISOString();
    n.title = d.toLocaleString();
    return n;
  }
  function clock(d) { return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }); }
  function ago(d) {
    var s = Math.max(0, (Date.now() - d.getTime()) / 1000);
    if (s < 60) return "just now";
    if (s < 3600) return Math.floor(s / 60) + " min ago";
    if (s < 86400) return Math.floor(s / 3600) + " h ago";
    return Math.floor(s / 86400) + " d ago";
  }
  setInterval(function () {  // in place, so keyboard focus in the queue is not lost
    Array.prototype.forEach.call(document.querySelectorAll("time.ago"), function (n) { n.textContent = ago(new Date(n.dateTime)); });
  }, 30000);

  function send(frame) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return true; }
    return false;
  }
  function sendReply(frame) {
    unsent[frame.client_id] = frame;
    return send(frame);
  }
  function resendReplies() {
    Object.keys(unsent).forEach(function (id) { send(unsent[id]); });
  }
  function refused(f) {
    // a reply the server would not take (e.g. another agent has the conversation now): back into the box
    var frame = unsent[f.client_id];
    delete unsent[f.client_id];
    var box = $("reply");
    if (frame.text && box.value.indexOf(frame.text) < 0) box.value = box.value.trim() ? frame.text + "\n" + box.value : frame.text;
    var note = f.code === "not_owner" && f.detail && f.detail.agent
      ? f.detail.agent + " is handling this conversation now \u2014 your reply was not sent; it is back in the box."
      : "Your reply was not sent (" + (f.message || f.code) + "); it is back in the box.";
    $("send-note").textContent = note;
    $("send-note").hidden = false;
    if (f.code === "not_owner" && f.detail && current && frame.conversation_id === current.conversation_id) {
      current.owner = f.detail.owner;  // who has it now, even if the desk had not heard yet
      current.agent = f.detail.agent;
      renderOwner();
    }
  }

  function setConn(state, text) {
    var c = $("conn");
    c.dataset.state = state;
    c.textContent = text;
  }

  // ------------------------------------------------------------------ sign in / connection
  $("signin-form").addEventListener("submit", function (e) {
    e.preventDefault();
    token = $("token").value.trim();
    $("signin-error").textContent = "";
    connect();
  });
  $("signout").addEventListener("click", function () {
    sessionStorage.removeItem(TOKEN_KEY);
    token = "";
    signedIn = false;
    if (ws) { var s = ws; ws = null; s.close(); }
    clearTimeout(retryTimer);
    showDesk(false);
    setConn("offline", "Signed out");
  });

  function showDesk(on) {
    $("signin").hidden = on;
    $("desk").hidden = !on;
    $("signout").hidden = !on;
    if (!on) $("token").focus();
  }

  function connect() {
    if (!token) return;
    clearTimeout(retryTimer);
    setConn("connecting", "Connecting\u2026");
    var url = location.origin.replace(/^http/, "ws") + "/ws/agent";
    var sock = new WebSocket(url);
    ws = sock;
    sock.onopen = function () {
      sock.send(JSON.stringify({ type: "auth", token: token }));
    };
    sock.onmessage = function (ev) {
      if (ws !== sock) return;
      var f;
      try { f = JSON.parse(ev.data); } catch (e) { return; }
      handle(f);
    };
    sock.onclose = function (ev) {
      if (ws !== sock) return;
      ws = null;
      if (!signedIn) {
        setConn("offline", "Signed out");
        $("signin-error").textContent = ev.code === 4401 || ev.code === 1008 ? "That token was not accepted." : "Could not reach the server.";
        showDesk(false);
        return;
      }
      var delay = Math.min(8000, 500 * Math.pow(2, attempt++));
      setConn("connecting", "Reconnecting\u2026");
      retryTimer = setTimeout(connect, delay);
    };
  }

  function onReady(f) {
    signedIn = true;
    attempt = 0;
    sessionStorage.setItem(TOKEN_KEY, token);
    if (f.agent) agentName = f.agent;
    shownAs = f.display_name || "";
    if (f.intents && f.intents.length) labels.intents = f.intents.slice();
    setConn("online", "Online" + (agentName ? " \u00b7 " + agentName : ""));
    $("send-note").hidden = true;
    showDesk(true);
    send({ type: "subscribe_queue" });
    if (current) send({ type: "open", conversation_id: current.conversation_id });
    resendReplies();
  }

  // ------------------------------------------------------------------ queue
  function riskLevel(r) { return r >= 0.66 ? "high" : r >= 0.33 ? "mid" : "low"; }

  function renderQueue() {
    queue.sort(function (a, b) { return (b.risk || 0) - (a.risk || 0); });
    var ul = $("queue");
    clear(ul);
    $("queue-count").textContent = String(queue.length);
    $("queue-empty").hidden = queue.length > 0;
    queue.forEach(function (q) {
      var level = riskLevel(q.risk || 0);
      var li = el("li", "queue-item risk-" + level);
      li.setAttribute("role", "option");
      li.tabIndex = 0;
      li.dataset.conversationId = q.conversation_id;
      li.setAttribute("aria-selected", current && current.conversation_id === q.conversation_id ? "true" : "false");
      var row = el("div", "row");
      row.appendChild(el("span", "name", q.customer_id || "Guest " + String(q.conversation_id).slice(0, 6)));
      var risk = el("span", "risk risk-" + level, "risk " + Math.round((q.risk || 0) * 100));
      risk.title = q.handoff_reason ? "hand-off: " + q.handoff_reason : "risk score";
      row.appendChild(risk);
      li.appendChild(row);
      var line = el("div", "row");
      line.appendChild(el("span", "preview", q.last_text || ""));
      var age = stamp(q.updated_at, "ago", ago);
      if (age) line.appendChild(age);
      li.appendChild(line);
      var tags = el("div", "row");
      var left = el("span");
      var waiting = q.owner === "agent" && !q.agent;
      left.appendChild(el("span", "tag" + (waiting ? " waiting" : q.owner === "agent" ? " agent" : ""),
        waiting ? "waiting for agent" : q.owner === "agent" ? q.agent : "bot"));
      left.appendChild(document.createTextNode(" "));
      if (q.language) left.appendChild(el("span", "tag", q.language));
      if (q.handoff_reason) { left.appendChild(document.createTextNode(" ")); left.appendChild(el("span", "tag", "hand-off: " + q.handoff_reason)); }
      tags.appendChild(left);
      if (q.sentiment_trend && q.sentiment_trend.length) tags.appendChild(sparkline(q.sentiment_trend.slice(-8), 60, 16));
      li.appendChild(tags);
      var openIt = function () { openConversation(q.conversation_id); };
      li.addEventListener("click", openIt);
      li.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openIt(); } });
      ul.appendChild(li);
    });
  }

  function patchQueue(id, fields) {
    var q = queue.find(function (x) { return x.conversation_id === id; });
    if (q) { Object.assign(q, fields); renderQueue(); }
  }

  function openConversation(id) {
    send({ type: "open", conversation_id: id });
    Array.prototype.forEach.call(document.querySelectorAll(".queue-item"), function (n) {
      n.setAttribute("aria-selected", n.dataset.conversationId === id ? "true" : "false");
    });
  }

  // ------------------------------------------------------------------ conversation view
  function sparkline(values, w, h) {
    w = w || 160;
    h = h || 30;
    var pad = 3;
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", w);
    svg.setAttribute("height", h);
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("role", "img");
    var last = values.length ? values[values.length - 1] : 0;
    svg.setAttribute("aria-label", values.length ? "Sentiment over " + values.length + " turns, latest " + last.toFixed(2) : "No sentiment yet");
    var mid = document.createElementNS(SVG_NS, "line");
    mid.setAttribute("x1", 0); mid.setAttribute("x2", w); mid.setAttribute("y1", h / 2); mid.setAttribute("y2", h / 2);
    mid.setAttribute("stroke", "#d5d8e2"); mid.setAttribute("stroke-dasharray", "3 3");
    svg.appendChild(mid);
    if (!values.length) return svg;
    var step = values.length > 1 ? (w - 2 * pad) / (values.length - 1) : 0;
    var pts = values.map(function (v, i) {
      var x = values.length > 1 ? pad + i * step : w / 2;
      var y = pad + (1 - (Math.max(-1, Math.min(1, v)) + 1) / 2) * (h - 2 * pad);
      return [x, y];
    });
    var line = document.createElementNS(SVG_NS, "polyline");
    line.setAttribute("points", pts.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", last < -0.2 ? "#dc2626" : last > 0.2 ? "#16a34a" : "#4338ca");
    line.setAttribute("stroke-width", "2");
    line.setAttribute("stroke-linejoin", "round");
    svg.appendChild(line);
    pts.forEach(function (p, i) {
      var c = document.createElementNS(SVG_NS, "circle");
      c.setAttribute("cx", p[0]); c.setAttribute("cy", p[1]); c.setAttribute("r", i === pts.length - 1 ? 3 : 2);
      c.setAttribute("fill", values[i] < -0.2 ? "#dc2626" : values[i] > 0.2 ? "#16a34a" : "#64748b");
      svg.appendChild(c);
    });
    return svg;
  }

  function annotationChips(turn) {
    var a = turn.annotation;
    var box = el("div", "chips");
    if (!a) return box;
    var label = turn.label || {};
    var intent = el("span", "chip intent" + (label.intent ? " corrected" : ""), label.intent || a.intent);
    intent.title = "intent" + (label.intent ? " (relabelled from " + a.intent + ")" : "");
    box.appendChild(intent);
    var conf = a.confidence || 0;
    var c = el("span", "chip" + (conf < 0.5 ? " conf-low" : ""), Math.round(conf * 100) + "%");
    c.title = "confidence" + (a.out_of_scope ? " (out of scope)" : "");
    box.appendChild(c);
    var sent = label.sentiment || a.sentiment || "neutral";
    var s = el("span", "chip sent-" + sent + (label.sentiment ? " corrected" : ""), sent);
    s.title = "sentiment";
    box.appendChild(s);
    if (a.language) box.appendChild(el("span", "chip", a.language));
    var rl = el("button", "relabel", "Relabel");
    rl.type = "button";
    rl.setAttribute("aria-label", "Relabel this turn");
    rl.addEventListener("click", function () { openRelabel(turn); });
    box.appendChild(rl);
    return box;
  }

  function renderTurn(turn) {
    var role = turn.role || "customer";
    var div = el("div", "turn " + role);
    if (turn.seq) div.dataset.seq = turn.seq;
    var at = stamp(turn.at, "at", clock);
    if (role === "system") {
      div.textContent = systemText(turn);
      if (at) { div.appendChild(document.createTextNode(" \u00b7 ")); div.appendChild(at); }
      return div;
    }
    var who = role === "customer" ? "Customer" : role === "agent" ? ((turn.payload && turn.payload.agent) || "Agent") : "Bot";
    var whoLine = el("span", "who", who);
    if (at) { whoLine.appendChild(document.createTextNode(" \u00b7 ")); whoLine.appendChild(at); }
    div.appendChild(whoLine);
    div.appendChild(el("div", "text", turn.text || ""));
    var r = replyOf(turn);
    if (turn.payload && turn.payload.event) {
      div.querySelector(".text").textContent = "\u2192 " + turn.payload.event.type + " " + turn.payload.event.product_id;
    }
    if (r.products && r.products.length) {
      div.appendChild(el("span", "who", "Products: " + r.products.map(function (p) { return p.title; }).join(", ")));
    }
    if (r.citations && r.citations.length) {
      div.appendChild(el("span", "who", "Sources: " + r.citations.map(function (c) { return c.title || c.id; }).join(", ")));
    }
    if (role === "customer" && !(turn.payload && turn.payload.event)) div.appendChild(annotationChips(turn));
    return div;
  }

  function systemText(turn) {
    // the bot's hand-off is stored without text (the customer's widget words it): say what happened
    var pl = turn.payload || {};
    if (turn.text) return turn.text;
    if (pl.status === "waiting_for_agent") return "Handed off" + (pl.reason ? " (" + pl.reason.replace(/_/g, " ") + ")" : "") + " \u2014 waiting for an agent";
    return String(pl.status || "").replace(/_/g, " ");
  }

  function replyOf(turn) {
    var p = turn.payload || {};
    return p.reply || (p.products || p.citations ? p : {});
  }

  function renderTranscript() {
    var t = $("transcript");
    clear(t);
    current.turns.forEach(function (turn) { t.appendChild(renderTurn(turn)); });
    t.scrollTop = t.scrollHeight;
    var sp = $("sparkline");
    clear(sp);
    sp.appendChild(sparkline(current.sentiment_trend || []));
  }

  // A hand-off gives the conversation to "agent" before anyone has claimed it (agent is null): it is
  // waiting for a person, not handled by this desk; another agent's conversation is not ours either.
  function isMine() { return !!current && current.owner === "agent" && !!current.agent && current.agent === agentName; }

  function renderOwner() {
    var mine = isMine();
    var waiting = current.owner === "agent" && !current.agent;
    current.resolved = current.status === "resolved";
    var o = $("owner");
    o.textContent = current.resolved ? "Resolved" : mine ? "You are handling this conversation"
      : waiting ? "Waiting for an agent — take over to reply"
      : current.owner === "agent" ? current.agent + " is handling this conversation" : "The bot is handling this conversation";
    o.className = "owner" + (mine ? " agent" : waiting ? " waiting" : "");
    $("take-over").disabled = mine || current.resolved;
    // taking a colleague's conversation is allowed (a supervisor, a shift change) but never unnoticed
    $("take-over").textContent = current.owner === "agent" && current.agent && !mine ? "Take over from " + current.agent : "Take over";
    $("hand-back").disabled = current.owner !== "agent" || current.resolved;
    $("resolve").disabled = !!current.resolved;
    $("send").disabled = !mine || current.resolved;
    $("reply").placeholder = mine ? "Write a reply \u2014 the customer sees it from " + (shownAs || "a support agent") + "\u2026"
      : "Take over to reply to the customer\u2026";
  }

  function productTitles() {
    // product id -> title, from the cards and product citations of this conversation
    var titles = {};
    (current.products || []).forEach(function (p) { titles[p.product_id] = p.title; });
    current.turns.forEach(function (turn) {
      var r = replyOf(turn);
      (r.products || []).forEach(function (p) { titles[p.product_id] = p.title; });
      (r.citations || []).forEach(function (c) { if (c.kind === "product") titles[c.id] = c.title; });
    });
    return titles;
  }

  function renderFocus() {
    // What the bot's memory holds (issue 10): the order and products follow-ups resolve against.
    var box = $("focus");
    clear(box);
    var st = current.state || {};
    var titles = productTitles();
    var rows = [];
    if (st.focus_order) rows.push(["Order", "#" + st.focus_order + (st.order_verified ? " \u00b7 verified" : " \u00b7 not verified")]);
    if (st.focus_products && st.focus_products.length) {
      rows.push(["Products", st.focus_products.slice(0, 4).map(function (id) { return titles[id] || id; }).join(", ")]);
    }
    var list = st.extra && st.extra.last_list;
    if (list && list.length) rows.push(["Last list", list.map(function (id, i) { return (i + 1) + ". " + (titles[id] || id); }).join("  ")]);
    if (st.pending && st.pending.intent) {
      rows.push(["Open request", String(st.pending.intent).replace(/_/g, " ") + (st.pending.stage ? " \u00b7 awaiting " + st.pending.stage : "")]);
    }
    if (st.language) rows.push(["Language", st.language]);
    rows.forEach(function (r) {
      var dt = el("dt", null, r[0]);
      var dd = el("dd", null, r[1]);
      dd.dataset.field = r[0].toLowerCase().replace(/ /g, "-");
      box.appendChild(dt);
      box.appendChild(dd);
    });
    if (!rows.length) { box.appendChild(el("dt", null, "Nothing")); box.appendChild(el("dd", null, "no order or product in focus")); }
  }

  function renderAssist() {
    $("assist-body").hidden = false;
    $("summary").textContent = current.summary || "No summary yet.";
    renderFocus();
    var sug = $("suggestions");
    clear(sug);
    (current.suggested_replies || []).forEach(function (s) {
      var text = typeof s === "string" ? s : s.text;
      var b = el("button", "suggestion", text);
      b.type = "button";
      b.addEventListener("click", function () {
        var box = $("reply");
        box.value = text;
        box.focus();
        box.setSelectionRange(text.length, text.length);
      });
      sug.appendChild(b);
    });
    if (!sug.childNodes.length) sug.appendChild(el("p", "empty", "No suggestions for this turn."));

    var prods = $("products");
    clear(prods);
    (current.products || []).forEach(function (p) {
      var row = el("div", "product");
      var img = el("img");
      img.alt = "";
      var src = safeUrl(p.image);
      if (src) img.src = src;
      row.appendChild(img);
      var info = el("div");
      info.appendChild(el("div", "t", p.title));
      info.appendChild(el("div", "p", money(p.price, p.currency) + (p.reason ? " \u00b7 " + p.reason : "")));
      row.appendChild(info);
      var push = el("button", null, "Push");
      push.type = "button";
      push.setAttribute("aria-label", "Push " + p.title + " into the chat");
      push.addEventListener("click", function () {
        var text = $("reply").value.trim() || (PUSH_TEXT[current.language] || PUSH_TEXT.en)
          .replace("{title}", p.title).replace("{price}", money(p.price, p.currency, current.language));
        if (!isMine()) act("take_over");
        sendReply({ type: "send", conversation_id: current.conversation_id, client_id: uid(), text: text, products: [p.product_id] });
        $("reply").value = "";
      });
      row.appendChild(push);
      prods.appendChild(row);
    });
    if (!prods.childNodes.length) prods.appendChild(el("p", "empty", "No recommendations yet."));

    var prof = $("profile");
    clear(prof);
    var c = current.customer || {};
    var fields = [["Name", c.name], ["Email", c.email], ["Customer id", c.id || c.customer_id || current.customer_id],
      ["Language", c.language || current.language], ["Tier", c.tier], ["Since", c.since || c.created_at]];
    fields.forEach(function (f) {
      if (f[1] == null || f[1] === "") return;
      prof.appendChild(el("dt", null, f[0]));
      prof.appendChild(el("dd", null, f[1]));
    });
    if (!prof.childNodes.length) { prof.appendChild(el("dt", null, "Guest")); prof.appendChild(el("dd", null, "not signed in")); }

    var orders = $("orders");
    clear(orders);
    (current.orders || []).forEach(function (o) {
      var li = el("li");
      var head = el("div");
      head.appendChild(el("b", null, "#" + (o.id || o.order_id)));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "st", o.status));
      li.appendChild(head);
      var bits = [];
      if (o.total != null) bits.push(money(o.total, o.currency));
      if (o.placed_at) bits.push("placed " + String(o.placed_at).slice(0, 10));
      if (o.tracking_number) bits.push((o.carrier ? o.carrier + " " : "") + o.tracking_number);
      li.appendChild(el("span", "p", bits.join(" \u00b7 ")));
      orders.appendChild(li);
    });
    if (!orders.childNodes.length) orders.appendChild(el("li", "empty", "No orders on file."));
  }

  function renderConversation() {
    $("conv-empty").hidden = true;
    $("conv-body").hidden = false;
    var c = current.customer || {};
    $("conv-title").textContent = c.name || current.customer_id || "Guest " + String(current.conversation_id).slice(0, 6);
    var meta = ["conversation " + String(current.conversation_id).slice(0, 8)];
    if (current.language) meta.push(current.language);
    if (current.agent) meta.push("agent: " + current.agent);
    var h = current.handoffs && current.handoffs[current.handoffs.length - 1];
    if (h) meta.push("hand-off: " + (h.reason || ""));
    $("conv-meta").textContent = meta.join(" \u00b7 ");
    renderOwner();
    renderTranscript();
    renderAssist();
  }

  function addTurn(turn) {
    if (turn.seq && current.turns.some(function (x) { return x.seq === turn.seq; })) {
      current.turns = current.turns.map(function (x) { return x.seq === turn.seq ? Object.assign(x, turn) : x; });
    } else {
      current.turns.push(turn);
    }
    renderTranscript();
  }

  // ------------------------------------------------------------------ actions
  function act(type) { if (current) send({ type: type, conversation_id: current.conversation_id }); }
  $("take-over").addEventListener("click", function () { act("take_over"); $("reply").focus(); });
  $("hand-back").addEventListener("click", function () { act("hand_back"); });
  $("resolve").addEventListener("click", function () { act("resolve"); });
  $("composer").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("reply").value.trim();
    if (!text || !isMine()) return;
    var frame = { type: "send", conversation_id: current.conversation_id, client_id: uid(), text: text };
    if (send(frame)) {
      unsent[frame.client_id] = frame;
      $("reply").value = "";
      $("send-note").hidden = true;
    } else {
      // the socket is down: say so instead of a Send that silently does nothing; the text stays
      $("send-note").textContent = "Not connected — your reply was not sent. Send it again once the desk is back online.";
      $("send-note").hidden = false;
    }
  });
  $("reply").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $("composer").requestSubmit(); }
  });

  var relabelTurn = null;
  function openRelabel(turn) {
    relabelTurn = turn;
    var sel = $("relabel-intent");
    clear(sel);
    var current_ = (turn.label && turn.label.intent) || (turn.annotation && turn.annotation.intent);
    var names = labels.intents.slice();
    if (current_ && names.indexOf(current_) < 0) names.unshift(current_);
    names.forEach(function (n) {
      var o = el("option", null, n);
      o.value = n;
      if (n === current_) o.selected = true;
      sel.appendChild(o);
    });
    $("relabel-sentiment").value = (turn.label && turn.label.sentiment) || (turn.annotation && turn.annotation.sentiment) || "neutral";
    $("relabel-text").textContent = turn.text;
    $("relabel-dialog").showModal();
  }
  $("relabel-dialog").addEventListener("close", function () {
    if ($("relabel-dialog").returnValue !== "save" || !relabelTurn || !current) return;
    var label = { intent: $("relabel-intent").value, sentiment: $("relabel-sentiment").value };
    send({ type: "relabel", conversation_id: current.conversation_id, message_seq: relabelTurn.seq, intent: label.intent, sentiment: label.sentiment });
    relabelTurn.label = label;
    renderTranscript();
  });

  // ------------------------------------------------------------------ frames
  function onConversation(f) {
    var ann = f.annotations || {};
    current = {
      conversation_id: f.conversation_id, customer_id: f.customer_id, owner: f.owner, agent: f.agent, status: f.status,
      language: f.language, summary: f.summary, suggested_replies: f.suggested_replies || [], products: f.products || [],
      customer: f.customer || {}, orders: f.orders || [], handoffs: f.handoffs || [], sentiment_trend: f.sentiment_trend || [],
      state: f.state || {},
      turns: (f.transcript || []).map(function (t) { return Object.assign({}, t, { annotation: ann[t.seq] || ann[String(t.seq)] || null }); }),
    };
    renderConversation();
    renderQueue();
  }

  function onTurn(f) {
    patchQueue(f.conversation_id, { risk: f.risk, owner: f.owner, sentiment_trend: f.sentiment_trend });
    if (!current || f.conversation_id !== current.conversation_id) return;
    var turn = current.turns.find(function (x) { return x.seq === f.seq; });
    if (turn) turn.annotation = f.annotation;
    else current.turns.push({ seq: f.seq, role: "customer", text: "", annotation: f.annotation });
    current.suggested_replies = f.suggested_replies || [];
    current.sentiment_trend = f.sentiment_trend || current.sentiment_trend;
    current.owner = f.owner || current.owner;
    if (f.summary) current.summary = f.summary;
    if (f.state) current.state = f.state;
    if (f.handoff) current.handoffs.push(f.handoff);
    renderConversation();
  }

  function onMessage(f) {
    var m = f.message || {};
    var pl = m.payload || {};
    if (m.role === "customer" && m.text) patchQueue(f.conversation_id, { last_text: m.text });
    if (m.role === "system" && pl.owner) patchQueue(f.conversation_id, { owner: pl.owner, agent: pl.agent });
    if (!current || f.conversation_id !== current.conversation_id) return;
    if (m.role === "system" && pl.status) {
      // ownership changes arrive as system messages: {status, owner, agent}
      current.owner = pl.owner || current.owner;
      current.agent = pl.agent;
      if (pl.status === "resolved") current.status = "resolved";
      else if (current.status === "resolved") current.status = "open";
      renderOwner();
    }
    var cards = m.role === "bot" ? replyOf(m).products || [] : [];
    if (cards.length) {
      var ids = cards.map(function (c) { return c.product_id; });
      current.products = cards.concat(current.products.filter(function (c) { return ids.indexOf(c.product_id) < 0; })).slice(0, 5);
      renderAssist();
    }
    addTurn(m);
  }

  function onSummary(f) {
    // an agent took over, handed back or resolved: the new owner and the summary that says so
    patchQueue(f.conversation_id, { owner: f.owner, agent: f.agent });
    if (!current || f.conversation_id !== current.conversation_id) return;
    current.owner = f.owner;
    current.agent = f.agent;
    current.status = f.status;
    current.summary = f.summary;
    renderOwner();
    $("summary").textContent = current.summary || "No summary yet.";
  }

  function handle(f) {
    switch (f.type) {
      case "auth_ok": return onReady(f);
      case "queue": queue = (f.items || []).slice(); return renderQueue();
      case "conversation": return onConversation(f);
      case "message": return onMessage(f);
      case "turn": return onTurn(f);
      case "summary": return onSummary(f);
      case "accepted": delete unsent[f.client_id]; return;
      case "relabeled": case "pong": return;
      case "reconnect":
        if (ws) { var old = ws; old.close(); }
        return;
      case "error":
        if (f.client_id && unsent[f.client_id]) {
          if (f.retryable) setTimeout(function () { if (unsent[f.client_id]) send(unsent[f.client_id]); }, 1000);
          else refused(f);
          return;
        }
        if (!signedIn || f.code === "unauthorized") {
          signedIn = false;
          sessionStorage.removeItem(TOKEN_KEY);
          $("signin-error").textContent = f.code === "unauthorized" ? "That token was not accepted." : f.message;
          if (ws) { var s = ws; ws = null; s.close(); }
          showDesk(false);
          setConn("offline", "Signed out");
        } else {
          setConn("online", "Online \u00b7 " + f.message);
        }
        return;
      default: return;
    }
  }

  if (token) connect(); else showDesk(false);
})();
