/**
 * The longest SMS text the worker records and the reader reads (a long concatenated SMS is
 * ~1,600 characters): what comes after is dropped, by the worker and the sms:parse CLI alike.
 */
export const MAX_SMS_LENGTH = 2000;
