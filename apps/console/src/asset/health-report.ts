/** The formats of an asset's health report. */
export type ReportFormat = 'html' | 'pdf';

/** `GET /api/assets/{id}/health-report` of `format` (HTML is the API's default). */
export function healthReportPath(assetId: string, format: ReportFormat): string {
  const path = `/api/assets/${encodeURIComponent(assetId)}/health-report`;
  return format === 'pdf' ? `${path}?format=pdf` : path;
}

/** The part of a browser tab the opener uses. */
export interface ReportTab {
  location: { href: string };
  close(): void;
}

/** What opening a report needs from the browser (`window.open`, `URL.createObjectURL`). */
export interface ReportBrowser {
  /** Opens an empty tab, null when the browser blocks it. */
  openTab(): ReportTab | null;
  createObjectURL(blob: Blob): string;
}

/** How it went: the blob URL of the report, and whether it was shown in a new tab. */
export interface OpenedReport {
  url: string;
  inTab: boolean;
}

/**
 * Opens an asset's health report. The API wants the bearer token, which a link cannot send, so
 * the report is fetched with it and shown through a blob URL. The tab is opened before the fetch,
 * still inside the click, so that a popup blocker lets it through; it is closed again if the fetch
 * fails. Without a tab (blocked), the caller offers the URL as a link.
 */
export async function openHealthReport(
  fetchBlob: (path: string) => Promise<Blob>,
  browser: ReportBrowser,
  assetId: string,
  format: ReportFormat,
): Promise<OpenedReport> {
  const tab = browser.openTab();
  try {
    const blob = await fetchBlob(healthReportPath(assetId, format));
    const url = browser.createObjectURL(blob);
    if (tab) tab.location.href = url;
    return { url, inTab: tab !== null };
  } catch (error) {
    tab?.close();
    throw error;
  }
}
