import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hourglassDashboards } from './dashboards';
import { pushDashboards } from './grafana-push';

/** Grafana's dashboard API as far as the push uses it, recording what arrives. */
async function fakeGrafana(folderStatus: number) {
  const seen: { method?: string; url?: string; auth?: string; body: Record<string, unknown> }[] =
    [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        body: JSON.parse(text),
      });
      res.statusCode = req.url === '/api/folders' ? folderStatus : 200;
      res.end(JSON.stringify({ status: 'success' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('pushDashboards', () => {
  it('creates the folder (or finds it) and posts every dashboard with overwrite, with the token', async () => {
    const grafana = await fakeGrafana(409);
    try {
      const lines = await pushDashboards(grafana.url, 'glsa_test', hourglassDashboards());
      expect(lines).toHaveLength(6);
      expect(grafana.seen[0]).toMatchObject({
        method: 'POST',
        url: '/api/folders',
        auth: 'Bearer glsa_test',
      });
      const posts = grafana.seen.slice(1);
      expect(posts.map((p) => p.url)).toEqual(Array(6).fill('/api/dashboards/db'));
      expect(posts.map((p) => (p.body['dashboard'] as { uid: string }).uid)).toEqual([
        'hg-fleet',
        'hg-ingest',
        'hg-broker',
        'hg-scoring',
        'hg-orders',
        'hg-contracts',
      ]);
      expect(
        posts.every((p) => p.body['overwrite'] === true && p.body['folderUid'] === 'hourglass'),
      ).toBe(true);
    } finally {
      await grafana.close();
    }
  });

  it('stops with Grafana answer when a request is refused', async () => {
    const grafana = await fakeGrafana(403);
    try {
      await expect(pushDashboards(grafana.url, undefined, hourglassDashboards())).rejects.toThrow(
        /creating the folder: HTTP 403/,
      );
    } finally {
      await grafana.close();
    }
  });
});
