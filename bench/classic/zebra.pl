% The zebra puzzle (the classic benchmark version): who owns the zebra? The
% japanese; the norwegian drinks water.

z_houses([house(_, norwegian, _, _, _), _, house(_, _, _, milk, _), _, _]).

z_right_of(A, B, [B, A|_]).
z_right_of(A, B, [_|Y]) :- z_right_of(A, B, Y).

z_next_to(A, B, [A, B|_]).
z_next_to(A, B, [B, A|_]).
z_next_to(A, B, [_|Y]) :- z_next_to(A, B, Y).

z_member(X, [X|_]).
z_member(X, [_|Y]) :- z_member(X, Y).

zebra(Houses) :-
    z_houses(Houses),
    z_member(house(red, english, _, _, _), Houses),
    z_member(house(_, spanish, dog, _, _), Houses),
    z_member(house(green, _, _, coffee, _), Houses),
    z_member(house(_, ukrainian, _, tea, _), Houses),
    z_right_of(house(green, _, _, _, _), house(ivory, _, _, _, _), Houses),
    z_member(house(_, _, snails, _, winstons), Houses),
    z_member(house(yellow, _, _, _, kools), Houses),
    z_next_to(house(_, _, _, _, chesterfields), house(_, _, fox, _, _), Houses),
    z_next_to(house(_, _, _, _, kools), house(_, _, horse, _, _), Houses),
    z_member(house(_, _, _, orange_juice, lucky_strikes), Houses),
    z_member(house(_, japanese, _, _, parliaments), Houses),
    z_next_to(house(_, norwegian, _, _, _), house(blue, _, _, _, _), Houses),
    z_member(house(_, _, zebra, _, _), Houses),
    z_member(house(_, _, _, water, _), Houses).

% [ZebraOwner, WaterDrinker].
zebra_owner([Owner, Drinker]) :-
    zebra(Hs),
    z_member(house(_, Owner, zebra, _, _), Hs),
    z_member(house(_, Drinker, _, water, _), Hs), !.
