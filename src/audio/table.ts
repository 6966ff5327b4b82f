import type { AudioCheckRow } from './check-files.js';
import { formatBytes } from '../report/format-bytes.js';

const HEADERS = ['file', 'format', 'codec', 'duration', 'rate', 'ch', 'bitrate', 'size', 'verdict'] as const;

/** `callflow audio check` as a table, then each finding under it (for people). */
export function renderAudioTable(rows: readonly AudioCheckRow[]): string {
  const cells = rows.map(rowCells);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  const findings = rows.flatMap((row) =>
    row.findings.map((f) => `${f.severity} ${f.rule}: "${row.file}" ${f.message}${f.hint ? `\n  hint: ${f.hint}` : ''}`),
  );
  if (findings.length) out.push('', ...findings);
  return out.join('\n');
}

/** `--format json`: stable field names, numbers as numbers, for scripts. */
export function renderAudioJson(rows: readonly AudioCheckRow[]): string {
  const files = rows.map((row) => {
    const probe = row.facts?.probe.ok ? row.facts.probe : undefined;
    return {
      file: row.file,
      sha256: row.sha256 ?? null,
      format: probe?.formatName ?? null,
      codec: probe?.codec ?? null,
      durationSeconds: probe ? (probe.packetSeconds ?? probe.durationSeconds ?? null) : null,
      sampleRate: probe?.sampleRate ?? null,
      channels: probe?.channels ?? null,
      bitRate: probe?.bitRate ?? null,
      size: row.facts?.size ?? null,
      verdict: row.verdict,
      problems: row.findings.map((f) => ({ severity: f.severity, rule: f.rule, message: f.message, ...(f.hint ? { hint: f.hint } : {}) })),
    };
  });
  return JSON.stringify({ files }, null, 2);
}

function rowCells(row: AudioCheckRow): string[] {
  const probe = row.facts?.probe.ok ? row.facts.probe : undefined;
  const seconds = probe ? (probe.packetSeconds ?? probe.durationSeconds) : undefined;
  return [
    row.file,
    probe ? shortFormat(probe.formatName) : row.facts ? '?' : '-',
    probe?.codec ?? '-',
    seconds !== undefined ? `${seconds.toFixed(1)} s` : '-',
    probe?.sampleRate !== undefined ? `${probe.sampleRate} Hz` : '-',
    probe?.channels !== undefined ? String(probe.channels) : '-',
    probe?.bitRate !== undefined ? `${Math.round(probe.bitRate / 1000)} kbps` : '-',
    row.facts ? formatBytes(row.facts.size) : '-',
    row.verdict,
  ];
}


/** ffprobe names MP4 `mov,mp4,m4a,3gp,3g2,mj2`; people say mp4. */
function shortFormat(formatName: string): string {
  const names = formatName.split(',');
  return names.includes('mp4') ? 'mp4' : names[0]!;
}
