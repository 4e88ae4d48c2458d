import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * Uploads each dashboard to a Grafana server (`POST /api/dashboards/db`, overwriting the same uid)
 * into the folder `hourglass`, created when missing (`POST /api/folders`). Returns one line per
 * dashboard; throws with Grafana's answer when a request is refused.
 */
export async function pushDashboards(
  baseUrl: string,
  token: string | undefined,
  dashboards: Record<string, Dashboard>,
): Promise<string[]> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const url = (path: string) => new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const folder = await fetch(url('api/folders'), {
    method: 'POST',
    headers,
    body: JSON.stringify({ uid: 'hourglass', title: 'Hourglass' }),
  });
  // 409/412: the folder exists already.
  if (!folder.ok && folder.status !== 409 && folder.status !== 412)
    throw new Error(`creating the folder: HTTP ${folder.status} ${await folder.text()}`);
  const lines: string[] = [];
  for (const [name, dashboard] of Object.entries(dashboards)) {
    const response = await fetch(url('api/dashboards/db'), {
      method: 'POST',
      headers,
      body: JSON.stringify({ dashboard, folderUid: 'hourglass', overwrite: true }),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${body}`);
    lines.push(`pushed ${name} (${dashboard.uid}): ${body}`);
  }
  return lines;
}
