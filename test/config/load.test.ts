import { describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/config/load.js';
import { locate } from '../../src/config/locate.js';
import { numberYaml, REPO_ROOT, tempRepo } from '../fixtures/broken/harness.js';

describe('loadRepo', () => {
  it('loads the example repo with no problem and keeps positions for every entry', async () => {
    const { repo, problems, sources } = await loadRepo({ root: REPO_ROOT });
    expect(problems).toEqual([]);
    expect(repo.numbers.map((n) => n.file)).toEqual(['config/numbers/after-hours-uk.yaml', 'config/numbers/sales-us.yaml', 'config/numbers/support-fr.yaml']);
    expect([...repo.schedules.keys()]).toEqual(['business-hours-fr', 'sales-us']);
    expect([...repo.messages.keys()]).toEqual(['closed-en', 'closed-fr']);
    expect(repo.settingsSource?.file).toBe('config/callflow.yaml');
    expect(sources.size).toBe(8);
    expect(repo.failedToLoad).toEqual({ schedules: new Set(), messages: new Set() });
    const support = repo.numbers.find((n) => n.config.number === '+33176360000')!;
    expect(locate(support.source, ['flow', 'steps', 'menu', 'options', '2'])).toMatchObject({ file: 'config/numbers/support-fr.yaml', line: 21, column: 35 });
  });

  it('names the schedules and shared messages that are there but failed to load, as references call them', async () => {
    const repo = tempRepo({
      'config/numbers/good.yaml': numberYaml('    welcome: { type: hangup }\n'),
      'config/schedules/ok.yaml': 'timezone: Europe/Paris\nweekly: { monday: ["09:00-12:00"] }\n',
      'config/schedules/typo.yaml': 'timezone: Europe/Paris\nweekly: { mondy: ["09:00-12:00"] }\n',
      'config/schedules/empty.yml': '',
      'config/messages/tab.yaml': 'message:\n\ttts: x\n',
    });
    try {
      const { repo: loaded } = await loadRepo({ root: repo.root });
      expect([...loaded.schedules.keys()]).toEqual(['ok']);
      expect(loaded.failedToLoad).toEqual({ schedules: new Set(['empty', 'typo']), messages: new Set(['tab']) });
    } finally {
      repo.cleanup();
    }
  });

  it('uses default settings without config/callflow.yaml, ignores other files, and keeps the text of invalid files', async () => {
    const repo = tempRepo({
      'config/numbers/good.yaml': numberYaml('    welcome: { type: hangup }\n'),
      'config/numbers/bad.yml': 'number: [\n',
      'config/numbers/README.md': '# not config',
      'config/numbers/.hidden.yaml': 'not: loaded',
    });
    try {
      const { repo: loaded, problems, sources } = await loadRepo({ root: repo.root });
      expect(loaded.settings.provider.type).toBe('sandbox');
      expect(loaded.settings.safety.maxChangedPercent).toBe(30);
      expect(loaded.numbers.map((n) => n.file)).toEqual(['config/numbers/good.yaml']);
      expect(problems.map((p) => [p.file, p.rule])).toEqual([['config/numbers/bad.yml', 'yaml/syntax']]);
      expect([...sources.keys()].sort()).toEqual(['config/numbers/bad.yml', 'config/numbers/good.yaml']);
    } finally {
      repo.cleanup();
    }
  });

  it('reads another config directory with --config semantics', async () => {
    const repo = tempRepo({ 'flows/numbers/a.yaml': numberYaml('    welcome: { type: hangup }\n') });
    try {
      const { repo: loaded, problems } = await loadRepo({ root: repo.root, configDir: 'flows' });
      expect(problems).toEqual([]);
      expect(loaded.numbers[0]?.file).toBe('flows/numbers/a.yaml');
    } finally {
      repo.cleanup();
    }
  });
});
