import { z } from 'zod';

/** Step names are keys of `flow.steps` and the targets of every branch. */
export const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Names of shared schedules and messages are file names without `.yaml`. */
export const ITEM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Step, schedule and message names are identifiers, not texts: a bound keeps every look-up and message small. */
export const MAX_NAME_LENGTH = 64;
export const E164 = /^\+[1-9][0-9]{6,14}$/;
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** Attach a stable rule id to a check so problems say `number/e164`, not a generic schema error. */
export function withRule<T>(check: (value: T) => boolean, rule: string, message: string) {
  return [check, { error: message, params: { rule } }] as const;
}

// Building an Intl.DateTimeFormat costs ~0.2 ms; a repo of 1,000 numbers names a handful of zones.
const knownZones = new Map<string, boolean>();

export function isIanaTimezone(zone: string): boolean {
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = checkZone(zone);
    if (knownZones.size < 1000) knownZones.set(zone, valid);
  }
  return valid;
}

function checkZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    // Intl accepts some legacy aliases like "EST"; a team's config should name a region.
    return zone === 'UTC' || zone.includes('/');
  } catch {
    return false;
  }
}

/** A step name (a key of flow.steps), a schedule or a shared message name. */
export const stepName = (error: string) => z.string().max(MAX_NAME_LENGTH, { error: `at most ${MAX_NAME_LENGTH} characters` }).regex(STEP_NAME, { error });
export const itemName = () =>
  z
    .string()
    .max(MAX_NAME_LENGTH, { error: `at most ${MAX_NAME_LENGTH} characters` })
    .regex(ITEM_NAME, { error: 'a name (letters, digits, ".", "-" and "_"): the file name without ".yaml"' });

export const stepRef = stepName('a step name: letters, digits, "-" and "_"')
  .meta({ description: 'Name of another step in this flow (a key of flow.steps).' });

export const timezone = z
  .string()
  .refine(...withRule(isIanaTimezone, 'timezone/invalid', 'not an IANA time zone (e.g. "Europe/Paris", "America/New_York")'))
  .meta({ description: 'IANA time zone, e.g. Europe/Paris.' });

export const e164 = z
  .string()
  .regex(E164, { error: 'not an E.164 number: "+", country code and digits only, e.g. "+33176360000"' })
  .meta({ description: 'Phone number in E.164 form, quoted: "+33176360000".' });

export const languageTag = z
  .string()
  .regex(LANGUAGE_TAG, { error: 'a language tag such as "fr-FR" or "en-US"' })
  .meta({ description: 'Language for text-to-speech, e.g. fr-FR, en-US.' });
