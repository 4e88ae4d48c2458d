import { access, constants } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import type { ApiErrorCode } from '../domain-error-codes';

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The PDF of a report cannot be made here (no Chromium); answered with 503, retryable once installed. */
export class PdfUnavailableError extends Error {
  readonly code: ApiErrorCode = 'PDF_UNAVAILABLE';
}

// Headless on a closed network: no background connections, no sandbox (the service may run as root).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

/**
 * Prints a self-contained HTML page to PDF (A4) with a headless Chromium started for the one
 * request. The page makes no requests, so Chromium is given no network to use.
 */
export class ReportPdfPrinter {
  constructor(private readonly executablePath: string = DEFAULT_CHROMIUM_PATH) {}

  async print(html: string): Promise<Buffer> {
    try {
      await access(this.executablePath, constants.X_OK);
    } catch {
      throw new PdfUnavailableError(
        `PDF reports need Chromium at ${this.executablePath} (Debian: apt-get install chromium); the HTML report is served without it`,
      );
    }
    const browser = await chromium.launch({
      executablePath: this.executablePath,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ offline: true });
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
  }
}
