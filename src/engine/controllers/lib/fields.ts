/**
 * Guards for numbers read from objects. The API server's decoder refuses a non-integer where Go
 * has an int32, so a stored object never has one; a controller reads through these anyway, so a
 * NaN, a fraction or a string that got in some other way never becomes a loop bound.
 */

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** value when it is an int32 (an integer in range), else fallback: `int32Field(rs.spec?.replicas, 1)`. */
export function int32Field(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
    ? value
    : fallback;
}
