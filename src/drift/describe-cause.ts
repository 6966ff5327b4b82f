import type { DriftCause } from './report.js';

/** One sentence on who/when, for every renderer: "edited outside callflow: flow v3 published by alice at …". */
export function describeCause(cause: DriftCause): string {
  switch (cause.kind) {
    case 'outside-edit': {
      const version = cause.version !== undefined ? `flow v${cause.version} published${cause.by ? ` by ${cause.by}` : ''}${cause.at ? ` at ${cause.at}` : ''}` : '';
      const since = cause.lastWrite ? `changed since callflow last wrote it at ${cause.lastWrite.at} (${cause.lastWrite.who})` : '';
      return `edited outside callflow: ${[version, since].filter(Boolean).join('; ') || 'by someone else'}`;
    }
    case 'not-applied': {
      const who = [cause.by, cause.at].filter(Boolean).join(' at ');
      return cause.source === 'journal'
        ? `live is what callflow last wrote${who ? ` (${who})` : ''}: Git has changed since and was not applied`
        : `live flow${cause.version !== undefined ? ` v${cause.version}` : ''} was written by callflow${who ? ` (${who})` : ''}: Git has changed since, or the number was edited without a new flow version`;
    }
    case 'never-applied':
      return 'callflow never applied this number: live has the platform default flow';
    case 'not-in-account':
      return `not in the account: ${cause.hint ?? 'numbers are bought, not created: buy it in the provider account (or check callflow is connected to the account you meant), or correct `number:`'}`;
    case 'unknown':
      return 'who changed it is not known (the provider records no author and this checkout has no journal entry for it)';
  }
}
