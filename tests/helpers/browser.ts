import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; CI installs it (apt-get install chromium). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Headless in a container, and quiet: nothing of Chromium's own may reach the network while a test watches the page's requests.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium, headless, on a fresh profile, with a 1280x800 viewport. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing; install it with: apt-get install chromium`);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'kb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects what pages of the context must never do: load anything from a host other than `origin`'s (workers and
 * WebSockets included), log a console error, or throw. Each is also printed as it happens, since it may explain
 * why a later step times out.
 */
export function watchForMisbehaviour(browser: Browser, origin: string): string[] {
  const problems: string[] = [];
  const report = (problem: string) => {
    problems.push(problem);
    console.warn(`browser: ${problem}`);
  };
  const ownHost = new URL(origin).host;
  const isOwn = (url: string) => {
    const { protocol, host } = new URL(url);
    return protocol === 'data:' || protocol === 'blob:' || host === ownHost;
  };
  browser.context.on('request', (request) => {
    if (!isOwn(request.url())) report(`request to another host: ${request.url()}`);
  });
  browser.page.on('websocket', (socket) => {
    if (!isOwn(socket.url())) report(`WebSocket to another host: ${socket.url()}`);
  });
  browser.context.on('console', (message) => {
    if (message.type() === 'error') report(`console error: ${message.text()}`);
  });
  browser.context.on('weberror', (error) => report(`uncaught error: ${error.error().message}`));
  return problems;
}

/** Waits until the Monaco editor inside `editorSelector` shows `expected` (on one line); says what it showed instead on timeout. */
export async function waitForEditorText(page: Page, editorSelector: string, expected: string, timeoutMs = 20_000): Promise<void> {
  const lines = page.locator(`${editorSelector} .view-lines`);
  try {
    await lines.filter({ hasText: expected }).waitFor({ timeout: timeoutMs });
  } catch (error) {
    const shown = await lines.innerText().catch(() => '(no editor)');
    throw new Error(`${editorSelector} did not show ${JSON.stringify(expected)} within ${timeoutMs} ms; it showed:\n${shown.replace(/\u00a0/g, ' ')}`, { cause: error });
  }
}
