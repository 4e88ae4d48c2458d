import type { AddressInfo } from 'node:net';
import express from 'express';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { httpMetrics } from './http-metrics.middleware';

describe('httpMetrics', () => {
  it('counts and times requests by method, route pattern and status, and writes an access line', async () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const lines: string[] = [];
    const app = express();
    app.use(httpMetrics(metrics, { accessLog: (line) => lines.push(line) }));
    app.get('/api/assets/:id', (req, res) => {
      res.status(req.params.id === 'missing' ? 404 : 200).json({ id: req.params.id });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/api/assets/a-1`);
      await fetch(`${base}/api/assets/a-2?x=1`);
      await fetch(`${base}/api/assets/missing`);
      await fetch(`${base}/nowhere`);
      await new Promise((resolve) => setImmediate(resolve));
      const text = await metrics.render();
      expect(text).toContain(
        'http_requests_total{method="GET",route="/api/assets/:id",status="200"} 2',
      );
      expect(text).toContain(
        'http_requests_total{method="GET",route="/api/assets/:id",status="404"} 1',
      );
      expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
      expect(text).toContain(
        'http_request_duration_seconds_count{method="GET",route="/api/assets/:id"} 3',
      );
      expect(text).not.toContain('a-1'); // ids never become label values
      expect(lines).toHaveLength(4);
      expect(lines[1]).toMatch(/^http: GET \/api\/assets\/a-2\?x=1 200 [\d.]+ms$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
