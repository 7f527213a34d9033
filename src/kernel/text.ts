/** Words for counts on screen: "1 instance", "2 instances", "0 series". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
