import { countryOf } from './country.js';
import { MESSAGE_SLOTS, type StoredNumber } from './state.js';

/** A number as the platform has it just after it is bought: no music & messages, its default flow. */
export function boughtNumber(n: { digits: string; name: string; country?: string | undefined; timezone: string; language?: string | undefined }, at: string): Omit<StoredNumber, 'id'> {
  return {
    digits: n.digits,
    name: n.name,
    country: n.country ?? countryOf(n.digits),
    time_zone: n.timezone,
    ...(n.language ? { language: n.language } : {}),
    created_at: at,
    messages: Object.fromEntries(MESSAGE_SLOTS.map((slot) => [slot, null])) as StoredNumber['messages'],
    flow: { versions: [], published: null },
  };
}
