/** A count and its noun, in the plural unless there is one: "1 file", "3 files", "0 errors". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
