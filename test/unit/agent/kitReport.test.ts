// An export's upload kit as both agent front ends report it (core/agent/report.ts kitReport): the MCP server's
// tool results and VS Code's language-model tools name the same files from Workflow.saveExport's result.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { kitReport } from '../../../src/core/agent/report';
import type { KitResult } from '../../../src/core/kit/build';

const dir = path.join(path.sep, 'videos');
const at = (name: string): string => path.join(dir, name);

function made(opts: { captions: boolean; notices?: string[] }): KitResult {
  return {
    kit: {
      title: 'Agent Made',
      description: 'A video.',
      tags: ['agent'],
      chapters: [{ seconds: 0, title: 'Intro' }, { seconds: 12, title: 'City' }],
      thumbnail: 'Agent-Made.jpg',
      thumbnails: ['Agent-Made.jpg', 'Agent-Made.thumbnail-2.jpg'],
      captions: [],
      video: 'Agent-Made.mp4',
      durationSeconds: 30,
    },
    dir,
    files: {
      json: at('Agent-Made.youtube.json'),
      md: at('Agent-Made.youtube.md'),
      thumbnails: [at('Agent-Made.jpg'), at('Agent-Made.thumbnail-2.jpg')],
      srt: opts.captions ? at('Agent-Made.srt') : null,
      vtt: opts.captions ? at('Agent-Made.vtt') : null,
      burned: null,
    },
    notices: opts.notices ?? [],
    thumbnailTimes: [3, 9],
  };
}

describe('agents: the upload kit in a tool result (kitReport)', () => {
  it('names every file written beside the MP4, in order, then the kit\'s own notes; the data carries the paths', () => {
    const r = kitReport({ kit: made({ captions: true, notices: ['No speech found: no captions.'] }) }, 'en');
    assert.deepEqual(r.lines, [
      'Its YouTube upload kit (title, description with chapters, tags, thumbnails, captions) is next to it: Agent-Made.youtube.json, Agent-Made.youtube.md, Agent-Made.jpg, Agent-Made.thumbnail-2.jpg, Agent-Made.srt, Agent-Made.vtt.',
      'No speech found: no captions.',
    ]);
    assert.equal(r.data?.files.json, at('Agent-Made.youtube.json'));
    assert.equal(r.data?.title, 'Agent Made');
    assert.deepEqual(r.data?.chapters.map((c) => c.title), ['Intro', 'City']);
  });

  it('leaves out files that were not written (no captions); Chinese words', () => {
    const r = kitReport({ kit: made({ captions: false }) }, 'zh');
    assert.equal(r.lines.length, 1);
    assert.equal(r.lines[0], '它的 YouTube 上传套件（标题、含章节的简介、标签、缩略图、字幕）在旁边：Agent-Made.youtube.json, Agent-Made.youtube.md, Agent-Made.jpg, Agent-Made.thumbnail-2.jpg。');
  });

  it('a kit that failed says why (the video is saved); no kit asked for says nothing', () => {
    const failed = kitReport({ kitError: new Error('ffmpeg is missing') }, 'en');
    assert.deepEqual(failed.lines, ['The video was saved, but its upload kit could not be made: ffmpeg is missing']);
    assert.equal(failed.data, null);
    assert.deepEqual(kitReport({}, 'en'), { lines: [], data: null });
  });
});
