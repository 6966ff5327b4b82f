/**
 * User text echoed back in a message (a key, a name, a TTS text): never longer than a glance,
 * and never able to move the cursor, clear a line or end one — control characters are shown
 * as escapes, so what a reviewer reads is what the file holds.
 */

/** C0 controls, DEL and C1 controls (tab and newline included: an excerpt is one line). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` with every control character written as an escape (`\n`, `\u001b`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Controls that are not line structure: everything but tab and line feed. */
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A multi-line text with every control but tab and line feed escaped (Markdown, diffs). */
export function escapeControlsInLines(text: string): string {
  return text.replace(CONTROL_IN_LINES, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** At most `max` characters of `text` (an ellipsis says some were cut), controls escaped. */
export function excerpt(text: string, max = 60): string {
  const chars = [...text.slice(0, max * 2 + 2)];
  const cut = chars.length > max || text.length > max * 2 + 2;
  return escapeControls(cut ? `${chars.slice(0, max - 1).join('')}…` : text);
}
