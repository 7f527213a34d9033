/* global document */
// "New tab" launches open the app in a new browsing context; "Embedded iframe" launches stay in the
// EHR tab, which then shows the app in a frame. Without this script every launch stays in this tab.
const form = document.getElementById('launch-form');
if (form) {
  const sync = () => {
    const mode = form.querySelector('input[name="mode"]:checked');
    form.target = mode && mode.value === 'tab' ? '_blank' : '_self';
  };
  form.addEventListener('change', sync);
  sync();
}
