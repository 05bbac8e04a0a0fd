#!/usr/bin/env node
// Screenshots of the packaged extension in VS Code (code-server 1.100.3 + headless Chromium)
// for the documentation.
//
//   npm run package && node test/editor/screenshots.mjs [--out docs/images]
//        [--vsix dist/cable-tools.vsix]... [--dev] [--steps hover,outline,problems]
//        [--timeout <s per step>] [--theme "Default Dark Modern"] [--scale 1]
//
// Opens test/vscode/workspace/sample.cable (the Astana seed cable) and saves:
//   hover.png     the hover on the routing indicator RUEHTA in the DE line
//   outline.png   the Outline view, expanded
//   problems.png  the Problems panel, with the quick-fix menu open on the `15.` paragraph line
//   status.png    the language status items (configuration, index)
//   scopes.png    the grammar's scopes on RUEHTA
//   cables.png    the Cables view, filtered to origin:naples from its filter box, 08NAPLES38 opened by a click
//   graph.png     the reference graph of 08NAPLES38 (Cable: Show Reference Graph)
//   stats.png     the corpus statistics (Cable: Corpus Statistics)
// Each step waits for its UI (up to --timeout seconds) and, when it does not appear, says
// which one and why, saves what the window showed as <step>.failed.png in the run's scratch
// folder (not in --out) and goes on with the next step. Exit code 0 when every requested
// screenshot was saved, 1 otherwise. --dev loads the extension from the repository
// (after `npm run build`) instead of installing the .vsix.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, startCodeServer } from './codeServer.mjs';
import {
  launchBrowser,
  openWorkbench,
  openFile,
  hoverText,
  showOutline,
  openProblems,
  readProblems,
  openQuickFix,
  dismissNotifications,
  screenshot,
  selectors,
  waitForStableBox,
  locateText,
  problemsMessage,
  runCommand,
  goToLine,
  poll,
} from './browser.mjs';

const allSteps = ['hover', 'outline', 'problems', 'scopes', 'status', 'cables', 'graph', 'stats'];
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(repoRoot, 'docs', 'images') },
    vsix: { type: 'string', multiple: true, default: [path.join(repoRoot, 'dist', 'cable-tools.vsix')] },
    dev: { type: 'boolean', default: false },
    steps: { type: 'string', default: allSteps.join(',') },
    timeout: { type: 'string', default: '20' },
    theme: { type: 'string', default: 'Default Dark Modern' },
    scale: { type: 'string', default: '1' },
    workspace: { type: 'string', default: path.join(repoRoot, 'test', 'vscode', 'workspace') },
  },
  strict: true,
});
const steps = args.steps.split(',').map((s) => s.trim()).filter(Boolean);
for (const step of steps) {
  if (!allSteps.includes(step)) {
    console.error(`screenshots: unknown step "${step}" (steps: ${allSteps.join(', ')})`);
    process.exit(2);
  }
}
const outDir = path.resolve(args.out);
const workspace = path.resolve(args.workspace);
const stepTimeout = Number(args.timeout) * 1000;
const file = 'sample.cable';
const cableText = readFileSync(path.join(workspace, file), 'utf8');
const lines = cableText.split(/\r?\n/);
const paragraph15 = lines.findIndex((l) => /^(?:¶)?15\.\s/.test(l)) + 1;
// --vsix may be given several times (the first is the extension; others are installed too).
const vsixes = args.vsix.map((v) => path.resolve(v));
if (args.dev) vsixes.shift();
for (const vsix of vsixes) {
  if (!existsSync(vsix)) {
    console.error(`screenshots: no ${vsix}; run \`npm run package\` first (or use --dev after \`npm run build\`)`);
    process.exit(2);
  }
}

const started = Date.now();
const log = (message) => console.log(`[screenshots ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const results = [];

const server = await startCodeServer({
  name: 'shots',
  vsix: vsixes,
  settings: {
    'workbench.colorTheme': args.theme,
    'editor.minimap.enabled': false,
    'editor.hover.delay': 200,
    'editor.lightbulb.enabled': 'on',
    'outline.collapseItems': 'alwaysExpand',
    'breadcrumbs.enabled': true,
    'window.zoomLevel': 0,
  },
});
const browser = await launchBrowser({
  userDataDir: server.dirs.chromium,
  env: server.env,
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: Number(args.scale) || 1,
});
const { page } = browser;

async function step(name, output, fn) {
  if (!steps.includes(name)) return;
  const target = path.join(outDir, output);
  const t0 = Date.now();
  try {
    const detail = await fn(target);
    results.push({ name, ok: true, message: `saved ${path.relative(repoRoot, target)}${detail ? ` (${detail})` : ''}` });
  } catch (error) {
    const failed = path.join(server.dirs.artifacts, `${name}.failed.png`);
    await screenshot(page, failed).catch(() => {});
    results.push({ name, ok: false, message: `NOT saved: ${error.message.split('\n')[0]} — the window at that moment: ${failed}` });
  }
  log(`${name}: ${results.at(-1).message} [${Date.now() - t0} ms]`);
  // Leave no menu or hover behind for the next step.
  await page.keyboard.press('Escape').catch(() => {});
  await page.keyboard.press('Escape').catch(() => {});
}

let status = 1;
try {
  let url = server.folderUrl(workspace);
  if (args.dev) {
    url = server.folderUrl(workspace, { payload: JSON.stringify([['extensionDevelopmentPath', server.remoteUri(repoRoot)]]) });
  }
  log(`code-server ${server.url}, extension ${args.dev ? `from ${repoRoot}` : vsixes.map((v) => path.basename(v)).join(', ')}`);
  await openWorkbench(page, url);
  await openFile(page, file);
  // The language server has started once the Outline has symbols; the other steps need it too.
  log(`opened ${file}`);
  await dismissNotifications(page);

  await step('hover', 'hover.png', async (target) => {
    const text = await hoverText(page, 'RUEHTA', { lineIncludes: 'DE RUEHTA', timeout: stepTimeout, keyboardFallback: true });
    await waitForStableBox(page, selectors.editorHover);
    // The editor area with the hover; the sidebar adds nothing here.
    const editorPart = page.locator('.monaco-workbench .part.editor');
    await screenshot(page, target, { locator: editorPart });
    return `hover text: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 100))}`;
  });

  await step('outline', 'outline.png', async (target) => {
    await page.mouse.move(5, 5);
    const rows = await showOutline(page, { timeout: stepTimeout });
    // Cursor on the DE line: the Outline follows the cursor and highlights that row, and the
    // keyboard focus leaves the Explorer's pane header.
    const de = await locateText(page, 'DE RUEHTA');
    if (de) await page.mouse.click(de.x + de.width + 4, de.y + de.height / 2);
    await page.mouse.move(5, 5);
    await waitForStableBox(page, '.outline-tree');
    await dismissNotifications(page);
    await screenshot(page, target);
    return `${rows.length} rows shown, top level: ${rows.filter((r) => r.level === 1).map((r) => r.label).join(', ')}`;
  });

  await step('problems', 'problems.png', async (target) => {
    await openProblems(page, { timeout: stepTimeout });
    let entries;
    try {
      entries = await readProblems(page, { min: 1, timeout: stepTimeout });
    } catch (error) {
      const shown = await problemsMessage(page);
      throw new Error(`the Problems panel shows no entries for ${file}${shown ? ` ("${shown}")` : ''} (${error.message}) — no diagnostics yet?`);
    }
    if (!paragraph15) throw new Error(`no line starting with "15." in ${file}`);
    let items;
    try {
      items = await openQuickFix(page, paragraph15, { timeout: stepTimeout });
    } catch (error) {
      throw new Error(`the quick-fix menu did not appear on line ${paragraph15} (${error.message})`);
    }
    await waitForStableBox(page, selectors.actionWidget);
    await dismissNotifications(page);
    await screenshot(page, target);
    const markers = entries.filter((e) => e.kind === 'marker').length;
    return `${markers} problem(s); quick fixes: ${items.filter((i) => !i.header).map((i) => i.label).join(' | ')}`;
  });
  // The language status items (the `{}` beside "Cable" in the status bar): the configuration and the index.
  await step('status', 'status.png', async (target) => {
    await page.keyboard.press('Escape');
    const indicator = page.locator('[id="status.languageStatus"]');
    await indicator.first().click({ timeout: stepTimeout });
    const text = await poll(
      async () => {
        // The hover (in a shadow root, so found by its words): the index item, and the config
        // item's command (the Explorer lists .cablelintrc.json too, so its name proves nothing).
        const index = page.getByText(/\d+ cables? indexed/).first();
        const openConfig = page.getByText('Open Config', { exact: true }).first();
        if (!(await index.count()) || !(await openConfig.count())) return null;
        return `${await index.innerText()} · ${await openConfig.innerText()}`;
      },
      { timeout: stepTimeout, what: 'the language status showing the configuration and the index' },
    );
    await screenshot(page, target);
    return `status: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 160))}`;
  });

  // The grammar's scopes on a token, as "Developer: Inspect Editor Tokens and Scopes" shows them.
  await step('scopes', 'scopes.png', async (target) => {
    const deLine = lines.findIndex((l) => l.startsWith('DE RUEHTA')) + 1;
    await page.keyboard.press('Escape');
    await goToLine(page, deLine, 5, { timeout: stepTimeout });
    await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes', { timeout: stepTimeout });
    const text = await poll(
      async () => {
        const widget = page.locator('.token-inspect-widget');
        if (!(await widget.count())) return null;
        const t = await widget.first().innerText();
        return /routing-indicator/.test(t) ? t : null;
      },
      { timeout: stepTimeout, what: 'the token inspector showing the routing-indicator scope' },
    );
    for (const scope of ['entity.name.type.routing-indicator.cable', 'text.cable']) {
      if (!text.includes(scope)) throw new Error(`the token inspector does not show ${scope}: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    await screenshot(page, target);
    return 'RUEHTA has entity.name.type.routing-indicator.cable in text.cable';
  });

  // The Cables view: opened from the activity bar, filtered from its filter box, a cable opened by a click.
  await step('cables', 'cables.png', async (target) => {
    await page.keyboard.press('Escape');
    await page.locator(`${selectors.activitybar} [aria-label^="Cables"]`).first().click({ timeout: stepTimeout });
    const rows = page.locator('.monaco-workbench .part.sidebar .monaco-list-row');
    await poll(async () => ((await rows.filter({ hasText: '2008' }).count()) ? true : null), { timeout: stepTimeout, what: 'the Cables view listing the year 2008' });
    await page.locator('.monaco-workbench .part.sidebar [aria-label="Filter Cables…"]').first().click({ timeout: stepTimeout });
    const box = page.locator(selectors.quickInputBox);
    await box.waitFor({ timeout: stepTimeout });
    await box.fill('origin:naples');
    await page.keyboard.press('Enter');
    const cable = rows.filter({ hasText: '08NAPLES38' }).first();
    await cable.waitFor({ timeout: stepTimeout });
    // Filtered: the three Naples cables, and nothing of 2007 or 2009 left.
    const listed = await poll(
      async () => ((await rows.filter({ hasText: /08NAPLES(37|38|40)/ }).count()) === 3 && !(await rows.filter({ hasText: /^(2007|2009)/ }).count()) ? rows.allInnerTexts() : null),
      { timeout: stepTimeout, what: 'the three Naples cables, alone, in the filtered view' },
    );
    await cable.click();
    await page.locator(selectors.activeTab).filter({ hasText: '08NAPLES38.cable' }).first().waitFor({ timeout: stepTimeout });
    await page.mouse.move(5, 5);
    await dismissNotifications(page);
    await screenshot(page, target);
    return `rows: ${listed.map((t) => t.replace(/\s+/g, ' ')).join(' | ').slice(0, 200)}`;
  });

  // The reference graph of the cable just opened: a webview (an iframe in an iframe).
  await step('graph', 'graph.png', async (target) => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Cable: Show Reference Graph', { timeout: stepTimeout });
    // Room for the picture: the side bar (the Cables view, shown above) is hidden.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility', { timeout: stepTimeout });
    const frame = page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
    const boxes = frame.locator('svg g.node');
    const count = await poll(async () => ((await boxes.count()) >= 5 ? boxes.count() : null), { timeout: stepTimeout, what: 'the graph of 08NAPLES38 with its cables' });
    const title = await frame.locator('h1').innerText();
    // The colours are the theme's: a confidential box is drawn in the theme's charts blue.
    const colours = await frame.locator('g.node.confidential rect').first().evaluate((rect) => {
      const probe = document.createElement('span');
      probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-blue');
      document.body.append(probe);
      const theme = getComputedStyle(probe).color;
      probe.remove();
      return { stroke: getComputedStyle(rect).stroke, theme, background: getComputedStyle(document.body).backgroundColor };
    });
    if (!colours.theme || colours.stroke !== colours.theme) throw new Error(`the confidential box is ${colours.stroke}, the theme's charts blue is ${colours.theme}`);
    await page.mouse.move(5, 5);
    await dismissNotifications(page);
    await screenshot(page, target);
    // The same graph as a list (for screen readers), by a click on its button: a link per cable.
    await frame.getByRole('button', { name: 'Show as list' }).click({ timeout: stepTimeout });
    const links = await poll(async () => ((await frame.locator('.list a').count()) === count ? frame.locator('.list a').allInnerTexts() : null), { timeout: stepTimeout, what: `the list view with ${count} links` });
    await frame.getByRole('button', { name: 'Show as picture' }).click({ timeout: stepTimeout });
    // A click on a box opens its cable; Enter on a focused box too (and the graph follows).
    await frame.locator('g.node[data-key="08NAPLES37"]').click({ timeout: stepTimeout });
    await page.locator(selectors.activeTab).filter({ hasText: '08NAPLES37.cable' }).first().waitFor({ timeout: stepTimeout });
    await frame.locator('h1').filter({ hasText: '08NAPLES37' }).waitFor({ timeout: stepTimeout });
    await frame.locator('g.node[data-key="08NAPLES38"]').focus({ timeout: stepTimeout });
    await page.keyboard.press('Enter');
    await page.locator(selectors.activeTab).filter({ hasText: '08NAPLES38.cable' }).first().waitFor({ timeout: stepTimeout });
    return `${count} cables drawn; ${title}; boxes in the theme's colours (${colours.stroke} on ${colours.background}); as a list: ${links.join(', ')}; opened 08NAPLES37 by a click and 08NAPLES38 by Enter`;
  });

  await step('stats', 'stats.png', async (target) => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Cable: Corpus Statistics', { timeout: stepTimeout });
    const frame = page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
    const bars = frame.locator('rect.bar');
    const count = await poll(async () => ((await bars.count()) > 0 ? bars.count() : null), { timeout: stepTimeout, what: 'the statistics with the cables per month' });
    await page.mouse.move(5, 5);
    await dismissNotifications(page);
    await screenshot(page, target);
    return `${count} months with cables`;
  });

  status = results.every((r) => r.ok) ? 0 : 1;
} catch (error) {
  log(`failed before the steps: ${error.message}`);
  await screenshot(page, path.join(server.dirs.artifacts, 'setup.failed.png')).catch(() => {});
} finally {
  await browser.close();
  await server.stop();
}

const saved = results.filter((r) => r.ok).length;
if (status === 0) server.dirs.cleanup({ all: true }); // failures keep <step>.failed.png and code-server.log
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.message}`);
console.log(`screenshots: ${saved} saved, ${results.length - saved} not saved (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(status);
