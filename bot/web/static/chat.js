/* Local Beat web chat: enhances the plain form (which works without this script) into a chat
   that talks to /api/chat. No framework, no third parties, no cookies: the session id is kept
   in this tab's sessionStorage and sent in the request body. */
(function () {
  "use strict";
  var form = document.getElementById("lb-form");
  if (!form || !window.fetch) return;
  var log = document.getElementById("lb-log");
  var status = document.getElementById("lb-status");
  var box = document.getElementById("lb-text");
  var KEY = "localbeat-session";
  var URL_RE = /https?:\/\/[^\s<>"“”‘’]+/g;
  var TRAIL = /[.,;:!?)’”']+$/;
  var SPACED = /(https?:\/\/\S+) ([.,;:])/g;
  var session = form.getAttribute("data-session") || store("get");
  var after = 0;
  var pollMs = (+form.getAttribute("data-poll") || 15) * 1000;
  var max = +form.getAttribute("data-max") || 1000;
  var poller = null;
  var opening = null;

  function store(op, value) {
    try {
      if (op === "get") return sessionStorage.getItem(KEY) || "";
      if (op === "set") sessionStorage.setItem(KEY, value);
      else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage refused: the session lasts as long as the page */ }
    return "";
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function addText(parent, text, firstClass) {
    text.replace(SPACED, "$1$2").trim().split("\n\n").forEach(function (block, i) {
      var p = el("p", i === 0 && firstClass ? firstClass : "");
      block.split("\n").forEach(function (line, j) {
        if (j) p.appendChild(el("br"));
        var last = 0;
        line.replace(URL_RE, function (url, at) {
          var core = url.replace(TRAIL, "");
          p.appendChild(document.createTextNode(line.slice(last, at)));
          var a = el("a", "", core);
          a.href = core; a.rel = "noopener noreferrer"; a.target = "_blank";
          p.appendChild(a);
          last = at + core.length;
          return url;
        });
        p.appendChild(document.createTextNode(line.slice(last)));
      });
      parent.appendChild(p);
    });
  }

  function render(reply) {
    var msg = el("div", "lb-msg lb-bot lb-" + reply.kind);
    if (reply.image) {
      var fig = el("figure"), img = el("img"), cap = el("figcaption");
      img.src = reply.image.src; img.alt = reply.image.alt;
      addText(cap, reply.text);
      fig.appendChild(img); fig.appendChild(cap); msg.appendChild(fig);
    } else {
      addText(msg, reply.text, reply.first ? "lb-first" : "");
    }
    var extra = (reply.sources || []).filter(function (s) { return reply.text.indexOf(s) < 0; });
    if (extra.length) {
      var ul = el("ul", "lb-sources");
      ul.setAttribute("aria-label", "Sources");
      extra.forEach(function (s) { var li = el("li"); addText(li, s); ul.appendChild(li); });
      msg.appendChild(ul);
    }
    if (reply.file) {
      var fp = el("p"), fa = el("a", "lb-file", reply.file.name);
      fa.href = reply.file.href; fa.download = reply.file.name;
      fp.appendChild(fa); msg.appendChild(fp);
    }
    if (reply.buttons && reply.buttons.length) {
      var row = el("div", "lb-choices");
      reply.buttons.forEach(function (b) {
        var node;
        if (b.href) {
          node = el("a", "lb-choice", b.label); node.href = b.href; node.setAttribute("download", "");
        } else {
          node = el("button", "lb-choice", b.label); node.type = "button";
          node.name = "action"; node.value = b.action;
          if (b.location) node.setAttribute("data-location", "1");
        }
        row.appendChild(node);
      });
      msg.appendChild(row);
    }
    return msg;
  }

  /* New replies are scrolled to their start (or to the resident's own message they answer,
     so question and answer read together), below the sticky banner. */
  function show(replies, anchor) {
    var first = null;
    replies.forEach(function (r) { var n = render(r); log.appendChild(n); first = first || n; });
    if (first) (anchor || first).scrollIntoView({ block: "start" });
  }

  function said(text) {
    var msg = el("div", "lb-msg lb-you");
    msg.appendChild(el("p", "lb-who", "You said:"));
    addText(msg, text);
    log.appendChild(msg);
    return msg;
  }

  function problem(text) {
    var msg = el("div", "lb-msg lb-bot lb-error-msg");
    msg.appendChild(el("p", "lb-error", text));
    log.appendChild(msg);
    msg.scrollIntoView({ block: "nearest" });
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), credentials: "omit", cache: "no-store"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { status: res.status, data: data };
      });
    });
  }

  function open() {
    if (session) return Promise.resolve(session);
    if (!opening) {
      opening = post("/api/chat/sessions", {}).then(function (r) {
        opening = null;
        if (r.status !== 201) throw new Error(r.data.message || "The chat is not available just now.");
        session = r.data.session; store("set", session);
        pollMs = (r.data.poll_seconds || 15) * 1000;
        startPolling();
        return session;
      }, function (e) { opening = null; throw e; });
    }
    return opening;
  }

  function send(body, echo, retried, mine) {
    mine = echo ? said(echo) : mine;
    status.textContent = "Local Beat is answering…";
    return open().then(function (id) {
      body.session = id;
      return post("/api/chat/messages", body);
    }).then(function (r) {
      status.textContent = "";
      if (r.status === 404 && !retried) {
        session = ""; store("remove");
        return send(body, "", true, mine);
      }
      if (r.status !== 200) return problem(r.data.message || "Sorry, something went wrong. Please try again.");
      show(r.data.replies || [], mine);
    }).catch(function (e) {
      status.textContent = "";
      problem((e && e.message) || "Sorry, the chat could not be reached. Please try again. In an emergency call 999.");
    });
  }

  function poll() {
    if (!session || document.hidden) return;
    post("/api/chat/updates", { session: session, after: after }).then(function (r) {
      if (r.status === 404) { clearInterval(poller); poller = null; return; }
      if (r.status !== 200) return;
      after = r.data.after || after;
      show(r.data.replies || []);
    }, function () {});
  }

  function startPolling() {
    if (!poller && session) poller = setInterval(poll, pollMs);
  }

  function press(button) {
    var body = { action: button.value };
    var label = button.textContent;
    if (!button.hasAttribute("data-location") || !navigator.geolocation) return send(body, label);
    status.textContent = "Asking your browser for your location…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      body.location = { latitude: pos.coords.latitude, longitude: pos.coords.longitude };
      send(body, label);
    }, function () { send(body, label); }, { timeout: 15000, maximumAge: 600000 });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = box.value.trim();
    if (!text) { status.textContent = "Please type a question first."; box.focus(); return; }
    if (text.length > max) { status.textContent = "Please keep it under " + max + " characters."; return; }
    box.value = "";
    send({ text: text }, text);
  });

  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit"));
    }
  });
  box.addEventListener("focus", function () { open().catch(function () {}); }, { once: true });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[name=action]");
    if (!button) return;
    e.preventDefault();
    press(button);
  });

  var lookup = document.getElementById("lb-lookup-form");
  var result = document.getElementById("lb-lookup-result");
  if (lookup) lookup.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = { reference: lookup.reference.value.trim(), key: lookup.key.value.trim() };
    result.textContent = "Checking…";
    post("/api/chat/feedback/lookup", body).then(function (r) {
      result.textContent = "";
      if (r.status !== 200) { result.appendChild(el("p", "lb-error", r.data.message || "Please try again.")); return; }
      result.appendChild(el("p", "lb-ref", r.data.reference + ": " + r.data.status));
      (r.data.replies || []).forEach(function (m) { result.appendChild(render(m)); });
    }, function () { result.textContent = "The chat could not be reached. Please try again."; });
  });

  startPolling();
})();
