// Debian's Chromium driven by playwright-core, and UI helpers for VS Code 1.100's web
// workbench (as served by code-server 4.100.3).
//
// Every helper waits on real DOM state (polling with short intervals) with a timeout, and
// its errors say which UI did not appear. Selectors were checked against the real DOM of
// VS Code 1.100.3; the ones that are known to be fragile are marked FRAGILE.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { onSignalCleanup } from './codeServer.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags this machine needs (see shared/EDITOR-TESTS.md). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--password-store=basic',
  '--use-mock-keychain',
];

/**
 * Launches Chromium with a fresh profile in `userDataDir` (make it with makeRunDirs()).
 * Resolves to { context, page, close() }. `env` should keep Chromium's files out of $HOME
 * (scratchEnv(dirs) from codeServer.mjs).
 */
export async function launchBrowser({ userDataDir, env, viewport = { width: 1440, height: 900 }, deviceScaleFactor = 1 } = {}) {
  if (!userDataDir) throw new Error('launchBrowser: userDataDir is required (a fresh folder)');
  mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    env,
    viewport,
    deviceScaleFactor,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'dark',
    // Chromium's own "Ctrl+P = print" etc. do not apply to pages; keyboard goes to VS Code.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await context.close().catch(() => {});
  };
  const unregister = onSignalCleanup(close);
  return { context, page, close };
}

// ---------------------------------------------------------------------------------------
// Waiting

/** Polls `fn` (may be async) until it returns a truthy value; throws `what` on timeout. */
export async function poll(fn, { timeout = 10_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new UiTimeoutError(`timed out after ${timeout} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export class UiTimeoutError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UiTimeoutError';
  }
}

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

// ---------------------------------------------------------------------------------------
// Workbench

export const selectors = {
  workbench: '.monaco-workbench',
  statusbar: '.monaco-workbench .part.statusbar',
  activitybar: '.monaco-workbench .part.activitybar',
  explorerFolders: '.monaco-workbench .explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeEditor: '.monaco-workbench .part.editor .editor-instance .monaco-editor',
  activeTab: '.monaco-workbench .part.editor .tabs-container .tab.active',
  // Hover widget of the code editor (not the workbench's own tooltips, .workbench-hover).
  editorHover: '.monaco-editor .monaco-hover:not(.hidden)',
  outlineRows: '.outline-tree .monaco-list-row', // FRAGILE: class of the Outline pane's tree
  markersPanel: '.markers-panel',
  markersRows: '.markers-panel .monaco-list-row',
  actionWidget: '.action-widget',
  actionWidgetRows: '.action-widget .monaco-list-row',
  overlayMessage: '.monaco-editor-overlaymessage',
  notifications: '.notifications-toasts .notification-toast',
};

/** Opens the workbench at `url` and waits until it is ready (see waitForWorkbench). */
export async function openWorkbench(page, url, { timeout = 60_000, folderName } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  await waitForWorkbench(page, { timeout, folderName });
}

/**
 * Ready = the workbench DOM is built (status bar and activity bar are there), the window
 * title is set and, when a folder was opened, the Explorer shows its files.
 */
export async function waitForWorkbench(page, { timeout = 60_000, folderName } = {}) {
  await page.waitForSelector(selectors.workbench, { state: 'attached', timeout });
  await page.waitForSelector(selectors.statusbar, { state: 'visible', timeout });
  await poll(
    () =>
      page.evaluate(
        ([sb, ab, ex]) => {
          const statusItems = document.querySelectorAll(`${sb} .statusbar-item`).length;
          const activity = document.querySelector(ab);
          const explorerRows = document.querySelectorAll(ex).length;
          // The Explorer is open by default when a folder is; wait for its rows too.
          const hasFolder = new URL(location.href).searchParams.has('folder');
          return statusItems > 0 && !!activity && (!hasFolder || explorerRows > 0);
        },
        [selectors.statusbar, selectors.activitybar, selectors.explorerFolders],
      ),
    { timeout, what: 'the workbench (status bar, activity bar, Explorer rows)' },
  );
  if (folderName) {
    await poll(() => page.title().then((t) => t.includes(folderName)), { timeout, what: `window title with ${folderName}` });
  }
}

/** Closes notification toasts, so they do not cover screenshots. */
export async function dismissNotifications(page) {
  const toasts = page.locator(`${selectors.notifications} .codicon-notifications-clear, ${selectors.notifications} .codicon-close`);
  const n = await toasts.count();
  for (let i = n - 1; i >= 0; i--) await toasts.nth(i).click({ timeout: 1000 }).catch(() => {});
}

/** Moves keyboard focus into the workbench (the page itself has no focus until clicked). */
async function focusWorkbench(page) {
  const hasFocus = await page.evaluate(() => document.hasFocus() && document.activeElement !== document.body);
  if (!hasFocus) {
    // The status bar is harmless to click.
    await page.locator(selectors.statusbar).click({ position: { x: 2, y: 2 } }).catch(() => {});
  }
}

/** Opens the Quick Open box (Ctrl+P), or the command palette when prefix is '>'. */
export async function openQuickInput(page, { prefix = '', timeout = 10_000 } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press(prefix === '>' ? `${mod}+Shift+P` : `${mod}+P`);
  await page.waitForSelector(selectors.quickInputBox, { state: 'visible', timeout });
  const input = page.locator(selectors.quickInputBox);
  if (prefix === '>') {
    await poll(async () => (await input.inputValue()).startsWith('>'), { timeout, what: 'the command palette' });
  }
  return input;
}

/** Runs a command from the command palette by its label ("View: Focus Problems" ...). */
export async function runCommand(page, label, { timeout = 10_000 } = {}) {
  const input = await openQuickInput(page, { prefix: '>', timeout });
  await input.fill(`>${label}`);
  const row = await poll(
    async () => {
      const rows = page.locator(selectors.quickInputRows);
      const n = await rows.count();
      for (let i = 0; i < n; i++) {
        const text = (await rows.nth(i).getAttribute('aria-label')) ?? (await rows.nth(i).innerText());
        if (text.toLowerCase().startsWith(label.toLowerCase())) return rows.nth(i);
      }
      return null;
    },
    { timeout, what: `command "${label}" in the command palette` },
  );
  await row.click();
  await page.waitForSelector(selectors.quickInput, { state: 'hidden', timeout });
}

/**
 * Opens a file of the workspace through Quick Open (Ctrl+P), by its name or relative path,
 * and waits until its editor is active and shows text.
 */
export async function openFile(page, name, { timeout = 15_000 } = {}) {
  const input = await openQuickInput(page, { timeout });
  await input.fill(name);
  const base = path.basename(name);
  await poll(
    async () => {
      const first = page.locator(selectors.quickInputRows).first();
      if (!(await first.count())) return false;
      const label = (await first.getAttribute('aria-label')) ?? '';
      return label.includes(base);
    },
    { timeout, what: `"${base}" as the first Quick Open result` },
  );
  await page.keyboard.press('Enter');
  await page.waitForSelector(selectors.quickInput, { state: 'hidden', timeout });
  await poll(
    async () => {
      const tab = page.locator(selectors.activeTab);
      if (!(await tab.count())) return false;
      const label = (await tab.first().getAttribute('aria-label')) ?? (await tab.first().innerText());
      if (!label.includes(base)) return false;
      const lines = await page.locator(`${selectors.activeEditor} .view-lines .view-line`).count();
      return lines > 0;
    },
    { timeout, what: `the editor of ${base}` },
  );
  return page.locator(selectors.activeEditor).first();
}

/** Text of the visible lines of the active editor (what is rendered, not the whole file). */
export async function visibleEditorLines(page) {
  return page.evaluate((sel) => {
    const editor = document.querySelector(sel);
    if (!editor) return [];
    const lines = [...editor.querySelectorAll('.view-lines .view-line')];
    return lines
      .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text);
  }, selectors.activeEditor);
}

/** Language shown in the status bar (e.g. "Diplomatic Cable"). */
export async function statusBarLanguage(page) {
  const item = page.locator('.statusbar-item#status\\.editor\\.mode');
  if (!(await item.count())) return null;
  return (await item.innerText()).trim();
}

/** Moves the cursor to line (and column) with Go to Line (Ctrl+G). */
export async function goToLine(page, line, column = 1, { timeout = 10_000 } = {}) {
  await page.locator(selectors.activeEditor).first().click({ position: { x: 200, y: 10 } }).catch(() => {});
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(selectors.quickInput, { state: 'hidden', timeout });
  await poll(
    async () => {
      const text = await page.locator('.statusbar-item#status\\.editor\\.selection').innerText().catch(() => '');
      return new RegExp(`Ln ${line}\\b`).test(text);
    },
    { timeout, what: `the cursor on line ${line}` },
  );
}

/**
 * Bounding box (page coordinates) of the first visible occurrence of `text` in the active
 * editor; `occurrence` picks a later one; `lineIncludes` restricts to lines with that text.
 */
export async function locateText(page, text, { occurrence = 0, lineIncludes } = {}) {
  return page.evaluate(
    ([sel, needle, nth, lineFilter]) => {
      const editor = document.querySelector(sel);
      if (!editor) return null;
      const lines = [...editor.querySelectorAll('.view-lines .view-line')].sort(
        (a, b) => (parseFloat(a.style.top) || 0) - (parseFloat(b.style.top) || 0),
      );
      let seen = 0;
      for (const line of lines) {
        const content = line.textContent.replace(/\u00a0/g, ' ');
        if (lineFilter && !content.includes(lineFilter)) continue;
        let from = 0;
        for (;;) {
          const at = content.indexOf(needle, from);
          if (at < 0) break;
          if (seen++ === nth) {
            // Map the character offsets to text nodes and measure a DOM range.
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            let offset = 0;
            let startSet = false;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const len = node.textContent.length;
              if (!startSet && at < offset + len) {
                range.setStart(node, at - offset);
                startSet = true;
              }
              if (startSet && at + needle.length <= offset + len) {
                range.setEnd(node, at + needle.length - offset);
                break;
              }
              offset += len;
            }
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          from = at + 1;
        }
      }
      return null;
    },
    [selectors.activeEditor, text, occurrence, lineIncludes ?? null],
  );
}

/** Text of the visible editor hover, or null. */
export async function readHover(page) {
  return page.evaluate((sel) => {
    const hovers = [...document.querySelectorAll(sel)].filter((el) => el.offsetParent !== null || el.getClientRects().length);
    if (!hovers.length) return null;
    return hovers.map((h) => h.innerText.trim()).join('\n').trim() || null;
  }, selectors.editorHover);
}

/**
 * Hovers the mouse over `text` in the active editor and returns the hover widget's text
 * once it is there and no longer "Loading...". Falls back to the keyboard command
 * (Ctrl+K Ctrl+I, "Show or Focus Hover") on the same spot when the mouse hover stays away.
 */
export async function hoverText(page, text, { timeout = 10_000, lineIncludes, occurrence = 0, keyboardFallback = true } = {}) {
  const box = await poll(() => locateText(page, text, { lineIncludes, occurrence }), {
    timeout,
    what: `"${text}" on a visible line of the editor`,
  });
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // Move in from the side so the editor sees real mousemove events on the word.
  await page.mouse.move(x - Math.max(10, box.width), y, { steps: 2 });
  await page.mouse.move(x, y, { steps: 5 });
  // Settled = there, not VS Code's "Loading..." placeholder, and the same on two reads.
  let previous = null;
  const settle = async () => {
    const value = await readHover(page);
    const ready = value && !/^Loading\.\.\.?$/m.test(value);
    const stable = ready && value === previous;
    previous = ready ? value : null;
    return stable ? value : null;
  };
  try {
    return await poll(settle, { timeout: keyboardFallback ? Math.min(timeout, 5000) : timeout, what: `a hover over "${text}"` });
  } catch (error) {
    if (!keyboardFallback) throw error;
  }
  // Keyboard fallback: put the cursor in the word, then Show Hover.
  await page.mouse.click(x, y);
  await page.keyboard.press(`${mod}+K`);
  await page.keyboard.press(`${mod}+I`);
  await page.mouse.move(x, y); // keep the mouse over the word so the hover stays
  return poll(settle, { timeout, what: `a hover over "${text}" (mouse and Ctrl+K Ctrl+I)` });
}

/** Waits until the element's size and position stop changing (pane animations, layout). */
export async function waitForStableBox(page, selector, { timeout = 5000 } = {}) {
  let last = '';
  let same = 0;
  await poll(
    async () => {
      const box = await page.locator(selector).first().boundingBox();
      const key = JSON.stringify(box);
      same = key === last ? same + 1 : 0;
      last = key;
      return box && same >= 2;
    },
    { timeout, interval: 100, what: `a stable layout of ${selector}` },
  );
}

// ---------------------------------------------------------------------------------------
// Outline

/** Shows the Outline view (Explorer: Focus on Outline View) and waits for its rows. */
export async function showOutline(page, { timeout = 15_000, collapseFolders = true } = {}) {
  await runCommand(page, 'Explorer: Focus on Outline View', { timeout });
  await page.waitForSelector('.outline-pane', { state: 'visible', timeout }).catch(() => {});
  if (collapseFolders) await collapseExplorerFoldersPane(page);
  await poll(async () => (await page.locator(selectors.outlineRows).count()) > 0, {
    timeout,
    what: 'rows in the Outline view (.outline-tree) — no document symbols?',
  });
  await waitForStableBox(page, '.outline-tree', { timeout });
  return readOutline(page);
}

/** Collapses the Explorer's folders pane so the Outline gets the sidebar's height. */
export async function collapseExplorerFoldersPane(page) {
  // FRAGILE: the folders pane header is the first .pane-header of the Explorer viewlet.
  const header = page.locator('.explorer-viewlet .pane-header:has(+ .pane-body .explorer-folders-view), .explorer-viewlet .pane-header').first();
  if (!(await header.count())) return;
  if ((await header.getAttribute('aria-expanded')) === 'true') {
    const headerTitle = (await header.innerText()).toLowerCase();
    if (!headerTitle.includes('outline') && !headerTitle.includes('timeline')) {
      await header.click();
      await poll(async () => (await header.getAttribute('aria-expanded')) === 'false', { timeout: 3000, what: 'the folders pane to collapse' });
    }
  }
}

/** Rows rendered in the Outline view: [{ level, label, description, expanded }]. */
export async function readOutline(page) {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll(sel)]
      .sort((a, b) => (Number(a.dataset.index) || 0) - (Number(b.dataset.index) || 0))
      .map((row) => ({
        level: Number(row.getAttribute('aria-level')) || 1,
        label: row.querySelector('.label-name')?.textContent.trim() ?? row.textContent.trim(),
        description: row.querySelector('.label-description')?.textContent.trim() ?? '',
        expanded: row.getAttribute('aria-expanded'),
      }));
  }, selectors.outlineRows);
}

// ---------------------------------------------------------------------------------------
// Problems

/** Opens the Problems panel (Ctrl+Shift+M, then the command palette as a fallback). */
export async function openProblems(page, { timeout = 10_000 } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press(`${mod}+Shift+M`);
  try {
    await page.waitForSelector(selectors.markersPanel, { state: 'visible', timeout: Math.min(timeout, 3000) });
  } catch {
    await runCommand(page, 'View: Toggle Problems', { timeout });
    await page.waitForSelector(selectors.markersPanel, { state: 'visible', timeout });
  }
}

/** The Problems panel's message when it has no entries ("No problems have been detected..."). */
export async function problemsMessage(page) {
  return page.evaluate((sel) => {
    const box = document.querySelector(`${sel} .message-box-container`);
    return box && box.offsetParent !== null ? box.innerText.trim() : null;
  }, selectors.markersPanel);
}

/**
 * Entries of the Problems panel: [{ kind: 'file'|'marker'|'other', text, severity, line }].
 * Waits up to `timeout` for at least `min` marker entries (0 = just read).
 */
export async function readProblems(page, { min = 0, timeout = 15_000 } = {}) {
  const read = () =>
    page.evaluate((sel) => {
      return [...document.querySelectorAll(sel)]
        .sort((a, b) => (Number(a.dataset.index) || 0) - (Number(b.dataset.index) || 0))
        .map((row) => {
          const aria = row.getAttribute('aria-label') ?? '';
          const isFile = !!row.querySelector('.markers-panel-tree-label, .file-icon') && !row.querySelector('.marker-icon');
          const icon = row.querySelector('.marker-icon');
          const severity = icon ? [...icon.classList].find((c) => /error|warning|info/.test(c))?.replace(/^codicon-/, '') ?? '' : '';
          const lineMatch = /\[(?:Ln|Line) (\d+)/.exec(row.textContent) ?? /line (\d+)/i.exec(aria);
          return {
            kind: icon ? 'marker' : isFile ? 'file' : 'other',
            text: row.innerText.replace(/\s+/g, ' ').trim(),
            aria,
            severity,
            line: lineMatch ? Number(lineMatch[1]) : null,
          };
        });
    }, selectors.markersRows);
  if (!min) return read();
  return poll(
    async () => {
      const entries = await read();
      return entries.filter((e) => e.kind === 'marker').length >= min ? entries : null;
    },
    { timeout, what: `${min} entr${min === 1 ? 'y' : 'ies'} in the Problems panel` },
  );
}

// ---------------------------------------------------------------------------------------
// Quick fixes

/**
 * Puts the cursor on `line` (1-based) and opens the quick-fix menu (Ctrl+.). Resolves to
 * the menu's items [{ label, disabled, header }]; throws when VS Code says there are no
 * code actions or no menu appears.
 */
export async function openQuickFix(page, line, { column = 1, timeout = 10_000 } = {}) {
  await goToLine(page, line, column, { timeout });
  await page.keyboard.press(`${mod}+.`);
  const outcome = await poll(
    async () => {
      if (await page.locator(selectors.actionWidgetRows).first().isVisible().catch(() => false)) return 'menu';
      const message = page.locator(selectors.overlayMessage);
      if (await message.first().isVisible().catch(() => false)) return `message: ${(await message.first().innerText()).trim()}`;
      return null;
    },
    { timeout, what: `the quick-fix menu on line ${line}` },
  );
  if (outcome !== 'menu') throw new Error(`no quick-fix menu on line ${line} (${outcome})`);
  return readQuickFixMenu(page);
}

export async function readQuickFixMenu(page) {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll(sel)].map((row) => ({
      label: (row.querySelector('.title')?.textContent ?? row.textContent).trim(),
      header: row.classList.contains('group-header'),
      disabled: row.classList.contains('option-disabled') || row.getAttribute('aria-disabled') === 'true',
      focused: row.classList.contains('focused'),
    }));
  }, selectors.actionWidgetRows);
}

/**
 * Selects the quick-fix item whose label includes `label` and applies it. Uses the keyboard
 * (arrows + Enter): while the menu is open, a `.context-view-pointerBlock` layer takes the
 * mouse clicks. Waits for the menu to close.
 */
export async function selectQuickFix(page, label, { timeout = 10_000 } = {}) {
  const items = await poll(async () => {
    const list = await readQuickFixMenu(page);
    return list.some((i) => !i.header && i.label.includes(label)) ? list : null;
  }, { timeout, what: `"${label}" in the quick-fix menu` });
  const actions = items.filter((i) => !i.header);
  for (let step = 0; step <= actions.length; step++) {
    const focused = (await readQuickFixMenu(page)).find((i) => i.focused);
    if (focused && focused.label.includes(label)) {
      if (focused.disabled) throw new Error(`quick fix "${focused.label}" is disabled`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(selectors.actionWidgetRows, { state: 'detached', timeout }).catch(() => {});
      return focused.label;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not focus "${label}" in the quick-fix menu (items: ${actions.map((i) => i.label).join(' | ')})`);
}

// ---------------------------------------------------------------------------------------

/** Screenshot of the page (or of `locator`) to `file`, making its folder. */
export async function screenshot(page, file, { locator, fullPage = false } = {}) {
  mkdirSync(path.dirname(file), { recursive: true });
  if (locator) await locator.screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage });
  return file;
}
