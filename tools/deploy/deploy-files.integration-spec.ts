import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadPlatformConfig, PLATFORM_VARIABLES } from '@hourglass/platform-config';
import { ensureDebianPackage } from '@hourglass/testing-services';
import { REPO } from './compiled-process.fixture';

const DEPLOY = join(REPO, 'deploy');
// The same rules as dclint's defaults, less four: key and service order (ours is grouped by role),
// quote style (Prettier's), and duplicate host ports (only between the exclusive emqx and embedded profiles).
const DCLINT_OFF = [
  'service-keys-order',
  'services-alphabetical-order',
  'top-level-properties-order',
  'require-quotes-in-ports',
  'no-duplicate-exported-ports',
];

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown> & {
    replicas?: number;
    template?: { spec: { containers: Container[] } };
    scaleTargetRef?: { kind: string; name: string };
  };
  data?: Record<string, string>;
}
interface Container {
  name: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  resources?: { requests?: { cpu?: string; memory?: string } };
}
interface ComposeService {
  image?: string;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
}

function run(cmd: string, args: string[], input?: string) {
  return spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', input, maxBuffer: 32 << 20 });
}

/** `kubectl kustomize DIR` (Debian's kubernetes-client when no kubectl is installed). */
async function kustomize(dir: string): Promise<string> {
  const found = run('sh', ['-c', 'command -v kubectl']).stdout.trim();
  const kubectl = found || '/usr/bin/kubectl';
  if (!found) await ensureDebianPackage('kubectl', kubectl, 'kubernetes-client');
  const out = run(kubectl, ['kustomize', join(DEPLOY, dir)]);
  if (out.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${out.stderr}`);
  return out.stdout;
}

/** The Kubernetes schema check (tools/deploy/validate-kubernetes.mjs): kind/name/error per document. */
function validate(yaml: string): Array<{ kind: string; name: string; error?: string }> {
  const out = run(process.execPath, ['tools/deploy/validate-kubernetes.mjs'], yaml);
  if (!out.stdout.trim())
    throw new Error(`validate-kubernetes.mjs printed nothing:\n${out.stderr}`);
  return JSON.parse(out.stdout) as Array<{ kind: string; name: string; error?: string }>;
}

const manifests = (yaml: string) =>
  parseAllDocuments(yaml)
    .map((d) => d.toJS() as Manifest)
    .filter(Boolean);
const workloads = (all: Manifest[]) =>
  all.filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet');
const named = (all: Manifest[], kind: string, name: string) =>
  all.find((m) => m.kind === kind && m.metadata.name === name);

describe('deploy/ (Compose, Kubernetes, Dockerfile)', () => {
  describe('Compose', () => {
    const file = join(DEPLOY, 'compose/compose.yaml');
    const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as {
      services: Record<string, ComposeService>;
    };
    const services = compose.services;

    it('passes dclint: the Compose specification schema and its rules, no warnings', () => {
      const out = run(process.execPath, [
        'node_modules/dclint/bin/dclint.cjs',
        file,
        '--max-warnings',
        '0',
        '--disable-rule',
        ...DCLINT_OFF,
      ]);
      expect({ status: out.status, output: `${out.stdout}${out.stderr}`.trim() }).toEqual({
        status: 0,
        output: '',
      });
    });

    it('runs the stores, two broker nodes, two ingest workers on a shared subscription, every process, Grafana and Prometheus', () => {
      const byCommand = (process: string) =>
        Object.entries(services).filter(([, s]) => s.command?.[0] === process);
      expect(Object.keys(services)).toEqual(
        expect.arrayContaining([
          'postgres',
          'influxdb',
          'redis',
          'console',
          'grafana',
          'prometheus',
        ]),
      );
      expect(services.influxdb.environment?.DOCKER_INFLUXDB_INIT_MODE).toBe('setup');
      expect(byCommand('broker').map(([name]) => name)).toEqual(['broker-1', 'broker-2']);
      expect(['emqx-1', 'emqx-2'].every((name) => services[name]?.profiles?.includes('emqx'))).toBe(
        true,
      );
      const shared = byCommand('ingest').filter(([, s]) => s.environment?.HG_INGEST_SHARE_GROUP);
      expect(shared.map(([name]) => name)).toEqual(['ingest-1', 'ingest-2']);
      expect(byCommand('scoring').map(([, s]) => s.environment?.HG_SCORING_REPLICA_INDEX)).toEqual([
        '0',
        '1',
      ]);
      for (const process of ['api', 'billing', 'maintenance'])
        expect(byCommand(process)).toHaveLength(1);
    });

    it('has Prometheus scrape every Hourglass process of the file', () => {
      const prometheus = parse(readFileSync(join(DEPLOY, 'prometheus/prometheus.yml'), 'utf8')) as {
        scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
      };
      const targets = prometheus.scrape_configs.flatMap((c) =>
        c.static_configs.flatMap((s) => s.targets),
      );
      const processes = Object.entries(services).filter(([, s]) => s.image?.includes('hourglass:'));
      expect(processes.length).toBeGreaterThanOrEqual(9);
      for (const [name, service] of processes)
        expect([name, targets]).toEqual([
          name,
          expect.arrayContaining([`${name}:${service.command?.[0] === 'api' ? 8080 : 9180}`]),
        ]);
    });

    it('has a Prometheus configuration and alert rules that promtool accepts', async () => {
      const found = run('sh', ['-c', 'command -v promtool']).stdout.trim();
      const promtool = found || '/usr/bin/promtool';
      if (!found) await ensureDebianPackage('promtool', promtool, 'prometheus');
      const out = run(promtool, ['check', 'config', join(DEPLOY, 'prometheus/prometheus.yml')]);
      expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
      expect(out.stdout).toContain('SUCCESS: 9 rules found');
    }, 900_000);

    it('points EMQX at the api hooks with the paths the api serves', () => {
      const conf = readFileSync(join(DEPLOY, 'emqx/emqx.conf'), 'utf8');
      expect(conf).toContain('url = "http://api:8080/api/mqtt/authenticate"');
      expect(conf).toContain('url = "http://api:8080/api/mqtt/authorize"');
      expect(existsSync(join(DEPLOY, 'compose/.env.example'))).toBe(true);
    });
  });

  describe('Kubernetes (Kustomize)', () => {
    let base: Manifest[];
    let external: Manifest[];
    let baseYaml: string;
    let externalYaml: string;

    beforeAll(async () => {
      baseYaml = await kustomize('kubernetes/base');
      externalYaml = await kustomize('kubernetes/overlays/external-broker');
      base = manifests(baseYaml);
      external = manifests(externalYaml);
    }, 900_000);

    it('renders manifests that validate against the Kubernetes schemas (base, external-broker overlay, the secret example)', () => {
      const secret = readFileSync(join(DEPLOY, 'kubernetes/secret.example.yaml'), 'utf8');
      for (const yaml of [baseYaml, externalYaml, secret])
        expect(validate(yaml).filter((r) => r.error)).toEqual([]);
      expect(validate(baseYaml).length).toBe(base.length);
    });

    it('gives every container liveness and readiness probes and resource requests', () => {
      for (const workload of workloads(base))
        for (const c of workload.spec?.template?.spec.containers ?? [])
          expect({
            workload: workload.metadata.name,
            probes: [!!c.livenessProbe, !!c.readinessProbe],
            cpu: !!c.resources?.requests?.cpu,
            memory: !!c.resources?.requests?.memory,
          }).toEqual({
            workload: workload.metadata.name,
            probes: [true, true],
            cpu: true,
            memory: true,
          });
      expect(
        workloads(base)
          .map((w) => w.metadata.name)
          .sort(),
      ).toEqual(['api', 'billing', 'broker', 'console', 'ingest', 'maintenance', 'scoring']);
    });

    it('scales the stateless processes horizontally and scoring as partitions', () => {
      const scaled = (all: Manifest[]) =>
        all
          .filter((m) => m.kind === 'HorizontalPodAutoscaler')
          .map((h) => h.spec?.scaleTargetRef?.name)
          .sort();
      expect(scaled(base)).toEqual(['api', 'console']);
      const config = base.find(
        (m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('hourglass-config'),
      );
      expect(named(base, 'StatefulSet', 'scoring')?.spec?.replicas).toBe(
        Number(config?.data?.HG_SCORING_REPLICAS),
      );
      // Behind an external broker: no embedded broker, ingest workers on the shared subscription, scaled.
      expect(named(external, 'Deployment', 'broker')).toBeUndefined();
      expect(scaled(external)).toEqual(['api', 'console', 'ingest']);
      const externalConfig = external.find((m) => m.kind === 'ConfigMap')?.data ?? {};
      expect(externalConfig.HG_INGEST_SHARE_GROUP).toBe('ingest');
      expect(externalConfig.HG_MQTT_URL).toMatch(/^mqtts?:\/\//);
    });
  });

  describe('settings', () => {
    const variables = (text: string) => [...new Set(text.match(/\bHG_[A-Z0-9_]+/g) ?? [])];
    const files = [
      'Dockerfile',
      'compose/compose.yaml',
      'kubernetes/base/kustomization.yaml',
      'kubernetes/base/ingest.yaml',
      'kubernetes/base/scoring.yaml',
      'kubernetes/overlays/external-broker/kustomization.yaml',
      'kubernetes/secret.example.yaml',
    ];

    it("names only variables of the configuration schema (HG_MQTT_HOOK_SECRET is EMQX's, not ours)", () => {
      const known = new Set<string>([...PLATFORM_VARIABLES, 'HG_MQTT_HOOK_SECRET']);
      const unknown = files.flatMap((f) =>
        variables(readFileSync(join(DEPLOY, f), 'utf8'))
          .filter((v) => !known.has(v))
          .map((v) => `${f}: ${v}`),
      );
      expect(unknown).toEqual([]);
    });

    it('gives values the schema accepts (the Compose environment of every process, the Kubernetes ConfigMap)', async () => {
      const compose = parse(readFileSync(join(DEPLOY, 'compose/compose.yaml'), 'utf8'), {
        merge: true,
      }) as {
        services: Record<string, ComposeService>;
      };
      // Secrets and interpolated values stand in as what an operator would set; `${VAR:-default}`
      // is its default, as Compose reads it when VAR is unset.
      const filled = (env: Record<string, string>) =>
        Object.fromEntries(
          Object.entries(env).map(([k, v]) => [
            k,
            /^\$\{\w+:-(.+)\}$/.exec(v)?.[1] ??
              (v.includes('${')
                ? k === 'HG_DATABASE_URL'
                  ? 'postgres://u:p@db:5432/h'
                  : 'x'.repeat(40)
                : v),
          ]),
        );
      const refused = Object.entries(compose.services)
        .filter(([, service]) => service.environment?.HG_ADMIN_TOKEN)
        .flatMap(([name, service]) => {
          try {
            loadPlatformConfig(filled(service.environment ?? {}));
            return [];
          } catch (error) {
            return [`${name}: ${(error as Error).message}`];
          }
        });
      expect(refused).toEqual([]);
      const config = manifests(await kustomize('kubernetes/overlays/external-broker')).find(
        (m) => m.kind === 'ConfigMap',
      );
      expect(() =>
        loadPlatformConfig({ ...config?.data, HG_SCORING_REPLICA_INDEX: '1' }),
      ).not.toThrow();
    }, 900_000);
  });

  describe('Dockerfile', () => {
    const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(
      dockerfile.indexOf('AS runtime'),
      dockerfile.indexOf('AS console'),
    );

    it('builds in stages on the Node LTS image and runs the compiled processes as a non-root user with a health check', () => {
      expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(4);
      expect(dockerfile).toMatch(/^ARG NODE_VERSION=(22|24|26)$/m);
      expect(dockerfile).toContain('RUN npm run build');
      expect(runtime).toMatch(/^USER node$/m);
      expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "deploy\/healthcheck.js"\]$/m);
      expect(runtime).toMatch(/^ENTRYPOINT \["\/app\/deploy\/hourglass-entrypoint.sh"\]$/m);
      expect(statSync(join(DEPLOY, 'hourglass-entrypoint.sh')).mode & 0o111).not.toBe(0);
    });
  });
});
