import { access, chmod, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** Where an external binary came from: users need to know which ffmpeg converted their file. */
export interface ToolLocation {
  path: string;
  source: 'package' | 'PATH';
}

export interface FindToolOptions {
  /** The binary an npm package ships, if any (undefined when the package is absent). */
  packaged?: string | undefined;
  /** Environment whose PATH is searched as a fallback. */
  env?: NodeJS.ProcessEnv;
}

const require = createRequire(import.meta.url);

/** The ffprobe binary `ffprobe-static` ships for this platform. */
export function packagedFfprobe(): string | undefined {
  return tryRequirePath('ffprobe-static');
}

/** ffmpeg from `@ffmpeg-installer/ffmpeg` (it throws when its platform package is missing). */
export function packagedFfmpeg(): string | undefined {
  return tryRequirePath('@ffmpeg-installer/ffmpeg');
}

export async function findFfprobe(options: FindToolOptions = { packaged: packagedFfprobe() }): Promise<ToolLocation | undefined> {
  return findTool('ffprobe', options);
}

export async function findFfmpeg(options: FindToolOptions = { packaged: packagedFfmpeg() }): Promise<ToolLocation | undefined> {
  return findTool('ffmpeg', options);
}

/** The packaged binary when it can run (npm 11 may skip the chmod postinstall), else the first on PATH. */
export async function findTool(name: string, options: FindToolOptions): Promise<ToolLocation | undefined> {
  if (options.packaged && (await ensureExecutable(options.packaged))) return { path: options.packaged, source: 'package' };
  const onPath = await searchPath(name, (options.env ?? process.env)['PATH'] ?? '');
  return onPath ? { path: onPath, source: 'PATH' } : undefined;
}

/** True when `path` is an executable file; makes it executable first when we own it. */
export async function ensureExecutable(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (await isExecutable(path)) return true;
  if (typeof process.getuid !== 'function' || info.uid !== process.getuid()) return false;
  try {
    await chmod(path, info.mode | 0o100);
  } catch {
    return false;
  }
  return isExecutable(path);
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function searchPath(name: string, pathVariable: string): Promise<string | undefined> {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile() && (await isExecutable(candidate))) return candidate;
  }
  return undefined;
}

function tryRequirePath(packageName: string): string | undefined {
  try {
    const loaded = require(packageName) as { path?: unknown };
    return typeof loaded.path === 'string' ? loaded.path : undefined;
  } catch {
    return undefined;
  }
}
