import { z } from 'zod';
import { excerpt } from '../../model/excerpt.js';
import { cronProblem } from '../cron.js';

export const settingsFile = z
  .strictObject({
    provider: z
      .strictObject({
        type: z.enum(['sandbox', 'aircall']).default('sandbox'),
        url: z.url().optional().meta({ description: 'API base URL; for sandbox, none starts the embedded server.' }),
      })
      .prefault({}),
    audio: z
      .strictObject({
        publicBaseUrl: z.url().optional().meta({ description: 'Where mp3 files are served from for providers that take URLs.' }),
      })
      .prefault({}),
    safety: z
      .strictObject({
        maxChangedPercent: z.number().min(0).max(100).default(30),
        minNumbers: z.number().int().min(0).default(10),
      })
      .prefault({}),
    drift: z
      .strictObject({
        schedule: z
          .string()
          .superRefine((expression, ctx) => {
            const why = cronProblem(expression);
            if (why) ctx.addIssue({ code: 'custom', message: `"${excerpt(expression)}" is not a cron expression: ${why}`, params: { rule: 'drift/schedule' } });
          })
          .default('0 */6 * * *')
          .meta({ description: 'Cron expression for the drift checks of `callflow serve` (5 fields, or 6 with seconds first).' }),
        remediate: z
          .boolean()
          .default(false)
          .meta({ description: "`callflow serve` re-applies Git's version when it finds drift (safety thresholds still apply). Off by default." }),
        adopt: z
          .enum(['off', 'pr'])
          .default('off')
          .meta({
            description:
              '`pr`: in a scheduled or manual GitHub Actions run, `callflow drift` keeps a pull request from branch callflow/adopt-drift with the live version of drifted numbers (the workflow needs contents and pull-requests write). Locally, `callflow drift --adopt` writes those files.',
          }),
      })
      .prefault({}),
    github: z
      .strictObject({
        comment: z.boolean().default(true),
        driftLabel: z.string().default('callflow-drift'),
        environment: z.string().min(1).default('callflow-live').meta({ description: 'GitHub deployment environment that `apply --doit` records in Actions.' }),
      })
      .prefault({}),
  })
  .meta({ title: 'callflow settings', description: 'config/callflow.yaml' });

export type Settings = z.infer<typeof settingsFile>;
