import type { PlatformConfig } from '@hourglass/platform-config';
import type { CaseLibraryOptions } from '@hourglass/service-cases';
import { demoCaseLookbackHours } from '@hourglass/simulator-cmapss';
import { definedOptions } from './defined-options';

/**
 * The case library's settings of a process: `HG_CASES_LOOKBACK_HOURS` when set; unset, the
 * library's default (72 h) in production, and in a process that runs the simulated fleet
 * (`demoFleet`) a window on the fleet's clock (`demoCaseLookbackHours` at `HG_SIM_SPEED`), since
 * there an engine lives minutes and 72 h would span many of its unit lives.
 */
export function caseLibrarySettings(
  config: Pick<PlatformConfig, 'HG_CASES_LOOKBACK_HOURS' | 'HG_SIM_SPEED'>,
  demoFleet: boolean,
): CaseLibraryOptions {
  const lookbackHours =
    config.HG_CASES_LOOKBACK_HOURS ??
    (demoFleet ? demoCaseLookbackHours(config.HG_SIM_SPEED) : undefined);
  return definedOptions({ lookbackHours });
}
