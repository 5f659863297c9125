/* Local Beat chat button for a borough's own page: <script src="https://CHAT-HOST/chat/widget.js"
   defer></script>. Adds a button in the corner that opens the chat in a frame from CHAT-HOST
   (allowed only on the pages listed in the chat's web.allowed_origins). Optional attributes on
   the script tag: data-label="Chat with the police team". Styles are set from script, so the
   host page's Content-Security-Policy needs only script-src and frame-src for CHAT-HOST. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || document.getElementById("localbeat-chat-button")) return;
  var origin = new URL(script.src, location.href).origin;
  var label = script.getAttribute("data-label") || "Chat with the police team";
  var font = "700 16px/1.25 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

  function css(node, rules) { for (var k in rules) node.style[k] = rules[k]; return node; }
  function focusRing(node) {
    node.addEventListener("focus", function () { css(node, { outline: "3px solid #fd0", boxShadow: "0 0 0 6px #0b0c0c" }); });
    node.addEventListener("blur", function () { css(node, { outline: "none", boxShadow: "0 2px 6px rgba(0,0,0,.35)" }); });
  }

  var button = document.createElement("button");
  button.id = "localbeat-chat-button";
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "localbeat-chat-panel");
  css(button, {
    position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483000", font: font,
    color: "#fff", background: "#1d4f91", border: "0", borderRadius: "24px",
    padding: "12px 20px", cursor: "pointer", boxShadow: "0 2px 6px rgba(0,0,0,.35)"
  });
  focusRing(button);

  var panel = document.createElement("div");
  panel.id = "localbeat-chat-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", label);
  panel.hidden = true;
  css(panel, {
    position: "fixed", right: "16px", bottom: "76px", zIndex: "2147483000", width: "400px",
    maxWidth: "calc(100vw - 32px)", height: "640px", maxHeight: "calc(100vh - 96px)",
    background: "#fff", border: "1px solid #b1b4b6", boxShadow: "0 4px 16px rgba(0,0,0,.3)",
    flexDirection: "column"
  });

  var close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close chat";
  css(close, {
    alignSelf: "flex-end", font: font, fontSize: "15px", margin: "4px", padding: "8px 12px",
    color: "#1d4f91", background: "#fff", border: "2px solid #1d4f91", borderRadius: "4px",
    cursor: "pointer"
  });
  focusRing(close);
  panel.appendChild(close);

  var frame = null;
  function small() { return window.matchMedia && matchMedia("(max-width: 480px)").matches; }

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/chat?embed=1";
      frame.title = label;
      frame.setAttribute("allow", "geolocation");
      css(frame, { border: "0", width: "100%", flex: "1 1 auto" });
      panel.appendChild(frame);
    }
    if (small()) {
      css(panel, { right: "0", bottom: "0", width: "100vw", maxWidth: "100vw", height: "100%", maxHeight: "100%" });
      button.style.display = "none"; /* the panel's own Close button takes over */
    }
    panel.hidden = false;
    panel.style.display = "flex";
    button.setAttribute("aria-expanded", "true");
    frame.focus();
  }

  function shut() {
    panel.hidden = true;
    panel.style.display = "none";
    button.setAttribute("aria-expanded", "false");
    button.style.display = "";
    button.focus();
  }

  button.addEventListener("click", function () { if (panel.hidden) open(); else shut(); });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") shut(); });

  document.body.appendChild(panel);
  document.body.appendChild(button);
})();
