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
})();
