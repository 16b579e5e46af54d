/*
 * The plan editor (plans/plan_edit.html): rows added, moved and marked for removal with buttons or
 * the keyboard, numbered I, I.1, I.2, II… as they stand, and body names suggested as one types,
 * with or without diacritics. Without this script the editor still works: each row shows its order
 * number and a remove box, and bodies are typed by name.
 */
(function () {
  "use strict";
  var editor = document.getElementById("plan-editor");
  if (!editor) {
    return;
  }
  document.documentElement.classList.add("js");
  var body = document.querySelector("#plan-rows tbody");
  var total = editor.querySelector("input[name='rows-TOTAL_FORMS']");
  var template = document.getElementById("empty-row");
  var bodies = JSON.parse(document.getElementById("plan-bodies").textContent).map(function (entry) {
    return { name: entry.name, key: fold(entry.name + " " + (entry.short || "")) };
  });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function roman(number) {
    var values = [[10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
    var text = "";
    values.forEach(function (pair) {
      while (number >= pair[0]) {
        text += pair[1];
        number -= pair[0];
      }
    });
    return text;
  }

  function rows() {
    return Array.prototype.slice.call(body.rows);
  }

  function removed(row) {
    var box = row.querySelector("input[name$='-DELETE']");
    return box && box.checked;
  }

  // Number the rows as they stand and keep each row's ORDER, which the server saves them by.
  function renumber() {
    var area = 0;
    var task = 0;
    rows().forEach(function (row, index) {
      row.querySelector(".row-order").value = index + 1;
      row.classList.toggle("row-removed", removed(row));
      var label = row.querySelector(".row-number");
      if (removed(row)) {
        label.textContent = "–";
      } else if (row.dataset.kind === "area") {
        area += 1;
        task = 0;
        label.textContent = roman(area);
      } else {
        task += 1;
        label.textContent = (area ? roman(area) + "." : "") + task;
      }
    });
  }

  function setKind(row, kind) {
    row.dataset.kind = kind;
    row.querySelector("input[name$='-kind']").value = kind;
    row.classList.toggle("plan-area-row", kind === "area");
    row.classList.toggle("table-secondary", kind === "area");
    row.classList.toggle("plan-task-row", kind === "task");
  }

  function addRow(kind, after) {
    var index = parseInt(total.value, 10);
    var holder = document.createElement("tbody");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index)).trim();
    var row = holder.rows[0];
    total.value = String(index + 1);
    setKind(row, kind);
    if (after && after.nextSibling) {
      body.insertBefore(row, after.nextSibling);
    } else if (after) {
      body.appendChild(row);
    } else {
      body.appendChild(row);
    }
    wireRow(row);
    renumber();
    row.querySelector("textarea").focus();
    return row;
  }

  function move(row, step) {
    var target = step < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!target) {
      return;
    }
    if (step < 0) {
      body.insertBefore(row, target);
    } else {
      body.insertBefore(target, row);
    }
    renumber();
  }

  function toggleRemoved(row) {
    var box = row.querySelector("input[name$='-DELETE']");
    box.checked = !box.checked;
    renumber();
  }

  function wireRow(row) {
    row.querySelectorAll("[data-row-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.rowAction;
        if (action === "up") {
          move(row, -1);
          button.focus();
        } else if (action === "down") {
          move(row, 1);
          button.focus();
        } else {
          addRow("task", row);
        }
      });
    });
    var box = row.querySelector("input[name$='-DELETE']");
    if (box) {
      box.addEventListener("change", renumber);
    }
    row.querySelectorAll("[data-suggest]").forEach(suggest);
    row.querySelectorAll("textarea").forEach(function (area) {
      grow(area);
      area.addEventListener("input", function () {
        grow(area);
      });
    });
    var timing = row.querySelector("select[name$='-timing']");
    var deadline = row.querySelector(".deadline-field");
    function showDeadline() {
      // Only a task done by a deadline needs one; a deadline already typed stays visible.
      var input = deadline.querySelector("input");
      deadline.hidden = timing.value !== "deadline" && !input.value;
    }
    timing.addEventListener("change", showDeadline);
    showDeadline();
  }

  // A textarea as tall as its text, so that a whole task reads without scrolling inside it.
  function grow(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  // Keyboard: Alt+↑/↓ move the row holding the focus, Alt+Enter adds a task below, Alt+Delete removes.
  body.addEventListener("keydown", function (event) {
    if (!event.altKey) {
      return;
    }
    var row = event.target.closest("tr");
    if (!row) {
      return;
    }
    var handled = true;
    if (event.key === "ArrowUp") {
      move(row, -1);
    } else if (event.key === "ArrowDown") {
      move(row, 1);
    } else if (event.key === "Enter") {
      addRow("task", row);
    } else if (event.key === "Delete") {
      toggleRemoved(row);
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.target.focus();
      }
    }
  });

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function () {
      addRow(button.dataset.addRow, null);
    });
  });

  // Suggestions for body names: a listbox under the field, ↓/↑ to choose, Enter or Tab to take.
  var counter = 0;
  function suggest(input) {
    var many = input.hasAttribute("data-suggest-many");
    var list = document.createElement("ul");
    counter += 1;
    list.id = "suggest-" + counter;
    list.className = "list-group suggest-list shadow-sm";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var chosen = -1;

    function current() {
      var value = input.value;
      return many ? value.slice(value.lastIndexOf(";") + 1).trim() : value.trim();
    }

    function close() {
      list.hidden = true;
      chosen = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function show() {
      var words = fold(current()).split(/\s+/).filter(Boolean);
      list.innerHTML = "";
      if (!words.length) {
        close();
        return;
      }
      var found = bodies.filter(function (entry) {
        return words.every(function (word) {
          return entry.key.indexOf(word) !== -1;
        });
      }).slice(0, 8);
      found.forEach(function (entry, index) {
        var item = document.createElement("li");
        item.className = "list-group-item list-group-item-action py-1 small";
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.textContent = entry.name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          take(entry.name);
        });
        list.appendChild(item);
      });
      chosen = -1;
      list.hidden = !found.length;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }

    function highlight(index) {
      var items = list.children;
      if (!items.length) {
        return;
      }
      chosen = (index + items.length) % items.length;
      Array.prototype.forEach.call(items, function (item, position) {
        item.setAttribute("aria-selected", String(position === chosen));
      });
      input.setAttribute("aria-activedescendant", items[chosen].id);
    }

    function take(name) {
      if (many) {
        var value = input.value;
        var head = value.slice(0, value.lastIndexOf(";") + 1);
        input.value = (head ? head.trim() + " " : "") + name + "; ";
      } else {
        input.value = name;
      }
      if (input.tagName === "TEXTAREA") {
        grow(input);
      }
      close();
      input.focus();
    }

    input.addEventListener("input", show);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      if (list.hidden || event.altKey) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(chosen + (event.key === "ArrowDown" ? 1 : -1));
      } else if ((event.key === "Enter" || event.key === "Tab") && chosen >= 0) {
        event.preventDefault();
        take(list.children[chosen].textContent);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  rows().forEach(wireRow);
  renumber();
})();
