// The boundaries and the clock rule are eslint rules: each is proved here by code that breaks it
// and must make `npm run lint` fail (linted as if it were a file at that path).
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint fence', () => {
  it('keeps the domain from importing the app, the database, the server or the worker', async () => {
    const forbidden = [
      "import { systemClock } from '$lib/clock';",
      "import { openLocalDb } from '$lib/db/pouch';",
      "import { WorkspaceState } from '$lib/state/workspace.svelte';",
      "import { getAppConfig } from '$lib/server/app-config';",
      "import { putDoc } from '../../server/shared/store';",
      "import { startWorker } from '../../../../server/worker';",
      "import nano from 'nano';",
      "import { readFileSync } from 'node:fs';",
      "import { mount } from 'svelte';",
    ];
    for (const line of forbidden) {
      const found = await problems('src/lib/domain/match/fenced.ts', `${line}\nexport {};\n`);
      expect(found, line).toContainEqual(expect.stringMatching(/^no-restricted-imports/));
    }
  });

  it('lets the domain import itself and plain libraries', async () => {
    const code = [
      "import { matchIdOf } from '../ids';",
      "import { addDays } from 'date-fns';",
      'export const id = matchIdOf(String(addDays(0, 1)));',
      '',
    ].join('\n');
    expect(await problems('src/lib/domain/match/fenced.ts', code)).toEqual([]);
  });

  it('keeps the app from importing server/', async () => {
    const found = await problems(
      'src/lib/server/sms/fenced.ts',
      "import { startWorker } from '../../../../server/worker';\nexport { startWorker };\n",
    );
    expect(found).toContainEqual(expect.stringMatching(/^no-restricted-imports/));
  });

  it('forbids reading the clock or Math.random outside src/lib/clock.ts', async () => {
    for (const [file, code] of [
      ['src/lib/domain/match/fenced.ts', 'export const t = new Date();\n'],
      ['server/worker/fenced.ts', 'export const t = Date.now();\n'],
      ['server/handlers/fenced.ts', 'export const f = Date.now;\n'],
      ['server/worker/fenced.ts', 'export const r = Math.random();\n'],
    ] as const) {
      expect(await problems(file, code), code).toContainEqual(
        expect.stringMatching(/^no-restricted-syntax/),
      );
    }
    expect(await problems('src/lib/clock.ts', 'export const t = new Date();\n')).toEqual([]);
    expect(
      await problems('server/worker/fenced.ts', "export const t = new Date('2026-11-23');\n"),
    ).toEqual([]);
  });
});
