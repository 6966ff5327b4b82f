/** Escaping for text from config files and tools placed into GitHub Markdown. */

/** Text inside HTML (summary lines): no tags, no entities. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text in a Markdown line or table cell: HTML-escaped, formatting punctuation escaped, one line. */
export function inline(text: string): string {
  return html(text).replace(/([\\`*_[\]|~])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

export { plural } from '../report/plural.js';

export const shortSha = (sha: string) => sha.slice(0, 7);
