import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/plan.js';
import { renderPlanMarkdown } from '../../src/plan/render-markdown.js';
import { escapeLabel, renderFlowMermaid } from '../../src/plan/render-mermaid.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { AT, appliedNumber, appliedRepo, boughtNumber, docOf, editable, exampleRepo, numberEntry, repoWith, SANDBOX_CAPABILITIES } from './helpers.js';
import { CHROMIUM_REQUIRED, findChromium, renderMermaidInChromium } from './mermaid-browser.js';

/** A flow whose labels hold everything Mermaid's parser is touchy about. */
const TRICKY = `number: "+33100000001"
name: "Ligne \\"spéciale\\" #1 <test> & [co] 🎉"
timezone: Europe/Paris
language: fr-FR
flow:
  start: accueil
  steps:
    accueil:
      type: message
      label: 'Accueil "VIP" (niveau #1) [beta] {x} | a;b 🎉'
      message: { tts: "Bonjour ! Tapez # ou * — « guillemets » \`code\` <b>gras</b> & co; end" }
      next: end
    end:
      type: ivr
      label: "graph TD --> subgraph end click style"
      prompt: { tts: "Pour l'équipe, tapez 1 ; pour 😀, tapez 2." }
      options: { "1": equipe-1, "2": x_2, "#": end, "*": accueil }
      no_input: x_2
      invalid_input: x_2
    equipe-1:
      type: ring
      to: { teams: ["Équipe \\"A\\"", "B&C"] }
      waiting: { title: "Musique «jazz»", music: { library: jazz } }
      unanswered: x_2
    x_2:
      type: voicemail
      message: { tts: "Laissez un message après le bip 🔔 ]]>" }
`;

async function diagramsOf(plans: Plan[]): Promise<string[]> {
  return plans.flatMap((plan) => plan.numbers.map(renderFlowMermaid).filter((d): d is string => d !== undefined));
}

async function examplePlans(): Promise<Plan[]> {
  const repo = await exampleRepo();
  const fresh = buildPlan({ repo, live: repo.numbers.map((e) => boughtNumber(e.config)), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
  const live = appliedRepo(repo).map(editable);
  for (const number of live) {
    const doc = docOf(number);
    const [first, second] = Object.keys(doc.steps);
    doc.steps['removed-step'] = { type: 'hangup', message: { tts: 'Au revoir "bye"', language: 'fr-FR' } };
    doc.steps[first!].next = 'removed-step';
    delete doc.steps[second!];
  }
  const edited = buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
  const tricky = numberEntry(TRICKY);
  const trickyRepo = repoWith(repo, [tricky]);
  const trickyLive = editable(appliedNumber(tricky, trickyRepo));
  docOf(trickyLive).steps['end'].options['#'] = 'accueil'; // re-wired: the old edge is drawn dotted
  docOf(trickyLive).steps['gone "old" #2'] = { type: 'hangup', label: 'Ancien <menu> & "co" 🗑️' };
  const trickyPlans = [
    buildPlan({ repo: trickyRepo, live: [boughtNumber(tricky.config)], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT }),
    buildPlan({ repo: trickyRepo, live: [trickyLive], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT }),
  ];
  return [fresh, edited, ...trickyPlans];
}

describe('renderFlowMermaid', () => {
  it('marks added, changed and removed steps and draws dropped branches dotted', async () => {
    const plans = await examplePlans();
    const diagram = renderFlowMermaid(plans[3]!.numbers[0]!)!;
    expect(diagram.split('\n')[0]).toBe('flowchart TD');
    expect(diagram).toMatch(/class s\d+ removed/);
    expect(diagram).toMatch(/class s\d+ changed/);
    expect(diagram).toContain('-.->|"#35; (before)"|');
    expect(diagram).toContain('Ancien #lt;menu#gt; #amp; #quot;co#quot; 🗑️');
    expect(escapeLabel('a#"b"<c>&`d`')).toBe('a#35;#quot;b#quot;#lt;c#gt;#amp;#96;d#96;');
  });

  it.skipIf(!findChromium() && !CHROMIUM_REQUIRED)('renders every diagram of the example and tricky plans in the real mermaid library (needs Debian `chromium`)', async () => {
    if (!findChromium()) throw new Error('chromium not found (apt-get install chromium): with CI=true the Mermaid diagrams must be rendered in a browser');
    const plans = await examplePlans();
    const diagrams = await diagramsOf(plans);
    // And exactly as they appear in the PR comment.
    const fromMarkdown = plans.flatMap((plan) => [...renderPlanMarkdown(plan).matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!));
    expect(diagrams.length).toBe(3 + 3 + 2);
    expect(fromMarkdown.length).toBe(diagrams.length);
    const results = await renderMermaidInChromium([...diagrams, ...fromMarkdown]);
    results.forEach((result, index) => {
      expect({ index, ...result }).toEqual({ index, ok: true, svg: true });
    });
  }, 120_000);
});

if (!findChromium() && !CHROMIUM_REQUIRED) {
  // Say why the browser check did not run, where a skipped test alone would not.
  console.warn('test/plan/render-mermaid.test.ts: chromium not found (apt-get install chromium); Mermaid diagrams were not rendered in a browser');
}
