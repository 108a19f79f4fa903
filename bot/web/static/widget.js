/* shopbot chat widget: one tag embeds it on any page.
 *
 *   <script src="https://bot.example.com/widget.js" data-shopbot-url="" defer></script>
 *
 * data-shopbot-url is the bot server's origin (empty = where this script came from);
 * data-shopbot-title, data-shopbot-lang (en|zh|es) and data-shopbot-customer (the signed-in
 * shopper's id, set by the store) are optional.
 * Speaks the /ws/chat protocol of docs/protocol.md. No build step, no dependencies.
 * Every piece of server or customer text is written with textContent, never as HTML.
 */
(function () {
  "use strict";
  if (window.__shopbotWidget) return;
  window.__shopbotWidget = true;

  var script = document.currentScript || document.querySelector("script[data-shopbot-url]");
  var attr = function (name) { return script ? script.getAttribute(name) : null; };
  var BASE = (attr("data-shopbot-url") || (script && script.src ? new URL(script.src, location.href).origin : location.origin)).replace(/\/+$/, "");
  var WS_URL = BASE.replace(/^http/, "ws") + "/ws/chat";
  var STORE_KEY = "shopbot:v1:" + BASE;
  var MAX_KEPT = 200;
  var MAX_TEXT = 2000;  // the server's limits.max_text_chars (docs/protocol.md)
  var SVG_NS = "http://www.w3.org/2000/svg";
  var HAN = /[\u3400-\u9fff]/;

  // ------------------------------------------------------------------ UI strings
  var STRINGS = {
    en: {
      title: "Shop assistant", open: "Open chat", close: "Close chat", send: "Send message",
      input: "Type your message", placeholder: "Ask about orders, returns, products\u2026",
      log: "Conversation", you: "You", bot: "Assistant", agent: "Support agent",
      online: "Online \u00b7 usually replies instantly", connecting: "Connecting\u2026",
      waitingPerson: "Waiting for a person\u2026", personReplying: "A person is replying",
      reconnecting: "Reconnecting in {s}s\u2026", offline: "Offline \u2014 messages will be sent when you're back",
      sending: "Sending\u2026", sources: "Sources ({n})", view: "View", add: "Add to cart", added: "Added",
      suggestions: "Suggested replies", typing: "Assistant is typing", products: "Suggested products",
      agentJoined: "{name} joined the conversation", someAgentJoined: "A support agent joined the conversation",
      agentLeft: "You're chatting with the assistant again",
      resolved: "This conversation was marked as resolved", newConv: "A new conversation was started",
      powered: "Answers cite the store's help pages", unread: "{n} unread",
      waiting: "Waiting for a support agent\u2026", failed: "Something went wrong", notSent: "Not sent",
      tooLong: "Too long: {n} / {max} characters", notSentTooLong: "Not sent: longer than {max} characters",
      addedLabel: "Added to cart", kind_faq: "FAQ", kind_policy: "Policy", kind_product: "Product", kind_order: "Order",
    },
    zh: {
      title: "\u8d2d\u7269\u52a9\u624b", open: "\u6253\u5f00\u804a\u5929", close: "\u5173\u95ed\u804a\u5929", send: "\u53d1\u9001",
      input: "\u8f93\u5165\u6d88\u606f", placeholder: "\u54a8\u8be2\u8ba2\u5355\u3001\u9000\u6362\u8d27\u3001\u5546\u54c1\u2026",
      log: "\u5bf9\u8bdd", you: "\u6211", bot: "\u52a9\u624b", agent: "\u5ba2\u670d",
      online: "\u5728\u7ebf \u00b7 \u901a\u5e38\u7acb\u5373\u56de\u590d", connecting: "\u6b63\u5728\u8fde\u63a5\u2026",
      waitingPerson: "\u6b63\u5728\u7b49\u5f85\u4eba\u5de5\u5ba2\u670d\u2026", personReplying: "\u4eba\u5de5\u5ba2\u670d\u6b63\u5728\u56de\u590d",
      reconnecting: "{s} \u79d2\u540e\u91cd\u65b0\u8fde\u63a5\u2026", offline: "\u5df2\u79bb\u7ebf\u2014\u2014\u6062\u590d\u8fde\u63a5\u540e\u5c06\u81ea\u52a8\u53d1\u9001",
      sending: "\u53d1\u9001\u4e2d\u2026", sources: "\u6765\u6e90\uff08{n}\uff09", view: "\u67e5\u770b", add: "\u52a0\u5165\u8d2d\u7269\u8f66", added: "\u5df2\u52a0\u5165",
      suggestions: "\u5feb\u6377\u56de\u590d", typing: "\u52a9\u624b\u6b63\u5728\u8f93\u5165", products: "\u63a8\u8350\u5546\u54c1",
      agentJoined: "{name} \u5df2\u52a0\u5165\u5bf9\u8bdd", someAgentJoined: "\u5ba2\u670d\u5df2\u52a0\u5165\u5bf9\u8bdd",
      agentLeft: "\u73b0\u5728\u7531\u52a9\u624b\u4e3a\u60a8\u670d\u52a1",
      resolved: "\u6b64\u5bf9\u8bdd\u5df2\u89e3\u51b3", newConv: "\u5df2\u5f00\u59cb\u65b0\u5bf9\u8bdd",
      powered: "\u56de\u7b54\u5747\u5f15\u7528\u5546\u5e97\u5e2e\u52a9\u9875\u9762", unread: "{n} \u6761\u672a\u8bfb",
      waiting: "\u6b63\u5728\u7b49\u5f85\u4eba\u5de5\u5ba2\u670d\u2026", failed: "\u51fa\u9519\u4e86", notSent: "\u672a\u53d1\u9001",
      tooLong: "\u592a\u957f\u4e86\uff1a{n} / {max} \u5b57", notSentTooLong: "\u672a\u53d1\u9001\uff1a\u8d85\u8fc7 {max} \u5b57",
      addedLabel: "\u5df2\u52a0\u5165\u8d2d\u7269\u8f66", kind_faq: "\u5e38\u89c1\u95ee\u9898", kind_policy: "\u653f\u7b56", kind_product: "\u5546\u54c1", kind_order: "\u8ba2\u5355",
    },
    es: {
      title: "Asistente de la tienda", open: "Abrir chat", close: "Cerrar chat", send: "Enviar mensaje",
      input: "Escribe tu mensaje", placeholder: "Pregunta por pedidos, devoluciones, productos\u2026",
      log: "Conversaci\u00f3n", you: "T\u00fa", bot: "Asistente", agent: "Agente de soporte",
      online: "En l\u00ednea \u00b7 responde al instante", connecting: "Conectando\u2026",
      waitingPerson: "Esperando a una persona\u2026", personReplying: "Te responde una persona",
      reconnecting: "Reconectando en {s} s\u2026", offline: "Sin conexi\u00f3n: los mensajes se enviar\u00e1n al volver",
      sending: "Enviando\u2026", sources: "Fuentes ({n})", view: "Ver", add: "A\u00f1adir al carrito", added: "A\u00f1adido",
      suggestions: "Respuestas sugeridas", typing: "El asistente est\u00e1 escribiendo", products: "Productos sugeridos",
      agentJoined: "{name} se uni\u00f3 a la conversaci\u00f3n",
      someAgentJoined: "Un agente de soporte se uni\u00f3 a la conversaci\u00f3n", agentLeft: "Vuelves a hablar con el asistente",
      resolved: "La conversaci\u00f3n se marc\u00f3 como resuelta", newConv: "Se inici\u00f3 una conversaci\u00f3n nueva",
      powered: "Las respuestas citan las p\u00e1ginas de ayuda", unread: "{n} sin leer",
      waiting: "Esperando a un agente\u2026", failed: "Algo sali\u00f3 mal", notSent: "No enviado",
      tooLong: "Demasiado largo: {n} / {max} caracteres", notSentTooLong: "No enviado: m\u00e1s de {max} caracteres",
      addedLabel: "A\u00f1adido al carrito", kind_faq: "Preguntas frecuentes", kind_policy: "Pol\u00edtica", kind_product: "Producto", kind_order: "Pedido",
    },
  };
  function pickLang(tag) {
    tag = String(tag || "").toLowerCase();
    if (tag.indexOf("zh") === 0) return "zh";
    if (tag.indexOf("es") === 0) return "es";
    return tag.indexOf("en") === 0 ? "en" : null;
  }

  // ------------------------------------------------------------------ persisted state
  var state = load();
  function load() {
    var s = null;
    try { s = JSON.parse(localStorage.getItem(STORE_KEY) || "null"); } catch (e) { s = null; }
    s = s || {};
    return {
      conversation_id: s.conversation_id || null,
      resume_token: s.resume_token || null,
      last_seq: s.last_seq || 0,
      messages: Array.isArray(s.messages) ? s.messages : [],
      outbox: Array.isArray(s.outbox) ? s.outbox : [],
      lang: s.lang || pickLang(attr("data-shopbot-lang")) || pickLang(navigator.language) || "en",
      open: !!s.open,
      unread: s.unread || 0,  // replies the customer has not seen, kept across the store's pages
      agent: s.agent || null,
      owner: s.owner || "bot",
      // a person took the chat over (owner "agent" without it: waiting for one); older saves only kept agent
      joined: s.joined != null ? !!s.joined : !!s.agent,
    };
  }
  function save() {
    state.messages = state.messages.slice(-MAX_KEPT);
    try { localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode: memory only */ }
  }
  function t(key, vars) {
    var s = (STRINGS[state.lang] || STRINGS.en)[key] || STRINGS.en[key] || key;
    Object.keys(vars || {}).forEach(function (k) { s = s.replace("{" + k + "}", String(vars[k])); });
    return s;
  }
  function uid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "c-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  }

  // ------------------------------------------------------------------ DOM helpers (text only)
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = String(text);
    return n;
  }
  function icon(paths, size) {
    var s = document.createElementNS(SVG_NS, "svg");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("fill", "none");
    s.setAttribute("stroke", "currentColor");
    s.setAttribute("stroke-width", "2");
    s.setAttribute("stroke-linecap", "round");
    s.setAttribute("stroke-linejoin", "round");
    if (size) { s.setAttribute("width", size); s.setAttribute("height", size); }
    paths.forEach(function (d) {
      var p = document.createElementNS(SVG_NS, "path");
      p.setAttribute("d", d);
      s.appendChild(p);
    });
    return s;
  }
  var ICON_CHAT = ["M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z", "M8.5 12h.01M12 12h.01M15.5 12h.01"];
  var ICON_BOT = ["M12 3v3", "M5 9a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3H8a3 3 0 0 1-3-3z", "M9.5 12h.01M14.5 12h.01", "M9.5 15h5"];
  var ICON_CLOSE = ["M6 6l12 12", "M18 6L6 18"];
  var ICON_SEND = ["M4 12l16-8-6 16-2.5-6.5z", "M11.5 13.5L20 4"];
  function safeUrl(u) {
    if (!u) return null;
    try {
      var url = new URL(String(u), BASE + "/");
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }
  function money(price, currency) {
    try { return new Intl.NumberFormat(state.lang, { style: "currency", currency: currency || "USD" }).format(price); }
    catch (e) { return String(price) + " " + (currency || ""); }
  }

  // ------------------------------------------------------------------ build the widget
  var host = el("div");
  host.id = "shopbot-widget";
  var root = host.attachShadow({ mode: "open" });
  var css = el("link");
  css.rel = "stylesheet";
  css.href = BASE + "/static/widget.css";
  root.appendChild(css);

  var launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-controls", "sb-panel");
  launcher.setAttribute("aria-expanded", "false");
  var chatIcon = icon(ICON_CHAT);
  chatIcon.setAttribute("class", "when-closed");
  var closeIcon = icon(["M6 9l6 6 6-6"]);
  closeIcon.setAttribute("class", "when-open");
  launcher.appendChild(chatIcon);
  launcher.appendChild(closeIcon);
  var badge = el("span", "badge");
  launcher.appendChild(badge);

  var panel = el("section", "panel");
  panel.id = "sb-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "false");
  panel.setAttribute("aria-labelledby", "sb-title");

  var head = el("header", "head");
  var avatar = el("div", "avatar");
  avatar.appendChild(icon(ICON_BOT));
  var titles = el("div", "titles");
  var title = el("h2", null, attr("data-shopbot-title") || "");
  title.id = "sb-title";
  var status = el("div", "status");
  // The visible line counts down ("Reconnecting in 3 s…"); a screen reader hears only real changes, from
  // its own live region, instead of a new announcement every second.
  status.setAttribute("aria-hidden", "true");
  var announce = el("div", "sr-only");
  announce.setAttribute("role", "status");
  var statusDot = el("span", "dot");
  var statusText = el("span");
  status.appendChild(statusDot);
  status.appendChild(statusText);
  titles.appendChild(title);
  titles.appendChild(status);
  titles.appendChild(announce);
  var closeBtn = el("button", "close");
  closeBtn.type = "button";
  closeBtn.appendChild(icon(ICON_CLOSE));
  head.appendChild(avatar);
  head.appendChild(titles);
  head.appendChild(closeBtn);

  var log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.tabIndex = 0;
  var typing = el("div", "typing");
  typing.hidden = true;
  typing.setAttribute("role", "status");
  for (var i = 0; i < 3; i++) typing.appendChild(el("span"));
  var typingLabel = el("span", "sr-only");
  typing.appendChild(typingLabel);
  log.appendChild(typing);

  var form = el("form", "composer");
  var inputLabel = el("label", "sr-only");
  inputLabel.htmlFor = "sb-input";
  var input = el("textarea");
  input.id = "sb-input";
  input.rows = 1;
  // No maxLength: it would silently cut a pasted message; the counter says so and Send waits instead.
  input.setAttribute("aria-describedby", "sb-count");
  input.setAttribute("enterkeyhint", "send");
  var sendBtn = el("button", "send");
  sendBtn.type = "submit";
  sendBtn.disabled = true;
  sendBtn.appendChild(icon(ICON_SEND));
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(sendBtn);
  var counter = el("div", "counter");
  counter.id = "sb-count";
  counter.hidden = true;
  counter.setAttribute("aria-live", "polite");
  var foot = el("div", "foot");

  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(counter);
  panel.appendChild(foot);
  root.appendChild(panel);
  root.appendChild(launcher);

  function applyStrings() {
    panel.setAttribute("lang", state.lang);
    if (!attr("data-shopbot-title")) title.textContent = t("title");
    launcher.setAttribute("aria-label", t("open"));
    closeBtn.setAttribute("aria-label", t("close"));
    sendBtn.setAttribute("aria-label", t("send"));
    inputLabel.textContent = t("input");
    input.placeholder = t("placeholder");
    log.setAttribute("aria-label", t("log"));
    typingLabel.textContent = t("typing");
    foot.textContent = t("powered");
    renderStatus();
    autosize();
    showUnread();
  }

  // ------------------------------------------------------------------ rendering
  var nodes = {};  // message key -> element, so updates (accepted, resends) never duplicate

  function showUnread() {
    badge.textContent = String(state.unread);
    badge.classList.toggle("show", state.unread > 0);
    launcher.setAttribute("aria-label", state.unread > 0 ? t("open") + " (" + t("unread", { n: state.unread }) + ")" : t("open"));
  }

  function kindLabel(kind) {
    var label = t("kind_" + kind);
    return label === "kind_" + kind ? kind : label;
  }

  function renderCitations(citations) {
    var d = el("details", "sources");
    d.appendChild(el("summary", null, t("sources", { n: citations.length })));
    var ol = el("ol");
    citations.forEach(function (c) {
      var li = el("li");
      var href = safeUrl(c.url);
      var a = el(href ? "a" : "span", "src-title", c.title || c.id);
      if (href) { a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer"; }
      li.appendChild(a);
      if (c.kind) li.appendChild(el("span", "kind", kindLabel(c.kind)));
      if (c.snippet) li.appendChild(el("span", "snippet", c.snippet));
      ol.appendChild(li);
    });
    d.appendChild(ol);
    return d;
  }

  function placeholderImage() {
    var s = document.createElementNS(SVG_NS, "svg");
    s.setAttribute("viewBox", "0 0 172 104");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("width", "100%");
    s.setAttribute("height", "104");
    var r = document.createElementNS(SVG_NS, "rect");
    r.setAttribute("width", "172"); r.setAttribute("height", "104"); r.setAttribute("fill", "#eef0f6");
    s.appendChild(r);
    var g = icon(["M4 7l8-4 8 4-8 4z", "M4 7v10l8 4 8-4V7", "M12 11v10"]);
    g.setAttribute("x", "68"); g.setAttribute("y", "34"); g.setAttribute("width", "36"); g.setAttribute("height", "36");
    g.setAttribute("stroke", "#a3aac0");
    s.appendChild(g);
    return s;
  }

  function renderCard(p, m) {
    var card = el("article", "card");
    card.setAttribute("aria-label", p.title);
    card.dataset.productId = p.product_id;
    var src = safeUrl(p.image);
    if (src) {
      var img = el("img");
      img.alt = "";
      img.loading = "lazy";
      img.src = src;
      img.onerror = function () { if (img.parentNode) img.parentNode.replaceChild(placeholderImage(), img); };
      card.appendChild(img);
    } else {
      card.appendChild(placeholderImage());
    }
    var body = el("div", "body");
    body.appendChild(el("h3", null, p.title));
    body.appendChild(el("div", "price", money(p.price, p.currency)));
    if (p.reason) body.appendChild(el("div", "reason", p.reason));
    var actions = el("div", "actions");
    var view = el("button", null, t("view"));
    view.type = "button";
    view.setAttribute("aria-label", t("view") + ": " + p.title);
    view.addEventListener("click", function () {
      sendEvent("product_click", p.product_id);
      window.dispatchEvent(new CustomEvent("shopbot:view-product", { detail: { product_id: p.product_id } }));
    });
    var add = el("button", "primary");
    add.type = "button";
    function showAdded(done) {
      // kept with the message (reloads, language switches); a second press adds nothing. aria-disabled,
      // not disabled, so keyboard focus stays on the button and a screen reader hears the new label.
      add.textContent = t(done ? "added" : "add");
      add.className = done ? "done" : "primary";
      add.setAttribute("aria-label", t(done ? "addedLabel" : "add") + ": " + p.title);
      if (done) add.setAttribute("aria-disabled", "true");
    }
    var added = function () { return !!(m && m.added && m.added.indexOf(p.product_id) >= 0); };
    showAdded(added());
    add.addEventListener("click", function () {
      if (added()) return;
      if (m) { m.added = (m.added || []).concat([p.product_id]); save(); }
      showAdded(true);
      sendEvent("add_to_cart", p.product_id);
      window.dispatchEvent(new CustomEvent("shopbot:add-to-cart", { detail: { product_id: p.product_id } }));
    });
    actions.appendChild(view);
    actions.appendChild(add);
    body.appendChild(actions);
    card.appendChild(body);
    return card;
  }

  function renderChips(replies) {
    var box = el("div", "chips");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t("suggestions"));
    replies.forEach(function (q) {
      var b = el("button", "chip", q);
      b.type = "button";
      b.addEventListener("click", function () { submit(q); });
      box.appendChild(b);
    });
    return box;
  }

  // When a message was stored (the server's time, shown on the customer's clock): today just the time,
  // an older conversation picked up again also the day.
  function when(m) {
    var d = new Date(m.at || "");
    if (!m.at || isNaN(d)) return null;
    var today = new Date().toDateString() === d.toDateString();
    var opts = today ? { hour: "2-digit", minute: "2-digit" } : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
    var n = el("time", "at", d.toLocaleString(state.lang, opts));
    n.dateTime = d.toISOString();
    return n;
  }
  function timeLine(m) {
    var at = when(m);
    if (!at) return null;
    var line = el("div", "meta");
    line.appendChild(at);
    return line;
  }

  function whoLabel(m) {
    if (m.role === "customer") return t("you");
    if (m.role === "agent") return m.agent_name ? m.agent_name + " \u00b7 " + t("agent") : t("agent");
    return t("bot");
  }

  function renderMessage(m) {
    var wrap = el("div", "msg " + m.role);
    wrap.dataset.key = m.key;
    if (m.seq) wrap.dataset.seq = m.seq;
    if (m.role === "system") {
      wrap.appendChild(el("div", "bubble", m.text));
      if (timeLine(m)) wrap.appendChild(timeLine(m));
      return wrap;
    }
    if (m.role !== "customer") wrap.appendChild(el("div", "who", whoLabel(m)));
    if (m.text) wrap.appendChild(el("div", "bubble", m.text));
    var r = m.reply || {};
    if (r.products && r.products.length) {
      var cards = el("div", "cards");
      cards.setAttribute("role", "list");
      cards.setAttribute("aria-label", t("products"));
      r.products.forEach(function (p) {
        var c = renderCard(p, m);
        c.setAttribute("role", "listitem");
        cards.appendChild(c);
      });
      wrap.appendChild(cards);
    }
    if (r.citations && r.citations.length) wrap.appendChild(renderCitations(r.citations));
    var mine = m.role === "customer";
    if (mine && m.pending) wrap.classList.add("pending");
    else if (mine && m.failed) wrap.classList.add("failed");
    var meta = mine && m.pending ? el("div", "meta", t("sending"))
      : mine && m.failed ? el("div", "meta", m.failed === "text_too_long" ? t("notSentTooLong", { max: MAX_TEXT }) : t("notSent"))
      : timeLine(m);
    if (meta) wrap.appendChild(meta);
    return wrap;
  }

  function mount(m, before) {
    var node = renderMessage(m);
    var old = nodes[m.key];
    if (old && old.parentNode) old.remove();
    log.insertBefore(node, (before && nodes[before.key]) || typing);
    nodes[m.key] = node;
  }

  function refreshChips() {
    Array.prototype.forEach.call(log.querySelectorAll(".chips"), function (c) { c.remove(); });
    var last = state.messages[state.messages.length - 1];
    if (last && last.role === "bot" && last.reply && last.reply.quick_replies && last.reply.quick_replies.length) {
      var node = nodes[last.key];
      if (node) node.appendChild(renderChips(last.reply.quick_replies));
    }
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function renderAll() {
    Array.prototype.forEach.call(log.querySelectorAll(".msg"), function (n) { n.remove(); });
    nodes = {};
    state.messages.forEach(function (m) { mount(m); });
    refreshChips();
    scrollDown();
  }

  function addMessage(m) {
    // Kept in seq order (the server's order); messages not yet sequenced stay at the end.
    var idx = -1;
    for (var i = 0; i < state.messages.length; i++) if (state.messages[i].key === m.key) { idx = i; break; }
    if (idx >= 0) state.messages.splice(idx, 1);
    var pos = state.messages.length;
    for (var j = 0; m.seq && j < state.messages.length; j++) {
      var other = state.messages[j];
      if ((!other.seq && other.role === "customer") || other.seq > m.seq) { pos = j; break; }
    }
    state.messages.splice(pos, 0, m);
    if (panel.hidden && m.role !== "customer" && m.role !== "system" && idx < 0) {
      state.unread += 1;
      showUnread();
    }
    save();
    mount(m, state.messages[pos + 1]);
    refreshChips();
    scrollDown();
  }

  function systemNote(text) { addMessage({ key: "sys-" + uid(), role: "system", text: text }); }

  var typingTimer = null;
  function setTyping(on) {
    // While an agent owns the chat, replies come when a person writes: no bot typing dots.
    if (on && state.owner === "agent") on = false;
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) {
      scrollDown();
      typingTimer = setTimeout(function () { typing.hidden = true; }, 20000);
    }
  }

  // ------------------------------------------------------------------ open / close
  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    state.unread = 0;
    showUnread();
    state.open = true;
    save();
    scrollDown();
    connect();
    if (focus !== false) input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  closeBtn.addEventListener("click", close);
  root.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); close(); }
  });

  // ------------------------------------------------------------------ composer
  function length(text) { return Array.from(String(text || "").trim()).length; }  // code points, as the server counts
  function autosize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 110) + "px";
    var n = length(input.value);
    var over = n > MAX_TEXT;
    sendBtn.disabled = !n || over;
    counter.hidden = n < MAX_TEXT * 0.9;
    counter.classList.toggle("over", over);
    counter.textContent = over ? t("tooLong", { n: n, max: MAX_TEXT }) : n + " / " + MAX_TEXT;
    if (over) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }
  input.addEventListener("input", autosize);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(input.value); }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(input.value); });

  function submit(text) {
    text = String(text || "").trim();
    if (!text || length(text) > MAX_TEXT) return false;  // the counter already says why; the text stays
    var client_id = uid();
    if (HAN.test(text)) switchLang("zh");
    addMessage({ key: "c-" + client_id, role: "customer", text: text, client_id: client_id, pending: true });
    state.outbox.push({ type: "message", client_id: client_id, text: text });
    save();
    input.value = "";
    autosize();
    input.focus();
    if (ready) setTyping(true);
    pump();
  }

  // ------------------------------------------------------------------ connection
  var ws = null;
  var ready = false;       // welcome received on the current socket
  var attempt = 0;
  var retryTimer = null;
  var countdownTimer = null;
  var connState = "connecting";
  var retryAt = 0;

  function renderStatus() {
    status.dataset.state = connState;
    // online: who answers next, truthfully: the bot at once, a person being waited for, or a person
    var said = t(connState === "online" ? (state.owner !== "agent" ? "online" : state.joined ? "personReplying" : "waitingPerson")
      : connState === "offline" ? "offline" : "connecting");
    statusText.textContent = connState === "reconnecting"
      ? t("reconnecting", { s: Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)) }) : said;
    if (announce.textContent !== said) announce.textContent = said;
  }
  function setConn(s) {
    connState = s;
    clearInterval(countdownTimer);
    if (s === "reconnecting") countdownTimer = setInterval(renderStatus, 500);
    renderStatus();
  }

  function sendFrame(frame) {
    if (!ws || ws.readyState !== 1 || !ready) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  // The outbox: customer messages and card events not yet accepted, persisted with the conversation.
  // They go one at a time in the order they were made (the server answers a connection's turns one
  // after the other anyway) and leave the outbox only when accepted (or refused for good), so a
  // crash, a reload or a retryable error loses and reorders nothing; resends keep their client_id.
  var inflight = null;  // client_id of the outbox frame on the wire
  var pumpTimer = null;
  function pump() {
    if (inflight || !ready || !state.outbox.length) return;
    var o = state.outbox[0];
    if (!o.type) o = state.outbox[0] = { type: "message", client_id: o.client_id, text: o.text };
    if (sendFrame(o)) inflight = o.client_id;
  }

  function sendEvent(kind, productId) {
    state.outbox.push({ type: "event", client_id: uid(), event: { type: kind, product_id: productId } });
    save();
    pump();
  }

  function connect() {
    if (ws && (ws.readyState === 0 || ws.readyState === 1)) return;
    clearTimeout(retryTimer);
    ready = false;
    setConn(attempt ? "reconnecting" : "connecting");
    var sock;
    try { sock = new WebSocket(WS_URL); } catch (e) { scheduleReconnect(); return; }
    ws = sock;
    sock.onopen = function () {
      if (ws !== sock) return;
      var hello = { type: "hello", protocol: 1, last_seq: state.last_seq, language: state.lang };
      if (state.conversation_id) hello.conversation_id = state.conversation_id;
      if (state.resume_token) hello.resume_token = state.resume_token;
      if (attr("data-shopbot-customer")) hello.customer_id = attr("data-shopbot-customer");
      sock.send(JSON.stringify(hello));
    };
    sock.onmessage = function (ev) {
      if (ws !== sock) return;
      var frame;
      try { frame = JSON.parse(ev.data); } catch (e) { return; }
      if (frame && typeof frame.type === "string") handle(frame);
    };
    sock.onclose = function () {
      if (ws !== sock) return;
      ws = null;
      ready = false;
      inflight = null;
      setTyping(false);
      scheduleReconnect();
    };
    sock.onerror = function () { /* onclose follows */ };
  }

  function scheduleReconnect(afterMs) {
    clearTimeout(retryTimer);
    var delay = afterMs != null ? afterMs : Math.min(8000, 400 * Math.pow(2, attempt)) * (0.8 + Math.random() * 0.4);
    attempt += 1;
    retryAt = Date.now() + delay;
    setConn(navigator.onLine === false ? "offline" : "reconnecting");
    retryTimer = setTimeout(connect, delay);
  }
  window.addEventListener("online", function () { attempt = 0; connect(); });
  window.addEventListener("offline", function () { setConn("offline"); });

  function onWelcome(f) {
    if (state.conversation_id && (f.conversation_id !== state.conversation_id || f.resumed === false)) {
      // The server could not resume (expired or unknown): start over but keep unsent messages.
      state.messages = state.messages.filter(function (m) { return m.pending; });
      state.last_seq = 0;
      renderAll();
      systemNote(t("newConv"));
    }
    state.conversation_id = f.conversation_id;
    if (f.resume_token) state.resume_token = f.resume_token;
    if (f.language) switchLang(f.language);
    state.owner = f.owner || "bot";
    if (state.owner !== "agent") state.joined = false;
    save();
    ready = true;
    attempt = 0;
    setConn("online");
    // Resend everything not yet accepted, with the same client_id: the server deduplicates.
    inflight = null;
    pump();
    if (state.outbox.some(function (o) { return o.type !== "event"; })) setTyping(true);
  }

  function seen(seq) {
    if (!seq) return false;
    return state.messages.some(function (m) { return m.seq === seq; });
  }
  function bumpSeq(seq) {
    if (seq && seq > state.last_seq) state.last_seq = seq;
  }

  function switchLang(tag) {
    var l = pickLang(tag);
    if (l && l !== state.lang) {
      state.lang = l;
      save();
      applyStrings();
      renderAll();
    }
  }

  function onAccepted(f) {
    delete retries[f.client_id];
    if (inflight === f.client_id) inflight = null;
    state.outbox = state.outbox.filter(function (o) { return o.client_id !== f.client_id; });
    var m = null;
    state.messages.forEach(function (x) { if (x.client_id === f.client_id) m = x; });
    if (m) {
      m.pending = false;
      m.seq = f.seq;
      m.at = f.at || m.at;
      addMessage(m);
    }
    bumpSeq(f.seq);
    save();
    pump();
  }

  function onCustomerEcho(f) {
    // A customer turn replayed by the server (after a reload that lost local storage).
    if (seen(f.seq) || state.messages.some(function (m) { return f.client_id && m.client_id === f.client_id; })) {
      bumpSeq(f.seq);
      return;
    }
    if (!f.event && f.text) addMessage({ key: "c-" + (f.client_id || f.seq), role: "customer", text: f.text, client_id: f.client_id, seq: f.seq, at: f.at });
    bumpSeq(f.seq);
    save();
  }

  function onBotMessage(f) {
    failures = 0;
    if (!seen(f.seq)) {
      var reply = f.reply || { text: f.text || "" };
      if (f.language) switchLang(f.language);
      else if (HAN.test(reply.text || "")) switchLang("zh");
      addMessage({ key: "s-" + f.seq, role: "bot", text: reply.text, reply: reply, seq: f.seq, at: f.at });
    }
    bumpSeq(f.seq);
    save();
    sendFrame({ type: "ack", seq: f.seq });
    if (!state.outbox.length) setTyping(false);
  }

  function onAgentMessage(f) {
    if (!seen(f.seq)) {
      var reply = f.reply || { text: f.text || "", products: f.products || [] };
      addMessage({ key: "s-" + f.seq, role: "agent", text: reply.text, reply: reply, seq: f.seq, agent_name: f.agent, at: f.at });
    }
    bumpSeq(f.seq);
    save();
    sendFrame({ type: "ack", seq: f.seq });
    setTyping(false);
  }

  function onStatus(f) {
    var s = f.status;
    var text = null;
    if (f.owner) state.owner = f.owner;
    state.joined = s === "agent_joined";
    if (s === "agent_joined") {
      state.agent = f.agent || null;  // a display name, or null: then a neutral, localised label
      text = state.agent ? t("agentJoined", { name: state.agent }) : t("someAgentJoined");
    }
    else if (s === "agent_left") { state.agent = null; text = t("agentLeft"); }
    else if (s === "resolved") text = t("resolved");
    else if (s === "waiting_for_agent") text = t("waiting");
    if (text && !seen(f.seq)) addMessage({ key: f.seq ? "s-" + f.seq : "sys-" + uid(), role: "system", text: text, seq: f.seq, at: f.at });
    bumpSeq(f.seq);
    save();
    renderStatus();
    if (f.seq) sendFrame({ type: "ack", seq: f.seq });
  }

  var retries = {};  // client_id -> resends after retryable errors
  var failures = 0;  // resumes after retryable errors since the last reply (backs off)
  function dropSocket() {
    if (ws) { var s = ws; ws = null; ready = false; inflight = null; s.close(); }
  }

  function onError(f) {
    var pos = -1;
    state.outbox.forEach(function (o, i) { if (f.client_id && o.client_id === f.client_id) pos = i; });
    if (pos >= 0 && inflight === f.client_id) inflight = null;
    if (f.retryable) {
      // Nothing is dropped: the frame stays first in the outbox and goes again, with the same
      // client_id, after a back-off (e.g. rate limited).
      if (pos >= 0 && ready) {
        var n = retries[f.client_id] = (retries[f.client_id] || 0) + 1;
        clearTimeout(pumpTimer);
        pumpTimer = setTimeout(pump, Math.min(8000, 1000 * Math.pow(2, n - 1)));
        return;
      }
      // The hello was refused (the assistant is starting) or the server failed after accepting a
      // message: resume on a fresh connection; the server replays what we missed and answers
      // the turns it accepted but did not answer.
      dropSocket();
      setTyping(false);
      failures += 1;
      scheduleReconnect(Math.min(8000, 500 * Math.pow(2, failures - 1)));
      return;
    }
    if (pos >= 0) {  // refused for good (e.g. too long): shown as not sent, the rest goes on
      state.outbox.splice(pos, 1);
      state.messages.forEach(function (m) { if (m.client_id === f.client_id) { m.pending = false; m.failed = f.code || true; addMessage(m); } });
      save();
      pump();
    }
    if (f.code === "invalid_resume_token" || f.code === "erased") {
      // A new conversation starts (its seqs restart at 1): keep only what was not sent yet.
      state.conversation_id = null;
      state.resume_token = null;
      state.last_seq = 0;
      state.messages = state.messages.filter(function (m) { return m.pending; });
      save();
      renderAll();
      if (f.code === "invalid_resume_token") systemNote(t("newConv"));
      dropSocket();
      scheduleReconnect(0);
      return;
    }
    setTyping(false);
    // The message itself says "Not sent"; the server's English wording is for developers, not customers.
    if (window.console) console.warn("shopbot: " + f.code + (f.message ? ": " + f.message : ""));
    if (pos < 0 && (f.client_id || !ready)) systemNote(t("failed"));
  }

  function handle(f) {
    switch (f.type) {
      case "welcome": return onWelcome(f);
      case "accepted": return onAccepted(f);
      case "bot_message": return onBotMessage(f);
      case "agent_message": return onAgentMessage(f);
      case "customer_message": return onCustomerEcho(f);
      case "status": return onStatus(f);
      case "typing": return setTyping(f.on !== false && (f.actor !== "bot" || state.owner !== "agent"));
      case "reconnect":
        dropSocket();
        return scheduleReconnect(f.after_ms != null ? f.after_ms : 500);
      case "error": return onError(f);
      default: return;
    }
  }

  // ------------------------------------------------------------------ start
  function start() {
    document.body.appendChild(host);
    applyStrings();
    renderAll();
    if (state.open) open(false);
    else if (state.conversation_id || state.outbox.length) connect();
    window.shopbot = {
      open: open, close: close, send: submit,
      get conversationId() { return state.conversation_id; },
      get connected() { return ready; },
    };
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
