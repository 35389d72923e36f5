// The French words of a match's outcome that are not whole SMS: the meeting place, why nobody
// could be asked, and the task lines a relay or coordinator reads aloud on the phone. The SMS
// themselves are in templates.ts; these are kept next to them so the wording lives in one place.
import { formatClockTime, formatDayAndDate, formatEuros, formatPhone } from '../format';
import { noDriverTaskText, type RideText, type TripText } from './templates';

/** Where a passenger waits when the driver's trip names no meeting place of its own. */
export function townHallMeetingPlace(townName: string): string {
  return `devant la mairie de ${townName}`;
}

/** Why a match ended without a driver, for the coordinators. */
export const NO_TRIP_REASON = 'Aucun trajet régulier ne passe par là à cette heure.';
export const ALL_ASKED_REASON = 'Tous les conducteurs possibles ont été sollicités.';
export const UNREACHABLE_REASON =
  'Les conducteurs possibles ne peuvent pas être joints par SMS : à appeler.';
export const FULL_REASON = 'Les trajets qui passent par là sont complets ce jour-là.';
export const TOO_LATE_REASON = "Trop tard pour demander à un conducteur avant l'heure du départ.";

/**
 * A passenger without a mobile is told the ride by a person (read aloud, not an SMS): the number
 * comes first so the caller need not look it up; without one, someone must go and say it.
 */
export function rideCallbackTaskText(
  r: RideText & {
    readonly passengerFirstName: string;
    readonly driverFirstName: string;
    /** E.164, or null for a person with no phone. */
    readonly passengerPhone: string | null;
  },
): string {
  const who = r.passengerPhone
    ? `Appeler ${r.passengerFirstName} au ${formatPhone(r.passengerPhone)}`
    : `Prévenir ${r.passengerFirstName} (sans téléphone)`;
  return (
    `${who} : ${r.driverFirstName} passe la prendre ${formatDayAndDate(r.date)} vers ` +
    `${formatClockTime(r.pickupTime)} ${r.pickupPlace}, participation ${formatEuros(r.contributionCents)}`
  );
}

/** Nobody found: the task for the coordinators (or the relay), with the reason when known. */
export function noDriverTaskWithReason(
  t: TripText & { readonly passengerFirstName: string; readonly reason: string | null },
): string {
  const text = noDriverTaskText(t);
  return t.reason ? `${text} ${t.reason}` : text;
}

/** A confirmed driver cancelled and the passenger has no mobile: someone calls to say so. */
export function driverCancelledCallbackText(c: {
  readonly passengerFirstName: string;
  readonly driverFirstName: string;
  readonly date: string;
}): string {
  return (
    `Appeler ${c.passengerFirstName} : ${c.driverFirstName} ne peut plus faire le trajet de ` +
    `${formatDayAndDate(c.date)}. Nous cherchons un autre conducteur.`
  );
}

/** A ride cancelled and its driver has no mobile: someone calls to say so (scenario 6 by phone). */
export function cancelledCallbackText(c: {
  readonly driverFirstName: string;
  readonly byFirstName: string;
  readonly date: string;
}): string {
  return `Appeler ${c.driverFirstName} : ${c.byFirstName} annule le trajet de ${formatDayAndDate(c.date)}.`;
}
