// The newsroom's touches to Wagtail's admin (loaded on every admin screen by wagtail_hooks.py).
(() => {
  // Wagtail's date picker (jquery.datetimepicker) appends its widget to <body> with a hard-coded English
  // "Save Selected" button (hidden unless ranges are picked); it reads in Vietnamese instead.
  const gettext = (text) => (window.django && window.django.gettext ? window.django.gettext(text) : text);
  const label = gettext('Lưu các ngày đã chọn');
  const relabel = () => {
    document.querySelectorAll('.xdsoft_save_selected').forEach((button) => {
      if (button.textContent !== label) button.textContent = label;
    });
  };
  const start = () => {
    relabel();
    new MutationObserver(relabel).observe(document.body, { childList: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  // Wagtail's date picker opens whenever its field gets focus, from the keyboard too: tabbing through the
  // schedule dialog ("Đặt lịch đăng") opened the expiry field's calendar over the "Lưu lịch đăng" button (and
  // Escape, to close it, closed the dialog and dropped what was typed). The calendar opens on a click or a touch
  // (the picker's own mousedown); on the keyboard people type the date (dd/mm/yyyy HH:MM) and Tab moves on.
  // jQuery 3.6 makes the picker's "focusin" from the capturing "focus" on the document, which a capturing
  // listener on the window sees first and, for a picker's field reached by keyboard, keeps from it.
  let byPointer = false;
  window.addEventListener('pointerdown', () => { byPointer = true; }, true);
  window.addEventListener('keydown', () => { byPointer = false; }, true);
  window.addEventListener('focus', (event) => {
    const field = event.target;
    if (byPointer || !(field instanceof HTMLInputElement) || !window.jQuery) return;
    if (window.jQuery(field).data('xdsoft_datetimepicker')) event.stopImmediatePropagation();
  }, true);

  // Wagtail's autosave (w-autosave) sends the editor's form half a second after each change. When the person
  // saves the form themselves in that half second ("Lưu lịch đăng" right after picking a date, or an action in
  // the footer), the waiting autosave still went out afterwards with the revision the page had before, and the
  // server refused it (HTTP 400 "Lưu lúc này sẽ ghi đè…" in the console; two writes at once). A form that is
  // being submitted drops the autosave still waiting and starts no other.
  let waiting = null;
  const autosaved = () => { waiting = null; };
  document.addEventListener('w-autosave:save', (event) => {
    if (event.target.dataset.toasoanSubmitting) event.preventDefault();
    else waiting = event;
  });
  document.addEventListener('w-autosave:success', autosaved);
  document.addEventListener('w-autosave:error', autosaved);
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (event.defaultPrevented || !form.matches('[data-controller~="w-autosave"]')) return;
    form.dataset.toasoanSubmitting = 'true';
    form.setAttribute('data-w-autosave-active-value', 'false');
    if (waiting) waiting.preventDefault();
    waiting = null;
  });
})();
