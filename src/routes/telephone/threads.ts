// The simulated phone's messages as conversations: one per phone, latest conversation first,
// each in the order it happened.
export interface PhoneSms {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly to?: string;
  readonly from?: string;
  readonly text: string;
  readonly state: string;
  readonly at: string;
}

export interface Thread<T extends PhoneSms> {
  readonly phone: string;
  readonly messages: readonly T[];
}

export function threadsOf<T extends PhoneSms>(messages: readonly T[]): Thread<T>[] {
  const byPhone = new Map<string, T[]>();
  for (const m of messages) {
    const phone = (m.direction === 'in' ? m.from : m.to) ?? '';
    byPhone.set(phone, [...(byPhone.get(phone) ?? []), m]);
  }
  const threads = [...byPhone].map(([phone, list]) => ({
    phone,
    messages: [...list].sort((a, b) => a.at.localeCompare(b.at)),
  }));
  const latest = (t: Thread<T>) => t.messages.at(-1)?.at ?? '';
  return threads.sort((a, b) => latest(b).localeCompare(latest(a)));
}
