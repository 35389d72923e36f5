import type { TaskKind, TaskOutcome } from '$lib/domain/documents';

export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = {
  callback: 'Appel à passer',
  'no-driver': 'Aucun conducteur',
  'read-sms': 'SMS à lire',
  'stuck-sms': 'SMS peut-être pas parti',
};

export const TASK_OUTCOME_LABELS: Readonly<Record<TaskOutcome, string>> = {
  told: 'Personne prévenue',
  refused: 'Trajet refusé, demande annulée',
  done: 'Fait',
};
