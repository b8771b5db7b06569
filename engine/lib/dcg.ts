/**
 * Library predicates written in Prolog: DCG phrases (`phrase/2`, `phrase/3`).
 * The body is translated at call time by the TS hook `'$dcg_phrase'/4`
 * (engine/builtins/lists.ts), which uses the same translation as `-->` rules.
 *
 * @module
 */

/** Prolog source of the DCG library. */
export const source: string = `
phrase(RuleSet, List) :- phrase(RuleSet, List, []).

phrase(RuleSet, List, Rest) :-
    '$dcg_phrase'(RuleSet, List, Rest, Goal),
    call(Goal).
`;
