/**
 * The keypad keys a spoken prompt tells the caller to press ("Pour le support, tapez 2",
 * "press one or two", "tapez un", "drücken Sie eins", "drücken Sie die Raute"). Empty when the text names none we recognise.
 */
const VERBS = [
  'press', 'dial', 'type', 'enter', 'select', 'choose', 'push', 'hit',
  'tapez', 'appuyez sur', 'appuyez', 'composez', 'faites', 'faites le', 'choisissez',
  'drücken sie', 'drücken', 'wählen sie', 'wählen',
  'pulse', 'marque', 'oprima', 'presione',
  'premi', 'prema', 'digite', 'digita', 'druk op', 'kies', 'toets',
];
const FILLERS = ['the', 'key', 'la touche', 'le', 'la', 'touche', 'die', 'taste', 'el', 'la tecla', 'tecla', 'il', 'tasto', 'o', 'a', 'de'];
const KEY_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  zéro: '0', un: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', sept: '7', huit: '8', neuf: '9',
  null: '0', eins: '1', zwei: '2', drei: '3', vier: '4', fünf: '5', fuenf: '5', sechs: '6', sieben: '7', acht: '8', neun: '9',
  cero: '0', uno: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
  due: '2', tre: '3', quattro: '4', cinque: '5', sei: '6', sette: '7', otto: '8', nove: '9',
  star: '*', asterisk: '*', étoile: '*', etoile: '*', stern: '*', asterisco: '*', estrella: '*',
  pound: '#', hash: '#', dièse: '#', diese: '#', carré: '#', raute: '#', almohadilla: '#', cancelletto: '#', hekje: '#',
};
const JOINERS = ['or', 'and', 'ou', 'et', 'oder', 'und', 'o', 'y', 'e', 'of', 'en'];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
const KEY = `(?:[0-9*#](?![0-9])|${alt(Object.keys(KEY_WORDS))})`;
const PATTERN = new RegExp(
  `(?<![\\p{L}])(?:${alt(VERBS)})\\s+(?:(?:${alt(FILLERS)})\\s+)*(${KEY}(?:\\s*(?:,|${alt(JOINERS)})\\s*(?:(?:${alt(FILLERS)})\\s+)*${KEY})*)(?![\\p{L}0-9])`,
  'giu',
);
const SINGLE_KEY = new RegExp(`${KEY}(?![\\p{L}])`, 'giu');

export function keysNamedIn(text: string): Set<string> {
  const keys = new Set<string>();
  for (const match of text.matchAll(PATTERN)) {
    for (const key of match[1]!.matchAll(SINGLE_KEY)) {
      const word = key[0].toLowerCase();
      keys.add(KEY_WORDS[word] ?? word);
    }
  }
  return keys;
}
