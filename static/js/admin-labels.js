// Names for what the admin's widgets leave unnamed: autocomplete boxes (select2) hide the
// labelled <select> and show a combobox without a name, so each gets the label of its select.
(function () {
  "use strict";

  function name(select) {
    if (select.getAttribute("aria-label")) {
      return select.getAttribute("aria-label");
    }
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    if (label) {
      return label.textContent.replace(/:\s*$/, "").trim();
    }
    const column = select.closest("td") && select.closest("td").className.match(/field-(\w+)/);
    return column ? column[1].replace(/_/g, " ") : "";
  }

  function labelAll(root) {
    // The two-box selector's search icons carry a name but no role to hold it.
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
    root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const text = name(select);
      const box = select.nextElementSibling;
      if (!text || !box || !box.classList.contains("select2")) {
        return;
      }
      const parts = ".select2-selection, .select2-search__field, [role=textbox]";
      box.querySelectorAll(parts).forEach((el) => {
        el.setAttribute("aria-label", text);
      });
    });
  }

  // select2 builds (and rebuilds) its boxes after the page loads: label whatever it adds.
  let pending = false;
  const observer = new MutationObserver(() => {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(() => {
        pending = false;
        labelAll(document);
      });
    }
  });
  window.addEventListener("load", () => {
    labelAll(document);
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
