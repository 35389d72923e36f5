/**
 * The `_design/maillage` document. Its functions run inside the database (QuickJS or SpiderMonkey
 * in Apache CouchDB, Node in the embedded server), so they are plain ES5 with no imports, no inner
 * functions (a bundler's keepNames would inject helpers into them) and no closures: only what
 * `fn.toString()` carries. maillage.test.ts parses them as ES5 and runs them in an empty context.
 */
/* eslint-disable no-var, @typescript-eslint/no-explicit-any -- ES5 source that runs in CouchDB, on untyped JSON */
import { functionSource } from '../../src/lib/server/shared/design-source';
import { READS_DESIGN_ID } from '../../src/lib/server/shared/reads-design';

declare function emit(key: unknown, value?: unknown): void;

type Json = any;

export const DESIGN_ID = '_design/maillage';

export function validateDocUpdate(newDoc: Json, oldDoc: Json, userCtx: Json, _secObj: Json) {
  var roles = (userCtx && userCtx.roles) || [];
  var isAdmin = roles.indexOf('_admin') !== -1 || roles.indexOf('admin') !== -1;
  var isWorker = roles.indexOf('worker') !== -1;
  var peopleTypes = ['person', 'trip', 'request'];
  var workerTypes = ['match', 'ride', 'message', 'conversation', 'task'];
  var type = newDoc.type;
  var i;

  if (newDoc._id.indexOf('_design/') === 0) {
    if (!isAdmin) throw { forbidden: 'Seul un administrateur modifie les documents de conception' };
    return;
  }
  if (newDoc._deleted === true) {
    // On a cluster the worker takes back its own losing revision, a deletion of that leaf only
    // (docs/cluster.md): it cannot be told apart here from deleting the document.
    if (!isAdmin && !isWorker)
      throw { forbidden: 'Seul un administrateur peut supprimer un document' };
    return;
  }
  if (typeof type !== 'string' || type === '') throw { forbidden: 'Champ « type » manquant' };
  var ours = peopleTypes.indexOf(type) !== -1 || workerTypes.indexOf(type) !== -1;
  if (!ours) {
    if (!isAdmin) throw { forbidden: 'Type de document inconnu : ' + type };
    return;
  }
  if (newDoc._id.indexOf(type + ':') !== 0)
    throw { forbidden: 'L’identifiant doit commencer par « ' + type + ': »' };
  if (typeof newDoc.schema !== 'number') throw { forbidden: 'Champ « schema » manquant' };
  var stamps = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
  for (i = 0; i < stamps.length; i++) {
    var field = stamps[i] as string;
    if (typeof newDoc[field] !== 'string' || newDoc[field] === '')
      throw { forbidden: 'Champ « ' + field + ' » manquant' };
  }
  if (
    Object.prototype.toString.call(newDoc.readers) !== '[object Array]' ||
    newDoc.readers.length === 0
  ) {
    throw { forbidden: 'Champ « readers » manquant' };
  }
  if (oldDoc && !oldDoc._deleted) {
    if (oldDoc.type !== type) throw { forbidden: 'Le type d’un document ne change pas' };
    if (oldDoc.createdAt !== newDoc.createdAt || oldDoc.createdBy !== newDoc.createdBy) {
      throw { forbidden: 'La date et l’auteur de création ne changent pas' };
    }
  }

  // Who: admins and the worker write everything; relays and coordinators only people's documents,
  // in their own name. (The /db proxy checks each relay's own records with the full rules.)
  if (!isAdmin && !isWorker) {
    // People mark a task done or reassign it (who may change which field: mayWriteTask).
    if (workerTypes.indexOf(type) !== -1 && !(type === 'task' && oldDoc && !oldDoc._deleted))
      throw { forbidden: 'Seul le serveur écrit les documents de type ' + type };
    if (roles.indexOf('relay') === -1 && roles.indexOf('coordinator') === -1) {
      throw { forbidden: 'Rôle relais ou coordination requis' };
    }
    if (newDoc.updatedBy !== userCtx.name)
      throw { forbidden: 'updatedBy doit être ' + userCtx.name };
  }

  // Values no form can produce.
  var time = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
  var insee = /^([0-9]{5}|2[AB][0-9]{3})$/;
  if (type === 'person') {
    if (typeof newDoc.firstName !== 'string' || newDoc.firstName === '')
      throw { forbidden: 'Prénom manquant' };
    if (['mobile', 'landline', 'none'].indexOf(newDoc.phoneKind) === -1)
      throw { forbidden: 'phoneKind invalide' };
    if ((newDoc.phone === null) !== (newDoc.phoneKind === 'none'))
      throw { forbidden: 'phone et phoneKind incohérents' };
    if (newDoc.phone !== null && !/^\+[1-9][0-9]{6,14}$/.test(newDoc.phone))
      throw { forbidden: 'Téléphone non E.164' };
    if (
      !newDoc.consent ||
      typeof newDoc.consent.by !== 'string' ||
      typeof newDoc.consent.at !== 'string'
    ) {
      throw { forbidden: 'Consentement manquant' };
    }
  }
  if (type === 'trip' || type === 'request') {
    if (!insee.test(newDoc.fromInsee) || !insee.test(newDoc.toInsee))
      throw { forbidden: 'Code INSEE invalide' };
    if (newDoc.fromInsee === newDoc.toInsee) throw { forbidden: 'Départ et arrivée identiques' };
    if (
      typeof newDoc.seats !== 'number' ||
      newDoc.seats % 1 !== 0 ||
      newDoc.seats < 1 ||
      newDoc.seats > 4
    ) {
      throw { forbidden: 'Entre 1 et 4 places' };
    }
  }
  if (type === 'trip') {
    if (
      Object.prototype.toString.call(newDoc.weekdays) !== '[object Array]' ||
      newDoc.weekdays.length === 0
    ) {
      throw { forbidden: 'Au moins un jour' };
    }
    for (i = 0; i < newDoc.weekdays.length; i++) {
      if ([1, 2, 3, 4, 5, 6, 7].indexOf(newDoc.weekdays[i]) === -1)
        throw { forbidden: 'Jour invalide' };
    }
    if (!time.test(newDoc.departure)) throw { forbidden: 'Heure de départ invalide' };
    if (newDoc.returnDeparture !== null && !time.test(newDoc.returnDeparture))
      throw { forbidden: 'Heure de retour invalide' };
    if (
      typeof newDoc.detourMinutes !== 'number' ||
      newDoc.detourMinutes < 0 ||
      newDoc.detourMinutes > 60
    ) {
      throw { forbidden: 'Détour entre 0 et 60 minutes' };
    }
  }
  if (type === 'request') {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(newDoc.date)) throw { forbidden: 'Date invalide' };
    if (
      !time.test(newDoc.earliest) ||
      !time.test(newDoc.latest) ||
      newDoc.earliest >= newDoc.latest
    ) {
      throw { forbidden: 'Créneau invalide' };
    }
    if (['sms', 'phone', 'relay'].indexOf(newDoc.channel) === -1)
      throw { forbidden: 'Canal invalide' };
  }
}

export function byTypeMap(doc: Json) {
  if (doc.type && doc.updatedAt) emit([doc.type, doc.updatedAt], null);
}

export function peopleByPhoneMap(doc: Json) {
  if (doc.type === 'person' && doc.phone) emit(doc.phone, null);
}

export function tripsByLineMap(doc: Json) {
  if (doc.type === 'trip') emit([doc.fromInsee, doc.toInsee], null);
}

export function requestsByDateMap(doc: Json) {
  if (doc.type === 'request') emit([doc.date, doc.earliest], null);
}

/** Requests with no driver, by date (a new trip searches again those it could serve). */
export function unmatchedByDateMap(doc: Json) {
  if (doc.type === 'match' && doc.state && doc.state.status === 'unmatched' && doc.date)
    emit(doc.date, doc.requestId);
}

/** A person's documents by their id and their phone (docs/personal-data.md: export, erasure). */
export function personalDataMap(doc: Json) {
  if (doc.type === 'person') {
    emit(doc._id, null);
    if (doc.phone) emit(doc.phone, null);
  }
  var ids = [doc.personId, doc.passengerId, doc.driverId];
  if (doc.state && doc.state.proposal) ids.push(doc.state.proposal.driverId);
  if (doc.type === 'message' || doc.type === 'conversation') ids.push(doc.to, doc.from, doc.phone);
  var seen: Json = {};
  for (var i = 0; i < ids.length; i++) {
    if (typeof ids[i] === 'string' && ids[i] !== doc._id && !seen[ids[i]]) {
      seen[ids[i]] = true;
      emit(ids[i], null);
    }
  }
}

/**
 * What each user may read, keyed [reader, id] with the winning revision: a relay's pull through
 * /db reads their own rows only (docs/access.md). Coordinators read the plain feed, so their
 * role is not indexed (it names every document).
 */
export function byReaderMap(doc: Json) {
  var readers = doc.readers;
  if (Object.prototype.toString.call(readers) !== '[object Array]') return;
  for (var i = 0; i < readers.length; i++) {
    if (typeof readers[i] === 'string' && readers[i] !== 'role:coordinator')
      emit([readers[i], doc._id], doc._rev);
  }
}

/** A design document of its own: adding or changing it never rebuilds the other views. */
export function readsDesignDoc(): DesignDoc {
  return {
    _id: READS_DESIGN_ID,
    language: 'javascript',
    views: { by_reader: { map: functionSource(byReaderMap) } },
  };
}

export type DesignDoc = {
  readonly _id: string;
  readonly language: 'javascript';
  readonly validate_doc_update?: string;
  readonly views: Readonly<Record<string, { readonly map: string; readonly reduce?: string }>>;
};

export function maillageDesignDoc(): DesignDoc {
  return {
    _id: DESIGN_ID,
    language: 'javascript',
    validate_doc_update: functionSource(validateDocUpdate),
    views: {
      by_type: { map: functionSource(byTypeMap) },
      people_by_phone: { map: functionSource(peopleByPhoneMap) },
      trips_by_line: { map: functionSource(tripsByLineMap) },
      requests_by_date: { map: functionSource(requestsByDateMap) },
      unmatched_by_date: { map: functionSource(unmatchedByDateMap) },
      personal_data: { map: functionSource(personalDataMap) },
    },
  };
}

/** Every design document the database needs (installDesignDocs puts them). */
export function designDocs(): DesignDoc[] {
  return [maillageDesignDoc(), readsDesignDoc()];
}
