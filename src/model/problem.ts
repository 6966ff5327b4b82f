/** A finding about the user's files: errors block, warnings inform. Errors are data, never thrown. */
export type Severity = 'error' | 'warning';

export interface Position {
  /** Repo-relative path with forward slashes, e.g. `config/numbers/support-fr.yaml`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Problem extends Position {
  severity: Severity;
  /** Stable id such as `ivr/no-input-target`; scripts may match on it. */
  rule: string;
  message: string;
  /** What to do about it, when there is something obvious to do. */
  hint?: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule),
  );
}
