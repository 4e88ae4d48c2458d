import { PlanSchedulingJob } from './plan-scheduling.job';
import { loadPlanScenarios, runPlanScenario } from './plan-scenario.fixture';

// One scenario per file in scenarios/: reminders on local days across DST, whichever limit first, next due from completion.
describe(PlanSchedulingJob.name, () => {
  it.each(loadPlanScenarios().map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const sut = await runPlanScenario(scenario);
    expect(sut.reminders).toEqual(scenario.expect.reminders);
    expect(sut.orders).toEqual(scenario.expect.orders);
  });
});
