// What the SMS reader returns: a tagged union on the intent. Only a request carries a draft.
import type { IsoDate } from '../schedule/calendar';
import type { HhMm } from '../schedule/time-settings';

export type SmsIntent =
  | 'request'
  | 'accept'
  | 'decline'
  | 'cancel'
  | 'stop'
  | 'pause'
  | 'resume'
  | 'help'
  | 'thanks'
  | 'unknown';

/** A request as far as the SMS told it; the dialogue asks for what is still null. */
export interface RequestDraft {
  /** INSEE codes. */
  readonly from: string | null;
  readonly to: string | null;
  readonly date: IsoDate | null;
  readonly earliest: HhMm | null;
  readonly latest: HhMm | null;
  /**
   * How from/to were decided: prepositions ("de X à Y", "depuis X"), the order of a bare pair
   * ("Cajarc Figeac"), or one bare place whose role is only a guess (destination).
   */
  readonly placeEvidence: 'marker' | 'order' | 'single' | 'none';
}

export type ParsedSms =
  | { readonly intent: 'request'; readonly request: RequestDraft }
  | {
      readonly intent: 'accept' | 'decline';
      /**
       * What else the answer said ("non, depuis Cajarc"; "oui, à 9h"), for a dialogue that asked a
       * question and may take it as a correction; null when it said nothing more.
       */
      readonly request: RequestDraft | null;
    }
  | { readonly intent: Exclude<SmsIntent, 'request' | 'accept' | 'decline'> };

/** The flat line the `sms:parse` CLI prints. */
export interface SmsParseLine {
  readonly intent: SmsIntent;
  readonly from: string | null;
  readonly to: string | null;
  readonly date: IsoDate | null;
  readonly earliest: HhMm | null;
  readonly latest: HhMm | null;
}
