/* global document */
// The console works without JavaScript; this only adds "Copy" buttons beside secrets shown once.
document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
  var target = document.getElementById(button.getAttribute('data-copy'));
  if (!target || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      button.textContent = 'Copied';
    });
  });
});
