/**
 * The headless Chromium the annex is rendered with (mermaid diagrams, PDF).
 * One browser per build: starting it costs seconds, each page after that
 * costs milliseconds. Flags keep it offline and quiet in a closed network.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Path of the Chromium to use: `GREFFE_CHROMIUM` when set, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = (): string => process.env.GREFFE_CHROMIUM ?? DEFAULT_CHROMIUM;

/** Starts headless Chromium; throws a French message saying how to install it when it is missing. */
export async function launchBrowser(executablePath: string = chromiumPath()): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium est introuvable (${executablePath}). Installez-le : apt-get install -y chromium fonts-liberation, ` +
        'ou indiquez son chemin dans la variable GREFFE_CHROMIUM.',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Runs `fn` with a browser, closing it whatever happens. */
export async function withBrowser<T>(fn: (b: Browser) => Promise<T>, executablePath?: string): Promise<T> {
  const browser = await launchBrowser(executablePath);
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}
