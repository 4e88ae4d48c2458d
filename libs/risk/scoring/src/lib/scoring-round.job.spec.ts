import type { ScoredAsset } from './asset-scoring.service';
import type { LoadedModel, ScoringModels } from './model-switcher';
import { ScoringRoundJob, type ScoringPolicyLookup } from './scoring-round.job';

function fakeModel(version: string, horizon: number): LoadedModel {
  return {
    version,
    horizon,
    predict: () => [],
    probabilityWithin: () => 0,
    dispose: () => undefined,
  };
}

const SCORED = [{ assetId: 'e-1', assetType: 'turbofan' } as ScoredAsset];
const POLICY: ScoringPolicyLookup = () => ({ threshold: 0.7, horizon: 20 });

/** Fakes that record each call in order; `failSink` makes the decision sink reject. */
function setUp(failSink?: Error) {
  const calls: string[] = [];
  const lines: string[] = [];
  const models: ScoringModels = { active: fakeModel('m@1', 30), shadow: null };
  const sut = new ScoringRoundJob<ScoringPolicyLookup, string>(
    {
      models: {
        refresh: async () => {
          calls.push('refresh');
          return models;
        },
      },
      policies: {
        load: async (horizon) => {
          calls.push(`policies.load(${horizon})`);
          return POLICY;
        },
      },
      scoring: {
        scoreAll: async (round, policy) => {
          calls.push(`scoreAll(${round.active.version}, ${policy === POLICY})`);
          return SCORED;
        },
      },
      decisions: {
        onScores: async (scored, policy) => {
          calls.push(`onScores(${scored === SCORED}, ${policy === POLICY})`);
          if (failSink) throw failSink;
          return ['task-1', 'task-2'];
        },
      },
      log: (line) => lines.push(line),
    },
    { describe: (task) => `alerts: ${task}` },
  );
  return { sut, calls, lines, models };
}

describe(ScoringRoundJob.name, () => {
  it('refreshes the models, loads policies for their horizon, scores, then decides and logs', async () => {
    const { sut, calls, lines, models } = setUp();

    const round = await sut.run();

    expect(calls).toEqual([
      'refresh',
      'policies.load(30)',
      'scoreAll(m@1, true)',
      'onScores(true, true)',
    ]);
    expect(lines).toEqual(['alerts: task-1', 'alerts: task-2']);
    expect(round).toEqual({ models, scored: SCORED, decisions: ['task-1', 'task-2'] });
  });

  it('surfaces a failing decision sink and logs no decision', async () => {
    const { sut, lines } = setUp(new Error('tasks table unavailable'));

    await expect(sut.run()).rejects.toThrow('tasks table unavailable');
    expect(lines).toEqual([]);
  });
});
