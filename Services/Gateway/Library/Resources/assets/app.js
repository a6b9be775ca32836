/* Miz: the desk's small script. The pages work without it; with it, the service list follows
   the search box as one types, the document checklist of a profile is remembered, and the
   service worker of the installable app is registered. */
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

// The Jalali birth-date picker: the day/month/year selects work on their own; with script a
// button opens a month calendar (Saturday first) whose days fill the selects. Dates are
// converted with the browser's own Persian calendar (Intl), so no table is kept here.
(function () {
  var digits = "۰۱۲۳۴۵۶۷۸۹";
  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return digits[Number(d)]; }); }
  var format = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" });
  function jalali(time) {
    var parts = {};
    format.formatToParts(new Date(time)).forEach(function (p) { parts[p.type] = parseInt(p.value, 10); });
    return { y: parts.year, m: parts.month, d: parts.day };
  }
  function gregorian(y, m, d) {
    var time = Date.UTC(y + 621, 2, 21) + ((m - 1) * 30.5 + d - 1) * 864e5;
    for (var i = 0; i < 6; i++) {
      var j = jalali(time);
      var off = (y - j.y) * 365 + (m - j.m) * 30 + (d - j.d);
      if (off === 0) return time;
      time += off * 864e5;
    }
    return time;
  }
  function monthLength(y, m) {
    var next = m === 12 ? gregorian(y + 1, 1, 1) : gregorian(y, m + 1, 1);
    return Math.round((next - gregorian(y, m, 1)) / 864e5);
  }
  var monthNames = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];
  var dayNames = ["ش", "ی", "د", "س", "چ", "پ", "ج"];
  document.querySelectorAll("[data-jalali-picker]").forEach(function (box) {
    var day = box.querySelector("select[name=birthDay]");
    var month = box.querySelector("select[name=birthMonth]");
    var year = box.querySelector("select[name=birthYear]");
    var text = box.querySelector("input[name=birthDateText]");
    if (!day || !month || !year) return;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "button button--quiet";
    toggle.textContent = "انتخاب از تقویم";
    toggle.setAttribute("aria-expanded", "false");
    var panel = document.createElement("div");
    panel.className = "jalali-calendar";
    panel.hidden = true;
    box.insertBefore(toggle, box.querySelector(".jalali-date__selects"));
    box.insertBefore(panel, box.querySelector(".jalali-date__selects"));
    var shown = { y: Number(year.value) || 1370, m: Number(month.value) || 1 };
    function render() {
      panel.textContent = "";
      var head = document.createElement("div");
      head.className = "jalali-calendar__head";
      var prev = document.createElement("button");
      prev.type = "button"; prev.className = "button button--quiet"; prev.textContent = "ماه قبل";
      var next = document.createElement("button");
      next.type = "button"; next.className = "button button--quiet"; next.textContent = "ماه بعد";
      var title = document.createElement("p");
      title.setAttribute("aria-live", "polite");
      title.textContent = monthNames[shown.m - 1] + " " + fa(shown.y);
      prev.onclick = function () { shown.m -= 1; if (shown.m < 1) { shown.m = 12; shown.y -= 1; } render(); };
      next.onclick = function () { shown.m += 1; if (shown.m > 12) { shown.m = 1; shown.y += 1; } render(); };
      head.append(prev, title, next);
      var table = document.createElement("table");
      table.className = "jalali-calendar__grid";
      var caption = document.createElement("caption");
      caption.textContent = "تقویم " + title.textContent;
      table.appendChild(caption);
      var row = document.createElement("tr");
      dayNames.forEach(function (name) { var th = document.createElement("th"); th.scope = "col"; th.textContent = name; row.appendChild(th); });
      table.appendChild(row);
      var first = (new Date(gregorian(shown.y, shown.m, 1)).getUTCDay() + 1) % 7;
      var length = monthLength(shown.y, shown.m);
      row = document.createElement("tr");
      for (var i = 0; i < first; i++) row.appendChild(document.createElement("td"));
      for (var d = 1; d <= length; d++) {
        if (row.children.length === 7) { table.appendChild(row); row = document.createElement("tr"); }
        var cell = document.createElement("td");
        var pick = document.createElement("button");
        pick.type = "button";
        pick.textContent = fa(d);
        pick.setAttribute("aria-label", fa(d) + " " + monthNames[shown.m - 1] + " " + fa(shown.y));
        (function (chosen) {
          pick.onclick = function () {
            day.value = String(chosen); month.value = String(shown.m); year.value = String(shown.y);
            if (text) text.value = "";
            panel.hidden = true; toggle.setAttribute("aria-expanded", "false"); toggle.focus();
          };
        })(d);
        cell.appendChild(pick);
        row.appendChild(cell);
      }
      table.appendChild(row);
      panel.append(head, table);
    }
    toggle.onclick = function () {
      panel.hidden = !panel.hidden;
      toggle.setAttribute("aria-expanded", String(!panel.hidden));
      if (!panel.hidden) {
        shown = { y: Number(year.value) || shown.y, m: Number(month.value) || shown.m };
        render();
      }
    };
  });
})();

/* The request forms: focus on the error summary; a checklist of the documents still to choose
   and a progress bar while the files upload (the form posts the same way without script);
   copy buttons for the process number and the tracking code. */
(function () {
  'use strict';
  var digits = '۰۱۲۳۴۵۶۷۸۹';
  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return digits[Number(d)]; }); }

  var summary = document.querySelector('[data-error-summary]');
  if (summary) { summary.focus(); }

  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target || !navigator.clipboard) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = 'رونوشت شد';
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  document.querySelectorAll('[data-upload-form]').forEach(function (form) {
    var checklist = form.querySelector('[data-upload-checklist]');
    var remaining = form.querySelector('[data-upload-remaining]');
    var uploads = form.querySelectorAll('[data-upload][data-mandatory]');
    function refresh() {
      if (!checklist || !remaining) { return; }
      remaining.textContent = '';
      var left = 0;
      uploads.forEach(function (box) {
        var input = box.querySelector('input[type=file]');
        if (input && input.files && input.files.length) { return; }
        left += 1;
        var item = document.createElement('li');
        item.textContent = box.querySelector('label').textContent;
        remaining.appendChild(item);
      });
      checklist.hidden = left === 0;
    }
    form.addEventListener('change', refresh);
    refresh();

    var box = form.querySelector('[data-upload-progress]');
    var bar = box && box.querySelector('progress');
    var text = box && box.querySelector('[data-upload-progress-text]');
    if (!box || !window.FormData || !window.XMLHttpRequest) { return; }
    form.addEventListener('submit', function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute('formaction')) { return; }
      event.preventDefault();
      var data = new FormData(form);
      if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      box.hidden = false;
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      request.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round(e.loaded * 100 / e.total);
        bar.value = percent;
        text.textContent = fa(percent) + ' درصد بارگذاری شد';
      });
      request.addEventListener('load', function () {
        if (request.responseURL && request.responseURL.split('#')[0] !== form.action.split('#')[0]) {
          window.location.assign(request.responseURL);
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener('error', function () {
        text.textContent = 'ارسال انجام نشد؛ اتصال را بررسی کنید و دوباره بفرستید.';
        form.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
      });
      request.send(data);
    });
  });

  /* The desk as an installed app. The service worker keeps only the static shell, for the
     offline page (never a personal page); it is registered once the page has loaded. */
  if ('serviceWorker' in navigator && window.isSecureContext) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('/sw.js').catch(function (error) {
        if (window.console) { window.console.warn('service worker not registered', error); }
      });
    });
  }

  /* On /app, a browser that can install the desk itself (Chrome on Android) gets a button. */
  var install = document.querySelector('[data-install-app]');
  if (install) {
    var offer = null;
    var installButton = install.querySelector('[data-install-app-button]');
    var installStatus = install.querySelector('[data-install-app-status]');
    window.addEventListener('beforeinstallprompt', function (event) {
      event.preventDefault();
      offer = event;
      install.hidden = false;
      installButton.hidden = false;
    });
    installButton.addEventListener('click', function () {
      if (!offer) { return; }
      var shown = offer;
      offer = null;
      installButton.hidden = true;
      shown.prompt();
      shown.userChoice.then(function (choice) {
        installStatus.textContent = choice.outcome === 'accepted'
          ? 'اپلیکیشن میز خدمت نصب شد؛ نماد آن روی صفحهٔ اصلی است.'
          : 'نصب انجام نشد؛ می‌توانید با راهنمای زیر از منوی مرورگر نصب کنید.';
      });
    });
    window.addEventListener('appinstalled', function () {
      installButton.hidden = true;
      installStatus.textContent = 'اپلیکیشن میز خدمت نصب شد؛ نماد آن روی صفحهٔ اصلی است.';
    });
  }
})();
