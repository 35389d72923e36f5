// Carpooling places in the national schema (schema-lieux-covoiturage v0.3.0, CSV): read, checked
// and kept as meeting points. Pure: the CLI reads the file, the map and forms read the result.
import { z } from 'zod';

export interface MeetingPlace {
  readonly id: string;
  readonly name: string;
  readonly insee: string;
  /** "Aire de covoiturage", "Parking", "Supermarché"… as the file says. */
  readonly kind: string;
  readonly lon: number;
  readonly lat: number;
  readonly address: string | null;
  readonly spaces: number | null;
  readonly updated: string;
}

export interface ParsedPlaces {
  readonly places: MeetingPlace[];
  /** Line numbers start at 1 with the header; French messages. */
  readonly errors: { readonly line: number; readonly message: string }[];
}

const REQUIRED = ['id_local', 'nom_lieu', 'insee', 'type', 'date_maj', 'ouvert', 'Xlong', 'Ylat'];

const number = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => Number(v.replace(',', '.')))
    .refine((v) => Number.isFinite(v), { error: `${label} : nombre attendu` });

const rowSchema = z.object({
  id_local: z.string().trim().min(1, 'id_local vide'),
  nom_lieu: z.string().trim().min(1, 'nom_lieu vide'),
  insee: z
    .string()
    .trim()
    .regex(/^(\d{5}|2[AB]\d{3})$/, 'insee : code de commune attendu'),
  type: z.string().trim(),
  date_maj: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_maj : AAAA-MM-JJ attendu'),
  ouvert: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', 'vrai', 'faux', '1', '0'].includes(v), {
      error: 'ouvert : true ou false attendu',
    }),
  Xlong: number('Xlong').refine((v) => v >= -180 && v <= 180, { error: 'Xlong hors limites' }),
  Ylat: number('Ylat').refine((v) => v >= -90 && v <= 90, { error: 'Ylat hors limites' }),
  ad_lieu: z.string().optional(),
  nbre_pl: z.string().optional(),
});

/** RFC 4180 fields: quotes around a field, doubled quotes inside, newlines inside quotes. */
export function splitCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * The open places of the file (a closed one, `ouvert` false, is no meeting point). Each bad line is
 * reported and skipped; a missing column stops the whole file.
 */
export function parseMeetingPlaces(csv: string): ParsedPlaces {
  const text = csv.replace(/^\ufeff/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header = [], ...rows] = splitCsv(text, separator);
  const columns = header.map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return {
      places: [],
      errors: [{ line: 1, message: `Colonnes manquantes : ${missing.join(', ')}` }],
    };

  const places: MeetingPlace[] = [];
  const errors: ParsedPlaces['errors'][number][] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    const record = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((x) => x.message).join(' ; ') });
      return;
    }
    const row = parsed.data;
    if (seen.has(row.id_local)) {
      errors.push({ line, message: `id_local en double : ${row.id_local}` });
      return;
    }
    seen.add(row.id_local);
    if (!['true', 'vrai', '1'].includes(row.ouvert)) return;
    const spaces = Number(row.nbre_pl);
    places.push({
      id: row.id_local,
      name: row.nom_lieu,
      insee: row.insee,
      kind: row.type,
      lon: row.Xlong,
      lat: row.Ylat,
      address: row.ad_lieu?.trim() || null,
      spaces: row.nbre_pl?.trim() && Number.isInteger(spaces) && spaces >= 0 ? spaces : null,
      updated: row.date_maj,
    });
  });
  return { places, errors };
}

/** The meeting points a trip or ride from `insee` can offer: the commune's places, by name. */
export function meetingPlacesIn(places: readonly MeetingPlace[], insee: string): MeetingPlace[] {
  return places.filter((p) => p.insee === insee).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The places as GeoJSON points for the map. */
export function meetingPlacesGeoJson(places: readonly MeetingPlace[]) {
  return {
    type: 'FeatureCollection' as const,
    features: places.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: { id: p.id, name: p.name, insee: p.insee, kind: p.kind },
    })),
  };
}
