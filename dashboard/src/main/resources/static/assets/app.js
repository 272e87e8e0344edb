// Every page: htmx sends the session's CSRF token; errors are shown, not dropped; the alerts stream refreshes what
// the page shows and rings for a new or worse alert. No token ever reaches this script: the session cookie is
// HttpOnly and the server calls the API.
(function () {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener('htmx:configRequest', (event) => {
    if (header && token) event.detail.headers[header.content] = token.content;
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (window.htmx) {
      htmx.config.allowEval = false;
      htmx.config.includeIndicatorStyles = false;
      // Show the server's problem fragment (403, 409, 503) where the answer goes.
      htmx.config.responseHandling = [{code: '204', swap: false}, {code: '...', swap: true}];
    }
    if (document.querySelector('.nav')) listen();
    const sound = document.getElementById('sound');
    if (sound) {
      sound.textContent = localStorage.getItem('hhms-sound') === 'on' ? 'turn sound off' : 'turn sound on';
      sound.addEventListener('click', () => {
        const on = localStorage.getItem('hhms-sound') !== 'on';
        localStorage.setItem('hhms-sound', on ? 'on' : 'off');
        sound.textContent = on ? 'turn sound off' : 'turn sound on';
        if (on) ring();
      });
    }
  });

  // Tell the page something changed. The inbox reloads only while nobody is typing a note in it (a reload would
  // wipe the note); it reloads after their answer anyway, and every 60 s.
  function typing() {
    const inbox = document.getElementById('inbox');
    return !!inbox && ([...inbox.querySelectorAll('input[name="note"]')].some((field) => field.value !== '')
      || (inbox.contains(document.activeElement) && document.activeElement.tagName === 'INPUT'));
  }

  // A live part (the patient rows, the inbox) reloads on its event. An event that comes while that part's reload is
  // on its way would be lost with the element the answer replaces: it is kept and fired again once the answer is in.
  const live = {rows: 'hhms:alert', inbox: 'hhms:inbox'};
  const busy = new Set();
  const missed = new Set();
  document.addEventListener('htmx:beforeRequest', (event) => {
    if (live[event.detail.elt.id]) busy.add(event.detail.elt.id);
  });
  document.addEventListener('htmx:afterSettle', (event) => settled(event.detail.elt && event.detail.elt.id));
  document.addEventListener('htmx:afterRequest', (event) => {
    if (!event.detail.successful) settled(event.detail.elt.id);
  });
  function settled(id) {
    if (!live[id]) return;
    busy.delete(id);
    if (missed.delete(id)) fire(id);
  }
  function fire(id) {
    if (id === 'inbox' && typing()) return;
    if (busy.has(id)) { missed.add(id); return; }
    document.body.dispatchEvent(new Event(live[id]));
  }

  function changed() {
    fire('rows');
    fire('inbox');
  }

  // A reload that was already on its way when someone started typing is not shown either; an answer (a POST) is.
  document.addEventListener('htmx:beforeSwap', (event) => {
    const config = event.detail.requestConfig;
    if (event.detail.target && event.detail.target.id === 'inbox' && config && config.verb === 'get' && typing()) {
      event.detail.shouldSwap = false;
      busy.delete('inbox'); // nothing will settle
    }
  });

  function listen() {
    const events = new EventSource('/inbox/events');
    // Connected (again): reload what may have changed while the stream was down.
    events.addEventListener('ready', () => {
      document.body.dataset.live = 'on';
      changed();
    });
    events.addEventListener('error', () => { document.body.dataset.live = 'off'; });
    events.addEventListener('alert', (event) => {
      changed();
      if (event.data === 'alert.created' || event.data === 'alert.updated') {
        const badge = document.getElementById('inbox-badge');
        if (badge) badge.hidden = false;
      }
      if (event.data === 'alert.created') {
        toast('New alert — see the inbox');
        ring();
      }
    });
  }

  function toast(text) {
    const box = document.getElementById('toast');
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    setTimeout(() => { box.hidden = true; }, 8000);
  }

  function ring() {
    if (localStorage.getItem('hhms-sound') !== 'on') return;
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch (e) { /* no audio: the toast and the inbox still show it */ }
  }
})();
