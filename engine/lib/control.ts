/**
 * Library predicates written in Prolog: control.
 *
 * @module
 */

/** Prolog source of the control library. */
export const source: string = `
`;
