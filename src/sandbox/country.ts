/** ISO country of an E.164 number from its calling code: enough for the sandbox's `country` field. */
const CALLING_CODES: Array<[string, string]> = [
  ['+1', 'US'], ['+33', 'FR'], ['+44', 'GB'], ['+49', 'DE'], ['+34', 'ES'], ['+39', 'IT'], ['+32', 'BE'],
  ['+41', 'CH'], ['+31', 'NL'], ['+351', 'PT'], ['+352', 'LU'], ['+353', 'IE'], ['+61', 'AU'], ['+65', 'SG'],
  ['+81', 'JP'], ['+45', 'DK'], ['+46', 'SE'], ['+47', 'NO'], ['+48', 'PL'], ['+43', 'AT'], ['+52', 'MX'], ['+55', 'BR'],
];

export function countryOf(digits: string): string {
  const match = CALLING_CODES.filter(([code]) => digits.startsWith(code)).sort((a, b) => b[0].length - a[0].length)[0];
  return match?.[1] ?? 'ZZ';
}
