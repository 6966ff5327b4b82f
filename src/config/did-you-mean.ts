/** Suggest the closest known word for a typo ("voise" → "voice"), or nothing when none is close. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const wanted = word.toLowerCase();
  // Beyond a third of the word's length a guess misleads more than it helps.
  let bound = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    // The distance is at least the difference in length: most candidates stop here.
    if (Math.abs(other.length - wanted.length) > bound) continue;
    const distance = editDistanceWithin(wanted, other, bound);
    if (distance === undefined) continue;
    best = candidate;
    // Only a strictly closer candidate replaces the first one found at this distance.
    if (distance === 0) break;
    bound = distance - 1;
  }
  return best;
}

/**
 * For many look-ups against one list (every unknown step name of a flow): answers repeat
 * from memory, and past `budget` distinct words it stops suggesting, so a file with thousands
 * of unknown names costs a bounded number of comparisons instead of names × candidates.
 */
export function suggester(candidates: readonly string[], budget = 100): (word: string) => string | undefined {
  const answers = new Map<string, string | undefined>();
  return (word) => {
    if (answers.has(word)) return answers.get(word);
    if (answers.size >= budget) return undefined;
    const answer = didYouMean(word, candidates);
    answers.set(word, answer);
    return answer;
  };
}

/** A suggester whose candidate list is built on the first look-up (most flows need none). */
export function lazySuggester(candidates: () => readonly string[], budget?: number): (word: string) => string | undefined {
  let suggest: ((word: string) => string | undefined) | undefined;
  return (word) => (suggest ??= suggester(candidates(), budget))(word);
}

/**
 * Damerau–Levenshtein (optimal string alignment: a swap of two letters counts as one edit),
 * or undefined as soon as it must exceed `bound`.
 */
function editDistanceWithin(a: string, b: string, bound: number): number | undefined {
  const cols = b.length + 1;
  let beforePrevious = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A row's minimum never decreases from one row to the next, so this one decides.
    if (rowMin > bound) return undefined;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = previous[b.length]!;
  return distance <= bound ? distance : undefined;
}
