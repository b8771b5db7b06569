/**
 * Library predicates written in Prolog: lambda expressions, SWI-Prolog's
 * `library(yall)` and the `\X^Body` notation of `library(lambda)`.
 *
 * - `Params>>Body` (`>>` is the standard 400 yfx operator): called with
 *   `call/N`, a copy of the whole lambda is made, the first arguments are
 *   unified with the copied `Params` list, and any further arguments are
 *   added to the copied Body. Variables of the lambda are therefore local
 *   to each call, unless they are declared free with `Free/Params>>Body`,
 *   where Free is `{V1, V2, ...}` (or `{}`): those stay shared with the
 *   context. Global (free) variables that are not declared are copied, as
 *   in SWI-Prolog, so bindings made inside the body do not leak out.
 * - `Free/Lambda`: calls a copy of Lambda in which only Free is shared.
 * - `\X^Body`: a lambda with parameter X. Each call copies the lambda, so
 *   X (and every other variable) is local; `\X^Y^Body` takes two
 *   arguments. Under `Free/\X^Body` only the variables in Free are shared.
 *
 * Errors are SWI's: an unbound parameter list is an instantiation error, a
 * parameter list that is not a list a type error, more parameters than
 * arguments `domain_error(lambda_parameters, Lambda)`, and a Free that is
 * not `{...}` `type_error(lambda_free, Free)`. A `\X^Body` called with too
 * few arguments raises `existence_error(lambda_parameter, Body)`, as
 * library(lambda) does.
 *
 * @module
 */

/** Prolog source of the yall library. */
export const source: string = `
'>>'(Ps, L) :- '$yall'(Ps, L, []).
'>>'(Ps, L, A1) :- '$yall'(Ps, L, [A1]).
'>>'(Ps, L, A1, A2) :- '$yall'(Ps, L, [A1, A2]).
'>>'(Ps, L, A1, A2, A3) :- '$yall'(Ps, L, [A1, A2, A3]).
'>>'(Ps, L, A1, A2, A3, A4) :- '$yall'(Ps, L, [A1, A2, A3, A4]).
'>>'(Ps, L, A1, A2, A3, A4, A5) :- '$yall'(Ps, L, [A1, A2, A3, A4, A5]).
'>>'(Ps, L, A1, A2, A3, A4, A5, A6) :- '$yall'(Ps, L, [A1, A2, A3, A4, A5, A6]).
'>>'(Ps, L, A1, A2, A3, A4, A5, A6, A7) :- '$yall'(Ps, L, [A1, A2, A3, A4, A5, A6, A7]).

'/'(Free, L) :- '$yall_free'(Free, L, []).
'/'(Free, L, A1) :- '$yall_free'(Free, L, [A1]).
'/'(Free, L, A1, A2) :- '$yall_free'(Free, L, [A1, A2]).
'/'(Free, L, A1, A2, A3) :- '$yall_free'(Free, L, [A1, A2, A3]).
'/'(Free, L, A1, A2, A3, A4) :- '$yall_free'(Free, L, [A1, A2, A3, A4]).
'/'(Free, L, A1, A2, A3, A4, A5) :- '$yall_free'(Free, L, [A1, A2, A3, A4, A5]).
'/'(Free, L, A1, A2, A3, A4, A5, A6) :- '$yall_free'(Free, L, [A1, A2, A3, A4, A5, A6]).
'/'(Free, L, A1, A2, A3, A4, A5, A6, A7) :-
    '$yall_free'(Free, L, [A1, A2, A3, A4, A5, A6, A7]).

'\\\\'(L) :- copy_term_nat(L, C), '$lambda_hat'(C, []).
'\\\\'(L, A1) :- copy_term_nat(L, C), '$lambda_hat'(C, [A1]).
'\\\\'(L, A1, A2) :- copy_term_nat(L, C), '$lambda_hat'(C, [A1, A2]).
'\\\\'(L, A1, A2, A3) :- copy_term_nat(L, C), '$lambda_hat'(C, [A1, A2, A3]).
'\\\\'(L, A1, A2, A3, A4) :- copy_term_nat(L, C), '$lambda_hat'(C, [A1, A2, A3, A4]).
'\\\\'(L, A1, A2, A3, A4, A5) :- copy_term_nat(L, C), '$lambda_hat'(C, [A1, A2, A3, A4, A5]).
'\\\\'(L, A1, A2, A3, A4, A5, A6) :-
    copy_term_nat(L, C),
    '$lambda_hat'(C, [A1, A2, A3, A4, A5, A6]).
'\\\\'(L, A1, A2, A3, A4, A5, A6, A7) :-
    copy_term_nat(L, C),
    '$lambda_hat'(C, [A1, A2, A3, A4, A5, A6, A7]).

% V^Body called with arguments binds V to the first (library(lambda)).
^(V, G, A1) :- '$lambda_hat'(V^G, [A1]).
^(V, G, A1, A2) :- '$lambda_hat'(V^G, [A1, A2]).
^(V, G, A1, A2, A3) :- '$lambda_hat'(V^G, [A1, A2, A3]).
^(V, G, A1, A2, A3, A4) :- '$lambda_hat'(V^G, [A1, A2, A3, A4]).
^(V, G, A1, A2, A3, A4, A5) :- '$lambda_hat'(V^G, [A1, A2, A3, A4, A5]).
^(V, G, A1, A2, A3, A4, A5, A6) :- '$lambda_hat'(V^G, [A1, A2, A3, A4, A5, A6]).
^(V, G, A1, A2, A3, A4, A5, A6, A7) :- '$lambda_hat'(V^G, [A1, A2, A3, A4, A5, A6, A7]).

'$yall'(Ps, _, _) :- var(Ps), !, throw(error(instantiation_error, _)).
'$yall'(Free/Ps, L, Args) :- !,
    '$yall_free_spec'(Free),
    must_be(list, Ps),
    copy_term_nat(Free/Ps>>L, Free/PsC>>LC),
    '$yall_bind'(PsC, Args, Extra, Free/Ps>>L),
    '$yall_call'(LC, Extra).
'$yall'(Ps, L, Args) :-
    must_be(list, Ps),
    copy_term_nat(Ps>>L, PsC>>LC),
    '$yall_bind'(PsC, Args, Extra, Ps>>L),
    '$yall_call'(LC, Extra).

'$yall_bind'([], Extra, Extra, _) :- !.
'$yall_bind'([P|Ps], [A|As], Extra, Lambda) :- !,
    P = A,
    '$yall_bind'(Ps, As, Extra, Lambda).
'$yall_bind'(_, _, _, Lambda) :-
    throw(error(domain_error(lambda_parameters, Lambda), _)).

'$yall_call'(G, []) :- !, call(G).
'$yall_call'(G, Extra) :- Goal =.. [call, G|Extra], call(Goal).

'$yall_free_spec'(Free) :- var(Free), !, throw(error(instantiation_error, _)).
'$yall_free_spec'({_}) :- !.
'$yall_free_spec'({}) :- !.
'$yall_free_spec'(Free) :- throw(error(type_error(lambda_free, Free), _)).

% Free/Lambda: a copy sharing only Free. A \\X^Body lambda is applied to
% that copy directly, so the free variables stay shared.
'$yall_free'(Free, L, Args) :-
    '$yall_free_spec'(Free),
    copy_term_nat(Free+L, Free+LC),
    (   nonvar(LC), LC = \\Hat
    ->  '$lambda_hat'(Hat, Args)
    ;   '$yall_call'(LC, Args)
    ).

% Binds the parameters of a copied V1^V2^...^Body to the arguments; the
% arguments left over are added to Body.
'$lambda_hat'(Body, Args) :-
    (   Args = [A|As]
    ->  (   nonvar(Body), Body = V^Body1
        ->  V = A,
            '$lambda_hat'(Body1, As)
        ;   '$yall_call'(Body, Args)
        )
    ;   nonvar(Body), Body = _^_
    ->  throw(error(existence_error(lambda_parameter, Body), _))
    ;   call(Body)
    ).
`;
