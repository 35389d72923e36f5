// A slice of the Cantal (15) for the SMS reader's tests, with official INSEE codes, names and
// postcodes (from @etalab/decoupage-administratif): names with articles, hyphens and accents, to
// show that the reader knows only the gazetteer it is given. The reader uses no centre: 0, 0.
import { isCommonWordName } from '../gazetteer/common-words';
import { normalizeName } from '../gazetteer/normalize';
import type { Commune, GazetteerData } from '../gazetteer/types';

const commune = (
  insee: string,
  name: string,
  postcodes: string[],
  population: number,
): Commune => ({
  insee,
  name,
  aliases: [],
  postcodes,
  population,
  dept: '15',
  lon: 0,
  lat: 0,
  commonWord: isCommonWordName(normalizeName(name)),
});

export const CANTAL_GAZETTEER: GazetteerData = {
  schema: 1,
  generatedAt: '2026-11-21T00:00:00.000Z',
  departements: ['15'],
  communes: [
    commune('15014', 'Aurillac', ['15000'], 26214),
    commune('15187', 'Saint-Flour', ['15100'], 6391),
    commune('15120', 'Mauriac', ['15200'], 3449),
    commune('15012', 'Arpajon-sur-Cère', ['15130'], 6361),
    commune('15267', 'Ytrac', ['15000', '15130'], 4339),
    commune('15162', 'Riom-ès-Montagnes', ['15400'], 2405),
    commune('15138', 'Murat', ['15300'], 1770),
    commune('15122', 'Maurs', ['15600'], 2174),
    commune('15119', 'Massiac', ['15500'], 1796),
    commune('15258', 'Vic-sur-Cère', ['15800'], 1905),
    commune('15083', 'Jussac', ['15250'], 2040),
    commune('15140', 'Naucelles', ['15250'], 2181),
    commune('15154', 'Polminhac', ['15800'], 1197),
    commune('15219', 'Salers', ['15140'], 310),
    commune('15153', 'Pleaux', ['15700'], 1470),
    commune('15265', 'Ydes', ['15210'], 1641),
    commune('15001', 'Allanche', ['15160'], 773),
    commune('15045', 'Chaudes-Aigues', ['15110'], 813),
    commune('15094', 'Laroquebrou', ['15150'], 785),
    commune('15134', 'Montsalvy', ['15120'], 842),
    commune('15117', 'Marcolès', ['15220'], 600),
    commune('15268', 'Le Rouget-Pers', ['15290'], 1297),
    commune('15221', 'Sansac-de-Marmiesse', ['15130'], 1395),
    commune('15204', 'Saint-Paul-des-Landes', ['15250'], 1542),
    commune('15088', 'Lacapelle-Viescamp', ['15150'], 528),
    commune('15196', 'Saint-Mamet-la-Salvetat', ['15220'], 1527),
    commune('15236', 'Thiézac', ['15800'], 590),
    commune('15066', 'Le Falgoux', ['15380'], 113),
    commune('15050', 'Le Claux', ['15400'], 160),
    commune('15235', 'Les Ternes', ['15100'], 567),
    commune('15249', 'Le Vaulmier', ['15380'], 60),
    commune('15054', 'Condat', ['15190'], 933),
    commune('15101', 'Laveissière', ['15300'], 537),
    commune('15067', 'Le Fau', ['15140'], 34),
    commune('15042', 'La Chapelle-Laurent', ['15500'], 234),
    commune('15169', 'Saignes', ['15240'], 835),
    commune('15038', 'Champs-sur-Tarentaine-Marchal', ['15270'], 1032),
    commune('15261', 'Le Vigean', ['15200'], 787),
    commune('15224', 'La Ségalassière', ['15290'], 121),
    commune('15102', 'Lavigerie', ['15300'], 116),
    commune('15175', 'Saint-Cernin', ['15310'], 1039),
    commune('15255', 'Vézac', ['15130'], 1325),
    commune('15028', 'Carlat', ['15130'], 393),
    commune('15159', 'Raulhac', ['15800'], 274),
  ],
  // Towns of the neighbouring Lot and Aveyron that Cantal SMS name: outside this territory.
  outside: ['Rodez', 'Brive-la-Gaillarde', 'Figeac', 'Decazeville', 'Saint-Céré', 'Bretenoux'],
};
