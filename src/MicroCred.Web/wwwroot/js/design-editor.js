// The design forms (credential editor, design settings): add, remove and reorder the rows of repeating lists,
// and the rubric's criteria (rows) and levels (columns), without losing anything typed. After every change the
// inputs are renamed (Input.Prompts[0].Title, …) so the server binds the lists in their new order; ids stay
// in hidden inputs, and new rows get new ids. Without this file the forms still work: the server offers spare
// blank rows, which are saved when filled in and ignored when left blank.
(() => {
  "use strict";

  const form = document.querySelector("form[data-design-form]");
  if (!form) return;

  const idOf = (name) => name.replace(/[.[\]]/g, "_");
  const article = (noun) => (/^[aeiou]/i.test(noun) ? "an" : "a");
  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const newId = () => {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    const b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  // What just happened, for screen-reader users (focus already moves to the right place).
  const live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  form.append(live);
  const announce = (text) => {
    live.textContent = "";
    window.setTimeout(() => { live.textContent = text; }, 50);
  };

  // A button whose visible text may be short (an arrow) and whose accessible name says what and where.
  const makeButton = (visible, action, className, spoken) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.dataset.action = action;
    const shown = document.createElement("span");
    shown.textContent = visible;
    if (spoken) shown.setAttribute("aria-hidden", "true");
    const context = document.createElement("span");
    context.className = "visually-hidden";
    context.dataset.context = spoken ? "full" : "suffix";
    b.append(shown, context);
    return b;
  };
  // Names the tool buttons of one row: "Move up citation 2", "Move level Proficient left".
  const nameTools = (scope, describe) => {
    scope.querySelectorAll("[data-context]").forEach((span) => {
      const action = span.closest("button").dataset.action;
      span.textContent = describe(action, span.dataset.context === "full");
    });
  };
  // A disabled button cannot keep focus: hand it to its partner (up ↔ down, left ↔ right).
  const keepFocus = (buttonEl, partnerAction) => {
    if (!buttonEl.disabled) { buttonEl.focus(); return; }
    buttonEl.parentElement.querySelector(`[data-action="${partnerAction}"]`)?.focus();
  };
  const firstField = (scope) => scope.querySelector("input:not([type=hidden]), textarea, select");
  // Removes what must not be copied into a new row: messages, tools, "spare" marks, attached files.
  // (Spare rows are marked data-spare="true"; every other row says "false".)
  const cleanCopy = (node) => {
    node.removeAttribute("data-spare");
    node.querySelectorAll(".field-error").forEach((e) => e.remove());
    node.querySelectorAll("[data-tools]").forEach((t) => t.replaceChildren());
    node.querySelectorAll("[aria-invalid]").forEach((e) => { e.removeAttribute("aria-invalid"); e.removeAttribute("aria-describedby"); });
    node.querySelectorAll("[data-clear]").forEach((e) => { if (e.tagName === "INPUT") e.value = ""; else e.remove(); });
    return node;
  };

  // ---- Repeating lists: <div data-list="Input.Citations" data-noun="citation"> … <li data-item> ----

  const templates = new WeakMap();
  const itemsOf = (list) => Array.from(list.querySelector("[data-items]").children).filter((e) => e.hasAttribute("data-item"));

  const setUpKinds = (scope) => {
    scope.querySelectorAll("[data-kind-select]").forEach((select) => {
      const item = select.closest("[data-item]");
      const apply = () => item.querySelectorAll("[data-show-for]").forEach((group) => { group.hidden = group.dataset.showFor !== select.value; });
      select.addEventListener("change", apply);
      apply();
    });
  };

  const renumber = (list) => {
    const base = list.dataset.list;
    const noun = list.dataset.noun;
    const items = itemsOf(list);
    const min = Number(list.dataset.min || 0);
    const max = Number(list.dataset.max || 1000);
    items.forEach((item, i) => {
      const prefix = `${base}[${i}]`;
      if (item.id) item.id = idOf(prefix); // a one-field row has no id of its own: its field has it
      item.querySelectorAll("[data-field]").forEach((field) => {
        const name = field.dataset.field ? `${prefix}.${field.dataset.field}` : prefix;
        field.name = name;
        field.id = idOf(name) + (field.dataset.idSuffix ? `_${field.dataset.idSuffix}` : "");
      });
      item.querySelectorAll("[data-id-for]").forEach((group) => { group.id = idOf(`${prefix}.${group.dataset.idFor}`); });
      item.querySelectorAll("label[data-for]").forEach((label) => {
        label.htmlFor = idOf(label.dataset.for ? `${prefix}.${label.dataset.for}` : prefix);
      });
      item.querySelectorAll("[data-number]").forEach((n) => { n.textContent = String(i + 1); });
      nameTools(item, () => ` ${noun} ${i + 1}`);
      const tools = item.querySelector(".item-tools");
      tools.querySelector("[data-action=up]").disabled = i === 0;
      tools.querySelector("[data-action=down]").disabled = i === items.length - 1;
      tools.querySelector("[data-action=remove]").disabled = items.length <= min;
    });
    list.querySelector("[data-action=add]").disabled = items.length >= max;
    list.dispatchEvent(new CustomEvent("list-changed", { bubbles: true }));
  };

  const addItemTools = (list, item) => {
    const tools = document.createElement("div");
    tools.className = "item-tools";
    tools.append(
      makeButton("Move up", "up", "secondary small"),
      makeButton("Move down", "down", "secondary small"),
      makeButton("Remove", "remove", "danger small"));
    (item.querySelector(":scope > fieldset") || item).append(tools);
  };

  const setUpList = (list) => {
    const spares = itemsOf(list).filter((i) => i.dataset.spare === "true");
    if (spares.length === 0) return; // nothing to copy new rows from: leave the list as the server drew it
    templates.set(list, cleanCopy(spares[0].cloneNode(true)));
    spares.forEach((s) => s.remove());
    itemsOf(list).forEach((item) => addItemTools(list, item));
    const noun = list.dataset.noun;
    const add = makeButton(`Add ${article(noun)} ${noun}`, "add", "secondary small add-row");
    list.querySelector("[data-items]").after(add);
    renumber(list);

    list.addEventListener("click", (event) => {
      const b = event.target.closest("button[data-action]");
      if (!b || b.closest("[data-list]") !== list) return;
      const item = b.closest("[data-item]");
      const position = item ? itemsOf(list).indexOf(item) : -1;
      if (b.dataset.action === "add") {
        const fresh = templates.get(list).cloneNode(true);
        fresh.querySelectorAll("[data-new-id]").forEach((input) => { input.value = newId(); });
        list.querySelector("[data-items]").append(fresh);
        addItemTools(list, fresh);
        setUpKinds(fresh);
        renumber(list);
        firstField(fresh)?.focus();
        announce(`${capital(noun)} ${itemsOf(list).length} added.`);
      } else if (b.dataset.action === "remove") {
        item.remove();
        renumber(list);
        const rest = itemsOf(list);
        const next = rest[Math.min(position, rest.length - 1)];
        (next ? firstField(next) : add).focus();
        announce(`${capital(noun)} ${position + 1} removed.`);
      } else if (b.dataset.action === "up" || b.dataset.action === "down") {
        const up = b.dataset.action === "up";
        const sibling = up ? item.previousElementSibling : item.nextElementSibling;
        if (!sibling) return;
        if (up) sibling.before(item); else sibling.after(item);
        renumber(list);
        keepFocus(b, up ? "down" : "up");
        announce(`${capital(noun)} moved to position ${itemsOf(list).indexOf(item) + 1}.`);
      }
    });
  };

  form.querySelectorAll("[data-list]").forEach(setUpList);
  setUpKinds(form);

  // ---- The rubric grid: levels are columns, criteria are rows, a descriptor in every cell ----

  const rubric = form.querySelector("[data-rubric]");
  const headRow = rubric?.querySelector("[data-levels]");
  const body = rubric?.querySelector("[data-criteria]");
  const spareLevel = headRow?.querySelector("[data-level][data-spare=true]");
  const spareRow = body?.querySelector("[data-criterion][data-spare=true]");
  if (!rubric || !spareLevel || !spareRow) return;

  const passing = rubric.querySelector("[data-passing-level]");
  const totalHint = rubric.querySelector("[data-total-hint]");
  const promptList = form.querySelector("[data-prompts]");
  const levelsOf = () => Array.from(headRow.querySelectorAll("[data-level]"));
  const rowsOf = () => Array.from(body.querySelectorAll("[data-criterion]"));
  const levelTemplate = cleanCopy(spareLevel.cloneNode(true));
  const cellTemplate = cleanCopy(spareRow.querySelector("[data-cell]").cloneNode(true));
  const rowTemplate = cleanCopy(spareRow.cloneNode(true));
  rowTemplate.querySelectorAll("[data-cell], [data-prompt-links] label").forEach((e) => e.remove());
  body.querySelectorAll(`[data-cell][data-level-id="${spareLevel.dataset.levelId}"]`).forEach((td) => td.remove());
  spareLevel.remove();
  spareRow.remove();

  const promptsNow = () => (promptList ? itemsOf(promptList) : []).map((item, n) => ({
    id: item.querySelector("[data-prompt-id]").value,
    title: item.querySelector("[data-prompt-title]").value.trim() || `Evidence prompt ${n + 1}`,
  }));

  const linkFor = (promptId) => {
    const label = document.createElement("label");
    label.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = promptId;
    box.dataset.criterionField = "PromptIds";
    const name = document.createElement("span");
    name.dataset.promptName = "";
    label.append(box, " ", name);
    return label;
  };

  const addLevelTools = (th) => th.querySelector("[data-tools]").append(
    makeButton("←", "left", "secondary small icon", true),
    makeButton("→", "right", "secondary small icon", true),
    makeButton("✕", "remove", "danger small icon", true));
  const addRowTools = (tr) => tr.querySelector("[data-tools]").append(
    makeButton("↑", "up", "secondary small icon", true),
    makeButton("↓", "down", "secondary small icon", true),
    makeButton("✕", "remove", "danger small icon", true));
  const titleTools = (scope) => scope.querySelectorAll("[data-tools] button").forEach((b) => { b.title = b.querySelector("[data-context]").textContent; });

  // Brings every row in line with the columns and the evidence prompts, and renames every input.
  const sync = () => {
    const levels = levelsOf();
    const levelIds = levels.map((th) => th.dataset.levelId);
    const typed = levels.map((th) => th.querySelector("[data-level-field=Name]").value.trim());
    const levelNames = typed.map((name, j) => name || `level ${j + 1}`);
    levels.forEach((th, j) => {
      const prefix = `Input.Rubric.Levels[${j}]`;
      th.id = idOf(prefix);
      th.querySelectorAll("[data-level-field]").forEach((f) => { f.name = `${prefix}.${f.dataset.levelField}`; f.id = idOf(f.name); });
      th.querySelector("[data-level-label]").htmlFor = idOf(`${prefix}.Name`);
      th.querySelector("[data-number]").textContent = String(j + 1);
      th.querySelector("[data-points]").textContent = `(${j} ${j === 1 ? "point" : "points"})`;
      nameTools(th, (action) => ({ left: `Move ${levelNames[j]} left (lower)`, right: `Move ${levelNames[j]} right (higher)`, remove: `Remove ${levelNames[j]}` })[action]);
      titleTools(th);
      th.querySelector("[data-action=left]").disabled = j === 0;
      th.querySelector("[data-action=right]").disabled = j === levels.length - 1;
      th.querySelector("[data-action=remove]").disabled = levels.length <= 2;
    });
    rubric.querySelector("[data-action=add-level]").disabled = levels.length >= 7;

    const prompts = promptsNow();
    const rows = rowsOf();
    rows.forEach((tr, i) => {
      const prefix = `Input.Rubric.Criteria[${i}]`;
      tr.id = idOf(prefix);
      tr.querySelectorAll("[data-criterion-field]:not([type=checkbox])").forEach((f) => { f.name = `${prefix}.${f.dataset.criterionField}`; f.id = idOf(f.name); });
      tr.querySelector("[data-criterion-label]").htmlFor = idOf(`${prefix}.Title`);
      tr.querySelector("[data-criterion-label] [data-number]").textContent = String(i + 1);
      const title = tr.querySelector("[data-criterion-field=Title]").value.trim() || `Criterion ${i + 1}`;
      nameTools(tr.querySelector("[data-tools]"), (action) => ({ up: `Move criterion ${i + 1} up`, down: `Move criterion ${i + 1} down`, remove: `Remove criterion ${i + 1}` })[action]);
      titleTools(tr);
      tr.querySelector("[data-action=up]").disabled = i === 0;
      tr.querySelector("[data-action=down]").disabled = i === rows.length - 1;

      const cells = new Map(Array.from(tr.querySelectorAll("[data-cell]"), (td) => [td.dataset.levelId, td]));
      levelIds.forEach((levelId, j) => {
        let td = cells.get(levelId);
        if (td) {
          cells.delete(levelId);
        } else {
          td = cellTemplate.cloneNode(true);
          td.dataset.levelId = levelId;
          td.querySelector("[data-cell-field=LevelId]").value = levelId;
        }
        tr.append(td); // appending in level order puts the columns in order
        const cellPrefix = `${prefix}.Cells[${j}]`;
        td.querySelectorAll("[data-cell-field]").forEach((f) => { f.name = `${cellPrefix}.${f.dataset.cellField}`; f.id = idOf(f.name); });
        const label = td.querySelector("[data-cell-label]");
        label.htmlFor = idOf(`${cellPrefix}.Descriptor`);
        label.textContent = `${title}, ${levelNames[j]}: descriptor`;
      });
      cells.forEach((td) => td.remove());

      const box = tr.querySelector("[data-prompt-links]");
      const links = new Map(Array.from(box.querySelectorAll("input[type=checkbox]"), (c) => [c.value, c.closest("label")]));
      prompts.forEach((p) => {
        let label = links.get(p.id);
        if (label) links.delete(p.id); else label = linkFor(p.id);
        label.querySelector("[data-prompt-name]").textContent = p.title;
        box.append(label);
        const check = label.querySelector("input");
        check.name = `${prefix}.PromptIds`;
        check.id = `${idOf(check.name)}_${p.id}`;
      });
      links.forEach((label) => label.remove());
      let none = box.querySelector("[data-no-prompts]");
      if (!none) {
        none = document.createElement("p");
        none.className = "muted";
        none.dataset.noPrompts = "";
        box.querySelector("legend").after(none);
      }
      none.textContent = "Add evidence prompts above to link them here.";
      none.hidden = prompts.length > 0;
    });

    const chosen = passing.value;
    Array.from(passing.options).filter((o) => o.value !== "").forEach((o) => o.remove());
    levels.forEach((th, j) => passing.append(new Option(typed[j] || `Level ${j + 1} (no name yet)`, th.dataset.levelId)));
    passing.value = levelIds.includes(chosen) ? chosen : "";
    totalHint.textContent = `points, out of ${rows.length * Math.max(0, levels.length - 1)} at most.`;
  };

  levelsOf().forEach(addLevelTools);
  rowsOf().forEach(addRowTools);
  const actions = rubric.querySelector("[data-rubric-actions]");
  actions.append(
    makeButton("Add a criterion", "add-criterion", "secondary small"),
    makeButton("Add a level", "add-level", "secondary small"));
  sync();

  rubric.addEventListener("click", (event) => {
    const b = event.target.closest("button[data-action]");
    if (!b) return;
    const th = b.closest("[data-level]");
    const tr = b.closest("[data-criterion]");
    const action = b.dataset.action;
    if (action === "add-criterion") {
      const row = rowTemplate.cloneNode(true);
      row.querySelector("[data-criterion-field=Id]").value = newId();
      body.append(row);
      addRowTools(row);
      sync();
      row.querySelector("[data-criterion-field=Title]").focus();
      announce(`Criterion ${rowsOf().length} added.`);
    } else if (action === "add-level") {
      const column = levelTemplate.cloneNode(true);
      const id = newId();
      column.dataset.levelId = id;
      column.querySelector("[data-level-field=Id]").value = id;
      headRow.append(column);
      addLevelTools(column);
      sync();
      column.querySelector("[data-level-field=Name]").focus();
      announce(`Level ${levelsOf().length} added as the highest level, with an empty descriptor in every criterion.`);
    } else if (th && (action === "left" || action === "right")) {
      const left = action === "left";
      const sibling = left ? th.previousElementSibling : th.nextElementSibling;
      if (!sibling || !sibling.hasAttribute("data-level")) return;
      if (left) sibling.before(th); else sibling.after(th);
      sync();
      keepFocus(b, left ? "right" : "left");
      announce(`Level moved to position ${levelsOf().indexOf(th) + 1}; its descriptors moved with it.`);
    } else if (th && action === "remove") {
      const position = levelsOf().indexOf(th);
      body.querySelectorAll(`[data-cell][data-level-id="${th.dataset.levelId}"]`).forEach((td) => td.remove());
      th.remove();
      sync();
      const rest = levelsOf();
      rest[Math.min(position, rest.length - 1)].querySelector("[data-level-field=Name]").focus();
      announce(`Level ${position + 1} removed, with its descriptors.`);
    } else if (tr && (action === "up" || action === "down")) {
      const up = action === "up";
      const sibling = up ? tr.previousElementSibling : tr.nextElementSibling;
      if (!sibling) return;
      if (up) sibling.before(tr); else sibling.after(tr);
      sync();
      keepFocus(b, up ? "down" : "up");
      announce(`Criterion moved to position ${rowsOf().indexOf(tr) + 1}.`);
    } else if (tr && action === "remove") {
      const position = rowsOf().indexOf(tr);
      tr.remove();
      sync();
      const rest = rowsOf();
      const next = rest[Math.min(position, rest.length - 1)];
      (next ? next.querySelector("[data-criterion-field=Title]") : actions.querySelector("[data-action=add-criterion]")).focus();
      announce(`Criterion ${position + 1} removed.`);
    }
  });

  // Titles and names typed elsewhere show up in the grid's labels, the prompt links and the passing level.
  form.addEventListener("input", (event) => {
    if (event.target.matches("[data-prompt-title], [data-level-field=Name], [data-criterion-field=Title]")) sync();
  });
  promptList?.addEventListener("list-changed", sync);
})();
