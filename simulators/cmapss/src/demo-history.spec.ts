import type { CmapssUnit } from '@hourglass/datasets-cmapss';
import { HPC_FAULT_PATHS } from './fault-draw';
import { demoCaseLookbackHours, demoServiceHistory } from './demo-history';

/** A unit of `cycles` rows whose 3 settings and 21 sensors all rise a little each cycle. */
function unit(id: number, cycles: number): CmapssUnit {
  return {
    unit: id,
    rows: Array.from({ length: cycles }, (_, i) => ({
      line: i + 1,
      cycle: i + 1,
      values: Array.from({ length: 24 }, (_, s) => 100 + s + 0.1 * i),
    })),
  };
}

const END = Date.parse('2026-12-07T00:00:00Z');
const options = {
  deviceIds: ['demo-engine-01', 'demo-engine-02'],
  // Unit 10 is one of the demo fleet's own: the past never runs it.
  units: [unit(10, 150), unit(11, 140), unit(12, 200)],
  endMs: END,
  speed: 2,
};

describe(demoServiceHistory.name, () => {
  it('runs each engine through past lives of other units, back to back on the demo clock, before the end', () => {
    const sut = demoServiceHistory(options);

    expect(sut).toHaveLength(6);
    expect(sut.map((o) => o.orderId)).toContain('demo-history-demo-engine-02-3');
    expect(sut.some((o) => o.unit === 10)).toBe(false);
    for (const engine of options.deviceIds) {
      const lives = sut.filter((o) => o.deviceId === engine);
      expect(lives[lives.length - 1].completedAt).toBe(END);
      lives.forEach((o, i) => {
        const length = o.unit === 11 ? 140 : 200;
        // Raised 35 cycles before the life's end; every sample before the raise, half a second apart.
        expect(o.samples).toHaveLength(length - 35);
        expect(o.samples[1].ts - o.samples[0].ts).toBe(500);
        expect(o.samples[o.samples.length - 1].ts).toBeLessThan(o.raisedAt);
        if (i > 0) expect(lives[i - 1].completedAt).toBeLessThan(o.samples[0].ts);
      });
    }
  });

  it('reports the faults the live technician finds, the same for the same seed', () => {
    const sut = demoServiceHistory(options);

    const paths = Object.values(HPC_FAULT_PATHS).map((p) => p.remedy);
    expect(sut.every((o) => paths.includes(o.fault.remedy))).toBe(true);
    expect(demoServiceHistory(options)).toEqual(sut);
  });
});

describe(demoCaseLookbackHours.name, () => {
  it('is 60 cycles at the fleet speed, in hours', () => {
    expect(demoCaseLookbackHours(2) * 3_600).toBe(30);
    expect(demoCaseLookbackHours(5) * 3_600).toBe(12);
  });
});
