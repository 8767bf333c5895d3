// Every command, view and context-value id in one place. package.json is the source of truth; the
// integration test "commands declared ⇄ registered" keeps the two in step.
export const COMMANDS = {
  openChat: 'generatorYoutube.openChat',
} as const;

export const VIEWS = {
  container: 'generatorYoutube',
  chat: 'generatorYoutube.chat',
  timeline: 'generatorYoutube.timeline',
  renders: 'generatorYoutube.renders',
} as const;
