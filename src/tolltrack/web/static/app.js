// tolltrack pages: client-side table sorting and linking claim cards to highlighted sentences.
// Loaded from this host only (the Content-Security-Policy allows no inline script).
"use strict";

function cellValue(row, index, numeric) {
  const cell = row.cells[index];
  if (!cell) return numeric ? -Infinity : "";
  const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  if (!numeric) return raw.toLowerCase();
  const n = parseFloat(raw);
  return Number.isNaN(n) ? -Infinity : n;
}

function makeSortable(table) {
  const headers = table.querySelectorAll("th[data-sort]");
  headers.forEach((th) => {
    th.tabIndex = 0;
    const sort = () => {
      const numeric = th.dataset.sort === "number";
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = cellValue(a, th.cellIndex, numeric);
        const y = cellValue(b, th.cellIndex, numeric);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach((r) => body.appendChild(r));
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
}

function linkClaims() {
  const marks = document.querySelectorAll("mark.claim-sentence");
  const cards = document.querySelectorAll(".claim-card");
  const activate = (index) => {
    marks.forEach((m) => m.classList.toggle("active", m.dataset.claims.split(" ").includes(index)));
    cards.forEach((c) => c.classList.toggle("active", c.id === "card-" + index));
  };
  cards.forEach((card) => card.addEventListener("mouseenter", () => activate(card.id.slice(5))));
  marks.forEach((mark) => mark.addEventListener("click", () => {
    const first = mark.dataset.claims.split(" ")[0];
    activate(first);
    const card = document.getElementById("card-" + first);
    if (card) card.scrollIntoView({ block: "nearest" });
  }));
  const target = location.hash.match(/^#claim-(\d+)$/);
  if (target) activate(target[1]);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  linkClaims();
});
