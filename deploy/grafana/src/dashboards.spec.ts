import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PgliteDatabase, migrate } from '@hourglass/platform-sql';
import { PLATFORM_MIGRATIONS } from '@hourglass/runtime-services';
import { hourglassAlertRules } from './alert-rules';
import { DATASOURCES } from './custom-queries';
import { hourglassDashboards } from './dashboards';
import { generatedFiles, staleFiles } from './generated-files';
import { datasourceProvisioning } from './provisioning';

const ROOT = join(__dirname, '..', '..', '..');

interface Target {
  expr?: string;
  rawSql?: string;
  query?: string;
  datasource?: { uid?: string };
}
interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  gridPos?: { h: number; w: number; x: number; y: number };
  datasource?: { uid?: string; type?: string };
  targets?: Target[];
}

const dashboards = Object.values(hourglassDashboards());
const panels = dashboards.flatMap((d) => (d.panels ?? []) as PanelJson[]);
const queryPanels = panels.filter((p) => p.type !== 'row');
const targets = queryPanels.flatMap((p) => p.targets ?? []);
const promExprs = [
  ...targets.flatMap((t) => (t.expr ? [t.expr] : [])),
  ...hourglassAlertRules().groups.flatMap((g) => g.rules.map((r) => r.expr)),
];

/** Metric names the shipped code declares (counter/gauge/histogram names in libs and apps). */
function declaredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        entry.name.endsWith('.ts') &&
        !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(entry.name)
      )
        for (const m of readFileSync(path, 'utf8').matchAll(/'((?:hg|http)_[a-z0-9_]+)'/g))
          names.add(m[1]);
    }
  };
  walk(join(ROOT, 'libs'));
  walk(join(ROOT, 'apps'));
  return names;
}

describe('Grafana dashboards and alert rules (deploy/)', () => {
  it('are generated: the files in deploy/ are what the generator makes', () => {
    expect(staleFiles()).toEqual([]);
    expect(Object.keys(generatedFiles())).toHaveLength(dashboards.length + 3);
  });

  it('are six dashboards with unique uids, each panel placed, titled and given queries', () => {
    expect(dashboards.map((d) => d.title)).toEqual([
      'Hourglass / Fleet overview',
      'Hourglass / Ingest health',
      'Hourglass / Broker',
      'Hourglass / Model scoring',
      'Hourglass / Work orders',
      'Hourglass / Contract availability',
    ]);
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(dashboards.length);
    for (const panel of queryPanels) {
      expect(panel.title).toBeTruthy();
      expect(panel.gridPos).toEqual(
        expect.objectContaining({ h: expect.any(Number), w: expect.any(Number) }),
      );
      expect(panel.gridPos!.x + panel.gridPos!.w).toBeLessThanOrEqual(24);
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it('use only the datasources the provisioning file declares', () => {
    const provisioned = new Set<string>(datasourceProvisioning().datasources.map((d) => d.uid));
    expect(provisioned).toEqual(new Set<string>(Object.values(DATASOURCES).map((d) => d.uid)));
    for (const panel of queryPanels)
      expect(provisioned.has(panel.datasource?.uid ?? '')).toBe(true);
  });

  it('query only metrics the platform exposes (or the standard process, Node.js and up series)', () => {
    const declared = declaredMetrics();
    const used = new Set(
      promExprs.flatMap((expr) =>
        [...expr.matchAll(/\b((?:hg|http|process|nodejs)_[a-z0-9_]+)/g)].map((m) =>
          m[1].replace(/_(bucket|count|sum)$/, ''),
        ),
      ),
    );
    const standard = /^(process|nodejs)_/;
    const unknown = [...used].filter((name) => !declared.has(name) && !standard.test(name));
    expect(unknown).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
  });

  it('have SQL that runs on the platform schema (Grafana macros replaced)', async () => {
    const db = await PgliteDatabase.open();
    try {
      await migrate(db, PLATFORM_MIGRATIONS);
      const sql = targets.flatMap((t) => (t.rawSql ? [t.rawSql] : []));
      expect(sql.length).toBeGreaterThanOrEqual(6);
      for (const text of sql) {
        const bound = text.replace(/\$__timeFilter\(([^)]+)\)/g, "$1 > now() - interval '6 hours'");
        await expect(db.query(bound)).resolves.toBeInstanceOf(Array);
      }
    } finally {
      await db.close();
    }
  });

  it('write alert rules Prometheus can read: every rule named, with severity, summary and runbook', () => {
    const file = parse(generatedFiles()[join('prometheus', 'hourglass.rules.yml')]) as ReturnType<
      typeof hourglassAlertRules
    >;
    const rules = file.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'HourglassSpoolGrowing',
        'HourglassStoreUnreachable',
        'HourglassBrokerRejectionsSpiking',
        'HourglassScoringStalled',
        'HourglassBillingRunFailed',
      ]),
    );
    for (const rule of rules) {
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary && rule.annotations.runbook).toBeTruthy();
    }
  });
});
