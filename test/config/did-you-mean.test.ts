import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/config/did-you-mean.js';

const KEYS = ['tts', 'language', 'voice', 'file', 'ref', 'next', 'no_input', 'invalid_input', 'timeout_seconds', 'options'];

describe('didYouMean', () => {
  it('suggests the intended key for typical typos', () => {
    expect(didYouMean('voise', KEYS)).toBe('voice');
    expect(didYouMean('langauge', KEYS)).toBe('language'); // swapped letters count as one edit
    expect(didYouMean('no-input', KEYS)).toBe('no_input');
    expect(didYouMean('Options', KEYS)).toBe('options');
    expect(didYouMean('timeout', KEYS)).toBeUndefined(); // too far: no misleading guess
    expect(didYouMean('zzz', KEYS)).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('only ever returns one of the candidates, and a candidate itself when given one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 20 }), (word, candidates) => {
        const suggestion = didYouMean(word, candidates);
        if (suggestion !== undefined) expect(candidates).toContain(suggestion);
        if (candidates.length > 0) expect(didYouMean(candidates[0]!, candidates)?.toLowerCase()).toBe(candidates[0]!.toLowerCase());
      }),
    );
  });

  it('finds a key with one letter changed when no other candidate is as close', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS.filter((k) => k.length >= 3)), fc.nat(), fc.constantFrom(...'qjxzw'), (key, at, letter) => {
        const i = at % key.length;
        const typo = key.slice(0, i) + letter + key.slice(i + 1);
        expect(didYouMean(typo, KEYS)).toBe(key);
      }),
    );
  });

  it('suggests exactly what the full-table distance would (the bounded one only skips hopeless work)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12, unit: fc.constantFrom(...'abcAB-_') }), fc.array(fc.string({ maxLength: 12, unit: fc.constantFrom(...'abcAB-_') }), { maxLength: 12 }), (word, candidates) => {
        expect(didYouMean(word, candidates)).toBe(referenceDidYouMean(word, candidates));
      }),
      { numRuns: 500 },
    );
  });
});

/** The straightforward version: a full table per candidate, first closest within a third of the length. */
function referenceDidYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const a = word.toLowerCase();
    const b = candidate.toLowerCase();
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i += 1) {
      for (let j = 1; j <= b.length; j += 1) {
        let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
        d[i]![j] = v;
      }
    }
    if (d[a.length]![b.length]! < bestDistance) {
      bestDistance = d[a.length]![b.length]!;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
