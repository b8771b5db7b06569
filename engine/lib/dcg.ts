/**
 * Library predicates written in Prolog: dcg.
 *
 * @module
 */

/** Prolog source of the dcg library. */
export const source: string = `
`;
