// Where the by_reader index lives: the design document (server/design/maillage.ts) and the /db
// proxy that reads it (src/lib/server/db-proxy/reader-index.ts) share these names.
export const READS_DESIGN_ID = '_design/reads';
export const BY_READER_VIEW = `${READS_DESIGN_ID}/_view/by_reader`;
