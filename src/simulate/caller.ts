/** How the simulated caller and agents behave: the inputs of a simulation. */

/** Agent availability at ring steps. */
export type Answer = { kind: 'never' } | { kind: 'always' } | { kind: 'after'; seconds: number };

const KEY_SLOT = /^[0-9*#]*$/;

/** "never" | "always" | "after:N"; undefined when the text is none of them. */
export function parseAnswer(text: string | undefined): Answer | undefined {
  if (text === undefined || text === 'never') return { kind: 'never' };
  if (text === 'always') return { kind: 'always' };
  const match = /^after:(\d+)$/.exec(text);
  return match ? { kind: 'after', seconds: Number(match[1]) } : undefined;
}

export function describeAnswer(answer: Answer): string {
  return answer.kind === 'after' ? `after:${answer.seconds}` : answer.kind;
}

/** `--keys 1,,12345678#`: one slot per prompt; an empty slot is silence until the timeout. */
export function parseKeysFlag(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  return text.split(',').map((slot) => slot.trim());
}

/** A slot may only hold what a phone keypad sends. Returns the offending slots. */
export function invalidKeySlots(keys: readonly string[]): string[] {
  return keys.filter((slot) => !KEY_SLOT.test(slot));
}
