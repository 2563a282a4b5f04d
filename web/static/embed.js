// FirstShift host helper (embedding protocol version 1, docs/embedding.md).
//
//   <iframe id="fs" title="FirstShift scenario"
//     src="https://player.example.edu/?scenario=healthcare/night-shift-opioid&parent_origin=https://lms.example.edu"></iframe>
//   <script src="https://player.example.edu/embed.js"></script>
//   <script>
//     const player = FirstShift.embed(document.getElementById("fs"), {
//       onEvent(message) { if (message.type === "complete") console.log(message.report.percent); },
//     });
//   </script>
//
// It sizes the frame to the player's height, hands every event to `onEvent` (and
// as a `firstshift` DOM event on the iframe), and sends `start` and `restart`. It
// listens only to messages from the frame's own window and origin.
(function () {
  "use strict";
  var PROTOCOL = "firstshift";
  var VERSION = 1;

  function embed(iframe, options) {
    options = options || {};
    var origin = new URL(iframe.src, window.location.href).origin;
    function onMessage(event) {
      if (event.origin !== origin || event.source !== iframe.contentWindow) return;
      var m = event.data;
      if (!m || m.protocol !== PROTOCOL || m.version !== VERSION) return;
      if (m.type === "resize" && options.autoResize !== false && m.height > 0) {
        iframe.style.height = Math.ceil(m.height) + "px";
      }
      if (typeof options.onEvent === "function") options.onEvent(m);
      iframe.dispatchEvent(new CustomEvent("firstshift", { detail: m }));
    }
    window.addEventListener("message", onMessage);
    function send(type) {
      iframe.contentWindow.postMessage({ protocol: PROTOCOL, version: VERSION, type: type }, origin);
    }
    return {
      start: function () { send("start"); },
      restart: function () { send("restart"); },
      stop: function () { window.removeEventListener("message", onMessage); },
    };
  }

  window.FirstShift = { embed: embed, PROTOCOL: PROTOCOL, VERSION: VERSION };
})();
