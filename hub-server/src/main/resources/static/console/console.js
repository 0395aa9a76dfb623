// The console's live parts: an element with data-refresh="URL" is fetched again every 5 seconds and replaced (the
// dashboard); a page holding data-reload="true" reloads itself every 3 seconds while its job runs (a payroll run).
(function () {
  function refresh(el) {
    fetch(el.getAttribute('data-refresh'), {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var next = new DOMParser().parseFromString(html, 'text/html').body.firstElementChild;
        if (next && next.id === el.id) { el.replaceWith(next); }
      })
      .catch(function () { /* the next tick tries again */ });
  }
  document.addEventListener('DOMContentLoaded', function () {
    setInterval(function () {
      document.querySelectorAll('[data-refresh]').forEach(refresh);
    }, 5000);
    if (document.querySelector('[data-reload="true"]')) {
      setTimeout(function () { window.location.reload(); }, 3000);
    }
  });
})();
