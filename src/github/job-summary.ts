/** The step's job summary: Markdown appended to the file GITHUB_STEP_SUMMARY names (as @actions/core does). */
import { appendFile } from 'node:fs/promises';

export type SummaryWrite = { ok: true } | { ok: false; error: string };

export async function appendJobSummary(path: string, markdown: string): Promise<SummaryWrite> {
  try {
    await appendFile(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `cannot write the job summary to GITHUB_STEP_SUMMARY=${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
