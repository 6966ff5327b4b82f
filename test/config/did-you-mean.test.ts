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
});
