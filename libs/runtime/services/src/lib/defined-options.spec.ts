import { definedOptions } from './defined-options';

describe(definedOptions.name, () => {
  it('leaves out unset options so that a spread over defaults keeps them', () => {
    const defaults = { batchSize: 5_000, flushIntervalMs: 200 };
    const sut = definedOptions({ batchSize: undefined, flushIntervalMs: 50 });
    expect({ ...defaults, ...sut }).toEqual({ batchSize: 5_000, flushIntervalMs: 50 });
    expect(Object.keys(sut)).toEqual(['flushIntervalMs']);
  });
});
