#include "page.h"

namespace heed::serve {

const std::string& page_html() {
  static const std::string page = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>heed — translate</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 64rem; padding: 1rem; color: #1b1b1b; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  .bar { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; flex-wrap: wrap; }
  .boxes { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  @media (max-width: 40rem) { .boxes { grid-template-columns: 1fr; } }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  textarea { width: 100%; box-sizing: border-box; min-height: 10rem; font: inherit; font-size: 1.05rem; padding: .5rem; }
  button, select { font-size: 1rem; padding: .3rem .7rem; }
  #status { color: #555; min-height: 1.2rem; }
  #picture svg { max-width: 100%; height: auto; }
  #alternatives { margin: .25rem 0 0; padding-left: 1.2rem; color: #333; }
  #alternatives li { cursor: pointer; }
  fieldset { border: 1px solid #ccc; margin-top: 1rem; padding: .5rem 1rem; }
</style>
</head>
<body>
<h1>heed</h1>
<div class="bar">
  <label for="direction" style="display:inline">Direction</label>
  <select id="direction" aria-label="translation direction"></select>
  <button id="swap" type="button" aria-label="swap the languages">⇄ Swap</button>
  <label for="format" style="display:inline">Format</label>
  <select id="format" aria-label="format of the text">
    <option value="text">Text</option>
    <option value="html">HTML (markup kept)</option>
  </select>
</div>
<div class="boxes">
  <div>
    <label for="source">Text to translate</label>
    <textarea id="source" placeholder="Type here…" autofocus></textarea>
  </div>
  <div>
    <label for="target">Translation</label>
    <textarea id="target" readonly aria-live="polite"></textarea>
    <ul id="alternatives" aria-label="other translations (click one to use it)"></ul>
    <div class="bar">
      <button id="copy" type="button">Copy</button>
      <button id="attention" type="button">Show attention</button>
    </div>
  </div>
</div>
<fieldset>
  <legend>Translate a file</legend>
  <div class="bar">
    <label for="file" style="display:inline">File</label>
    <input id="file" type="file">
    <button id="translate-file" type="button">Translate file</button>
    <a id="download" hidden>Download</a>
  </div>
</fieldset>
<p id="status" role="status"></p>
<div id="picture" aria-label="attention picture of the first sentence"></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let pairs = [], timer = null, generation = 0;

async function post(path, body) {
  const res = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  if (!res.ok) {
    let message = "HTTP " + res.status;
    try { message = (await res.json()).error || message; } catch (e) {}
    throw new Error(message);
  }
  return res;
}

function pair() { return pairs[$("direction").selectedIndex]; }
let detected = null;  // with "Detect language": the language of the last translation's text

// The whole text in one request: the server keeps its lines, blank lines and spaces. A text of
// one line also asks for three alternatives.
async function translate() {
  const text = $("source").value, mine = ++generation, p = pair();
  $("alternatives").replaceChildren();
  if (!text.trim()) { $("target").value = ""; $("status").textContent = ""; return; }
  $("status").textContent = "Translating…";
  try {
    const oneLine = !text.trim().includes("\n"), format = $("format").value;
    const body = {q: text, source: p.source, target: p.target, format: format};
    if (oneLine && format === "text") body.alternatives = 3;
    const answer = await (await post("/translate", body)).json();
    if (mine !== generation) return;
    $("target").value = answer.translatedText;
    for (const alternative of answer.alternatives || []) {
      const item = document.createElement("li");
      item.textContent = alternative;
      item.addEventListener("click", () => { $("target").value = alternative; });
      $("alternatives").appendChild(item);
    }
    detected = answer.detectedLanguage ? answer.detectedLanguage.language : null;
    $("status").textContent = answer.detectedLanguage
      ? "Detected: " + (names[detected] || detected) + " (" + answer.detectedLanguage.confidence + "%)" : "";
  } catch (e) {
    if (mine === generation) $("status").textContent = "Error: " + e.message;
  }
}

function schedule() { clearTimeout(timer); timer = setTimeout(translate, 300); }

let names = {};
function addOption(p, text) {
  pairs.push(p);
  const option = document.createElement("option");
  option.textContent = text;
  $("direction").appendChild(option);
}

async function start() {
  const languages = await (await fetch("/languages")).json();
  names = Object.fromEntries(languages.map((l) => [l.code, l.name]));
  const name = (code) => names[code] || code;
  for (const l of languages) for (const t of l.targets) addOption({source: l.code, target: t}, name(l.code) + " → " + name(t));
  // "Detect language" into each target, where the server can detect (its settings say nothing of
  // it, so ask: /detect answers 400 without a language profile).
  const probe = await fetch("/detect", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({q: "a"})});
  if (probe.ok) {
    const targets = [...new Set(languages.flatMap((l) => l.targets))];
    for (const t of targets) addOption({source: "auto", target: t}, "Detect language → " + name(t));
  }
  $("swap").disabled = pairs.length < 2;
}

// A file goes whole to /translate_file; the answer names where to download its translation.
async function translateFile() {
  const file = $("file").files[0], p = pair();
  if (!file) { $("status").textContent = "Choose a file first."; return; }
  $("download").hidden = true;
  $("status").textContent = "Translating " + file.name + "…";
  const form = new FormData();
  form.append("file", file);
  form.append("source", p.source);
  form.append("target", p.target);
  try {
    const res = await fetch("/translate_file", {method: "POST", body: form});
    const answer = await res.json();
    if (!res.ok) throw new Error(answer.error || "HTTP " + res.status);
    const url = new URL(answer.translatedFileUrl, location.href);
    const link = $("download");
    link.href = url.pathname;
    link.download = decodeURIComponent(url.pathname.split("/").pop());
    link.textContent = "Download " + link.download;
    link.hidden = false;
    $("status").textContent = "Translated " + file.name + ".";
  } catch (e) { $("status").textContent = "Error: " + e.message; }
}
async function loadSettings() {
  const settings = await (await fetch("/frontend/settings")).json();
  if (settings.supportedFilesFormat) $("file").accept = settings.supportedFilesFormat.join(",");
}
$("source").addEventListener("input", schedule);
$("format").addEventListener("change", translate);
$("translate-file").addEventListener("click", translateFile);
$("direction").addEventListener("change", translate);
$("swap").addEventListener("click", () => {
  const p = pair(), from = p.source === "auto" ? detected : p.source;
  const back = pairs.findIndex((q) => q.source === p.target && q.target === from);
  if (back < 0) { $("status").textContent = "No model translates the other way."; return; }
  $("direction").selectedIndex = back;
  $("source").value = $("target").value;
  translate();
});
$("copy").addEventListener("click", async () => {
  try { await navigator.clipboard.writeText($("target").value); $("status").textContent = "Copied."; }
  catch (e) { $("target").select(); document.execCommand("copy"); $("status").textContent = "Copied."; }
});
$("attention").addEventListener("click", async () => {
  const first = $("source").value.split("\n").find((l) => l.trim());
  if (!first) return;
  try {
    const source = pair().source === "auto" ? detected : pair().source;
    if (!source) return;
    const res = await post("/v1/attention", {q: first, source: source, target: pair().target});
    $("picture").innerHTML = await res.text();
  } catch (e) { $("status").textContent = "Error: " + e.message; }
});
loadSettings().catch(() => {});
start().catch((e) => { $("status").textContent = "Cannot reach the server: " + e.message; });
</script>
</body>
</html>
)HTML";
  return page;
}

}  // namespace heed::serve
