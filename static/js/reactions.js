// Reactions and bookmarks without reloading the page. Without this script
// each button is a one-button form that posts and comes back to the post.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !document.querySelector("form[data-toggle]")) { return; }

  // One polite live region for the whole page, made here: without the
  // script the message arrives with the reloaded page instead.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function announce(text) {
    // Emptied first, so the same message twice is still read out.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function show(form, answer) {
    var button = form.querySelector("button");
    button.setAttribute("aria-pressed", answer.pressed ? "true" : "false");
    form.querySelector("input[name=press]").value = answer.pressed ? "off" : "on";
    var count = button.querySelector(".reaction-count");
    // No number at all for none, as the page draws it.
    if (count && typeof answer.count === "number") { count.textContent = answer.count ? String(answer.count) : ""; }
    announce(answer.message);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-toggle")) { return; }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") { return; }
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),  // carries the form's CSRF token
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/json") === -1) { throw new Error("no answer"); }
      return response.json();
    }).then(function (answer) {
      form.removeAttribute("aria-busy");
      show(form, answer);
    }).catch(function () {
      // Signed out, an expired token, a refusal: send the form as it is,
      // and the page that comes back explains.
      form.removeAttribute("aria-busy");
      form.submit();
    });
  });
}());
