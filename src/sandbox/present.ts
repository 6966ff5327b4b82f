/** Stored entities → the JSON the Aircall public API returns (numbers, users, teams, pages). */
import { formatDigits } from './country.js';
import { latestVersion, type StoredFlowVersion, type StoredNumber, type StoredTeam, type StoredUser, type StoreState } from './state.js';

/** `callflow`: Aircall's shape plus our extensions; `aircall`: only what Aircall's public API serves. */
export type Flavor = 'callflow' | 'aircall';

export function presentNumber(number: StoredNumber, base: string, flavor: Flavor = 'callflow') {
  const aircall = flavor === 'aircall';
  return {
    id: number.id,
    direct_link: `${base}/v1/numbers/${number.id}`,
    name: number.name,
    digits: aircall ? formatDigits(number.digits) : number.digits,
    created_at: number.created_at,
    country: number.country,
    time_zone: number.time_zone,
    open: true,
    availability_status: 'open',
    is_ivr: !aircall && number.flow.published !== null,
    live_recording_activated: false,
    priority: null,
    messages: { ...number.messages },
    // Not in Aircall's object: the sandbox keeps a language per number (used for TTS).
    ...(number.language !== undefined && !aircall ? { language: number.language } : {}),
  };
}

export function presentUser(user: StoredUser, base: string) {
  return {
    id: user.id,
    direct_link: `${base}/v1/users/${user.id}`,
    name: user.name,
    email: user.email,
    available: true,
    availability_status: 'available',
    created_at: user.created_at,
    time_zone: 'Etc/UTC',
    language: 'en-US',
  };
}

export function presentTeam(team: StoredTeam, state: StoreState, base: string) {
  const users = state.users.filter((user) => team.user_ids.includes(user.id)).map((user) => presentUser(user, base));
  return { id: team.id, direct_link: `${base}/v1/teams/${team.id}`, name: team.name, created_at: team.created_at, users };
}

/** Our Smartflow state of a number: published version, the draft beyond it, the latest version number. */
export function presentFlowState(number: StoredNumber) {
  const published = number.flow.versions.find((v) => v.version === number.flow.published) ?? null;
  const last = number.flow.versions.at(-1);
  const draft = last && last.version > (number.flow.published ?? 0) ? last : null;
  return {
    published: published ? presentVersion(published) : null,
    draft: draft ? presentVersion(draft) : null,
    latest_version: latestVersion(number),
  };
}

export function presentVersion(version: StoredFlowVersion) {
  return { version: version.version, document: version.document, created_at: version.created_at, ...(version.author ? { author: version.author } : {}) };
}

/** One page in Aircall's envelope; links are absolute, like Aircall's. */
export function page<T>(key: string, items: T[], pageNumber: number, perPage: number, link: (page: number) => string) {
  const start = (pageNumber - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  return {
    [key]: slice,
    meta: {
      count: slice.length,
      total: items.length,
      current_page: pageNumber,
      per_page: perPage,
      next_page_link: start + perPage < items.length ? link(pageNumber + 1) : null,
      previous_page_link: pageNumber > 1 ? link(pageNumber - 1) : null,
    },
  };
}
