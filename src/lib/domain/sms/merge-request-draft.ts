// A request told over several SMS: "je voudrais aller à Gramat mardi", then, asked where from,
// "Cajarc" (or "cajarc gramat"). Pure: the dialogue keeps the previous draft per phone number.
import type { RequestDraft } from './types';

/**
 * What the next SMS says wins over what the previous one said, field by field; a single bare
 * place fills the missing end of the trip (an answer to "d'où partez-vous ?").
 */
export function mergeRequestDraft(previous: RequestDraft, next: RequestDraft): RequestDraft {
  let from = previous.from;
  let to = previous.to;
  let placeEvidence = previous.placeEvidence;
  if (next.placeEvidence === 'single') {
    const place = next.to ?? next.from;
    if (from === null && to !== null && place !== to) from = place;
    else if (to === null && from !== null && place !== from) to = place;
    else if (from === null && to === null) to = place;
    else if (place !== from) to = place; // both known: a lone place corrects the destination
  } else if (next.placeEvidence !== 'none') {
    from = next.from ?? from;
    to = next.to ?? to;
    placeEvidence = next.placeEvidence;
  }
  if (from !== null && from === to) from = previous.from === to ? null : previous.from;
  // A window is one piece: a new time replaces both ends.
  const timed = next.earliest !== null && next.latest !== null;
  return {
    from,
    to,
    date: next.date ?? previous.date,
    earliest: timed ? next.earliest : previous.earliest,
    latest: timed ? next.latest : previous.latest,
    placeEvidence:
      placeEvidence === 'none' && next.placeEvidence === 'single' ? 'single' : placeEvidence,
  };
}
