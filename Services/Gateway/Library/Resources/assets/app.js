/* Miz: the desk's small script. The pages work without it; with it, the service list follows
   the search box as one types, and the document checklist of a profile is remembered. */
(function () {
  'use strict';

  function liveSearch(form) {
    var input = form.querySelector('input[name="q"]');
    var category = form.querySelector('select[name="category"]');
    var results = document.getElementById('service-results');
    var status = document.getElementById('search-status');
    if (!input || !results || !window.fetch || !window.URLSearchParams) { return; }
    var timer = null;
    var controller = null;
    var sequence = 0;

    function params() {
      var values = new URLSearchParams();
      if (input.value.trim() !== '') { values.set('q', input.value.trim()); }
      if (category && category.value !== '') { values.set('category', category.value); }
      return values;
    }

    function run(submitOnFailure) {
      var values = params();
      var base = form.getAttribute('data-fragment');
      var query = values.toString();
      var url = base + (query === '' ? '' : (base.indexOf('?') >= 0 ? '&' : '?') + query);
      var mine = ++sequence;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      results.setAttribute('aria-busy', 'true');
      fetch(url, { credentials: 'same-origin', signal: controller ? controller.signal : undefined })
        .then(function (response) {
          if (!response.ok) { throw new Error('status ' + response.status); }
          return response.text();
        })
        .then(function (html) {
          if (mine !== sequence) { return; }
          var template = document.createElement('template');
          template.innerHTML = html;
          results.replaceChildren(template.content);
          results.removeAttribute('aria-busy');
          var list = results.querySelector('[data-status]');
          if (status && list) { status.textContent = list.getAttribute('data-status'); }
          if (window.history && window.history.replaceState) {
            var page = form.getAttribute('data-page') || '/';
            window.history.replaceState(null, '', page + (query === '' ? '' : '?' + query) + '#khadamat');
          }
        })
        .catch(function (error) {
          if (error && error.name === 'AbortError') { return; }
          if (mine !== sequence) { return; }
          results.removeAttribute('aria-busy');
          if (submitOnFailure) { form.submit(); return; }
          if (status) { status.textContent = 'فهرست به‌روز نشد؛ دکمه جستجو را بزنید.'; }
        });
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(false); }, 250);
    });
    if (category) {
      category.addEventListener('change', function () { window.clearTimeout(timer); run(false); });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run(true);
    });
  }

  function checklist(list) {
    var key = 'miz:checklist:' + list.getAttribute('data-checklist');
    var saved = [];
    try { saved = JSON.parse(window.localStorage.getItem(key) || '[]'); } catch (ignored) { saved = []; }
    var boxes = list.querySelectorAll('input[type="checkbox"]');
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = saved.indexOf(box.id) >= 0;
      box.addEventListener('change', function () {
        var checked = Array.prototype.filter.call(boxes, function (b) { return b.checked; })
          .map(function (b) { return b.id; });
        try { window.localStorage.setItem(key, JSON.stringify(checked)); } catch (ignored) { /* private mode */ }
      });
    });
  }

  document.querySelectorAll('form[data-live-search]').forEach(liveSearch);
  document.querySelectorAll('[data-checklist]').forEach(checklist);
})();

// The login code page: a countdown to the time a new code may be asked (the page says the
// time without script).
(function () {
  var note = document.querySelector("[data-resend-at]");
  if (!note) return;
  var at = Number(note.getAttribute("data-resend-at")) * 1000;
  var link = note.querySelector("a");
  var digits = "۰۱۲۳۴۵۶۷۸۹";
  var status = document.createElement("span");
  status.setAttribute("aria-live", "polite");
  note.insertBefore(status, note.firstChild);
  function tick() {
    var left = Math.ceil((at - Date.now()) / 1000);
    if (left > 0) {
      status.textContent = String(left).replace(/[0-9]/g, function (d) { return digits[Number(d)]; }) + " ثانیه تا امکان درخواست کد تازه. ";
      if (link) link.setAttribute("aria-disabled", "true");
      window.setTimeout(tick, 1000);
    } else {
      status.textContent = "اکنون می‌توانید کد تازه بخواهید. ";
      if (link) link.removeAttribute("aria-disabled");
    }
  }
  tick();
})();
