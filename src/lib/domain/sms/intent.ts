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
const cores = new WeakMap<readonly string[], string>();

function core(tokens: readonly string[]): string {
  const known = cores.get(tokens);
  if (known !== undefined) return known;
  const text = coreOf(tokens);
  cores.set(tokens, text);
  return text;
}

function coreOf(tokens: readonly string[]): string {
  let i = 0;
  while (i < tokens.length && GREETINGS.has(tokens[i]!)) i++;
  return tokens
    .slice(i)
    .filter((t) => t !== ',')
    .join(' ');
}

/** Said anywhere, these ask to stop receiving SMS: "je ne veux plus recevoir vos sms". */
const OPT_OUT = new RegExp(
  [
    '(veux|veut|voulons|souhaite|souhaitons|desire|voudrais) (plus|pas) (recevoir|etre (contacte|appele|sollicite|derange)\\w*|de (vos )?(sms|messages?|textos?))',
    '(supprime|efface|retire|enleve|raye|radie|oublie)\\w* (moi|mon (numero|nom|compte|contact|telephone)|mes (donnees|coordonnees|infos?)|de (la|vos|votre|ta) (liste|fichier|base|listing))',
    '(arrete|cesse|stoppe)\\w* (de )?(m envoyer|m ecrire|me (contacter|harceler|deranger|solliciter|texter)|(les|vos|tes|ces) (sms|messages?|textos?))',
    'ne (me|m) (contacte|ecri|envoye|derange|appele|sollicite|texte|harcele)\\w* plus',
    '(ne )?plus (m envoyer|me (contacter|deranger|solliciter|texter|harceler)|recevoir|de (sms|messages?|textos?))',
    'desinscri\\w*|desabonne\\w*|harcelement|(me|m) desinscrire',
  ]
    .map((p) => `(^| )(${p})( |$)`)
    .join('|'),
);

export function opensWithStop(tokens: readonly string[]): boolean {
  const text = core(tokens);
  if (has(text, /^(stop|stopp?er|arret|arrete[rz]?|desinscri\w*|desabonne\w*)( |$)/)) return true;
  // "merci stop", "sms stop": STOP as the last word too.
  return has(text, / stop$/) || OPT_OUT.test(text);
}

/** A driver's PAUSE (holidays) or REPRISE/START, as the first word after any greeting. */
export function pauseOf(tokens: readonly string[]): 'pause' | 'resume' | null {
  const text = core(tokens);
  if (/^(pause|pauser)( |$)/.test(text)) return 'pause';
  if (/^(reprise|reprendre|reprends|reprend|start)( |$)/.test(text)) return 'resume';
  return null;
}

/** A request given up, said in a sentence: "j'ai plus besoin du trajet", "laissez tomber". */
const GIVE_UP = new RegExp(
  [
    '(plus|pas) besoin (du|de|d|pour|finalement|merci|svp)',
    '(plus|pas) besoin$',
    'laisse[zr]? tomber|laissons tomber',
    '(oublie[zr]?|supprime[zr]?|retire[zr]?) (ma|la|cette|mon|le|notre) (demande|trajet|reservation|course)',
    'ne (viens|viendrai|pars|partirai|vais|irai|monte) (plus|pas finalement)',
    '(j ai|on a|j) trouve (quelqu un|une solution|un autre|une voiture|un chauffeur|qqn)',
    '(je me suis|on s est|me suis|je me|on se) (arrange|debrouille)\\w*',
  ]
    .map((p) => `(^| )(${p})( |$)`)
    .join('|'),
);

export function saysCancel(tokens: readonly string[]): boolean {
  if (tokens.some((t) => /^(annul\w*|desist\w*)$/.test(t))) return true;
  return GIVE_UP.test(core(tokens));
}

/** Asking how the service works, in a sentence: "comment on fait pour…", "c quoi les mots". */
const HOW_TO = new RegExp(
  [
    'comment (on |je |j |ca |faut il |il faut )?(fai[st]|faire|faut|peu[xt]|doi[st]|dois je|utilise\\w*|marche|fonctionne|ca marche|ca fonctionne|s inscri\\w*|demande\\w*|reserve\\w*|proceder)',
    '(c|c est|cest|ques|kes|c koi) quoi|qu est ce (que|qu) (c est|je|j|on|vous|il faut)',
    '(ne )?(comprends|comprend|compren|pige|capte|saisis) (pas|rien|plus)',
    '(pas|rien|mal) (compris|pige|capte)',
    '(quoi|que|quel|quels|quelle|quelles) (mots?|commandes?|reponses?|dois je|faut il|je dois|on doit|repondre|ecrire|mettre|envoyer|taper|dire)',
    'a quoi (ca|cela|ce|sert)',
    'mode d emploi|besoin d aide|aidez moi|aide moi|(de l|d) aide|au secours|je suis perdue?',
    '(vous etes|c est) qui|qui etes vous|je (sais|sait) pas (quoi|comment)|sais pas (quoi|comment)',
  ]
    .map((p) => `(^| )(${p})( |$)`)
    .join('|'),
);

/** A question about the service said in a sentence; read only when the SMS names no place. */
export function asksHowTo(tokens: readonly string[]): boolean {
  return HOW_TO.test(core(tokens));
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
    /(^| )(ne (peux|peut|pourrai|pourrais|pourrons|suis|serai|serais|sera|serons|vais|va) pas|(peux|peut|pourrai|pourrais|pourra|pourrons|peu|pe) pas|(vais|va) pas pouvoir|pas possible|impossible|pas dispo\w*|indispo\w*|pas libre|empeche\w*|absente?s?|sans moi|(serai|serais|sera|suis|serons|y serai) pas (la|dispo\w*|libre|present\w*|disponible)|n y serai pas|pas cette fois)( |$)/.test(
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

/** Words that ask for something: with them a thanks is the politeness of a request. */
const REQUEST_CUES =
  /(^| )(voudrais|voudrai|veux|voulais|souhaite\w*|aimerais|besoin|aller|cherche\w*|faut|pourriez|pouvez|pourrais|peut|dois|demande\w*|emmener|amener|conduire|reserve\w*)( |$)/;

/** Thanks said anywhere ("un grand merci", "je vous remercie") in a message that asks nothing. */
export function thanksWithoutRequest(tokens: readonly string[]): boolean {
  const text = core(tokens);
  if (REQUEST_CUES.test(text)) return false;
  return /(^| )(merci|mercis|remerci\w*|gentil\w*|sympa)( |$)/.test(text);
}
