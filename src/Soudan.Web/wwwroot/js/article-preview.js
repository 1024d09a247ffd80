// The article editor's live preview: the text is sent to the server, which renders and cleans it
// exactly as for readers (Markdig, then HtmlSanitizer), so the preview never runs what readers won't.
// Without JavaScript the Preview button does the same with a full page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview]");
  var source = form && form.querySelector("[data-preview-source]");
  var target = document.getElementById("article-preview");
  if (!form || !source || !target || !window.fetch) {
    return;
  }

  var timer = null;
  var sent = 0;
  function refresh() {
    var asked = ++sent;
    var text = new FormData(form);
    text.delete("Image"); // the preview needs the text, not an image chosen for upload
    fetch(form.getAttribute("data-preview"), { method: "POST", body: text, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && asked === sent) {
          target.innerHTML = html;
        }
      })
      .catch(function () { /* the Preview button still works */ });
  }

  source.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
