// The composer, made kinder to interruptions: what a member types is kept in
// this browser (never sent anywhere) until the post is sent or they discard
// it; Quote puts the quote into the reply box on the same page; Reply goes
// straight to the box. Without this script the forms post as they are, Quote
// opens the reply page with the quote filled in, and Reply jumps to the box.
(function () {
  "use strict";
  var PREFIX = "forum-draft:";
  var MAX_AGE = 30 * 24 * 60 * 60 * 1000;
  var DELAY = 400;

  var pending = new Map();   // textarea -> timer of its next save
  var baselines = new Map(); // textarea -> the text that needs no draft
  var boxes = new Map();     // textarea -> the box offering its draft
  var stopped = false;

  // Local storage can be missing or throw (private mode, full, blocked by a
  // setting): then drafts are simply not kept, and everything else works.
  function storage() {
    try { return window.localStorage || null; } catch (error) { return null; }
  }

  function draftKeys() {
    try {
      var store = storage(), keys = [];
      for (var i = 0; store && i < store.length; i += 1) {
        if ((store.key(i) || "").indexOf(PREFIX) === 0) { keys.push(store.key(i)); }
      }
      return keys;
    } catch (error) { return []; }
  }

  function read(key) {
    try {
      var draft = JSON.parse(storage().getItem(key));
      if (draft && typeof draft.text === "string" && typeof draft.savedAt === "number") { return draft; }
    } catch (error) { /* unreadable or unavailable: as if there were none */ }
    return null;
  }

  function write(key, draft) {
    try { storage().setItem(key, JSON.stringify(draft)); } catch (error) { /* full or blocked */ }
  }

  function forget(key) {
    try { storage().removeItem(key); } catch (error) { /* blocked */ }
  }

  function pathOf(address) {
    try { return new URL(address, window.location.href).pathname; } catch (error) { return null; }
  }

  // A composer is a named textarea in a form that posts; a form or field
  // marked data-no-draft (a moderator's reason, say) is left alone.
  function isComposer(element) {
    if (!(element instanceof HTMLTextAreaElement) || !element.name || !element.form) { return false; }
    var form = element.form;
    return (form.getAttribute("method") || "").toLowerCase() === "post" &&
      !element.closest("[data-no-draft]") && !form.hasAttribute("data-no-draft");
  }

  // The thread page's reply box and the reply page post to the same address,
  // so they share one draft.
  function actionOf(form) {
    return pathOf(form.getAttribute("action") || window.location.href);
  }

  function keyOf(textarea) {
    return PREFIX + actionOf(textarea.form) + ":" + textarea.name;
  }

  function composers() {
    return Array.prototype.filter.call(document.querySelectorAll("form textarea"), isComposer);
  }

  function save(textarea) {
    if (stopped) { return; }
    var key = keyOf(textarea), text = textarea.value;
    var baseline = baselines.has(textarea) ? baselines.get(textarea) : textarea.defaultValue;
    if (!text.trim() || text === baseline) {
      forget(key);
    } else {
      write(key, { text: text, savedAt: Date.now(), title: document.title });
    }
  }

  function saveSoon(textarea) {
    window.clearTimeout(pending.get(textarea));
    pending.set(textarea, window.setTimeout(function () {
      pending.delete(textarea);
      save(textarea);
    }, DELAY));
  }

  function saveNow() {
    pending.forEach(function (timer, textarea) { window.clearTimeout(timer); save(textarea); });
    pending.clear();
  }

  function forgetAll() {
    stopped = true;  // and so saveNow only stops the timers
    saveNow();
    draftKeys().forEach(forget);
  }

  // Old drafts go, and so do those of a post that was sent: the page a
  // successful post leads to names the address it was sent to.
  function tidy() {
    var sent = document.body.getAttribute("data-draft-sent");
    var sentPrefix = sent ? PREFIX + pathOf(sent) + ":" : null;
    draftKeys().forEach(function (key) {
      var draft = read(key);
      if (!draft || Date.now() - draft.savedAt > MAX_AGE || (sentPrefix && key.indexOf(sentPrefix) === 0)) {
        forget(key);
      }
    });
  }

  function ago(savedAt) {
    var minutes = Math.max(0, Math.round((Date.now() - savedAt) / 60000));
    var hours = Math.round(minutes / 60), days = Math.round(minutes / 1440);
    if (minutes < 1) { return "a moment ago"; }
    if (minutes < 60) { return minutes === 1 ? "1 minute ago" : minutes + " minutes ago"; }
    if (hours < 24) { return hours === 1 ? "1 hour ago" : hours + " hours ago"; }
    return days === 1 ? "yesterday" : days + " days ago";
  }

  function putCursorAtEnd(textarea) {
    var end = textarea.value.length;
    textarea.setSelectionRange(end, end);
    textarea.scrollTop = textarea.scrollHeight;
  }

  function bringToComposer(textarea) {
    (boxes.get(textarea) || textarea.closest(".field") || textarea).scrollIntoView({ block: "start" });
    textarea.focus({ preventScroll: true });
    putCursorAtEnd(textarea);
  }

  function button(label, secondary, onClick) {
    var element = document.createElement("button");
    element.type = "button";  // inside the form: it must not send it
    element.className = "button button-small" + (secondary ? " button-secondary" : "");
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function say(box, text, buttons) {
    var line = document.createElement("p"), row = document.createElement("p");
    line.textContent = text;
    row.className = "draft-offer-actions";
    row.append(...buttons);
    box.replaceChildren(...(buttons.length ? [line, row] : [line]));
  }

  // Back to `text`: the draft goes (or, had they typed since, that is kept).
  function discard(box, textarea, text) {
    textarea.value = text;
    save(textarea);
    say(box, "The draft is discarded.", []);
    textarea.focus();
  }

  function showRestored(box, textarea, draft, before) {
    say(box, "Your unsent draft from " + ago(draft.savedAt) + " is back.", [
      button("Discard it", true, function () { discard(box, textarea, before); })
    ]);
  }

  // An empty composer gets its draft back at once: nothing is overwritten,
  // and a tired member is spared a decision (Discard is one press away). A
  // composer that already holds text (an edit, a quote, what the browser
  // kept) asks first, since restoring would replace that text. The box goes
  // in above the composer empty and is filled a moment later, so screen
  // readers announce it as news.
  function offer(textarea, draft) {
    var box = document.createElement("div"), block = textarea.closest(".field") || textarea;
    box.className = "draft-offer";
    box.setAttribute("role", "status");
    block.parentNode.insertBefore(box, block);
    boxes.set(textarea, box);
    window.setTimeout(function () {
      if (!textarea.value.trim()) {
        var empty = textarea.value;
        textarea.value = draft.text;
        showRestored(box, textarea, draft, empty);
        return;
      }
      say(box, "You have an unsent draft from " + ago(draft.savedAt) + ".", [
        button("Restore it", false, function () {
          var before = textarea.value;
          textarea.value = draft.text;
          save(textarea);
          showRestored(box, textarea, draft, before);
          textarea.focus();
          putCursorAtEnd(textarea);
        }),
        button("Discard it", true, function () { discard(box, textarea, textarea.value); })
      ]);
    }, 100);
  }

  function offerDrafts() {
    var seen = new Set();
    composers().forEach(function (textarea) {
      var key = keyOf(textarea), draft = read(key);
      if (!draft || seen.has(key)) { return; }
      seen.add(key);
      if (draft.text === textarea.value) {
        // The form came back (an error, the safety notice) with the text
        // that was sent: keep the draft until the post really goes.
        baselines.set(textarea, null);
      } else {
        offer(textarea, draft);
      }
    });
  }

  // The composer a link leads to: the textarea its #fragment names, else the
  // first composer of a form posting to the link's address (for Quote), else
  // the first on the page.
  function composerFor(link, samePath) {
    var url = new URL(link.href, window.location.href);
    var named = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
    var candidates = composers().filter(function (textarea) {
      return !samePath || actionOf(textarea.form) === url.pathname;
    });
    return candidates.find(function (textarea) { return named && named.contains(textarea); }) || candidates[0] || null;
  }

  function insertQuote(textarea, quote) {
    var text = textarea.value.replace(/\s+$/, "");
    textarea.value = text ? text + "\n\n" + quote : quote;
    save(textarea);
    bringToComposer(textarea);
  }

  function quote(event, link) {
    var textarea = composerFor(link, true);
    var source = link.getAttribute("data-quote");
    if (!textarea || !source || new URL(source, window.location.href).origin !== window.location.origin) { return; }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") { return; }
    link.setAttribute("aria-busy", "true");
    fetch(source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) { throw new Error("no quote"); }
        return response.json();
      })
      .then(function (answer) {
        if (!answer || typeof answer.text !== "string") { throw new Error("no quote"); }
        link.removeAttribute("aria-busy");
        insertQuote(textarea, answer.text);
      })
      .catch(function () {
        // Signed out, the post gone, no connection: the reply page explains.
        link.removeAttribute("aria-busy");
        window.location.assign(link.href);
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-quote], a[data-compose]") : null;
    // A click meant for a new tab or window is the browser's.
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    if (link.hasAttribute("data-quote")) {
      quote(event, link);
      return;
    }
    var textarea = composerFor(link, false);
    if (textarea) {
      event.preventDefault();
      bringToComposer(textarea);
    }
  });

  document.addEventListener("input", function (event) {
    if (isComposer(event.target)) { saveSoon(event.target); }
  });

  document.addEventListener("submit", function (event) {
    // Kept, not forgotten: the post may come back with an error. The page
    // a sent post leads to says so, and the draft goes then. Signing out
    // (a form marked data-drafts-clear) forgets every draft, so the next
    // person at a shared computer finds none.
    saveNow();
    if (event.target instanceof HTMLFormElement && event.target.hasAttribute("data-drafts-clear")) { forgetAll(); }
  });

  window.addEventListener("pagehide", saveNow);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { saveNow(); }
  });

  if (storage()) {
    tidy();
    offerDrafts();
  }
  if (window.location.hash === "#body" || window.location.hash === "#reply") {
    var target = composerFor({ href: window.location.href }, false);
    // After an offered draft is filled in, so the cursor lands at its end.
    if (target) { window.setTimeout(function () { bringToComposer(target); }, 150); }
  }
}());
