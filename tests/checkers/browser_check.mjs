// Render pages of a built site in Chromium at a phone and a desktop width,
// run axe-core on each, and measure what a reader sees.
//
// Usage: node browser_check.mjs CHROMIUM JOB.json
// JOB.json: {"pages": [{"name": "golden-pos", "path": "/abs/index.html"}, ...],
//            "widths": [360, 1280], "tags": [...], "screenshots": "/abs/dir"}
// Prints one JSON object on stdout: {"results": [{name, width, violations:
// [{id, impact, help, targets}], scrollWidth, innerWidth, charts: [{src,
// width, viewBox, fontMin, textPx}], tables: [{region, label, focusable,
// scrolls}], cellLines, screenshot}]}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [executablePath, jobFile] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, "utf8"));

// The smallest font size an SVG sets, and the width of its viewBox: the
// text of an image scales with the width it is shown at.
function svgFonts(path) {
  const text = readFileSync(path, "utf8");
  const sizes = [...text.matchAll(/font-size="([0-9.]+)"/g)].map((m) => Number(m[1]));
  const box = /viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"/.exec(text);
  return { fontMin: sizes.length ? Math.min(...sizes) : NaN, viewBox: box ? Number(box[1]) : NaN };
}

// Every nameable fact of the page the checks need, read in the page.
function measure() {
  const charts = [...document.querySelectorAll('img[src$=".svg"]')].map((img) => ({
    src: img.src,
    width: img.getBoundingClientRect().width,
  }));
  const tables = [...document.querySelectorAll("table")].map((t) => {
    const box = t.parentElement;
    return {
      region: box.getAttribute("role") === "region",
      label: box.getAttribute("aria-label") || "",
      focusable: box.tabIndex >= 0,
      scrolls: box.scrollWidth > box.clientWidth,
    };
  });
  // the most lines of text any table cell wraps to
  let cellLines = 0;
  for (const td of document.querySelectorAll("td")) {
    const style = getComputedStyle(td);
    const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
    const inner = td.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    cellLines = Math.max(cellLines, Math.round(inner / line));
  }
  // the room kept for words in a last column of numbers (right-aligned),
  // which only widens the table past a phone's screen
  let numberColumnRoom = 0;
  for (const td of document.querySelectorAll("td:last-child")) {
    const style = getComputedStyle(td);
    if (style.textAlign === "right")
      numberColumnRoom = Math.max(numberColumnRoom, parseFloat(style.minWidth) || 0);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    cellLines,
    numberColumnRoom,
    innerWidth: window.innerWidth,
    charts,
    tables,
  };
}

const args = process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [];
const browser = await chromium.launch({ executablePath, headless: true, args });
const results = [];
try {
  for (const width of job.widths) {
    // not isMobile: a mobile viewport zooms out to fit wide content, which
    // would hide the overflow this test looks for
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      deviceScaleFactor: 1,
      javaScriptEnabled: true,
    });
    // the site loads nothing from the network: every request beyond file:// fails
    await context.route(/^(?!file:)/, (route) => route.abort());
    const page = await context.newPage();
    for (const p of job.pages) {
      await page.goto(pathToFileURL(p.path).href, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const axe = await page.evaluate(
        (tags) =>
          window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        job.tags,
      );
      const m = await page.evaluate(measure);
      for (const c of m.charts) {
        const f = svgFonts(fileURLToPath(c.src));
        Object.assign(c, f, { textPx: (f.fontMin * c.width) / f.viewBox });
      }
      const screenshot = join(job.screenshots, `${p.name}-${width}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      results.push({
        name: p.name,
        path: p.path,
        width,
        violations: axe.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")),
        })),
        ...m,
        screenshot,
      });
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }) + "\n");
