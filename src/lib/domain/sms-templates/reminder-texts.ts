// The day-before reminders of a confirmed ride (issue 8 point 4): to the driver and to a passenger
// with a mobile by SMS (GSM 7-bit, one segment: reminder-texts.test.ts), and the words a relay
// says to a passenger without one. First names only; no gendered word about the passenger.
import { formatClockTime, formatDayAndDate, formatEuros, formatPhone } from '../format';
import { toGsm7 } from './segments';

const SIGN = 'Maillage : ';
const first = (name: string) => toGsm7(name.trim().split(/\s+/)[0] ?? '').slice(0, 20);
const where = (place: string) => toGsm7(place).slice(0, 50);

export interface ReminderText {
  readonly date: string;
  readonly pickupTime: string;
  /** "devant la mairie de Cardaillac". */
  readonly pickupPlace: string;
  readonly contributionCents: number;
}

export function driverReminderSms(r: ReminderText & { readonly passengerFirstName: string }) {
  return (
    `${SIGN}rappel, demain ${formatDayAndDate(r.date)} vers ${formatClockTime(r.pickupTime)} ` +
    `${first(r.passengerFirstName)} vous attend ${where(r.pickupPlace)}. Un imprévu ? ANNULER`
  );
}

export function passengerReminderSms(r: ReminderText & { readonly driverFirstName: string }) {
  return (
    `${SIGN}rappel, demain ${formatDayAndDate(r.date)} vers ${formatClockTime(r.pickupTime)} ` +
    `${first(r.driverFirstName)} passe vous prendre ${where(r.pickupPlace)}. ` +
    `Participation ${formatEuros(r.contributionCents, 'EUR')}. Un imprévu ? ANNULER`
  );
}

/** The relay calls a passenger without a mobile the day before; the number saves looking it up. */
export function reminderCallbackText(
  r: ReminderText & {
    readonly passengerFirstName: string;
    readonly driverFirstName: string;
    readonly passengerPhone: string | null;
  },
) {
  const phone = r.passengerPhone ? ` (tél. ${formatPhone(r.passengerPhone)})` : '';
  return (
    `Rappeler à ${r.passengerFirstName}${phone} : demain ${formatDayAndDate(r.date)} vers ` +
    `${formatClockTime(r.pickupTime)}, ${r.driverFirstName} passe vous prendre ${r.pickupPlace}, ` +
    `participation ${formatEuros(r.contributionCents, 'EUR')}.`
  );
}
