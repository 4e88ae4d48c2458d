import { CliProgress } from './cli-progress';

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, isTTY, write: (text: string) => out.push(text) };
}

describe('CliProgress', () => {
  it('writes a line every interval when the stream is not a terminal, with the ETA from the rate so far', () => {
    let t = 0;
    const s = stream(false);
    const progress = new CliProgress('fleet-export', 1_000, {
      unit: 'assets',
      lineEveryMs: 5_000,
      stream: s,
      now: () => t,
    });
    t = 1_000;
    progress.update(100); // first report: shown
    t = 3_000;
    progress.update(300); // within 5 s of the last line: not shown
    t = 10_000;
    progress.update(500, '1,234 points');
    t = 20_000;
    progress.update(1_000);
    expect(s.out).toEqual([
      'fleet-export: 100/1,000 assets (10%), ETA 9 s\n',
      'fleet-export: 500/1,000 assets (50%), ETA 10 s, 1,234 points\n',
      'fleet-export: 1,000/1,000 assets (100%), done in 20 s\n',
    ]);
  });

  it('redraws one bar in place on a terminal and ends its line when complete', () => {
    let t = 0;
    const s = stream(true);
    const progress = new CliProgress('train', 4, { unit: 'epochs', stream: s, now: () => t });
    t = 90_000;
    progress.update(1);
    t = 360_000;
    progress.update(4);
    expect(s.out).toEqual([
      '\rtrain [######------------------]  25% 1/4 epochs, ETA 4 min 30 s\u001b[K',
      '\rtrain [########################] 100% 4/4 epochs, done in 6 min 0 s\u001b[K',
      '\n',
    ]);
  });

  it('says the ETA is unknown before anything is done', () => {
    const s = stream(false);
    new CliProgress('replay', 10, { unit: 'rows', stream: s, now: () => 0 }).update(0);
    expect(s.out).toEqual(['replay: 0/10 rows (0%), ETA unknown\n']);
  });
});
