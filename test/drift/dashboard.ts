/**
 * "A dashboard user": edits a number through the sandbox's HTTP API the way the platform's own
 * UI would — a new flow version under their name, published; a rename; an upload — nothing of
 * callflow's code on the way.
 */
import type { RunningSandbox } from '../../src/sandbox/server.js';

const AUTH = { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` };

interface WireNumber {
  id: number;
  digits: string;
  name: string;
}

interface WireFlow {
  published: { version: number; document: Record<string, unknown>; author?: string; created_at: string } | null;
  latest_version: number;
}

export class Dashboard {
  constructor(
    private readonly server: RunningSandbox,
    readonly user = 'alice (dashboard)',
  ) {}

  async numberId(digits: string): Promise<number> {
    const numbers = await this.get<{ numbers: WireNumber[] }>('/numbers?per_page=50');
    const found = numbers.numbers.find((n) => n.digits === digits);
    if (!found) throw new Error(`no number ${digits} in the sandbox`);
    return found.id;
  }

  async flow(digits: string): Promise<WireFlow> {
    return this.get<WireFlow>(`/callflow/numbers/${await this.numberId(digits)}/flow`);
  }

  /** Edit the published flow document and publish the result as a new version (raw JSON text allowed). */
  async editFlow(digits: string, edit: (document: Record<string, any>) => Record<string, unknown> | string): Promise<number> {
    const id = await this.numberId(digits);
    const flow = await this.get<WireFlow>(`/callflow/numbers/${id}/flow`);
    const document = structuredClone(flow.published?.document ?? {});
    const edited = edit(document);
    const text = typeof edited === 'string' ? edited : JSON.stringify(edited);
    const body = `{ "author": ${JSON.stringify(this.user)},\n  "document": ${text} }`;
    const draft = await this.send<{ version: { version: number } }>('PUT', `/callflow/numbers/${id}/flow/draft`, body, { 'if-match': `"${flow.latest_version}"` });
    await this.send('POST', `/callflow/numbers/${id}/flow/publish`, JSON.stringify({ version: draft.version.version }));
    return draft.version.version;
  }

  async rename(digits: string, name: string): Promise<void> {
    await this.send('PUT', `/numbers/${await this.numberId(digits)}`, JSON.stringify({ name }));
  }

  async upload(content: Uint8Array, sha256: string): Promise<void> {
    const res = await fetch(`${this.server.url}/callflow/assets/${sha256}`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'audio/mpeg' }, body: content });
    if (!res.ok) throw new Error(`upload: HTTP ${res.status}`);
  }

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.server.url}${path}`, { headers: AUTH });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  private async send<T>(method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.server.url}${path}`, { method, headers: { ...AUTH, 'content-type': 'application/json', ...headers }, body });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}
