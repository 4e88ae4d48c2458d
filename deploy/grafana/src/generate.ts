// npm run grafana:generate [-- --check] [-- --push URL] : writes the dashboards, Grafana's
// provisioning and the Prometheus alert rules into deploy/ (see deploy/grafana/README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { hourglassDashboards } from './dashboards';
import { DEPLOY, generatedFiles, staleFiles } from './generated-files';
import { pushDashboards } from './grafana-push';

const USAGE = `usage: npm run grafana:generate [-- --check | --push URL [--token TOKEN]]
  (no option)  write deploy/grafana/{dashboards,provisioning} and deploy/prometheus/hourglass.rules.yml
  --check      write nothing; exit 1 when a generated file is missing or differs
  --push URL   also upload the dashboards to the Grafana at URL through its HTTP API
               (token from --token or GRAFANA_TOKEN: a service-account token with dashboard write)`;

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const known = new Set(['--check', '--push', '--token']);
  const unknown = args.filter(
    (a, i) => a.startsWith('--') && !known.has(a) && args[i - 1] !== '--token',
  );
  const pushAt = args.indexOf('--push');
  const url = pushAt >= 0 ? args[pushAt + 1] : undefined;
  if (unknown.length > 0 || (pushAt >= 0 && (!url || url.startsWith('--')))) {
    process.stderr.write(
      `${unknown.length > 0 ? `unknown option ${unknown[0]}` : '--push needs the Grafana URL'}\n${USAGE}\n`,
    );
    return 2;
  }
  if (args.includes('--check')) {
    const stale = staleFiles();
    for (const path of stale) process.stderr.write(`stale: deploy/${path}\n`);
    if (stale.length === 0) process.stdout.write('deploy/: generated files are up to date\n');
    return stale.length === 0 ? 0 : 1;
  }
  for (const [path, text] of Object.entries(generatedFiles())) {
    const target = join(DEPLOY, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote ${relative(process.cwd(), target)}\n`);
  }
  if (url) {
    const tokenAt = args.indexOf('--token');
    const token = tokenAt >= 0 ? args[tokenAt + 1] : process.env['GRAFANA_TOKEN'];
    for (const line of await pushDashboards(url, token, hourglassDashboards()))
      process.stdout.write(`${line}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`grafana:generate: ${error.message}\n`);
    process.exit(1);
  },
);
