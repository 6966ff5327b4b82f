/**
 * The hosting contract (SPEC §5): providers that take audio as URLs (Aircall) fetch each mp3
 * from `audio.publicBaseUrl` + `/` + its repo path, with the content hash as a query. A static
 * host (GitHub Pages, a bucket synced in CI) serves the path and ignores the query, while the
 * hash makes the URL change when the content does (so the platform fetches it again) and lets
 * a plan tell which content a live URL points at.
 */
export function publicAudioUrl(baseUrl: string, path: string, sha256: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const encoded = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return `${base}/${encoded}?sha256=${sha256}`;
}

/** The repo path and hash a URL built by `publicAudioUrl` names, when it is one of ours. */
export function parsePublicAudioUrl(baseUrl: string, url: string): { path: string; sha256: string } | undefined {
  const base = `${baseUrl.replace(/\/+$/, '')}/`;
  if (!url.startsWith(base)) return undefined;
  const parsed = new URL(url);
  const sha256 = parsed.searchParams.get('sha256');
  if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  const path = url.slice(base.length).split('?')[0]!.split('/').map(decodeURIComponent).join('/');
  return { path, sha256 };
}
