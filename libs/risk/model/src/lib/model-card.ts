import type { NetworkOptions } from './network-options';

/** Cross-validated figures: folds over units, each held-out unit cut at random points. */
export interface CrossValidationReport {
  folds: number;
  /** Networks trained (with different seeds) and averaged per fold; absent in older cards: 1. */
  networksPerFold?: number;
  /** Cut points per held-out unit and how their true RUL was drawn. */
  cutsPerUnit: number;
  cutRule: string;
  evaluations: number;
  /** RMSE against the true (uncapped) RUL at the cut points. */
  rmse: number;
  /** RMSE against the true RUL capped like the training target. */
  rmseCapped: number;
  /** PHM08 score per 100 evaluations (comparable to a 100-unit test set). */
  scorePer100: number;
  /** RMSE of capped RUL over every row of every held-out unit. */
  rmseAllRows: number;
  /** Brier score of the failure-within-horizon probability over every held-out row. */
  brier: number;
  /** Predicted probability versus observed frequency, in probability bins. */
  reliability: Array<{
    from: number;
    to: number;
    count: number;
    predicted: number;
    observed: number;
  }>;
  seconds: number;
}

/**
 * This version's cross-validation beside another version's, both as their cards state them, e.g.
 * what holding units out of training cost. Folds and seeds differ between the two runs, so only
 * `sharedUnits` compares them over the same histories.
 */
export interface CrossValidationComparison {
  /** The other version, `name@hash`. */
  version: string;
  /** Why the two are compared. */
  description: string;
  /** Units the other version was trained and cross-validated on. */
  units: number;
  /** The other version's cross-validation, copied from its card. */
  crossValidation: CrossValidationReport;
  /** RMSE of capped RUL over every row of the units both versions cross-validated. */
  sharedUnits: { units: number; rows: number; rmseAllRows: number; otherRmseAllRows: number };
  /** The command line that recorded the comparison. */
  command: string;
}

/** One run of the held-out evaluation command, recorded with its command line. */
export interface EvaluationRecord {
  command: string;
  description: string;
  rmse: number;
  score: number;
  engines: number;
  trainSeconds: number;
  recordedAt: string;
}

/** The model card: what the model is, what it was trained on, how well it does. */
export interface ModelCard {
  name: string;
  /** `name@` and the first 12 hex digits of `artifacts.sha256`. */
  version: string;
  createdAt: string;
  summary: string;
  data: {
    file: string;
    sha256: string;
    units: number;
    rows: number;
    /**
     * Ids of histories in `file` left out of training on purpose (cross-validation included), so
     * that the demo fleet and end-to-end tests can replay engines the model never saw.
     */
    heldOut?: string[];
    citation: string;
    license: string;
  };
  target: {
    kind: 'piecewise-linear RUL';
    rulCap: number;
    /** How the ensemble mean is corrected, when it is (absent in older cards). */
    correction?: string;
  };
  horizon: number;
  probability: { event: string; method: string; calibratedOn: string };
  features: {
    count: number;
    sensors: string[];
    windowLength: number;
    spans: number[];
    baselineSpan: number;
    baselineCycles: number;
    /** Extra slope windows (cycles); absent in older cards. */
    slopeWindows?: number[];
    description: string;
  };
  network: NetworkOptions & {
    parameters: number;
    seeds: number[];
    loss: string;
    optimizer: string;
  };
  crossValidation?: CrossValidationReport;
  /** This version's cross-validation beside another's, when recorded. */
  comparison?: CrossValidationComparison;
  evaluations: EvaluationRecord[];
  training: {
    seconds: number;
    backend: string;
    samples: number;
    finalLosses: number[];
    runtime: string;
    /** The command line that trained the model, when trained from the command line. */
    command?: string;
    /** Loss weights of training rows by true RUL, when used. */
    targetWeighting?: { beyondRul: number; weight: number };
  };
  artifacts: { sha256: string; files: Array<{ path: string; bytes: number; sha256: string }> };
  limitations: string[];
}

const f2 = (n: number) => n.toFixed(2);

function networksPerFold(cv: CrossValidationReport): string {
  const n = cv.networksPerFold ?? 1;
  return n === 1 ? 'one seed' : `${n} seeds averaged`;
}

/** Renders the card as the human-readable `MODEL_CARD.md`. */
export function renderModelCard(card: ModelCard): string {
  return [...describe(card), ...performance(card), ...closing(card)].join('\n');
}

function describe(card: ModelCard): string[] {
  const { data, features, network, training } = card;
  return [
    `# Model card: ${card.name}`,
    '',
    `Version \`${card.version}\`, created ${card.createdAt}.`,
    '',
    card.summary,
    '',
    '## Data',
    `- ${data.file} (sha256 \`${data.sha256.slice(0, 16)}…\`): ${data.units} units, ${data.rows} rows.`,
    ...(data.heldOut?.length
      ? [
          `- Held out of training and cross-validation (never seen by this model): units ${data.heldOut.join(', ')}.`,
        ]
      : []),
    `- ${data.citation}`,
    `- ${data.license}`,
    '',
    '## Target and outputs',
    `- \`rul\`: ${card.target.kind}, capped at ${card.target.rulCap} cycles.${card.target.correction ? ` ${card.target.correction}` : ''}`,
    `- \`probability\`: ${card.probability.event} (horizon ${card.horizon} cycles). ${card.probability.method} ${card.probability.calibratedOn}`,
    '',
    '## Features',
    `${features.count} features. ${features.description}`,
    `Sensors: ${features.sensors.join(', ')}. Window ${features.windowLength} cycles; spans ${features.spans.join(', ')}; baseline span ${features.baselineSpan} against the first ${features.baselineCycles} cycles${features.slopeWindows?.length ? `; slopes over the last ${features.slopeWindows.join(', ')} cycles` : ''}.`,
    '',
    '## Network and training',
    `- MLP ${[features.count, ...network.hidden, 1].join('-')} (ReLU, dropout ${network.dropout}), ${network.parameters} parameters per member; ensemble of ${network.seeds.length} (seeds ${network.seeds.join(', ')}), outputs averaged.`,
    `- ${network.loss}; ${network.optimizer}; ${network.epochs} epochs, batch ${network.batchSize}.`,
    ...(training.targetWeighting
      ? [
          `- Rows more than ${training.targetWeighting.beyondRul} cycles before failure weigh ${training.targetWeighting.weight} in the loss, the others 1.`,
        ]
      : []),
    ...(training.command ? [`- Reproduce: \`${training.command}\``] : []),
    `- ${training.samples} training rows; ${f2(training.seconds)} s wall time (cross-validation included) on backend \`${training.backend}\` (${training.runtime}); final epoch losses ${training.finalLosses.map(f2).join(', ')}.`,
    '',
  ];
}

function performance(card: ModelCard): string[] {
  const cv = card.crossValidation;
  const lines = ['## Measured performance', ''];
  if (cv) {
    lines.push(
      `Cross-validation, ${cv.folds} folds over units (${networksPerFold(cv)} per fold), ${cv.cutsPerUnit} cut points per held-out unit (${cv.cutRule}); ${cv.evaluations} evaluations, ${f2(cv.seconds)} s:`,
      '',
      '| metric | value |',
      '|---|---|',
      `| RMSE vs true RUL | ${f2(cv.rmse)} |`,
      `| RMSE vs capped RUL | ${f2(cv.rmseCapped)} |`,
      `| PHM08 score per 100 evaluations | ${f2(cv.scorePer100)} |`,
      `| RMSE over all held-out rows (capped) | ${f2(cv.rmseAllRows)} |`,
      `| Brier score of \`probability\` (all held-out rows) | ${cv.brier.toFixed(4)} |`,
      '',
      'Reliability of `probability` on held-out rows:',
      '',
      '| predicted bin | rows | mean predicted | observed |',
      '|---|---|---|---|',
      ...cv.reliability.map(
        (b) =>
          `| ${f2(b.from)}-${f2(b.to)} | ${b.count} | ${b.predicted.toFixed(3)} | ${b.observed.toFixed(3)} |`,
      ),
      '',
    );
    if (card.comparison) lines.push(...comparison(card, cv, card.comparison));
  }
  for (const e of card.evaluations) {
    const result = {
      rmse: e.rmse,
      score: e.score,
      engines: e.engines,
      trainSeconds: e.trainSeconds,
    };
    lines.push(
      `Held-out evaluation (${e.description}), ${e.recordedAt}:`,
      '',
      '```',
      e.command,
      JSON.stringify(result),
      '```',
      '',
    );
  }
  return lines;
}

function comparison(
  card: ModelCard,
  cv: CrossValidationReport,
  other: CrossValidationComparison,
): string[] {
  const row = (metric: string, own: string, theirs: string) => `| ${metric} | ${own} | ${theirs} |`;
  const shared = other.sharedUnits;
  return [
    `Cross-validation beside \`${other.version}\` (${other.description}):`,
    '',
    `| metric | this version | ${other.version} |`,
    '|---|---|---|',
    row('units trained and cross-validated', String(card.data.units), String(other.units)),
    row('evaluations', String(cv.evaluations), String(other.crossValidation.evaluations)),
    row('RMSE vs true RUL', f2(cv.rmse), f2(other.crossValidation.rmse)),
    row('RMSE vs capped RUL', f2(cv.rmseCapped), f2(other.crossValidation.rmseCapped)),
    row(
      'PHM08 score per 100 evaluations',
      f2(cv.scorePer100),
      f2(other.crossValidation.scorePer100),
    ),
    row(
      'RMSE over all held-out rows (capped)',
      f2(cv.rmseAllRows),
      f2(other.crossValidation.rmseAllRows),
    ),
    row(
      'Brier score of `probability`',
      cv.brier.toFixed(4),
      other.crossValidation.brier.toFixed(4),
    ),
    row(
      `RMSE over all rows (capped) of the ${shared.units} units both cross-validated (${shared.rows} rows)`,
      f2(shared.rmseAllRows),
      f2(shared.otherRmseAllRows),
    ),
    '',
    `Recorded by \`${other.command}\`.`,
    '',
  ];
}

function closing(card: ModelCard): string[] {
  return [
    '## Limitations',
    ...card.limitations.map((l) => `- ${l}`),
    '',
    '## Artifacts',
    `sha256 over the artifacts (sorted paths, each as path, NUL, length, NUL, bytes): \`${card.artifacts.sha256}\``,
    '',
    '| file | bytes | sha256 |',
    '|---|---|---|',
    ...card.artifacts.files.map(
      (a) => `| ${a.path} | ${a.bytes} | \`${a.sha256.slice(0, 16)}…\` |`,
    ),
    '',
  ];
}
