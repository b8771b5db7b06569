/**
 * Library predicates written in Prolog: lists.
 *
 * @module
 */

/** Prolog source of the lists library. */
export const source: string = `
`;
