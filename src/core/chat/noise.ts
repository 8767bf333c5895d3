// "I encountered a temporary issue" appended after normal output is backend noise: drop it. When it is the
// whole answer it is kept (then it is the only thing the backend said).
// Matched from the start of the sentence that carries it, to the end of the text.
const NOISE = [
  /(?:^|\n|(?<=[.!?]))[ \t]*[^\n.!?]*\bI(?:'ve| have)? (?:encountered|ran into|hit) (?:a|some) temporary (?:issue|problem|error)[^\n]*\s*$/i,
  /(?:^|\n|(?<=[。！？.!?]))[ \t]*[^\n。！？]*遇到了?(?:一个|一些)?临时(?:性)?(?:的)?(?:问题|错误|故障)[^\n]*\s*$/,
];

export function dropTrailingNoise(text: string): string {
  let out = text;
  for (const re of NOISE) {
    const m = re.exec(out);
    if (m && m.index > 0 && out.slice(0, m.index).trim() !== '') out = out.slice(0, m.index);
  }
  return out.trimEnd();
}
