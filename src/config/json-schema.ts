import { z } from 'zod';
import { numberFile, scheduleFile, settingsFile, sharedMessageFile } from './schema/index.js';

const BASE_URL = 'https://callflow.dev/schema';

/** JSON Schemas generated from the zod schemas, so the editor, the type and the validator agree. */
export function jsonSchemas(): Record<string, object> {
  const make = (name: string, schema: z.ZodType) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: `${BASE_URL}/${name}.schema.json`,
  });
  return {
    number: make('number', numberFile),
    schedule: make('schedule', scheduleFile),
    message: make('message', sharedMessageFile),
    callflow: make('callflow', settingsFile),
  };
}
