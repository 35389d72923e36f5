// How words for times become a pickup window. Territory settings: these are the defaults of
// DESIGN.md ("9h" → 8:30–9:30, "vers 9h" → 8:15–9:45, matin 7:00–12:00, …).

/** "HH:MM", 24-hour clock, Europe/Paris wall time. */
export type HhMm = string;

export interface DayPartWindow {
  readonly earliest: HhMm;
  readonly latest: HhMm;
}

export interface TimeSettings {
  /** "9h", "à 9h": the window is the time ± this many minutes. */
  readonly exactMarginMinutes: number;
  /** "vers 9h", "environ 9h": the window is the time ± this many minutes. */
  readonly approximateMarginMinutes: number;
  /** "avant 9h" → [9h − this, 9h]; "après 9h" / "à partir de 9h" → [9h, 9h + this]. */
  readonly openEndedMinutes: number;
  readonly morning: DayPartWindow;
  readonly afternoon: DayPartWindow;
  readonly evening: DayPartWindow;
}

export const DEFAULT_TIME_SETTINGS: TimeSettings = {
  exactMarginMinutes: 30,
  approximateMarginMinutes: 45,
  openEndedMinutes: 60,
  morning: { earliest: '07:00', latest: '12:00' },
  afternoon: { earliest: '13:00', latest: '18:00' },
  evening: { earliest: '17:00', latest: '21:00' },
};

export function toMinutes(hhmm: HhMm): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function fromMinutes(minutes: number): HhMm {
  const clamped = Math.max(0, Math.min(23 * 60 + 59, Math.round(minutes)));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}
