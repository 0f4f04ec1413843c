// "Chat with us" buttons use the widget's command queue, so they work before /widget.js has loaded.
window.HybridChat = window.HybridChat || [];
// `?locale=de` (or ar, ur, fr, es, en) shows the widget in that language instead of the browser's.
var pageLocale = new URLSearchParams(window.location.search).get('locale');
if (pageLocale) window.HybridChat.push(['setLocale', pageLocale]);
document.querySelectorAll('[data-open-chat]').forEach(function (button) {
  button.addEventListener('click', function () {
    window.HybridChat.push(['open']);
  });
});
// The search box is decoration in this demo.
document.querySelector('.search')?.addEventListener('submit', function (event) {
  event.preventDefault();
});
