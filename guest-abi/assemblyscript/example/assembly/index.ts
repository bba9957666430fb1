// An AssemblyScript guest for Hearth. NOT COMPILED HERE: the AssemblyScript compiler (asc)
// cannot be installed on the machines this repository is built on (it ships only through
// npm). Compile it where npm is available:
//
//   npm install --save-dev assemblyscript
//   npx asc assembly/index.ts --exportRuntime -O3 -o example.wasm
//
// then call it with its sidecar, example.as.json, next to it:
//
//   hearth call example.wasm greet '"World"'
//
// Hearth's tests use Tests/BridgeTests/Fixtures/assemblyscript.wat instead, a module written
// by hand to the exact layout asc produces for functions like these.

/** "Hello, <name>!" */
export function greet(name: string): string {
  return "Hello, " + name + "!";
}

/** The sum of the numbers. */
export function sum(values: Int32Array): i32 {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** [0, 1, ..., n-1] */
export function range(n: i32): Array<i32> {
  const out = new Array<i32>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** The words joined by single spaces. */
export function join(words: Array<string>): string {
  return words.join(" ");
}

/** Fails with a message: the host gets HEARTH-E403 with the message, file, line and column. */
export function parsePositive(text: string): i32 {
  const value = I32.parseInt(text);
  if (value <= 0) throw new Error(text + " is not positive");
  return value;
}
