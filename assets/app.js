// The status board updates by itself: it asks every 10 s whether the period changed and reloads
// when it did (a short poll; no inline script, so the page's CSP forbids all others).
(function () {
  var board = document.querySelector("[data-version-url]");
  if (!board) return;
  var url = board.getAttribute("data-version-url");
  var seen = board.getAttribute("data-version");
  setInterval(function () {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        // Signed out meanwhile (expired, removed): show the page that says so.
        if (r.status === 401) { window.location.reload(); }
        return r.ok ? r.text() : seen;
      })
      .then(function (v) { if (v && v !== seen) window.location.reload(); })
      .catch(function () {});
  }, 10000);
})();
