// Every SMS Maillage sends, in French, GSM 7-bit only (templates.test.ts counts segments).
// Variable parts go through toGsm7. First names only, and a phone number only to the other side
// of a confirmed ride: nobody gets a full name or an address they do not need.
import { formatClockTime, formatDayAndDate, formatEuros } from '../format';
import { countSegments, toGsm7 } from './segments';
import { minutesOfDay } from '../documents/time';

const SIGN = 'Maillage : ';
const g = toGsm7;

/** First name only, at most 20 characters: a template must never grow past one SMS. */
const first = (name: string) => g(name.trim().split(/\s+/)[0] ?? '').slice(0, 20);
/** A commune name, shortened if it is very long. */
const place = (name: string) => g(name).slice(0, 28);

export interface AskDriverText {
  readonly passengerFirstName: string;
  readonly fromName: string;
  readonly toName: string;
  readonly date: string;
  readonly earliest: string;
  readonly latest: string;
}

/** Scenario 2: the one question a driver gets. */
export function askDriverSms(a: AskDriverText): string {
  return (
    `${SIGN}${first(a.passengerFirstName)} (${place(a.fromName)}) cherche un trajet ` +
    `${place(a.fromName)} - ${place(a.toName)} ${formatDayAndDate(a.date)} entre ` +
    `${formatClockTime(a.earliest)} et ${formatClockTime(a.latest)}. ` +
    `Pouvez-vous l'emmener ? Répondez OUI ou NON.`
  );
}

export interface RideText {
  readonly date: string;
  readonly pickupTime: string;
  /** "devant la mairie de Cardaillac". */
  readonly pickupPlace: string;
  readonly toName: string;
  readonly contributionCents: number;
}

/** To the driver who said OUI: the passenger's first name and phone (if any), when and where. */
export function confirmDriverSms(
  r: RideText & { readonly passengerFirstName: string; readonly passengerPhone: string | null },
): string {
  const phone = r.passengerPhone ? ` (${r.passengerPhone})` : '';
  return (
    `${SIGN}merci ! ${first(r.passengerFirstName)}${phone} vous attend ${formatDayAndDate(r.date)} ` +
    `vers ${formatClockTime(r.pickupTime)} ${g(r.pickupPlace).slice(0, 50)}. ` +
    `Participation ${formatEuros(r.contributionCents, 'EUR')}. Un imprévu ? ANNULER`
  );
}

/** To a passenger with a mobile: the one answer to their request. */
export function confirmPassengerSms(
  r: RideText & { readonly driverFirstName: string; readonly driverPhone: string },
): string {
  return (
    `${SIGN}${first(r.driverFirstName)} (${r.driverPhone}) vous prend ${formatDayAndDate(r.date)} ` +
    `vers ${formatClockTime(r.pickupTime)} ${g(r.pickupPlace).slice(0, 50)}, pour ` +
    `${place(r.toName)}. Participation ${formatEuros(r.contributionCents, 'EUR')}. Un imprévu ? ANNULER`
  );
}

export interface TripText {
  readonly fromName: string;
  readonly toName: string;
  readonly date: string;
  /** The pickup window the passenger asked, "HH:MM". */
  readonly earliest: string;
  readonly latest: string;
}

/**
 * The window as the passenger asked it: "vers 9h" for the one-hour window of an asked time
 * ("9h" is 8:30–9:30), else "entre 8h15 et 9h45" — never its first minute alone, which reads as
 * an earlier time than the one they gave.
 */
export function windowPhrase(earliest: string, latest: string): string {
  const [a, b] = [minutesOfDay(earliest), minutesOfDay(latest)];
  if (b - a === 60) {
    const centre = a + 30;
    const hh = String(Math.floor(centre / 60)).padStart(2, '0');
    return `vers ${formatClockTime(`${hh}:${String(centre % 60).padStart(2, '0')}`)}`;
  }
  return `entre ${formatClockTime(earliest)} et ${formatClockTime(latest)}`;
}

/**
 * The longest `text(max)` (commune names cut at `max` characters) that fits in one SMS: the
 * names are cut only when both are very long.
 */
function oneSms(text: (max: number) => string): string {
  for (let max = 28; max > 8; max--) {
    const t = text(max);
    if (countSegments(t).segments === 1) return t;
  }
  return text(8);
}

/** Scenario 3: nobody goes that way at that time yet; the request is kept. */
export function noDriverSms(t: TripText): string {
  return oneSms(
    (max) =>
      `${SIGN}personne ne fait encore ${g(t.fromName).slice(0, max)} - ` +
      `${g(t.toName).slice(0, max)} ${formatDayAndDate(t.date)} ${windowPhrase(t.earliest, t.latest)}. ` +
      `Demande gardée ; un coordinateur peut vous appeler.`,
  );
}

/** What a landline passenger's relay or the coordinator is asked to say when nobody was found. */
export function noDriverTaskText(t: TripText & { readonly passengerFirstName: string }): string {
  return (
    `Aucun conducteur pour ${t.passengerFirstName} : ${t.fromName} - ${t.toName} ` +
    `${formatDayAndDate(t.date)} ${windowPhrase(t.earliest, t.latest)}. Demande gardée ; ` +
    `appeler la personne ou chercher un conducteur.`
  );
}

/** Scenario 6: to the other side when one cancels. */
export function cancelledSms(c: { readonly byFirstName: string; readonly date: string }): string {
  return `${SIGN}${first(c.byFirstName)} annule le trajet de ${formatDayAndDate(c.date)}. Merci !`;
}

/** To a passenger whose driver cancelled: the search goes on. */
export function driverCancelledSms(c: {
  readonly byFirstName: string;
  readonly date: string;
}): string {
  return (
    `${SIGN}${first(c.byFirstName)} ne peut plus faire le trajet de ${formatDayAndDate(c.date)}. ` +
    `Nous cherchons un autre conducteur.`
  );
}

/** To a driver asked, then set aside by a coordinator for another one: no answer is awaited. */
export function setAsideSms(c: {
  readonly passengerFirstName: string;
  readonly date: string;
}): string {
  return (
    `${SIGN}merci, ${first(c.passengerFirstName)} a trouvé un autre conducteur pour ` +
    `${formatDayAndDate(c.date)}. Vous n'avez plus à répondre.`
  );
}

/** To whoever sent ANNULER. */
export function cancelAckSms(date: string): string {
  return `${SIGN}c'est annulé pour ${formatDayAndDate(date)}. Merci de nous avoir prévenus.`;
}

export const ASK_PLACES_SMS = `${SIGN}de quelle commune à quelle commune ? Ex : Gramat Figeac`;
export const ASK_DATE_SMS = `${SIGN}pour quel jour et quelle heure ? Ex : jeudi 9h`;
export const NOT_UNDERSTOOD_SMS = `${SIGN}nous n'avons pas compris. De quelle commune à quelle commune ? Ex : Gramat Figeac`;
export const HELP_SMS =
  `${SIGN}écrivez votre trajet, ex : Gramat Figeac jeudi 9h. Mots : OUI, NON, ANNULER, ` +
  `PAUSE, REPRISE, STOP, AIDE. Un coordinateur peut aussi vous appeler.`;
export const STOP_SMS = `${SIGN}vous ne recevrez plus de SMS, sauf les réponses à vos demandes. REPRISE pour revenir.`;
export const PAUSE_SMS = `${SIGN}vos trajets sont en pause : plus aucune demande. REPRISE pour les reprendre.`;
export const RESUME_SMS = `${SIGN}c'est reparti, vos trajets sont de nouveau proposés. PAUSE pour les suspendre.`;
export const NO_PROPOSAL_SMS = `${SIGN}aucune demande en attente pour vous. AIDE pour les mots utiles.`;
export const NOTHING_TO_CANCEL_SMS = `${SIGN}aucun trajet à annuler. AIDE pour les mots utiles.`;
export const REQUEST_TOO_LATE_SMS = `${SIGN}ce trajet est déjà passé ou trop proche. Écrivez le jour et l'heure, ex : jeudi 9h`;
