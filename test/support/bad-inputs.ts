import { ConfigurationError } from '@deploy-kit/core';

/** One bad value for an input: the input's name, the values given, the message expected. */
export type BadInput = [input: string, values: Record<string, string>, message: RegExp];

/**
 * Registers the bad-input tests an action's unit suite shares: each row is refused with a
 * ConfigurationError naming the problem, and every declared input has at least one row (inputs
 * in `checkedElsewhere` are covered by another suite, which the caller names in a comment).
 */
export function testBadInputs(
  read: (values: Record<string, string>) => unknown,
  bad: readonly BadInput[],
  declared: readonly string[],
  checkedElsewhere: readonly string[] = [],
): void {
  test.each(bad)('%s: %j', (_input, values, message) => {
    expect(() => read(values)).toThrow(ConfigurationError);
    expect(() => read(values)).toThrow(message);
  });

  test('every declared input has a bad value above', () => {
    const covered = new Set([...bad.map(([input]) => input), ...checkedElsewhere]);
    expect(declared.filter((i) => !covered.has(i))).toEqual([]);
  });
}
