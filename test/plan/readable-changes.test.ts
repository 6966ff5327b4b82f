import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/plan.js';
import { renderPlanMarkdown } from '../../src/plan/render-markdown.js';
import { renderPlanText } from '../../src/plan/render-text.js';
import { wordDiff } from '../../src/plan/describe-detail.js';
import { AT, appliedRepo, docOf, editable, exampleRepo, SANDBOX_CAPABILITIES } from './helpers.js';

const US = '+12125550142';

async function planWithLive(edit: (doc: ReturnType<typeof docOf>) => void) {
  const repo = await exampleRepo();
  const live = appliedRepo(repo).map(editable);
  edit(docOf(live.find((n) => n.number === US)!));
  return buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
}

describe('plans a reviewer can read', () => {
  it('shows a changed TTS text whole, with the words that changed marked, in text and Markdown', async () => {
    const plan = await planWithLive((doc) => {
      doc.steps['menu'].prompt.tts = 'To talk to sales, press 1. To be called back, press 2. For billing and invoices and every other question about your account, press 3.';
    });
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain(
      '~ menu: prompt tts (en-US) "To talk to sales, press 1. To be called back, press 2. For billing[- and invoices and every other question about your account-], press 3."',
    );
    expect(renderPlanMarkdown(plan)).toContain('For billing\\[- and invoices and every other question about your account-\\], press 3.');
  });

  it('marks added and removed words, keeping the whole text', () => {
    expect(wordDiff('Nous sommes fermés le lundi.', 'Nous sommes fermés le samedi.')).toBe('Nous sommes fermés le [-lundi-]{+samedi+}.');
  });

  it('shows schedule edits one per line, never as arrays dumped twice', async () => {
    const plan = await planWithLive((doc) => {
      const schedule = doc.steps['hours'].schedule;
      schedule.weekly.friday = ['08:00-17:00'];
      delete schedule.weekly.saturday;
      schedule.holidays = schedule.holidays.filter((h: { date: string }) => h.date !== '2027-01-01');
      schedule.holidays.push({ date: '2026-07-04', name: 'Independence Day' });
      schedule.special_days[0].hours = ['08:00-20:00'];
    });
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('    ~ hours: friday 08:00-17:00 → 08:00-18:00');
    expect(text).toContain('    + hours: saturday 10:00-14:00');
    expect(text).toContain('    - hours: holiday 2026-07-04 Independence Day');
    expect(text).toContain("    + hours: holiday 2027-01-01 New Year's Day");
    expect(text).toContain('    ~ hours: special day 2026-11-27 Black Friday 08:00-20:00 → 2026-11-27 Black Friday 07:00-22:00');
    expect(text).not.toContain('[{"date"');
  });
});

describe('a re-recorded file', () => {
  it('shows its size and duration before and after, not only the hashes', async () => {
    const plan = await planWithLive((doc) => {
      // Live plays an older recording of the welcome: other content, size and length.
      doc.steps['welcome'].message.audio = { path: 'audio/en/welcome.mp3', sha256: 'b'.repeat(64), bytes: 19_456, seconds: 2.4 };
    });
    const repo = await exampleRepo();
    const now = repo.audio.get('audio/en/welcome.mp3')!;
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain(`~ welcome: message file audio/en/welcome.mp3 #bbbbbbbb (19.0 KB, 2.4 s) → file audio/en/welcome.mp3 #${now.sha256!.slice(0, 8)} (`);
    expect(text).toMatch(new RegExp(`#${now.sha256!.slice(0, 8)} \\(${(now.size! / 1024).toFixed(1)} KB[,)]`));
  });

  it('says when a side was published without those facts', async () => {
    const plan = await planWithLive((doc) => {
      doc.steps['welcome'].message.audio = { path: 'audio/en/welcome.mp3', sha256: 'c'.repeat(64) };
    });
    expect(renderPlanText(plan, { color: false })).toContain('#cccccccc (size and duration not known) → ');
  });
});
