// What the SMS conversation decides, as data: the worker's shell reads the facts, calls the
// decision and writes what it returns. Nothing here does I/O or reads the clock.
import type { ConversationDoc, Person, RideRequest } from '../documents';
import type { MatchDoc } from '../documents/worker-docs';
import type { MatchState } from '../match/state';
import type { PlaceLexicon } from '../sms/place-lexicon';
import type { DialogueDraft, Question } from './draft';

/** Fields the worker stamps itself (who wrote it, when, who reads it). */
type Stamps = 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers';

export interface ConversationSettings {
  /** A half-told request is forgotten after this long without an answer. */
  readonly dialogueTtlMinutes: number;
  /** Pickup window when an SMS names a day but no time ("jeudi"). */
  readonly dayWindow: { readonly earliest: string; readonly latest: string };
}

/** What is known when a received SMS is read. */
export interface InboundFacts {
  /** The inbound message's id ("message:in-…"): what the request and replies are named after. */
  readonly messageId: string;
  readonly text: string;
  /** When the gateway received it (ISO): the day "demain" is counted from. */
  readonly receivedAt: string;
  /** The sender's phone, E.164. */
  readonly phone: string;
  /** The person with that phone, or null. */
  readonly sender: Person | null;
  /** The id a person created for this phone gets (derived from the phone by the shell). */
  readonly newPersonId: string;
  readonly conversation: Pick<ConversationDoc, 'draft' | 'draftAt' | 'proposal'> | null;
  readonly lexicon: PlaceLexicon;
  /** Commune names by INSEE code, for the questions and acknowledgements. */
  readonly communes: ReadonlyMap<string, { readonly name: string }>;
  readonly settings: ConversationSettings;
  readonly now: Date;
}

/** One SMS back to the sender; a question keeps the dialogue open. */
export interface Reply {
  readonly text: string;
  readonly purpose: 'reply' | 'question';
}

/** The request being told over several SMS, or null to forget it. */
export interface DraftChange {
  readonly draft: DialogueDraft | null;
  readonly draftAt: string | null;
}

/** What the conversation document must say after this SMS (fields left out stay as they are). */
export interface ConversationChange {
  readonly draft?: DraftChange;
  readonly optedOut?: boolean;
}

export type SmsRequest = Omit<RideRequest, Stamps>;
export type NewSmsPerson = Omit<Person, Stamps>;

export type InboundDecision =
  /** Answered at once, nothing else changes. */
  | {
      readonly kind: 'reply';
      readonly outcome:
        'help' | 'cancel-nothing' | 'accept-without-proposal' | 'decline-without-proposal';
      readonly reply: Reply;
    }
  /** MERCI and the like: no answer (the passenger gets one answer, the ride or "nobody yet"). */
  | { readonly kind: 'thanks'; readonly outcome: 'thanks' }
  | {
      readonly kind: 'opt-out';
      readonly outcome: 'stop';
      readonly reply: Reply;
      readonly conversation: ConversationChange;
    }
  /** The sender's trips are read next; REPRISE also undoes STOP. */
  | {
      readonly kind: 'pause' | 'resume';
      readonly personId: string | null;
      readonly conversation: ConversationChange | null;
    }
  /** The sender's matches under way are read next (chooseCancellation). */
  | { readonly kind: 'cancellation'; readonly personId: string }
  /** The match this phone was asked about is read next (answerProposal). */
  | {
      readonly kind: 'answer';
      readonly matchId: string;
      readonly personId: string | null;
      readonly answer: 'accept' | 'decline';
    }
  /** Something is missing: ask for it and keep what is known; or ANNULER forgets it. */
  | {
      readonly kind: 'draft';
      readonly outcome: `asked-${Question}` | 'dropped';
      readonly reply: Reply;
      readonly conversation: ConversationChange;
    }
  /** A complete request; acknowledged when it answers a question (else one answer comes later). */
  | {
      readonly kind: 'new-request';
      readonly outcome: 'request';
      readonly request: SmsRequest;
      readonly reply: Reply | null;
      /** The passenger to create first: the sender is unknown. */
      readonly passenger: NewSmsPerson | null;
      readonly conversation: ConversationChange;
    }
  /**
   * A coordinator must read it (`read-sms` task): a blocked sender, an SMS not understood, a
   * question asked twice in vain (gave-up: the sender is told someone will call) and what that
   * sender writes afterwards (handed-over).
   */
  | {
      readonly kind: 'to-coordinators';
      readonly outcome: 'blocked' | 'unknown' | 'gave-up' | 'handed-over';
      readonly task: string;
      readonly reply: Reply | null;
      readonly conversation: ConversationChange | null;
    };

/** The answer to an open proposal: the match's next state, or too late (or not theirs). */
export type ProposalAnswer<M extends MatchDoc = MatchDoc> =
  | {
      readonly kind: 'move';
      readonly outcome: 'accept' | 'decline';
      /** The match as read: its next state is written over this revision. */
      readonly match: M;
      readonly next: MatchState;
    }
  | {
      readonly kind: 'late';
      readonly outcome: 'accept-late' | 'decline-late';
      readonly reply: Reply;
    };

/** A match of the sender's and its request, as the cancellation reads them. */
export interface CancellationCandidate<M extends MatchDoc = MatchDoc> {
  readonly match: M;
  readonly request: Pick<RideRequest, 'date' | 'earliest' | 'latest'>;
}

export type CancellationChoice<M extends MatchDoc = MatchDoc> =
  | { readonly kind: 'nothing'; readonly outcome: 'cancel-nothing'; readonly reply: Reply }
  | {
      readonly kind: 'cancel';
      readonly outcome: 'cancel-driver' | 'cancel-passenger';
      /** The match as read: its next state is written over this revision. */
      readonly match: M;
      readonly next: MatchState;
      readonly reply: Reply;
    };
