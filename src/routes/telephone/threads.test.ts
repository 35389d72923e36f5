import { describe, expect, it } from 'vitest';
import { threadsOf } from './threads';

const sms = (id: string, direction: 'in' | 'out', phone: string, at: string) => ({
  id,
  direction,
  ...(direction === 'in' ? { from: phone } : { to: phone }),
  text: id,
  state: 'sent',
  at,
});

describe('threads of the simulated phone', () => {
  it('puts each phone’s messages together in order, the latest conversation first', () => {
    const threads = threadsOf([
      sms('answer', 'out', '+33639980101', '2026-12-01T10:43:05Z'),
      sms('marie', 'out', '+33639980201', '2026-12-01T10:44:00Z'),
      sms('oui', 'in', '+33639980101', '2026-12-01T10:43:00Z'),
      sms('ask', 'out', '+33639980101', '2026-12-01T10:42:00Z'),
    ]);
    expect(threads.map((t) => t.phone)).toEqual(['+33639980201', '+33639980101']);
    expect(threads[1]!.messages.map((m) => m.id)).toEqual(['ask', 'oui', 'answer']);
  });
});
