// Agenda items on a call's admin page: drag a row, or use its move up/down buttons, to
// reorder; the hidden position inputs are renumbered to match what is shown.
(function () {
  "use strict";

  function rows(tbody) {
    return Array.from(tbody.querySelectorAll("tr.form-row:not(.empty-form)"));
  }

  function topicOf(row) {
    const input = row.querySelector('input[name$="-topic"]');
    return input ? input.value.trim() : "";
  }

  function renumber(tbody) {
    let position = 1;
    rows(tbody).forEach((row) => {
      const input = row.querySelector("[data-agenda-position]");
      // Blank extra rows keep their value, or the formset would try to save them.
      if (input && topicOf(row)) {
        input.value = position;
        position += 1;
      }
    });
  }

  function announce(tbody, row) {
    const status = tbody.closest(".agenda-items").querySelector(".agenda-status");
    const named = rows(tbody).filter(topicOf);
    status.textContent = `${topicOf(row) || "Item"} moved to place ${named.indexOf(row) + 1} of ${named.length}.`;
  }

  function move(row, direction) {
    const tbody = row.parentElement;
    const sibling = direction < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling || !sibling.matches("tr.form-row:not(.empty-form)")) {
      return;
    }
    if (direction < 0) {
      tbody.insertBefore(row, sibling);
    } else {
      tbody.insertBefore(sibling, row);
    }
    renumber(tbody);
    announce(tbody, row);
  }

  function button(label, text, direction) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "agenda-move";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.dataset.direction = direction;
    return b;
  }

  function addControls(row) {
    const cell = row.querySelector("td.original");
    if (!cell || cell.querySelector(".agenda-move")) {
      return;
    }
    const topic = topicOf(row) || "this item";
    const tools = document.createElement("div");
    tools.className = "agenda-tools";
    tools.append(button(`Move ${topic} up`, "↑", -1), button(`Move ${topic} down`, "↓", 1));
    cell.prepend(tools);
    row.draggable = true;
  }

  function setUp(group) {
    const tbody = group.querySelector("tbody");
    if (!tbody) {
      return;
    }
    const status = document.createElement("p");
    status.className = "agenda-status";
    status.setAttribute("role", "status");
    group.append(status);
    rows(tbody).forEach(addControls);

    tbody.addEventListener("click", (event) => {
      const b = event.target.closest(".agenda-move");
      if (b) {
        move(b.closest("tr"), Number(b.dataset.direction));
        b.focus();
      }
    });

    let dragged = null;
    tbody.addEventListener("dragstart", (event) => {
      dragged = event.target.closest("tr");
      event.dataTransfer.effectAllowed = "move";
    });
    tbody.addEventListener("dragover", (event) => {
      const over = event.target.closest("tr.form-row:not(.empty-form)");
      if (dragged && over && over !== dragged) {
        event.preventDefault();
        const box = over.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        tbody.insertBefore(dragged, after ? over.nextElementSibling : over);
      }
    });
    tbody.addEventListener("drop", (event) => event.preventDefault());
    tbody.addEventListener("dragend", () => {
      if (dragged) {
        renumber(tbody);
        announce(tbody, dragged);
        dragged = null;
      }
    });
    document.addEventListener("formset:added", (event) => {
      if (tbody.contains(event.target)) {
        addControls(event.target);
      }
    });
    group.closest("form").addEventListener("submit", () => renumber(tbody));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".agenda-items").forEach(setUp);
  });
})();
