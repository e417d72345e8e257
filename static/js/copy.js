// "Copy" buttons for text partners paste elsewhere (a newsletter, a post).
// A button names its text box in data-copy-target and its status line in data-copy-status;
// data-copied and data-copy-failed carry its messages in the page's language.
// Without JavaScript the buttons stay hidden and the text box is there to select by hand.
(function () {
  "use strict";

  function copyFrom(box) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(box.value);
    }
    box.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var box = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!box || !status) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyFrom(box).then(
        function () {
          status.textContent = button.dataset.copied || "Copied. You can paste it now.";
        },
        function () {
          box.select();
          status.textContent =
            button.dataset.copyFailed ||
            "Your browser would not copy it. The text is selected: copy it with your keyboard or menu.";
        }
      );
    });
  });
})();
