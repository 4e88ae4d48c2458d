import type { MigrationPart } from '@hourglass/platform-sql';

const TURBOFAN_CODES: ReadonlyArray<[string, string, string | null, string]> = [
  ['hpc-module', 'COMPONENT', null, 'high-pressure compressor module'],
  [
    'HPC-EFFICIENCY-LOSS',
    'PROBLEM',
    'hpc-module',
    'compressor efficiency and flow loss (rising T30/T50, falling P30)',
  ],
  ['HPC-FOULING', 'CAUSE', 'HPC-EFFICIENCY-LOSS', 'deposits on blades and vanes'],
  ['HPC-WASH', 'REMEDY', 'HPC-FOULING', 'on-wing compressor wash'],
  ['HPC-BLADE-EROSION', 'CAUSE', 'HPC-EFFICIENCY-LOSS', 'blade erosion, increased tip clearance'],
  ['HPC-MODULE-REPLACED', 'REMEDY', 'HPC-BLADE-EROSION', 'HPC module replaced'],
  ['HPC-STALL', 'PROBLEM', 'hpc-module', 'surge or stall margin lost'],
  ['HPC-BLADE-DAMAGE', 'CAUSE', 'HPC-STALL', 'foreign or domestic object damage'],
  ['HPC-BLADE-BLEND', 'REMEDY', 'HPC-BLADE-DAMAGE', 'borescope blend repair'],
  ['fan-module', 'COMPONENT', null, 'fan module'],
  ['FAN-EFFICIENCY-LOSS', 'PROBLEM', 'fan-module', 'fan efficiency loss'],
  ['FAN-BLADE-EROSION', 'CAUSE', 'FAN-EFFICIENCY-LOSS', 'leading-edge erosion'],
  ['FAN-BLADE-REPLACED', 'REMEDY', 'FAN-BLADE-EROSION', 'fan blades replaced'],
  ['hpt-module', 'COMPONENT', null, 'high-pressure turbine module'],
  ['HPT-OVERTEMP', 'PROBLEM', 'hpt-module', 'exhaust gas temperature margin lost'],
  ['HPT-BLADE-OXIDATION', 'CAUSE', 'HPT-OVERTEMP', 'blade coating oxidation'],
  ['HPT-MODULE-REPLACED', 'REMEDY', 'HPT-BLADE-OXIDATION', 'HPT module replaced'],
];

const TURBOFAN_BOM: ReadonlyArray<[string, string, string, number, string]> = [
  ['hpc-module', 'HPC-MOD-7731', 'HPC module assembly', 1, '185000.00'],
  ['hpc-module', 'HPC-SEAL-KIT-12', 'HPC seal and gasket kit', 1, '1200.00'],
  ['hpc-module', 'BORESCOPE-PLUG-3', 'borescope port plug', 2, '85.50'],
  ['fan-module', 'FAN-BLADE-220', 'fan blade', 2, '14500.00'],
  ['hpt-module', 'HPT-MOD-5102', 'HPT module assembly', 1, '240000.00'],
];

const literal = (v: string | number | null) =>
  v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
const rows = (values: ReadonlyArray<ReadonlyArray<string | number | null>>) =>
  values.map((r) => `('turbofan', ${r.map(literal).join(', ')})`).join(',\n  ');

/**
 * Completion is a failure report (issue 14): outcome, a failure code from the asset type's hierarchy
 * (component -> problem -> cause -> remedy, Maximo's failure class -> problem -> cause -> remedy),
 * parts used and labour. `failure_codes` and `bill_of_materials` per asset type, seeded for
 * `turbofan` (the C-MAPSS modules: the warning policy's default component is `hpc-module`).
 */
export const failureReportsSchema: MigrationPart = {
  version: 21,
  name: 'failure-reports',
  owner: 'maintenance-tasks',
  sql: `
create table failure_codes (
  asset_type text not null,
  code text not null,
  level text not null check (level in ('COMPONENT', 'PROBLEM', 'CAUSE', 'REMEDY')),
  parent text,
  description text not null,
  primary key (asset_type, code)
);
create table bill_of_materials (
  asset_type text not null,
  component text not null,
  part_number text not null,
  description text not null,
  quantity integer not null check (quantity > 0),
  unit_cost numeric(18, 2) not null check (unit_cost >= 0),
  primary key (asset_type, component, part_number)
);
alter table tasks add column failure_outcome text check (failure_outcome in ('DEFECT_CONFIRMED_REPLACED', 'NO_FAULT_FOUND', 'OTHER'));
alter table tasks add column failure_code text;
alter table tasks add column parts_used jsonb;
alter table tasks add column labour_hours numeric(10, 2);
alter table tasks add column labour_rate numeric(18, 2);
insert into failure_codes (asset_type, code, level, parent, description) values
  ${rows(TURBOFAN_CODES)};
insert into bill_of_materials (asset_type, component, part_number, description, quantity, unit_cost) values
  ${rows(TURBOFAN_BOM)};
`,
};
