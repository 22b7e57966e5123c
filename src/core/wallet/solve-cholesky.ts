/**
 * Solves A x = b for a symmetric positive-definite A (row-major size × size; only the lower
 * triangle is read) by Cholesky factorisation A = L Lᵀ. Returns null when A is not numerically
 * positive definite, so callers can regularise and retry. Neither argument is modified.
 */
export function solveCholesky(
  matrix: Float64Array,
  rhs: Float64Array,
  size: number,
): Float64Array | null {
  const l = new Float64Array(size * size);
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i * size + j] ?? 0;
      for (let k = 0; k < j; k += 1) sum -= (l[i * size + k] ?? 0) * (l[j * size + k] ?? 0);
      if (i === j) {
        // a pivot that small relative to the diagonal means A is singular in double precision
        if (!(sum > 1e-14 * Math.abs(matrix[i * size + i] ?? 0)) || !(sum > 0)) return null;
        l[i * size + i] = Math.sqrt(sum);
      } else {
        l[i * size + j] = sum / (l[j * size + j] ?? 1);
      }
    }
  }
  const x = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    let sum = rhs[i] ?? 0;
    for (let k = 0; k < i; k += 1) sum -= (l[i * size + k] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i * size + i] ?? 1);
  }
  for (let i = size - 1; i >= 0; i -= 1) {
    let sum = x[i] ?? 0;
    for (let k = i + 1; k < size; k += 1) sum -= (l[k * size + i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i * size + i] ?? 1);
  }
  return x;
}
