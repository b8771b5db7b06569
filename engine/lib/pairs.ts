/**
 * Library predicates written in Prolog: SWI-Prolog's `library(pairs)`, on
 * lists of `Key-Value` pairs.
 *
 * @module
 */

/** Prolog source of the pairs library. */
export const source: string = `
% pairs_keys_values(?Pairs, ?Keys, ?Values): walks whichever list is bound,
% so each mode is deterministic.
pairs_keys_values(Pairs, Keys, Values) :-
    (   nonvar(Pairs) -> '$pairs_kv'(Pairs, Keys, Values)
    ;   nonvar(Keys) -> '$pairs_from_keys'(Keys, Values, Pairs)
    ;   '$pairs_from_values'(Values, Keys, Pairs)
    ).

'$pairs_kv'([], [], []).
'$pairs_kv'([K-V|T], [K|Ks], [V|Vs]) :- '$pairs_kv'(T, Ks, Vs).

'$pairs_from_keys'([], [], []).
'$pairs_from_keys'([K|Ks], [V|Vs], [K-V|T]) :- '$pairs_from_keys'(Ks, Vs, T).

'$pairs_from_values'([], [], []).
'$pairs_from_values'([V|Vs], [K|Ks], [K-V|T]) :- '$pairs_from_values'(Vs, Ks, T).

pairs_keys([], []).
pairs_keys([K-_|T], [K|Ks]) :- pairs_keys(T, Ks).

pairs_values([], []).
pairs_values([_-V|T], [V|Vs]) :- pairs_values(T, Vs).

% group_pairs_by_key(+Pairs, -Joined): adjacent pairs with the same (==) key
% become one Key-Values pair. Pairs is usually keysorted.
group_pairs_by_key([], []).
group_pairs_by_key([K-V|T0], [K-[V|Vs]|T]) :-
    '$pairs_same_key'(T0, K, Vs, T1),
    group_pairs_by_key(T1, T).

'$pairs_same_key'([K1-V|T0], K, [V|Vs], T) :- K1 == K, !, '$pairs_same_key'(T0, K, Vs, T).
'$pairs_same_key'(L, _, [], L).

% transpose_pairs(+Pairs, -Transposed): Value-Key pairs, keysorted.
transpose_pairs(Pairs, Transposed) :-
    '$pairs_flip'(Pairs, Flipped),
    keysort(Flipped, Transposed).

'$pairs_flip'([], []).
'$pairs_flip'([K-V|T], [V-K|Fs]) :- '$pairs_flip'(T, Fs).

% map_list_to_pairs(:Function, +List, -Keyed): Keyed is [K-E|...] where
% call(Function, E, K).
map_list_to_pairs(Function, List, Pairs) :- '$map_to_pairs'(List, Function, Pairs).

'$map_to_pairs'([], _, []).
'$map_to_pairs'([H|T], F, [K-H|Ps]) :- call(F, H, K), '$map_to_pairs'(T, F, Ps).
`;
