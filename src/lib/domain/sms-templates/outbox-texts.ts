// The coordinators' task texts for an outgoing SMS the worker gave up on, or cannot tell the fate
// of: who it was for and what it said, so that someone can tell the person by phone.
import { formatPhone } from '../format';

/** The SMS was refused or failed after every attempt. */
export function failedSmsTaskText(t: {
  /** E.164. */
  readonly to: string;
  readonly attempts: number;
  readonly error: string | null;
  readonly text: string;
}): string {
  const tries = `${t.attempts} essai${t.attempts > 1 ? 's' : ''}`;
  return `SMS non envoyé à ${formatPhone(t.to)} après ${tries} (${t.error ?? 'erreur'}) : « ${t.text} »`;
}

/** The SMS was handed to the gateway and no answer came: it may or may not have gone. */
export function stuckSmsTaskText(t: {
  /** E.164. */
  readonly to: string;
  readonly minutes: number;
  readonly text: string;
}): string {
  return `SMS peut-être pas envoyé à ${formatPhone(t.to)} : remis à la passerelle sans réponse depuis plus de ${t.minutes} minutes (le serveur s’est sans doute arrêté). Il ne sera pas renvoyé tout seul ; vérifiez avec la personne : « ${t.text} »`;
}
