// Identifier formats shared by several files.

/**
 * Crew and maintenance rosters deliberately share this format (R00001...), so the
 * two tables' keys overlap: the loader must keep them apart.
 */
export function rosterId(n: number): string {
  return `R${String(n).padStart(5, '0')}`;
}
