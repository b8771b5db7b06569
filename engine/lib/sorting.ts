/**
 * Library predicates written in Prolog: sorting.
 *
 * @module
 */

/** Prolog source of the sorting library. */
export const source: string = `
`;
