/**
 * Library predicates written in Prolog: SWI's `aggregate_all/3`, the
 * module-system stand-ins and small SWI-Prolog system predicates.
 *
 * There is one module, `user`, and every library is built in: `M:Goal`
 * calls Goal (`call/N` adds the extra arguments to Goal), `module/2` is a
 * no-op, and `use_module/1,2` accepts the libraries Byrd has and raises
 * `existence_error(source_sink, library(Name))` for any other library; a
 * file spec is loaded with `ensure_loaded/1`.
 *
 * @module
 */

/** Prolog source of the misc library. */
export const source: string = `
% SWI aggregate_all/3 (library(aggregate)): count, count(T), sum(E),
% max(E), min(E), max(E, W), min(E, W), bag(T), set(T).
aggregate_all(Spec, _, _) :-
    var(Spec), !,
    throw(error(instantiation_error, _)).
aggregate_all(count, Goal, Count) :- !,
    findall(x, Goal, L),
    length(L, Count).
aggregate_all(count(T), Goal, Count) :- !,
    findall(T, Goal, L),
    length(L, Count).
aggregate_all(sum(E), Goal, Sum) :- !,
    findall(E, Goal, L),
    '$agg_sum'(L, 0, Sum).
aggregate_all(max(E), Goal, Max) :- !,
    findall(E, Goal, [H|T]),
    '$agg_max'(T, H, Max).
aggregate_all(min(E), Goal, Min) :- !,
    findall(E, Goal, [H|T]),
    '$agg_min'(T, H, Min).
aggregate_all(max(E, W), Goal, max(Max, Witness)) :- !,
    findall(E-W, Goal, [H|T]),
    '$agg_max_w'(T, H, Max-Witness).
aggregate_all(min(E, W), Goal, min(Min, Witness)) :- !,
    findall(E-W, Goal, [H|T]),
    '$agg_min_w'(T, H, Min-Witness).
aggregate_all(bag(T), Goal, Bag) :- !,
    findall(T, Goal, Bag).
aggregate_all(set(T), Goal, Set) :- !,
    findall(T, Goal, Bag),
    sort(Bag, Set).
aggregate_all(Spec, _, _) :-
    throw(error(domain_error(aggregate_spec, Spec), _)).

'$agg_sum'([], S, S).
'$agg_sum'([X|Xs], S0, S) :- S1 is S0 + X, '$agg_sum'(Xs, S1, S).

% Numbers compare arithmetically, other terms by standard order.
'$agg_max'([], M, M).
'$agg_max'([X|Xs], M0, M) :-
    (   '$agg_less'(M0, X) -> M1 = X ; M1 = M0 ),
    '$agg_max'(Xs, M1, M).

'$agg_min'([], M, M).
'$agg_min'([X|Xs], M0, M) :-
    (   '$agg_less'(X, M0) -> M1 = X ; M1 = M0 ),
    '$agg_min'(Xs, M1, M).

'$agg_max_w'([], M, M).
'$agg_max_w'([X-W|Xs], M0-W0, M) :-
    (   '$agg_less'(M0, X) -> M1 = X-W ; M1 = M0-W0 ),
    '$agg_max_w'(Xs, M1, M).

'$agg_min_w'([], M, M).
'$agg_min_w'([X-W|Xs], M0-W0, M) :-
    (   '$agg_less'(X, M0) -> M1 = X-W ; M1 = M0-W0 ),
    '$agg_min_w'(Xs, M1, M).

'$agg_less'(X, Y) :- number(X), number(Y), !, X < Y.
'$agg_less'(X, Y) :- X @< Y.

use_module(Spec) :- '$use_module'(Spec).
use_module(Spec, _) :- '$use_module'(Spec).

'$use_module'(Spec) :-
    (   var(Spec) -> throw(error(instantiation_error, _))
    ;   Spec = library(Name)
    ->  (   '$library'(Name) -> true
        ;   throw(error(existence_error(source_sink, Spec), _))
        )
    ;   ensure_loaded(Spec)
    ).

'$library'(Name) :- atom(Name), '$library_name'(Name), !.

'$library_name'(lists).
'$library_name'(apply).
'$library_name'(ordsets).
'$library_name'(assoc).
'$library_name'(pairs).
'$library_name'(yall).
'$library_name'(aggregate).
'$library_name'(solution_sequences).
'$library_name'(error).
'$library_name'(debug).
'$library_name'(random).
'$library_name'(dif).
'$library_name'(when).
'$library_name'(sort).

module(_, _).

% M:Goal. The module must be an atom; Byrd has one module.
':'(M, G) :- '$module'(M), call(G).
':'(M, G, A1) :- '$module'(M), call(G, A1).
':'(M, G, A1, A2) :- '$module'(M), call(G, A1, A2).
':'(M, G, A1, A2, A3) :- '$module'(M), call(G, A1, A2, A3).
':'(M, G, A1, A2, A3, A4) :- '$module'(M), call(G, A1, A2, A3, A4).
':'(M, G, A1, A2, A3, A4, A5) :- '$module'(M), call(G, A1, A2, A3, A4, A5).
':'(M, G, A1, A2, A3, A4, A5, A6) :- '$module'(M), call(G, A1, A2, A3, A4, A5, A6).
':'(M, G, A1, A2, A3, A4, A5, A6, A7) :- '$module'(M), call(G, A1, A2, A3, A4, A5, A6, A7).

'$module'(M) :-
    (   atom(M) -> true
    ;   var(M) -> throw(error(instantiation_error, _))
    ;   throw(error(type_error(module, M), _))
    ).

% copy_term_nat/2: copy_term/2 without attributes; Byrd has no attributed
% variables yet, so the two are the same.
copy_term_nat(Term, Copy) :- copy_term(Term, Copy).

% atomics_to_string(+List, -String): the texts of the atomics, concatenated.
atomics_to_string(List, String) :-
    atomic_list_concat(List, Atom),
    atom_string(Atom, String).

% writef(+Format, +Arguments) (SWI): %w writes the next argument, %p prints
% it, %d writes it, \\\\n and \\\\l write a newline; writef/1 has no arguments.
writef(Format) :- writef(Format, []).
writef(Format, Args) :-
    '$must_be_list'(Args),
    atom_codes(Format, Codes),
    '$writef'(Codes, Args).

'$writef'([], _).
'$writef'([0'%, C|Cs], Args) :- '$writef_arg'(C, Args, Rest), !, '$writef'(Cs, Rest).
'$writef'([0'\\\\, C|Cs], Args) :- '$writef_escape'(C), !, '$writef'(Cs, Args).
'$writef'([C|Cs], Args) :- put_code(C), '$writef'(Cs, Args).

'$writef_arg'(0'w, [A|As], As) :- write(A).
'$writef_arg'(0'p, [A|As], As) :- print(A).
'$writef_arg'(0'd, [A|As], As) :- write(A).

'$writef_escape'(0'n) :- nl.
'$writef_escape'(0'l) :- nl.
'$writef_escape'(0't) :- put_char('\\t').
'$writef_escape'(0'\\\\) :- put_char('\\\\').
`;
