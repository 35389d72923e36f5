// Turns an SMS into lower-case, accent-free tokens, with the spellings people use folded into
// one form: "Auj", "aujourd'hui" → "aujourdhui"; "dem1", "2m1" → "demain"; "aprem",
// "après-midi" → "apresmidi"; "8H", "9 h 30" → "8h", "9h30"; "St" → "saint"; "jdois" → "je dois".
// Kept whole: times ("14:30"), dates ("3/12"), the arrow "->", "?" and "," (a clause boundary).

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae' };

/** One token → one or more tokens. Keys are accent-free and lower-case. */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  st: ['saint'],
  ste: ['sainte'],
  auj: ['aujourdhui'],
  aujd: ['aujourdhui'],
  ajd: ['aujourdhui'],
  aujourdhui: ['aujourdhui'],
  ojd: ['aujourdhui'],
  dem: ['demain'],
  dem1: ['demain'],
  dm1: ['demain'],
  '2main': ['demain'],
  '2m1': ['demain'],
  dmain: ['demain'],
  dmn: ['demain'],
  demin: ['demain'],
  demian: ['demain'],
  aprem: ['apresmidi'],
  aprm: ['apresmidi'],
  apm: ['apresmidi'],
  aprems: ['apresmidi'],
  apresm: ['apresmidi'],
  apremidi: ['apresmidi'],
  apmidi: ['apresmidi'],
  pr: ['pour'],
  ds: ['dans'],
  tt: ['tout'],
  bcp: ['beaucoup'],
  qqn: ['quelqu', 'un'],
  qq1: ['quelqu', 'un'],
  jai: ['j', 'ai'],
  jsp: ['je', 'sais', 'pas'],
  chais: ['je', 'sais'],
  jcomprends: ['je', 'comprends'],
  jcomprend: ['je', 'comprends'],
  koi: ['quoi'],
  kel: ['quel'],
  kelle: ['quelle'],
  pk: ['pourquoi'],
  pq: ['pourquoi'],
  ya: ['il', 'y', 'a'],
  bsoin: ['besoin'],
  msg: ['message'],
  msgs: ['messages'],
  num: ['numero'],
  tel: ['telephone'],
  vs: ['vous'],
  qd: ['quand'],
  qnd: ['quand'],
  ac: ['avec'],
  avc: ['avec'],
  bjr: ['bonjour'],
  bjour: ['bonjour'],
  bonjours: ['bonjour'],
  slt: ['salut'],
  bsr: ['bonsoir'],
  stp: ['svp'],
  svp: ['svp'],
  slvp: ['svp'],
  jdois: ['je', 'dois'],
  jdoi: ['je', 'dois'],
  jvx: ['je', 'veux'],
  jveux: ['je', 'veux'],
  jvoudrais: ['je', 'voudrais'],
  jvoudrai: ['je', 'voudrais'],
  jsuis: ['je', 'suis'],
  jsui: ['je', 'suis'],
  chui: ['je', 'suis'],
  chuis: ['je', 'suis'],
  jhabite: ['j', 'habite'],
  jpeux: ['je', 'peux'],
  jpx: ['je', 'peux'],
  jpeu: ['je', 'peux'],
  jpourrai: ['je', 'pourrai'],
  jpourrais: ['je', 'pourrais'],
  jvais: ['je', 'vais'],
  jvai: ['je', 'vais'],
  jtravaille: ['je', 'travaille'],
  jsais: ['je', 'sais'],
  dac: ['daccord'],
  dacc: ['daccord'],
  dak: ['daccord'],
  daccord: ['daccord'],
  dacor: ['daccord'],
  dacord: ['daccord'],
  okay: ['ok'],
  oki: ['ok'],
  okk: ['ok'],
  oke: ['ok'],
  okey: ['ok'],
  okai: ['ok'],
  ouai: ['ouais'],
  ouais: ['ouais'],
  ouaip: ['ouais'],
  ouep: ['ouais'],
  wai: ['ouais'],
  ui: ['oui'],
  ouii: ['oui'],
  nn: ['non'],
  nan: ['non'],
  nop: ['non'],
  nope: ['non'],
  mrc: ['merci'],
  mci: ['merci'],
  mr6: ['merci'],
  mercie: ['merci'],
  thx: ['merci'],
  rdv: ['rdv'],
  mat: ['matin'],
  hopitale: ['hopital'],
};

/** Two tokens read as one. */
const PAIRS: Readonly<Record<string, string>> = {
  'aujourd hui': 'aujourdhui',
  'aujour hui': 'aujourdhui',
  'apres midi': 'apresmidi',
  'ap midi': 'apresmidi',
  'd accord': 'daccord',
  'apres demain': 'apresdemain',
};
// Looked up in Maps: a word such as "constructor" must not find Object's own properties.
const SPELLING_OF: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(SPELLINGS));
/** PAIRS by their first word, then their second: no string is built for most tokens. */
const PAIR_OF: ReadonlyMap<string, ReadonlyMap<string, string>> = pairsByFirst(PAIRS);

const TOKEN_RE =
  /\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?![\d:h])|\d{1,2}(?:h\d{2}|h|:\d{2})(?![\d])|->|\?|,|[a-z0-9]+/g;

/** Lower case, no diacritics, œ → oe. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[œæ]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

export function tokenizeSms(text: string): string[] {
  const folded = foldText(text)
    .replace(/[’'`´‘]/g, ' ')
    .replace(/\b(ste?)\./g, '$1 ')
    // Each run of dashes is scanned once: a lookbehind starts the match only at its beginning.
    .replace(/(?<!-)-+>|(?<!=)=+>|→|>+/g, ' -> ')
    .replace(/\bs\/\s*/g, 'sur ')
    // "9 h 30", "9heures", "14 h", "8H00", "9hr": one token "9h30" / "14h".
    .replace(
      /\b(\d{1,2})\s*(?:heures?|hrs?|h)\s*(\d{2})?(?![a-z\d])/g,
      (_m, h: string, m?: string) => ` ${h}h${m ?? ''} `,
    )
    .replace(/\b(\d{1,2})\s*:\s*(\d{2})\b/g, ' $1:$2 ')
    .replace(/\b(\d{1,2})(?:er|eme|e)\b/g, '$1')
    .replace(/[;.!]+(?!\d)/g, ' , ');
  const raw = folded.match(TOKEN_RE) ?? [];
  const spelled: string[] = [];
  for (const token of raw) {
    const variants = SPELLING_OF.get(token) ?? (/^mer+c+i+$/.test(token) ? ['merci'] : [token]);
    spelled.push(...variants);
  }
  const out: string[] = [];
  for (let i = 0; i < spelled.length; i++) {
    const pair = PAIR_OF.get(spelled[i]!)?.get(spelled[i + 1] ?? '');
    if (pair !== undefined) {
      out.push(pair);
      i++;
    } else {
      out.push(spelled[i]!);
    }
  }
  return out;
}

function pairsByFirst(pairs: Readonly<Record<string, string>>): Map<string, Map<string, string>> {
  const byFirst = new Map<string, Map<string, string>>();
  for (const [words, token] of Object.entries(pairs)) {
    const [first, second] = words.split(' ') as [string, string];
    byFirst.set(first, (byFirst.get(first) ?? new Map<string, string>()).set(second, token));
  }
  return byFirst;
}
