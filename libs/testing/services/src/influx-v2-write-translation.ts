/**
 * The mapping InfluxDB 1.8 applies to its v2 compatibility endpoint `POST /api/v2/write`, as a
 * pure function: `bucket=db/rp` becomes `db=db&rp=rp` (no `/rp`: the default retention policy),
 * and v2 precision names become v1 ones. `org` is ignored, as in 1.8.
 */
export type V2WriteTranslation =
  | {
      ok: true;
      path: string;
      database: string;
      retentionPolicy: string | undefined;
      precision: string;
    }
  | { ok: false; status: 400 | 404; code: 'invalid' | 'not found'; message: string };

/** v2 name -> v1 name. v1 silently reads unknown names as nanoseconds, hence the strict list. */
const PRECISIONS: Readonly<Record<string, string>> = { ns: 'n', us: 'u', ms: 'ms', s: 's' };

/** Translates the query string of a v2 write into the path of the v1 write. */
export function translateV2Write(search: URLSearchParams): V2WriteTranslation {
  const bucket = search.get('bucket') ?? '';
  if (!bucket)
    return {
      ok: false,
      status: 404,
      code: 'not found',
      message: 'bucket not found: missing "bucket" parameter',
    };
  const slash = bucket.indexOf('/');
  const database = slash < 0 ? bucket : bucket.slice(0, slash);
  const retentionPolicy = slash < 0 ? undefined : bucket.slice(slash + 1) || undefined;
  if (!database)
    return { ok: false, status: 404, code: 'not found', message: `bucket not found: "${bucket}"` };
  const v2Precision = search.get('precision') ?? 'ns';
  const precision = PRECISIONS[v2Precision];
  if (!precision) {
    return {
      ok: false,
      status: 400,
      code: 'invalid',
      message: `invalid precision "${v2Precision}" (use ns, us, ms or s)`,
    };
  }
  const v1 = new URLSearchParams({ db: database, precision });
  if (retentionPolicy) v1.set('rp', retentionPolicy);
  return { ok: true, path: `/write?${v1.toString()}`, database, retentionPolicy, precision };
}

/** Maps an HTTP status to the `code` of an InfluxDB v2 error body. */
export function v2ErrorCode(status: number): string {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
    case 403:
      return 'unauthorized';
    case 404:
      return 'not found';
    case 413:
      return 'request too large';
    case 429:
      return 'too many requests';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal error' : 'invalid';
  }
}

/** Turns a v1 error body (`{"error": "..."}`) into a v2 one (`{"code": "...", "message": "..."}`). */
export function toV2ErrorBody(status: number, v1Body: string): string {
  let message = v1Body.trim() || `HTTP ${status}`;
  try {
    const parsed = JSON.parse(v1Body) as { error?: unknown };
    if (typeof parsed.error === 'string') message = parsed.error;
  } catch {
    // not JSON: keep the text as the message
  }
  return JSON.stringify({ code: v2ErrorCode(status), message });
}
