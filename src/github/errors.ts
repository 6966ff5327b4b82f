/** GitHub said no (or could not be reached). The message names the call and the answer, never the token. */
export class GitHubError extends Error {
  constructor(
    message: string,
    /** HTTP status, when GitHub answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

/** A hint for the statuses a workflow author can fix. */
export function hintFor(status: number | undefined): string {
  if (status === 401) return ' (is GITHUB_TOKEN passed to this step?)';
  if (status === 403) return " (does the workflow's permissions block grant what this needs: pull-requests, issues, deployments or contents write?)";
  if (status === 404) return ' (does the token see this repository?)';
  return '';
}
