/** What a period can be downloaded as: the statement (Markdown), its lines (CSV), the record (JSON). */
export type BillingExportKind = 'statement' | 'csv' | 'json';

export const BILLING_EXPORT_KINDS: readonly BillingExportKind[] = ['statement', 'csv', 'json'];

/** The API path of a period's export and the file name it is saved under. */
export function billingExportRequest(
  contractId: string,
  period: string,
  kind: BillingExportKind,
): { path: string; filename: string } {
  const record = `/api/contracts/${encodeURIComponent(contractId)}/billing-records/${encodeURIComponent(period)}`;
  const base = `${contractId}-${period}`.replace(/[^A-Za-z0-9._-]/g, '_');
  switch (kind) {
    case 'statement':
      return { path: `${record}/statement`, filename: `${base}-statement.md` };
    case 'csv':
      return { path: `${record}?format=csv`, filename: `${base}-lines.csv` };
    case 'json':
      return { path: record, filename: `${base}-record.json` };
  }
}

/** What saving a file needs from the browser (a blob URL and a link with `download`). */
export interface FileSaver {
  save(blob: Blob, filename: string): void;
}

/**
 * Downloads a period's export. The API wants the bearer token, which a plain link cannot send, so
 * the file is fetched with it and saved from the blob; a failed fetch saves nothing.
 */
export async function downloadBillingExport(
  fetchBlob: (path: string) => Promise<Blob>,
  saver: FileSaver,
  contractId: string,
  period: string,
  kind: BillingExportKind,
): Promise<string> {
  const { path, filename } = billingExportRequest(contractId, period, kind);
  saver.save(await fetchBlob(path), filename);
  return filename;
}
