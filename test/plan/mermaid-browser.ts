/**
 * Renders Mermaid diagrams in the real mermaid library inside headless Chromium (Debian
 * package `chromium`), the way GitHub's renderer would meet them: a parse error or a missing
 * <svg> is a diagram GitHub would show as an error box in the PR comment.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from './helpers.js';

export interface MermaidResult {
  ok: boolean;
  /** The rendered SVG starts with <svg. */
  svg: boolean;
  error?: string;
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CALLFLOW_TEST_CHROMIUM names another browser binary (or a missing one, to see the CI failure). */
export function findChromium(): string | undefined {
  const chosen = process.env['CALLFLOW_TEST_CHROMIUM'];
  if (chosen !== undefined) return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** In CI (CI=true, as GitHub Actions sets it) the browser check is required: no Chromium is a failure. */
export const CHROMIUM_REQUIRED = process.env['CI'] === 'true';

export async function renderMermaidInChromium(diagrams: readonly string[]): Promise<MermaidResult[]> {
  const chromium = findChromium();
  if (!chromium) throw new Error('chromium not installed');
  const dir = await mkdtemp(join(tmpdir(), 'callflow-mermaid-'));
  try {
    const page = join(dir, 'render.html');
    const library = pathToFileURL(join(REPO_ROOT, 'node_modules/mermaid/dist/mermaid.min.js')).href;
    // `<` escaped so no diagram text can close the <script> element it travels in.
    const input = JSON.stringify(diagrams).replace(/</g, '\\u003c');
    await writeFile(page, `<!doctype html><html><head><meta charset="utf-8"><script src="${library}"></script></head><body>
<pre id="out">pending</pre>
<script>
(async () => {
  const diagrams = ${input};
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const results = [];
  for (let i = 0; i < diagrams.length; i++) {
    try {
      const { svg } = await mermaid.render('d' + i, diagrams[i]);
      results.push({ ok: true, svg: svg.trimStart().startsWith('<svg') });
    } catch (error) {
      results.push({ ok: false, svg: false, error: String(error && error.message || error) });
    }
  }
  document.getElementById('out').textContent = 'done:' + encodeURIComponent(JSON.stringify(results));
})().catch((error) => { document.getElementById('out').textContent = 'fail:' + encodeURIComponent(String(error)); });
</script></body></html>`);
    const profile = join(dir, 'profile');
    const { stdout } = await promisify(execFile)(
      chromium,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--allow-file-access-from-files',
        // Lets the page's promises run to completion before the DOM is dumped.
        '--virtual-time-budget=30000', '--dump-dom', pathToFileURL(page).href,
      ],
      { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const match = /<pre id="out">(done|fail):([^<]*)<\/pre>/.exec(stdout);
    if (!match) throw new Error(`the page did not finish rendering: ${stdout.slice(0, 300)}`);
    if (match[1] === 'fail') throw new Error(`mermaid page failed: ${decodeURIComponent(match[2]!)}`);
    return JSON.parse(decodeURIComponent(match[2]!)) as MermaidResult[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
