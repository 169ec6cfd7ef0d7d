// A download that takes a moment (the answers PDF is drawn on the server): the link says that
// it is working until the file arrives. Browsers fire no event when a download ends, so the
// server sets a cookie named after the link's data-download-token with the file, and this
// script watches for it; after a minute the link is released anyway.
(function () {
  "use strict";

  function cookie(name) {
    return document.cookie.split("; ").some(function (part) { return part.indexOf(name + "=") === 0; });
  }

  function clearCookie(name) {
    document.cookie = name + "=; Max-Age=0; path=/";
  }

  function start(link) {
    const busy = link.getAttribute("data-busy-label");
    const idle = link.querySelector(".download-label").textContent;
    const status = document.getElementById(link.getAttribute("data-status"));
    link.addEventListener("click", function (event) {
      if (link.getAttribute("aria-disabled") === "true") {
        event.preventDefault();
        return;
      }
      const token = "pdf" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      const url = new URL(link.href, window.location.href);
      url.searchParams.set("download", token);
      link.href = url.toString();
      link.setAttribute("aria-disabled", "true");
      link.classList.add("is-busy");
      link.querySelector(".download-label").textContent = busy;
      if (status) status.textContent = busy;
      const started = Date.now();
      const timer = window.setInterval(function () {
        if (cookie("download_" + token) || Date.now() - started > 60000) {
          window.clearInterval(timer);
          clearCookie("download_" + token);
          link.removeAttribute("aria-disabled");
          link.classList.remove("is-busy");
          link.querySelector(".download-label").textContent = idle;
          if (status) status.textContent = link.getAttribute("data-done-label") || "";
        }
      }, 250);
    });
  }

  function ready() {
    document.querySelectorAll("a[data-download]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
