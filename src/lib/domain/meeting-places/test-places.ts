// A small file in the national schema (v0.3.0), written for the tests: two open places in
// Figeac (one quoted name), a closed and an open one in Gramat, a bad INSEE code, a repeated id.
export const PLACES_CSV = `id_local,id_lieu,nom_lieu,ad_lieu,com_lieu,insee,type,date_maj,ouvert,source,Xlong,Ylat,nbre_pl,nbre_pmr,duree,horaires,proprio,lumiere,comm
46102-A,FR46102-A,Aire du Pont de Figeac,"Route de Cahors, D802",Figeac,46102,Aire de covoiturage,2026-03-14,true,CD46,2.0352,44.6021,24,2,,24/7,Département,true,
46102-B,FR46102-B,"Parking ""Foirail""",Place du Foirail,Figeac,46102,Parking,2025-11-02,true,CD46,2.0310,44.6088,,0,,,Commune,false,
46128-A,FR46128-A,Gare de Gramat,Avenue de la gare,Gramat,46128,Parking,2026-01-20,false,CD46,1.7314,44.7785,40,2,,,SNCF,true,
46128-B,FR46128-B,Sortie nord de Gramat,,Gramat,46128,Délaissé routier,2026-01-20,true,CD46,1.7260,44.7901,8,0,,,Département,false,
46215-X,FR46215-X,Payrac centre,,Payrac,4621,Parking,2026-01-20,true,CD46,1.47,44.79,6,0,,,Commune,false,
46102-A,FR46102-A,Aire du Pont (copie),,Figeac,46102,Aire de covoiturage,2026-03-14,true,CD46,2.0352,44.6021,24,2,,,Département,true,
`;
