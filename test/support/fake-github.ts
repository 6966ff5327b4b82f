/**
 * A fake GitHub REST API: a real HTTP server on 127.0.0.1 (port 0) that implements only the
 * endpoints callflow calls, keeps their state in memory, and checks every request and every
 * answer against GitHub's OpenAPI description. Anything off-spec is recorded in `violations`
 * (tests assert it stays empty) and, for requests, refused with 422 as GitHub would.
 * Answers start from GitHub's own documented example payloads.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitHubOpenApi, type MatchedOperation } from './github-openapi.js';

export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

export interface FakeDeployment {
  id: number;
  ref: string;
  environment: string;
  description: string | null;
  payload: unknown;
  statuses: Array<{ state: string; logUrl: string; description: string }>;
}

export interface FakePullRequest {
  number: number;
  title: string;
  headSha: string;
  mergeCommitSha: string | null;
  mergedAt: string | null;
  /** Branches, for pull requests opened through the API (the head's sha is read from its ref). */
  head?: string;
  base?: string;
  body?: string;
  state?: 'open' | 'closed';
}

/** The git objects of the repository: content-addressed blobs, flat trees (path → blob), commits, refs. */
export interface FakeGit {
  blobs: Map<string, Buffer>;
  trees: Map<string, Map<string, string>>;
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  /** `heads/main` → commit sha. */
  refs: Map<string, string>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (op: MatchedOperation, request: { query: URLSearchParams; body: unknown; url: URL }) => Reply;

let sharedSpec: GitHubOpenApi | undefined;
const openApi = () => (sharedSpec ??= new GitHubOpenApi());

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  readonly deployments: FakeDeployment[] = [];
  readonly pullRequests: FakePullRequest[] = [];
  readonly git: FakeGit = { blobs: new Map(), trees: new Map(), commits: new Map(), refs: new Map() };
  url = '';

  private readonly spec = openApi();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly faults: Array<{ operationId: string; status: number; message: string }> = [];
  private nextId = 1000;
  private clock = Date.parse('2026-06-01T10:00:00Z');

  constructor(
    readonly owner: string,
    readonly repo: string,
    private readonly token: string,
  ) {}

  static async start(options: { owner: string; repo: string; token: string }): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options.owner, options.repo, options.token);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A pull request in the repository (PR numbers and issue numbers share one sequence). */
  addPullRequest(pr: FakePullRequest): void {
    this.pullRequests.push(pr);
  }

  /** A root commit holding `files`, with `branch` pointing at it: the checkout a run is made of. */
  seedCommit(files: Record<string, string | Buffer>, branch = 'main'): string {
    const tree = this.storeTree(new Map(Object.entries(files).map(([path, content]) => [path, this.storeBlob(Buffer.from(content))])));
    const sha = this.storeCommit(tree, [], 'Initial commit');
    this.git.refs.set(`heads/${branch}`, sha);
    return sha;
  }

  /** The files of the commit `branch` points at (undefined: no such branch). */
  filesOn(branch: string): Map<string, Buffer> | undefined {
    const head = this.git.refs.get(`heads/${branch}`);
    if (!head) return undefined;
    const tree = this.git.trees.get(this.git.commits.get(head)!.tree)!;
    return new Map([...tree].map(([path, blob]) => [path, this.git.blobs.get(blob)!]));
  }

  /** The next call of that operation is answered with this error. */
  failNext(operationId: string, status: number, message: string): void {
    this.faults.push({ operationId, status, message });
  }

  commentsOn(issueNumber: number): FakeComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.send(res, undefined, { status: 400, body: { message: 'Problems parsing JSON' } });
    }
    const op = this.spec.match(req.method ?? 'GET', url.pathname);
    if (!op) {
      this.violations.push(`${req.method} ${url.pathname}: not an operation of GitHub's REST API`);
      return this.send(res, undefined, { status: 404, body: { message: 'Not Found' } });
    }
    this.requests.push({ method: op.method.toUpperCase(), path: url.pathname + url.search, operationId: op.operationId, authorization: req.headers.authorization, body });

    if (req.headers.authorization !== `token ${this.token}` && req.headers.authorization !== `Bearer ${this.token}`) {
      return this.send(res, undefined, { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } });
    }
    const requestProblems = this.spec.checkRequest(op, url.searchParams, body);
    if (requestProblems.length) {
      this.violations.push(...requestProblems.map((p) => `${op.operationId}: ${p}`));
      return this.send(res, op, { status: 422, body: { message: 'Validation Failed', errors: requestProblems.map((message) => ({ resource: op.operationId, code: 'invalid', message })) } });
    }
    if (op.pathParams['owner'] !== this.owner || op.pathParams['repo'] !== this.repo) {
      this.violations.push(`${op.operationId}: called for ${op.pathParams['owner']}/${op.pathParams['repo']}, not ${this.owner}/${this.repo}`);
      return this.send(res, op, { status: 404, body: { message: 'Not Found' } });
    }
    const fault = this.faults.findIndex((f) => f.operationId === op.operationId);
    if (fault >= 0) {
      const { status, message } = this.faults.splice(fault, 1)[0]!;
      return this.send(res, op, { status, body: { message, documentation_url: 'https://docs.github.com/rest' } });
    }
    const handler = this.handlers[op.operationId];
    if (!handler) {
      this.violations.push(`${op.operationId}: a real GitHub operation the fake does not implement`);
      return this.send(res, op, { status: 501, body: { message: 'not implemented by the fake' } });
    }
    this.send(res, op, handler(op, { query: url.searchParams, body, url }));
  }

  private send(res: ServerResponse, op: MatchedOperation | undefined, reply: Reply): void {
    // Answers GitHub documents for the operation are checked; the rest (401, 5xx) pass as they are.
    if (op && (reply.status < 300 || reply.status === 404 || reply.status === 422)) {
      const problems = this.spec.checkResponse(op, reply.status, reply.body);
      const documentedOnly = reply.status >= 300 ? problems.filter((p) => !p.includes('never answers')) : problems;
      this.violations.push(...documentedOnly.map((p) => `fake GitHub answered off-spec: ${op.operationId}: ${p}`));
    }
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', ...reply.headers });
    res.end(text);
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private html(path: string): string {
    return `https://github.com/${this.owner}/${this.repo}/${path}`;
  }

  private api(path: string): string {
    return `${this.url}/repos/${this.owner}/${this.repo}/${path}`;
  }

  private readonly handlers: Record<string, Handler> = {
    'issues/list-comments': (op, { query, url }) => {
      const issue = Number(op.pathParams['issue_number']);
      return page(this.commentsOn(issue).map((c) => this.commentJson(c)), query, url);
    },
    'issues/create-comment': (op, { body }) => {
      const at = this.now();
      const comment = { id: this.nextId++, issueNumber: Number(op.pathParams['issue_number']), body: (body as { body: string }).body, createdAt: at, updatedAt: at };
      this.comments.push(comment);
      return { status: 201, body: this.commentJson(comment), headers: { location: this.api(`issues/comments/${comment.id}`) } };
    },
    'issues/update-comment': (op, { body }) => {
      const comment = this.comments.find((c) => c.id === Number(op.pathParams['comment_id']));
      if (!comment) return { status: 404, body: { message: 'Not Found' } };
      comment.body = (body as { body: string }).body;
      comment.updatedAt = this.now();
      return { status: 200, body: this.commentJson(comment) };
    },
    'issues/list-for-repo': (_op, { query, url }) => {
      const state = query.get('state') ?? 'open';
      const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
      const found = this.issues.filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
      return page(found.map((i) => this.issueJson(i)), query, url);
    },
    'issues/create': (_op, { body }) => {
      const input = body as { title: string; body?: string; labels?: string[] };
      const issue: FakeIssue = { number: this.nextIssueNumber(), title: input.title, body: input.body ?? '', state: 'open', labels: input.labels ?? [] };
      this.issues.push(issue);
      return { status: 201, body: this.issueJson(issue) };
    },
    'issues/update': (op, { body }) => {
      const issue = this.issues.find((i) => i.number === Number(op.pathParams['issue_number']));
      if (!issue) return { status: 404, body: { message: 'Not Found' } };
      const input = body as { title?: string; body?: string; state?: 'open' | 'closed' };
      Object.assign(issue, Object.fromEntries(Object.entries({ title: input.title, body: input.body, state: input.state }).filter(([, v]) => v !== undefined)));
      return { status: 200, body: this.issueJson(issue) };
    },
    'repos/create-deployment': (_op, { body }) => {
      const input = body as { ref: string; environment?: string; description?: string | null; payload?: unknown };
      const deployment: FakeDeployment = { id: this.nextId++, ref: input.ref, environment: input.environment ?? 'production', description: input.description ?? null, payload: input.payload ?? {}, statuses: [] };
      this.deployments.push(deployment);
      return { status: 201, body: this.deploymentJson(deployment) };
    },
    'repos/create-deployment-status': (op, { body }) => {
      const deployment = this.deployments.find((d) => d.id === Number(op.pathParams['deployment_id']));
      if (!deployment) return { status: 404, body: { message: 'Not Found' } };
      const input = body as { state: string; log_url?: string; description?: string };
      deployment.statuses.push({ state: input.state, logUrl: input.log_url ?? '', description: input.description ?? '' });
      const status = this.spec.example('deployment-status');
      Object.assign(status, {
        id: this.nextId++,
        state: input.state,
        description: input.description ?? '',
        environment: deployment.environment,
        target_url: input.log_url ?? '',
        log_url: input.log_url ?? '',
        deployment_url: this.api(`deployments/${deployment.id}`),
        repository_url: `${this.url}/repos/${this.owner}/${this.repo}`,
        url: this.api(`deployments/${deployment.id}/statuses/${this.nextId}`),
        created_at: this.now(),
        updated_at: this.now(),
      });
      return { status: 201, body: status };
    },
    'git/get-commit': (op) => {
      const sha = op.pathParams['commit_sha']!;
      return this.git.commits.has(sha) ? { status: 200, body: this.commitJson(sha, 'git-commit-2') } : { status: 404, body: { message: 'Not Found' } };
    },
    'git/create-blob': (_op, { body }) => {
      const input = body as { content: string; encoding?: string };
      if (input.encoding !== undefined && input.encoding !== 'utf-8' && input.encoding !== 'base64') return unprocessable(`encoding must be utf-8 or base64`);
      const sha = this.storeBlob(Buffer.from(input.content, input.encoding === 'base64' ? 'base64' : 'utf8'));
      return { status: 201, body: { url: this.api(`git/blobs/${sha}`), sha } };
    },
    'git/create-tree': (_op, { body }) => {
      const input = body as { base_tree?: string; tree: Array<{ path?: string; mode?: string; type?: string; sha?: string | null; content?: string }> };
      const base = input.base_tree === undefined ? new Map<string, string>() : this.git.trees.get(input.base_tree);
      if (!base) return { status: 404, body: { message: 'Not Found' } };
      const entries = new Map(base);
      for (const entry of input.tree) {
        if (!entry.path || entry.mode !== '100644' || entry.type !== 'blob') return unprocessable('the fake takes plain files only (mode 100644, type blob, a path)');
        if (entry.sha !== undefined && entry.content !== undefined) return unprocessable('Use either tree.sha or content, not both');
        if (entry.sha === null) entries.delete(entry.path);
        else if (entry.content !== undefined) entries.set(entry.path, this.storeBlob(Buffer.from(entry.content, 'utf8')));
        else if (entry.sha && this.git.blobs.has(entry.sha)) entries.set(entry.path, entry.sha);
        else return unprocessable(`tree.sha ${entry.sha} is not a valid blob`);
      }
      const sha = this.storeTree(entries);
      return { status: 201, body: this.treeJson(sha) };
    },
    'git/create-commit': (_op, { body }) => {
      const input = body as { message: string; tree: string; parents?: string[] };
      if (!this.git.trees.has(input.tree)) return unprocessable('Tree SHA does not exist');
      if ((input.parents ?? []).some((p) => !this.git.commits.has(p))) return unprocessable('Parent SHA does not exist or is not a commit object');
      const sha = this.storeCommit(input.tree, input.parents ?? [], input.message);
      return { status: 201, body: this.commitJson(sha, 'git-commit') };
    },
    'git/get-ref': (op) => {
      const ref = op.pathParams['ref']!;
      return this.git.refs.has(ref) ? { status: 200, body: this.refJson(ref) } : { status: 404, body: { message: 'Not Found' } };
    },
    'git/create-ref': (_op, { body }) => {
      const input = body as { ref: string; sha: string };
      if (!/^refs\/heads\/./.test(input.ref)) return unprocessable('Reference name must start with refs/ and have at least two slashes');
      const ref = input.ref.slice('refs/'.length);
      if (this.git.refs.has(ref)) return unprocessable('Reference already exists');
      if (!this.git.commits.has(input.sha)) return unprocessable('Object does not exist');
      this.git.refs.set(ref, input.sha);
      return { status: 201, body: this.refJson(ref) };
    },
    'git/update-ref': (op, { body }) => {
      const ref = op.pathParams['ref']!;
      const input = body as { sha: string; force?: boolean };
      const current = this.git.refs.get(ref);
      if (!current) return unprocessable('Reference does not exist');
      if (!this.git.commits.has(input.sha)) return unprocessable('Object does not exist');
      if (!input.force && !this.descendsFrom(input.sha, current)) return unprocessable('Update is not a fast forward');
      this.git.refs.set(ref, input.sha);
      return { status: 200, body: this.refJson(ref) };
    },
    'pulls/list': (_op, { query, url }) => {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const found = this.pullRequests.filter(
        (pr) => (state === 'all' || this.pullState(pr) === state) && (!head || `${this.owner}:${pr.head}` === head) && (!query.get('base') || pr.base === query.get('base')),
      );
      return page(found.map((pr) => this.pullJson(pr)), query, url);
    },
    'pulls/create': (_op, { body }) => {
      const input = body as { title?: string; head: string; base: string; body?: string };
      const headSha = this.git.refs.get(`heads/${input.head}`);
      if (!headSha || !this.git.refs.has(`heads/${input.base}`)) return unprocessable('Validation Failed', [{ resource: 'PullRequest', field: headSha ? 'base' : 'head', code: 'invalid' }]);
      if (this.pullRequests.some((pr) => pr.head === input.head && pr.base === input.base && this.pullState(pr) === 'open')) {
        return unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.owner}:${input.head}.` }]);
      }
      const pr: FakePullRequest = { number: this.nextIssueNumber(), title: input.title ?? '', headSha, mergeCommitSha: null, mergedAt: null, head: input.head, base: input.base, body: input.body ?? '', state: 'open' };
      this.pullRequests.push(pr);
      return { status: 201, body: this.pullFullJson(pr) };
    },
    'pulls/update': (op, { body }) => {
      const pr = this.pullRequests.find((p) => p.number === Number(op.pathParams['pull_number']));
      if (!pr) return { status: 404, body: { message: 'Not Found' } };
      const input = body as { title?: string; body?: string; state?: 'open' | 'closed'; base?: string };
      if (input.base !== undefined && !this.git.refs.has(`heads/${input.base}`)) return unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      Object.assign(pr, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      return { status: 200, body: this.pullFullJson(pr) };
    },
    'repos/list-pull-requests-associated-with-commit': (op) => {
      const sha = op.pathParams['commit_sha'];
      const prs = this.pullRequests.filter((pr) => pr.headSha === sha || pr.mergeCommitSha === sha);
      return { status: 200, body: prs.map((pr) => this.pullJson(pr)) };
    },
  };

  private storeBlob(content: Buffer): string {
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    this.git.blobs.set(sha, content);
    return sha;
  }

  /** Equal content, equal sha (as git's trees; not git's encoding). */
  private storeTree(entries: Map<string, string>): string {
    const sorted = new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sha = createHash('sha1').update(`tree ${JSON.stringify([...sorted])}`).digest('hex');
    this.git.trees.set(sha, sorted);
    return sha;
  }

  private storeCommit(tree: string, parents: string[], message: string): string {
    const sha = createHash('sha1').update(`commit ${tree} ${parents.join(',')} ${message} ${this.now()} ${this.nextId++}`).digest('hex');
    this.git.commits.set(sha, { tree, parents, message });
    return sha;
  }

  private descendsFrom(sha: string, ancestor: string): boolean {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length) {
      const next = queue.shift()!;
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.git.commits.get(next)?.parents ?? []));
    }
    return false;
  }

  private pullState(pr: FakePullRequest): 'open' | 'closed' {
    return pr.state ?? (pr.mergedAt ? 'closed' : 'open');
  }

  private nextIssueNumber(): number {
    return Math.max(0, ...this.issues.map((i) => i.number), ...this.pullRequests.map((p) => p.number)) + 1;
  }

  private commentJson(c: FakeComment): Record<string, unknown> {
    return Object.assign(this.spec.example('issue-comment'), {
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      url: this.api(`issues/comments/${c.id}`),
      html_url: this.html(`pull/${c.issueNumber}#issuecomment-${c.id}`),
      issue_url: this.api(`issues/${c.issueNumber}`),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    });
  }

  private issueJson(i: FakeIssue): Record<string, unknown> {
    const issue = this.spec.example('issue');
    const label = (issue['labels'] as Array<Record<string, unknown>>)[0]!;
    return Object.assign(issue, {
      number: i.number,
      id: 5000 + i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels.map((name, index) => ({ ...label, id: index + 1, name })),
      url: this.api(`issues/${i.number}`),
      html_url: this.html(`issues/${i.number}`),
      closed_at: i.state === 'closed' ? this.now() : null,
      pull_request: undefined,
    });
  }

  private deploymentJson(d: FakeDeployment): Record<string, unknown> {
    return Object.assign(this.spec.example('deployment'), {
      id: d.id,
      sha: d.ref,
      ref: d.ref,
      environment: d.environment,
      description: d.description,
      payload: d.payload,
      url: this.api(`deployments/${d.id}`),
      statuses_url: this.api(`deployments/${d.id}/statuses`),
      repository_url: `${this.url}/repos/${this.owner}/${this.repo}`,
      created_at: this.now(),
      updated_at: this.now(),
    });
  }

  private pullJson(pr: FakePullRequest): Record<string, unknown> {
    return this.pullAs('pull-request-simple', pr);
  }

  /** A pull request as its own endpoints answer (more fields than in lists). */
  private pullFullJson(pr: FakePullRequest): Record<string, unknown> {
    return this.pullAs('pull-request', pr);
  }

  private pullAs(example: string, pr: FakePullRequest): Record<string, unknown> {
    const json = this.spec.example(example);
    const head = json['head'] as Record<string, unknown>;
    const base = json['base'] as Record<string, unknown>;
    const state = this.pullState(pr);
    return Object.assign(json, {
      number: pr.number,
      title: pr.title,
      body: pr.body ?? null,
      state,
      merged_at: pr.mergedAt,
      closed_at: state === 'closed' ? (pr.mergedAt ?? this.now()) : null,
      merge_commit_sha: pr.mergeCommitSha,
      url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${pr.number}`,
      html_url: this.html(`pull/${pr.number}`),
      head: { ...head, sha: (pr.head && this.git.refs.get(`heads/${pr.head}`)) ?? pr.headSha, ...(pr.head ? { ref: pr.head, label: `${this.owner}:${pr.head}` } : {}) },
      base: { ...base, ...(pr.base ? { ref: pr.base, label: `${this.owner}:${pr.base}`, sha: this.git.refs.get(`heads/${pr.base}`) ?? base['sha'] } : {}) },
      // GitHub's example team lacks a field its own schema requires.
      requested_teams: [],
    });
  }

  private commitJson(sha: string, example: string): Record<string, unknown> {
    const commit = this.git.commits.get(sha)!;
    return Object.assign(this.spec.example(example), {
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      url: this.api(`git/commits/${sha}`),
      html_url: this.html(`commit/${sha}`),
      message: commit.message,
      tree: { sha: commit.tree, url: this.api(`git/trees/${commit.tree}`) },
      parents: commit.parents.map((p) => ({ sha: p, url: this.api(`git/commits/${p}`), html_url: this.html(`commit/${p}`) })),
    });
  }

  private treeJson(sha: string): Record<string, unknown> {
    const entries = [...this.git.trees.get(sha)!].map(([path, blob]) => ({ path, mode: '100644', type: 'blob', size: this.git.blobs.get(blob)!.length, sha: blob, url: this.api(`git/blobs/${blob}`) }));
    return { sha, url: this.api(`git/trees/${sha}`), tree: entries, truncated: false };
  }

  private refJson(ref: string): Record<string, unknown> {
    const sha = this.git.refs.get(ref)!;
    return { ref: `refs/${ref}`, node_id: `REF_${Buffer.from(ref).toString('base64')}`, url: this.api(`git/refs/${ref}`), object: { type: 'commit', sha, url: this.api(`git/commits/${sha}`) } };
  }
}

/** GitHub's 422: what failed, and where its documentation is (a required field of the answer). */
function unprocessable(message: string, errors?: unknown[]): Reply {
  return { status: 422, body: { message, documentation_url: 'https://docs.github.com/rest', ...(errors ? { errors } : {}) } };
}

/** GitHub's pagination: `per_page` (default 30), `page`, and a Link header to the next page. */
function page(items: unknown[], query: URLSearchParams, url: URL): Reply {
  const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
  const number = Number(query.get('page') ?? 1);
  const slice = items.slice((number - 1) * perPage, number * perPage);
  const headers: Record<string, string> = {};
  if (number * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(number + 1));
    headers['link'] = `<${next.href}>; rel="next"`;
  }
  return { status: 200, body: slice, headers };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
