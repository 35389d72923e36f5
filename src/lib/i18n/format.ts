// French wording and formats of the interface (Europe/Paris). Pure: the clock is passed in.

import { formatClockTime, formatPhone } from '$lib/domain/format';

export const TIME_ZONE = 'Europe/Paris';

/** "YYYY-MM-DD" of an instant, in Paris. */
export function dateInParis(now: Date): string {
  // The Canadian English format is ISO-like: 2026-11-26.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** "10h42": the hour and minute of an instant, in Paris, as French speakers write them. */
export function hourMinuteInParis(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${Number(hour)}h${minute}`;
}

/** "08:30" → "8h30", or '' for a time not set. */
export function clockTime(time: string | null | undefined): string {
  return time ? formatClockTime(time) : '';
}

export const WEEKDAYS = [
  { iso: 1, short: 'lun', long: 'lundi' },
  { iso: 2, short: 'mar', long: 'mardi' },
  { iso: 3, short: 'mer', long: 'mercredi' },
  { iso: 4, short: 'jeu', long: 'jeudi' },
  { iso: 5, short: 'ven', long: 'vendredi' },
  { iso: 6, short: 'sam', long: 'samedi' },
  { iso: 7, short: 'dim', long: 'dimanche' },
] as const;

/** [2, 4] → "mar, jeu". */
export function weekdayList(days: readonly number[]): string {
  return days.map((iso) => WEEKDAYS[iso - 1]?.short ?? String(iso)).join(', ');
}

/** "1 document en attente d'envoi", "2 documents en attente d'envoi". */
export function pendingText(count: number): string {
  return count === 1 ? "1 document en attente d'envoi" : `${count} documents en attente d'envoi`;
}

/** Asked before logging out with documents not sent yet (they stay on the device). */
export function logoutWarning(pending: number): string {
  return `${pendingText(pending)} : ${pending === 1 ? 'il partira' : 'ils partiront'} à votre prochaine connexion sur cet appareil. Se déconnecter quand même ?`;
}

/** The day after `date` in the calendar ("YYYY-MM-DD"). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return next.toISOString().slice(0, 10);
}

export const CHANNEL_LABELS = { relay: 'Relais', phone: 'Téléphone', sms: 'SMS' } as const;
export const CONSENT_LABELS = {
  oral: 'Oral',
  written: 'Écrit',
  sms: 'SMS',
  phone: 'Téléphone',
} as const;
export const PHONE_KIND_LABELS = {
  mobile: 'mobile',
  landline: 'fixe',
  none: 'pas de téléphone',
} as const;
export const ROLE_LABELS = { passenger: 'Passager', driver: 'Conducteur' } as const;

/** "06 12 34 56 78 (mobile)", or "pas de téléphone". */
export function phoneText(phone: string | null | undefined, kind: keyof typeof PHONE_KIND_LABELS) {
  return phone ? `${formatPhone(phone)} (${PHONE_KIND_LABELS[kind]})` : 'pas de téléphone';
}

/** "1 demande", "3 demandes" (nouns whose plural takes an s). */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count > 1 ? 's' : ''}`;
}
