// The five agent tools, once: their names in each front end (VS Code language-model tools, MCP), what a
// model is told about when to use them, their JSON input schemas, and the checks of what a model sends.
// package.json's `contributes.languageModelTools` repeats the schemas and descriptions (VS Code reads them
// before the extension runs); test/unit/agent/tools.test.ts keeps the two in step.
import * as z from 'zod';
import type { Lang } from '../i18n';
import { agentMessage } from './messages';
import { ASPECTS, type Aspect } from './prompt';

export type AgentToolId = 'generate' | 'edit' | 'status' | 'export' | 'credits';

export const AGENT_TOOL_IDS: readonly AgentToolId[] = ['generate', 'edit', 'status', 'export', 'credits'];

/** Tool names as each front end exposes them (VS Code wants a prefix; MCP clients show plain verbs). */
export const TOOL_NAMES: Readonly<Record<AgentToolId, { vscode: string; mcp: string }>> = {
  generate: { vscode: 'generatorYoutube_generate', mcp: 'generate_video' },
  edit: { vscode: 'generatorYoutube_edit', mcp: 'edit_video' },
  status: { vscode: 'generatorYoutube_status', mcp: 'timeline_status' },
  export: { vscode: 'generatorYoutube_export', mcp: 'export_video' },
  credits: { vscode: 'generatorYoutube_credits', mcp: 'credits_balance' },
};

const MAX_FILES = 50;
const MAX_TEXT = 4000;

const filesField = z
  .array(z.string().trim().min(1, 'a file path is empty').max(4096, 'a file path is too long'), 'files must be a list of file paths')
  .min(1, 'files needs at least one video, image or audio file')
  .max(MAX_FILES, `files takes at most ${MAX_FILES} files`);
const promptField = z.string('prompt must be text').trim().min(1, 'prompt is empty').max(MAX_TEXT, `prompt is longer than ${MAX_TEXT} characters`);
const aspectField = z.enum(ASPECTS as [Aspect, ...Aspect[]], 'aspect must be "16:9", "9:16" or "1:1"');
const outDirField = z.string('outDir must be a folder path').trim().min(1, 'outDir is empty').max(4096, 'outDir is too long');

const SCHEMAS = {
  generate: z.strictObject({ files: filesField, prompt: promptField.optional(), aspect: aspectField.optional(), outDir: outDirField.optional() }),
  edit: z.strictObject({ instruction: z.string('instruction must be text').trim().min(1, 'instruction is empty').max(MAX_TEXT, `instruction is longer than ${MAX_TEXT} characters`) }),
  status: z.strictObject({}),
  export: z.strictObject({ outDir: outDirField.optional() }),
  credits: z.strictObject({}),
} as const;

export type AgentToolArgs = { [K in AgentToolId]: z.infer<(typeof SCHEMAS)[K]> };

export type ParsedArgs<K extends AgentToolId> = { ok: true; args: AgentToolArgs[K] } | { ok: false; message: string };

/**
 * Checks what a model sent for a tool. Unknown fields are refused (a misspelt `file` instead of `files`
 * should be an error the model can read, not a silently empty call). The message names every problem.
 */
export function parseToolArgs<K extends AgentToolId>(id: K, raw: unknown, lang: Lang, front: 'vscode' | 'mcp'): ParsedArgs<K> {
  const r = SCHEMAS[id].safeParse(raw ?? {});
  if (r.success) return { ok: true, args: r.data as AgentToolArgs[K] };
  const problems = r.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message)).join('; ');
  return { ok: false, message: agentMessage(lang, 'badArgs', { tool: TOOL_NAMES[id][front], problems }) };
}

type JsonSchema = Record<string, unknown>;

const filesSchema = { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: MAX_FILES, description: 'Absolute paths of the clips, images and audio files to use, in the order they should appear (mp4, mov, webm, mkv, avi, m4v; jpg, png, gif, webp; mp3, wav, m4a, aac). Music goes last.' };
const promptSchema = { type: 'string', maxLength: MAX_TEXT, description: 'What the video should be, in plain words, e.g. "add an intro titled My Trip, remove silences, lo-fi music at 30%". Default: a YouTube-ready video with intro, cuts and outro.' };
const aspectSchema = { type: 'string', enum: [...ASPECTS], description: 'Frame shape: "16:9" for YouTube, "9:16" for Shorts, "1:1" square.' };

/** JSON Schemas of the inputs, per front end (the MCP generate tool also exports, so it takes outDir). */
export function inputSchema(id: AgentToolId, front: 'vscode' | 'mcp'): JsonSchema {
  const outDir = (what: string): JsonSchema => ({ type: 'string', description: `Folder to save the MP4 in (absolute path). Default: ${what}.` });
  switch (id) {
    case 'generate':
      return {
        type: 'object',
        properties: front === 'mcp' ? { files: filesSchema, prompt: promptSchema, aspect: aspectSchema, outDir: outDir('the current folder') } : { files: filesSchema, prompt: promptSchema, aspect: aspectSchema },
        required: ['files'],
        additionalProperties: false,
      };
    case 'edit':
      return {
        type: 'object',
        properties: { instruction: { type: 'string', minLength: 1, maxLength: MAX_TEXT, description: 'One editing instruction in plain words, e.g. "trim the first 5 seconds and add a title \'Day 1\' for 3 seconds".' } },
        required: ['instruction'],
        additionalProperties: false,
      };
    case 'export':
      return { type: 'object', properties: { outDir: outDir(front === 'mcp' ? 'the current folder' : 'the generatorYoutube.outputFolder setting, else youtube-exports in the workspace') }, additionalProperties: false };
    case 'status':
    case 'credits':
      return { type: 'object', properties: {}, additionalProperties: false };
  }
}

/** What a model reads to decide when to call each tool. */
export function modelDescription(id: AgentToolId, front: 'vscode' | 'mcp'): string {
  const n = (t: AgentToolId): string => TOOL_NAMES[t][front];
  switch (id) {
    case 'generate':
      return `Starts a YouTube video from local clips: uploads the files to the Generator YouTube editor and asks it for a first cut (intro, cuts, outro unless the prompt says otherwise). Use it when the user wants a video made from footage on disk. Uploads files and spends credits. ${front === 'mcp' ? 'Then exports the MP4 into outDir and returns its path' : `Returns the timeline; call ${n('export')} to get the MP4`}. Use ${n('edit')} to change an existing video instead of generating again.`;
    case 'edit':
      return `Changes the current video with one plain-language instruction (cuts, titles, intro/outro, music and its volume, crossfades, fades, aspect ratio, clip order, silence removal). Use it after ${n('generate')}, once per change the user asks for. Spends credits. Returns the editor's reply and the new timeline.`;
    case 'status':
      return `Describes the current video: its tracks (video, music, titles) with times, whether it can be exported, and its exports. Use it before editing or exporting when you are unsure what the video holds. Free.`;
    case 'export':
      return `Renders the current video to an MP4 and saves it on disk, waiting until it is done. Use it when the user wants the finished file. Returns the file path. Call ${n('status')} first if unsure the timeline has clips.`;
    case 'credits':
      return `Returns the credit balance (available, reserved, total). Use it when the user asks about credits or before a large job. Free.`;
  }
}
