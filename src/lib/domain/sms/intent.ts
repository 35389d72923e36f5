// The intent words of a short SMS: STOP, PAUSE, REPRISE, ANNULER, AIDE, OUI/NON, MERCI. A
// message naming a place is a request whatever else it says; these are read from its words otherwise.

const GREETINGS = new Set([
  'bonjour',
  'bonsoir',
  'salut',
  'coucou',
  'hello',
  'allo',
  'alors',
  'euh',
  'eh',
  'ah',
  'ben',
  'bah',
  'madame',
  'monsieur',
  ',',
]);

const has = (text: string, re: RegExp): boolean => re.test(text);

/** The first words of the message, without greetings: "bonjour, oui je peux" → "oui je peux". */
function core(tokens: readonly string[]): string {
  let i = 0;
  while (i < tokens.length && GREETINGS.has(tokens[i]!)) i++;
  return tokens
    .slice(i)
    .filter((t) => t !== ',')
    .join(' ');
}

export function opensWithStop(tokens: readonly string[]): boolean {
  const text = core(tokens);
  return has(text, /^(stop|stopp?er|arret|arrete[rz]?|desinscri\w*|desabonne\w*)( |$)/);
}

/** A driver's PAUSE (holidays) or REPRISE/START, as the first word after any greeting. */
export function pauseOf(tokens: readonly string[]): 'pause' | 'resume' | null {
  const text = core(tokens);
  if (/^(pause|pauser)( |$)/.test(text)) return 'pause';
  if (/^(reprise|reprendre|reprends|reprend|start)( |$)/.test(text)) return 'resume';
  return null;
}

export function saysCancel(tokens: readonly string[]): boolean {
  return tokens.some((t) => /^(annul\w*|desist\w*)$/.test(t));
}

export function asksHelp(tokens: readonly string[]): boolean {
  const text = core(tokens);
  if (/^\?( \?)*$/.test(text)) return true;
  return has(
    text,
    /^(aide|aidez moi|help|au secours|info|infos|comment ca marche|comment faire|mode d emploi)( \?| svp|$)/,
  );
}

/** OUI/NON and their many spellings; null when the message is neither. */
export function replyOf(tokens: readonly string[]): 'accept' | 'decline' | null {
  const text = core(tokens);
  if (text === '') return null;
  const decline =
    /^(non|no|nein|negatif)( |$)/.test(text) ||
    /(^| )(ne (peux|peut|pourrai|pourrais|suis) pas|peux pas|pourrai pas|pourrais pas|pas possible|impossible|pas dispo(nible)?|indisponible|pas libre|empeche)( |$)/.test(
      text,
    ) ||
    /^(desole|desolee|malheureusement)( |$)/.test(text);
  if (decline) return 'decline';
  const accept =
    /^(oui|ouais|ok|daccord|yes|yep|volontiers|entendu|parfait|super|bien sur|avec plaisir|c est bon|ca marche|ca me va|pas de (souci|soucis|probleme)|sans probleme|aucun (souci|probleme)|je (peux|pourrai|suis dispo|suis disponible|prends|confirme)|confirme|go)( |$)/.test(
      text,
    );
  return accept ? 'accept' : null;
}

export function saysThanks(tokens: readonly string[]): boolean {
  const text = core(tokens);
  return has(
    text,
    /^(merci|remerci\w*|bonne (journee|soiree|nuit|fin de journee)|a bientot|cordialement)( |$)/,
  );
}
