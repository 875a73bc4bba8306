// Open a page that `rekap serve` serves in Chromium, save an edit of a
// record, and time until the page the browser shows has the edit: what a
// person previewing their records sees.
//
// Usage: node serve_reload.mjs CHROMIUM URL FILE OLD NEW SHOWN TIMEOUT_S
// The first OLD in FILE is replaced by NEW once the page has been open for
// a second; the page must then come to show the text SHOWN (it reloads by
// itself). Prints one JSON object on stdout: {"reloadsBeforeEdit": n,
// "seconds": s} (seconds from the save to the page showing SHOWN; null when
// it did not within TIMEOUT_S).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [executablePath, url, file, oldText, newText, shown, timeoutArg] = process.argv.slice(2);
const timeout = Number(timeoutArg) * 1000;

const args = process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [];
const browser = await chromium.launch({ executablePath, headless: true, args });
let result;
try {
  const page = await browser.newPage();
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(1000);
  const reloadsBeforeEdit = loads - 1;

  const text = readFileSync(file, "utf8");
  if (!text.includes(oldText)) throw new Error(`${file} does not contain ${oldText}`);
  const start = performance.now();
  writeFileSync(file, text.replace(oldText, newText));
  let seconds = null;
  while (performance.now() - start < timeout) {
    // a reload under way destroys the context the question runs in
    const shows = await page
      .evaluate((t) => document.body !== null && document.body.innerText.includes(t), shown)
      .catch(() => false);
    if (shows) {
      seconds = (performance.now() - start) / 1000;
      break;
    }
    await page.waitForTimeout(10);
  }
  result = { reloadsBeforeEdit, seconds };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
