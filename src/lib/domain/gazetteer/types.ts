/** One current commune, as the generated gazetteer ships it (data/ and static/gazetteer/). */
export interface Commune {
  /** INSEE code, e.g. "46102" for Figeac. */
  readonly insee: string;
  /** Official current name, with accents: "Saint-Céré". */
  readonly name: string;
  /** Former names of communes merged into this one ("Labastide-Murat" for Cœur de Causse). */
  readonly aliases: readonly string[];
  readonly postcodes: readonly string[];
  readonly population: number;
  /** Département code, "46". */
  readonly dept: string;
  /** Centre (WGS84) computed from the polygons. */
  readonly lon: number;
  readonly lat: number;
  /** The name (or an alias) is also an ordinary word ("Vers", "Fons"): the SMS reader must be careful. */
  readonly commonWord: boolean;
}

export interface GazetteerData {
  readonly schema: 1;
  readonly generatedAt: string;
  readonly departements: readonly string[];
  readonly communes: readonly Commune[];
  /**
   * Names of towns outside the territory that people ask to go to (neighbouring départements,
   * big towns), most populated first: the SMS reader reads them as a place it cannot serve
   * (null) rather than as a commune of the territory whose name begins alike.
   */
  readonly outside?: readonly string[];
}

export interface CommuneMatch {
  readonly commune: Commune;
  /** Higher is better; 1 is an exact match of the name, an alias or a postcode. */
  readonly score: number;
  /** The name or alias that matched. */
  readonly matched: string;
}
