import { describe, expect, it } from 'vitest';
import { ConsoleGateway, maskPhone } from './console';
import { createGateway } from './select';
import type { OutgoingSms } from '../../src/lib/server/shared/gateway';

const sms = {
  id: 'message:out-1',
  to: '+33639980201',
  text: 'Maillage : Germaine cherche un trajet Cardaillac - Figeac mardi 9h.',
} as OutgoingSms;
const clock = { now: () => new Date(Date.UTC(2026, 10, 23, 9)) };

async function logged(gateway: ConsoleGateway | ReturnType<typeof createGateway>, lines: string[]) {
  await gateway.send(sms);
  return lines.join('\n');
}

describe('the console gateway’s log', () => {
  it('shows neither the phone number nor the text by default', async () => {
    const lines: string[] = [];
    const line = await logged(createGateway({}, { clock, log: (l) => lines.push(l) }), lines);
    expect(line).not.toContain('+33639980201');
    expect(line).not.toContain('39980201');
    expect(line).not.toContain('Germaine');
    expect(line).toContain('+336••••••01');
    expect(line).toContain(`${sms.text.length} caractères`);
  });

  it('shows both with LOG_LEVEL=debug', async () => {
    const lines: string[] = [];
    const gateway = createGateway({ LOG_LEVEL: 'debug' }, { clock, log: (l) => lines.push(l) });
    const line = await logged(gateway, lines);
    expect(line).toContain('+33639980201');
    expect(line).toContain(sms.text);
  });

  it('masks every number but its first and last digits', () => {
    expect(maskPhone('+33639980201')).toBe('+336••••••01');
    expect(maskPhone('06 39 98 02 01')).toBe('0639••••01');
    expect(maskPhone('112')).toBe('•••');
  });
});
