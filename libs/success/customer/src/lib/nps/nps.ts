/** Promoters answer 9-10, detractors 0-6, passives 7-8 (spec section 2). */
export type NpsCategory = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

/** The category of a 0-10 answer. */
export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'PROMOTER';
  if (score >= 7) return 'PASSIVE';
  return 'DETRACTOR';
}

/** The NPS of a set of answers, with the counts it comes from. */
export interface NpsFigure {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters - % detractors, -100..100 rounded to 0.1; null without answers. */
  nps: number | null;
}

/** NPS = % promoters - % detractors over `scores` (each 0-10); order does not matter. */
export function npsOf(scores: Iterable<number>): NpsFigure {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    const c = npsCategory(s);
    if (c === 'PROMOTER') promoters++;
    else if (c === 'PASSIVE') passives++;
    else detractors++;
  }
  const answers = promoters + passives + detractors;
  const nps = answers === 0 ? null : Math.round((1000 * (promoters - detractors)) / answers) / 10;
  return { answers, promoters, passives, detractors, nps };
}
