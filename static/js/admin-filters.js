// Drop-down list filters: choosing an option opens the changelist filtered by it.
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-filter-dropdown]");
  if (select) {
    window.location.href = select.value;
  }
});
