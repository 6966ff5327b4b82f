/** The bench's output: one table on stdout, and the same figures as JSON for bench/results.json. */
export interface Line {
  what: string;
  size: string;
  wall: string;
  cpu: string;
  peak: string;
  figure: string;
}

export function printTable(title: string, lines: readonly Line[]): void {
  const header: Line = { what: title, size: 'size', wall: 'wall', cpu: 'CPU', peak: 'peak RSS', figure: '' };
  const all = [header, ...lines];
  const width = (key: keyof Line) => Math.max(...all.map((line) => line[key].length));
  const keys: Array<keyof Line> = ['what', 'size', 'wall', 'cpu', 'peak', 'figure'];
  const right = new Set<keyof Line>(['size', 'wall', 'cpu', 'peak']);
  const format = (line: Line) => keys.map((key) => (right.has(key) ? line[key].padStart(width(key)) : line[key].padEnd(width(key)))).join('  ').trimEnd();
  console.log(format(header));
  console.log(keys.map((key) => '-'.repeat(width(key))).join('  '));
  for (const line of lines) console.log(format(line));
}

export const seconds = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} s` : 'n/a');
export const megabytes = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} MB` : 'n/a');
export const times = (value: number) => `×${value.toFixed(2)}`;
export const count = (value: number) => value.toLocaleString('en-US');
