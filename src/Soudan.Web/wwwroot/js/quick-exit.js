// "Leave this site quickly": replace this page in the history, so that Back does not bring it back,
// and hide it at once. Without JavaScript the link still leaves the site.
(function () {
  'use strict';
  document.querySelectorAll('a[data-quick-exit]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      document.body.hidden = true;
      document.title = '';
      window.location.replace(link.href);
    });
  });
})();
