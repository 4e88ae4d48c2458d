import {
  failureCodePath,
  hierarchyProblem,
  reportCost,
  requireReport,
  type FailureCode,
} from './failure-report';

const CODES: FailureCode[] = [
  { code: 'hpc-module', level: 'COMPONENT', parent: null, description: 'HPC' },
  { code: 'EFF', level: 'PROBLEM', parent: 'hpc-module', description: 'efficiency loss' },
  { code: 'FOUL', level: 'CAUSE', parent: 'EFF', description: 'fouling' },
  { code: 'WASH', level: 'REMEDY', parent: 'FOUL', description: 'wash' },
  { code: 'fan-module', level: 'COMPONENT', parent: null, description: 'fan' },
];

describe(requireReport.name, () => {
  it('names the first missing field of a report', () => {
    expect(() => requireReport(undefined)).toThrow(/^report: /);
    expect(() => requireReport({ outcome: 'OTHER', failureCode: 'EFF', labourHours: 1 })).toThrow(
      /^report\.parts: /,
    );
    expect(() => requireReport({ failureCode: 'EFF', parts: [], labourHours: 1 })).toThrow(
      /^report\.outcome: /,
    );
    expect(
      requireReport({ outcome: 'NO_FAULT_FOUND', failureCode: 'EFF', parts: [], labourHours: 0 }),
    ).toMatchObject({ labourHours: 0 });
  });
});

describe(failureCodePath.name, () => {
  it("accepts problems, causes and remedies under the order's component only", () => {
    expect(failureCodePath(CODES, 'hpc-module', 'WASH')).toEqual([
      'hpc-module',
      'EFF',
      'FOUL',
      'WASH',
    ]);
    expect(failureCodePath(CODES, 'hpc-module', 'EFF')).toEqual(['hpc-module', 'EFF']);
    expect(() => failureCodePath(CODES, 'hpc-module', 'hpc-module')).toThrow(
      /not a problem, cause or remedy under hpc-module/,
    );
    expect(() => failureCodePath(CODES, 'fan-module', 'WASH')).toThrow(/under fan-module/);
    expect(() => failureCodePath(CODES, 'hpc-module', 'NOPE')).toThrow(/NOPE/);
    expect(() => failureCodePath([], 'impeller', 'X')).toThrow(/has no failure codes/);
  });
});

describe(hierarchyProblem.name, () => {
  it('accepts a tree level by level and names the first break', () => {
    expect(hierarchyProblem(CODES)).toBeNull();
    expect(hierarchyProblem([...CODES, CODES[1]])).toBe('EFF: defined twice');
    expect(hierarchyProblem([{ ...CODES[0], parent: 'x' }])).toMatch(/COMPONENT has no parent/);
    expect(hierarchyProblem([CODES[0], { ...CODES[2], parent: 'hpc-module' }])).toMatch(
      /a CAUSE goes under a PROBLEM, not a COMPONENT/,
    );
    expect(hierarchyProblem([{ ...CODES[1], parent: 'gone' }])).toMatch(
      /parent gone is not defined/,
    );
  });
});

describe(reportCost.name, () => {
  it('prices parts and labour exactly, rounding half-even to cents, and nothing without prices', () => {
    const base = {
      outcome: 'DEFECT_CONFIRMED_REPLACED' as const,
      failureCode: 'WASH',
      labourHours: 1.25,
    };
    expect(
      reportCost({
        ...base,
        parts: [{ partNumber: 'a', quantity: 3, unitCost: '0.10' }],
        labourRate: '0.10',
      }),
    ).toBe('0.42');
    expect(
      reportCost({
        ...base,
        parts: [{ partNumber: 'a', quantity: 1, unitCost: '0.30' }],
        labourRate: '0.02',
      }),
    ).toBe('0.32');
    expect(reportCost({ ...base, parts: [{ partNumber: 'a', quantity: 1 }] })).toBeNull();
  });
});
