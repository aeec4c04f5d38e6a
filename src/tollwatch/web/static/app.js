// Evidence view: clicking a highlighted figure shows its parsed record beside the text.
// Records are fetched from our own API and shown with textContent, so report text never becomes markup.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("record");
  const text = document.getElementById("text");
  if (!panel || !text) return;
  text.addEventListener("click", async (event) => {
    const link = event.target.closest("a.claim");
    if (!link) return;
    event.preventDefault();
    text.querySelectorAll("a.claim.selected").forEach((a) => a.classList.remove("selected"));
    link.classList.add("selected");
    const response = await fetch(`/api/claims/${encodeURIComponent(link.dataset.claim)}`);
    const record = await response.json();
    panel.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = `${record.count.text} · ${record.outcome}`;
    const summary = document.createElement("p");
    const bounds = record.count.low === record.count.high ? `${record.count.low}`
      : `${record.count.low ?? "?"} to ${record.count.high ?? "no upper bound"}`;
    summary.textContent = `${bounds}; victims: ${record.victims.category}` +
      (record.source.name ? `; source: ${record.source.name}` : "") +
      (record.location ? `; place: ${record.location.name || record.location.text}` : "");
    const open = document.createElement("a");
    open.href = `/claims/${encodeURIComponent(record.claim_id)}`;
    open.textContent = "Open the record";
    const pre = document.createElement("pre");
    pre.className = "record-json";
    pre.textContent = JSON.stringify(record, null, 2);
    panel.append(title, summary, open, pre);
  });
});

// Review page: keys to confirm (c), reject (r), correct (e: to the first correction field) and
// move on (n), unless the reviewer is typing in a field. A viewer's page has only "n".
document.addEventListener("keydown", (event) => {
  const next = document.getElementById("next");
  if (!next || !document.querySelector(".review-panel") || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  const actions = {
    c: () => document.getElementById("confirm")?.click(),
    r: () => document.getElementById("reject")?.click(),
    e: () => document.querySelector("#correct input:not([type=hidden])")?.focus(),
    n: () => next.click(),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});
