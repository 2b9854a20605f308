/**
 * Precision and recall of an extractor on the hand-labelled articles of data/eval/: per language
 * and fact type (visits, meetings). A visit is right when its traveler, country and date agree
 * with a labelled one (a label without a date accepts any); a meeting when its principals are
 * exactly a labelled meeting's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeName } from '../graph/normalize.js';
import type { Extractor, MeetingProposal, ProposedEntity, VisitProposal } from './types.js';

interface LabelledArticle {
  file: string;
  language: 'ar' | 'en';
  publishedAt: string;
  visits: { traveler: string[]; host: string; date: string | null }[];
  meetings: { participants: string[][] }[];
  /** Written after the rules were frozen: reported apart as well. */
  heldOut?: boolean;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalReport {
  articles: number;
  /** `${language}/${type}` → counts over every article. */
  scores: Record<string, Score>;
  /** The same over the held-out articles only. */
  heldOut: Record<string, Score>;
  heldOutArticles: number;
  /** What went wrong, article by article. */
  misses: string[];
}

function names(e: ProposedEntity): string[] {
  return [e.name, e.nameAr ?? ''].filter(Boolean).map(normalizeName);
}

function sameEntity(e: ProposedEntity, labels: string[]): boolean {
  const wanted = labels.map(normalizeName);
  return names(e).some((n) => wanted.includes(n)) || labels.includes(e.id);
}

export function precision(s: Score): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
}
export function recall(s: Score): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
}

export async function evaluate(extractor: Extractor, dir: string): Promise<EvalReport> {
  const { articles } = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { articles: LabelledArticle[] };
  const scores: Record<string, Score> = {};
  const heldOut: Record<string, Score> = {};
  const misses: string[] = [];
  for (const article of articles) {
    // Counts go to the whole set, and to the held-out set for held-out articles.
    const score = (key: string) => {
      const all = (scores[key] ??= { tp: 0, fp: 0, fn: 0 });
      if (!article.heldOut) return all;
      const held = (heldOut[key] ??= { tp: 0, fp: 0, fn: 0 });
      return new Proxy(all, {
        set(target, field: keyof Score, value: number) {
          held[field] += value - target[field];
          target[field] = value;
          return true;
        },
      });
    };
    const text = readFileSync(path.join(dir, 'articles', article.file), 'utf8');
    const { proposals } = await extractor.extract({ text, publishedAt: article.publishedAt });

    const visits = proposals.filter((p): p is VisitProposal => p.type === 'visit');
    const openVisits = [...article.visits];
    const visitScore = score(`${article.language}/visit`);
    for (const v of visits) {
      const at = openVisits.findIndex((l) => sameEntity(v.traveler, l.traveler) && sameEntity(v.host, [l.host]) && (l.date === null || l.date === v.date));
      if (at >= 0) {
        visitScore.tp += 1;
        openVisits.splice(at, 1);
      } else {
        visitScore.fp += 1;
        misses.push(`${article.file}: wrong visit ${v.summary}`);
      }
    }
    visitScore.fn += openVisits.length;
    for (const l of openVisits) misses.push(`${article.file}: missed visit ${l.traveler[0]} → ${l.host} ${l.date ?? ''}`);

    const meetings = proposals.filter((p): p is MeetingProposal => p.type === 'meeting');
    const openMeetings = [...article.meetings];
    const meetingScore = score(`${article.language}/meeting`);
    for (const m of meetings) {
      const at = openMeetings.findIndex(
        (l) => l.participants.length === m.participants.length && l.participants.every((labels) => m.participants.some((x) => sameEntity(x, labels))),
      );
      if (at >= 0) {
        meetingScore.tp += 1;
        openMeetings.splice(at, 1);
      } else {
        meetingScore.fp += 1;
        misses.push(`${article.file}: wrong meeting ${m.summary}`);
      }
    }
    meetingScore.fn += openMeetings.length;
    for (const l of openMeetings) misses.push(`${article.file}: missed meeting ${l.participants.map((p) => p[0]).join(' + ')}`);
  }
  return { articles: articles.length, scores, heldOut, heldOutArticles: articles.filter((a) => a.heldOut).length, misses };
}
