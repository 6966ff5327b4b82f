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

/**
 * Digits as Aircall's API returns them, formatted for people ("+33 1 76 36 00 00",
 * "+1 212-555-0142"): what the `aircall` flavor serves, so clients must not rely on E.164.
 */
export function formatDigits(e164: string): string {
  const code = CALLING_CODES.filter(([c]) => e164.startsWith(c)).sort((a, b) => b[0].length - a[0].length)[0]?.[0];
  if (!code) return e164;
  const rest = e164.slice(code.length);
  if (code === '+1' && rest.length === 10) return `+1 ${rest.slice(0, 3)}-${rest.slice(3, 6)}-${rest.slice(6)}`;
  if (code === '+33' && rest.length === 9) return `+33 ${rest[0]} ${rest.slice(1).match(/\d{2}/g)!.join(' ')}`;
  return `${code} ${rest.match(/\d{1,4}/g)!.join(' ')}`;
}
