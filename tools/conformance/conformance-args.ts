import { parseArgs } from 'node:util';

export type BrokerName = 'embedded' | 'mosquitto';

/** What `npm run conformance` runs: the suites' local copies and the brokers under test. */
export interface ConformanceArgs {
  paho: string;
  mosquitto: string;
  brokers: BrokerName[];
  brokerLog: boolean;
}

export const CONFORMANCE_USAGE =
  'usage: npm run conformance -- --paho <paho.mqtt.testing> --mosquitto <mosquitto> ' +
  '[--broker embedded|mosquitto|both] [--broker-log]';

/**
 * The command's arguments: `help` for `--help`/`-h`, an `error` (a usage error, exit 2) for an
 * unknown option, a missing suite folder or an unknown broker.
 */
export function parseConformanceArgs(
  args: readonly string[],
): { help: true } | { error: string } | { args: ConformanceArgs } {
  if (args.includes('--help') || args.includes('-h')) return { help: true };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        paho: { type: 'string' },
        mosquitto: { type: 'string' },
        broker: { type: 'string', default: 'both' },
        'broker-log': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (!values.paho || !values.mosquitto) return { error: '--paho and --mosquitto are required' };
  const broker = values.broker ?? 'both';
  if (!['embedded', 'mosquitto', 'both'].includes(broker))
    return { error: `--broker: "${broker}" is not embedded, mosquitto or both` };
  return {
    args: {
      paho: values.paho,
      mosquitto: values.mosquitto,
      brokers: broker === 'both' ? ['embedded', 'mosquitto'] : [broker as BrokerName],
      brokerLog: values['broker-log'] ?? false,
    },
  };
}
