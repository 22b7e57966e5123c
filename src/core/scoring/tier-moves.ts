/** How many accounts went from each tier to each other (or the same) tier, in first-seen order. */
export function countTierMoves(
  pairs: Iterable<{ from: string; to: string }>,
): { from: string; to: string; accounts: number }[] {
  const moves = new Map<string, { from: string; to: string; accounts: number }>();
  for (const { from, to } of pairs) {
    const key = `${from}\u0000${to}`;
    const move = moves.get(key);
    if (move) move.accounts += 1;
    else moves.set(key, { from, to, accounts: 1 });
  }
  return [...moves.values()];
}
