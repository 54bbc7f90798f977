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

// The report page: an answer is saved as soon as it is entered (when the field is left, an
// option chosen, a box ticked), and "Lưu" saves without leaving the page. Without this script
// every question's form still posts and comes back to the page.
(function () {
  var forms = document.querySelectorAll("form[data-autosave]");
  Array.prototype.forEach.call(forms, function (form) {
    var status = form.querySelector(".saved");
    function say(text, bad) {
      status.textContent = text;
      status.className = bad ? "saved problem" : "saved";
    }
    function save(button) {
      var data = new URLSearchParams(new FormData(form));
      if (button && button.name) data.append(button.name, button.value);
      say(form.getAttribute("data-saving"), false);
      fetch(form.action, {
        method: "POST", credentials: "same-origin", body: data,
        headers: { "X-Requested-With": "fetch" }
      }).then(function (r) {
        if (r.status === 401 || r.status === 403) { window.location.reload(); return; }
        return r.text().then(function (text) { say(text, !r.ok); });
      }).catch(function () { say(form.getAttribute("data-unsaved"), true); });
    }
    form.addEventListener("change", function () {
      // A fraction half typed, a field emptied: wait for the rest.
      var texts = form.querySelectorAll("input[type=text], textarea");
      for (var i = 0; i < texts.length; i++) { if (texts[i].value.trim() === "") return; }
      save(null);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      save(e.submitter);
    });
  });
})();
