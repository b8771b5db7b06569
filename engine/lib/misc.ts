/**
 * Library predicates written in Prolog: misc.
 *
 * @module
 */

/** Prolog source of the misc library. */
export const source: string = `
`;
